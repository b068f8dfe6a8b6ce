//! uv.lock: `[[package]]` with name, version, `source` (registry, git, path, editable or
//! virtual: the last three are the project itself), `dependencies`, dev groups, and
//! sdist/wheel hashes. The project's own entries mark their dependencies as direct and
//! their `dev-dependencies` as dev.

use super::cargo::table_lines;
use super::{Inventory, Origin, Package, toml_error};
use crate::ecosystem::Ecosystem;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
}

#[derive(Deserialize)]
struct Dep {
    name: String,
}

#[derive(Deserialize)]
struct Artifact {
    hash: Option<String>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: Option<String>,
    #[serde(default)]
    source: toml::Table,
    #[serde(default)]
    dependencies: Vec<Dep>,
    #[serde(default, rename = "dev-dependencies")]
    dev_dependencies: BTreeMap<String, Vec<Dep>>,
    #[serde(default, rename = "optional-dependencies")]
    optional_dependencies: BTreeMap<String, Vec<Dep>>,
    sdist: Option<Artifact>,
    #[serde(default)]
    wheels: Vec<Artifact>,
}

fn is_project(e: &Entry) -> bool {
    ["editable", "virtual"]
        .iter()
        .any(|k| e.source.contains_key(*k))
        || e.source
            .get("directory")
            .is_some_and(|_| e.version.is_none())
}

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let lock: Lock = toml::from_str(text).map_err(|e| toml_error(path, text, "uv.lock", e))?;
    let headers = table_lines(text, "[[package]]");
    let n = |s: &str| Ecosystem::PyPI.normalize(s);
    let mut direct = HashSet::new();
    let mut dev = HashSet::new();
    for e in lock.package.iter().filter(|e| is_project(e)) {
        direct.extend(e.dependencies.iter().map(|d| n(&d.name)));
        direct.extend(
            e.optional_dependencies
                .values()
                .flatten()
                .map(|d| n(&d.name)),
        );
        for d in e.dev_dependencies.values().flatten() {
            direct.insert(n(&d.name));
            dev.insert(n(&d.name));
        }
    }
    let prod_direct: HashSet<String> = lock
        .package
        .iter()
        .filter(|e| is_project(e))
        .flat_map(|e| e.dependencies.iter().map(|d| n(&d.name)))
        .collect();
    let mut inv = Inventory::default();
    for (i, e) in lock.package.iter().enumerate() {
        if is_project(e) {
            continue;
        }
        let line = headers.get(i).copied().unwrap_or(1);
        let mut p = Package::new(Ecosystem::PyPI, &e.name, e.version.as_deref(), path, line);
        p.origin = if e.source.contains_key("git") {
            Origin::Git
        } else if e.source.contains_key("url") {
            Origin::Url
        } else if e.source.contains_key("path") || e.source.contains_key("directory") {
            Origin::Path
        } else {
            Origin::Registry
        };
        p.resolved = e
            .source
            .values()
            .next()
            .and_then(|v| v.as_str())
            .map(str::to_string);
        p.direct = Some(direct.contains(&p.normalized));
        p.dev = dev.contains(&p.normalized) && !prod_direct.contains(&p.normalized);
        p.hashes = e
            .sdist
            .iter()
            .chain(e.wheels.iter())
            .filter_map(|a| a.hash.clone())
            .collect();
        p.dependencies = e.dependencies.iter().map(|d| n(&d.name)).collect();
        inv.packages.push(p);
    }
    Ok(inv)
}
