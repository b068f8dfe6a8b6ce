//! poetry.lock (lock versions 1 and 2): `[[package]]` with name, version, dev category
//! (`category = "dev"` in 1.x, `groups` in 2.x), `files` hashes (or `[metadata.files]`),
//! `[package.source]` for git/path/url packages and `[package.dependencies]` edges.

use super::cargo::table_lines;
use super::{Inventory, Origin, Package, toml_error};
use crate::ecosystem::Ecosystem;
use serde::Deserialize;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
    metadata: Option<toml::Table>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: String,
    category: Option<String>,
    groups: Option<Vec<String>>,
    #[serde(default)]
    files: Vec<File>,
    source: Option<Source>,
    dependencies: Option<toml::Table>,
}

#[derive(Deserialize)]
struct File {
    hash: Option<String>,
}

#[derive(Deserialize)]
struct Source {
    #[serde(rename = "type")]
    kind: Option<String>,
    url: Option<String>,
}

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let lock: Lock = toml::from_str(text).map_err(|e| toml_error(path, text, "poetry.lock", e))?;
    let headers = table_lines(text, "[[package]]");
    let mut inv = Inventory::default();
    for (i, e) in lock.package.iter().enumerate() {
        let line = headers.get(i).copied().unwrap_or(1);
        let mut p = Package::new(Ecosystem::PyPI, &e.name, Some(&e.version), path, line);
        p.dev = e.category.as_deref() == Some("dev")
            || e.groups
                .as_ref()
                .is_some_and(|g| !g.is_empty() && !g.iter().any(|x| x == "main"));
        if let Some(s) = &e.source {
            p.origin = match s.kind.as_deref() {
                Some("git") => Origin::Git,
                Some("directory" | "file") => Origin::Path,
                Some("url") => Origin::Url,
                _ => Origin::Registry,
            };
            p.resolved = s.url.clone();
        }
        p.hashes = e.files.iter().filter_map(|f| f.hash.clone()).collect();
        if p.hashes.is_empty()
            && let Some(files) = lock
                .metadata
                .as_ref()
                .and_then(|m| m.get("files"))
                .and_then(|f| f.get(&e.name))
                .and_then(|f| f.as_array())
        {
            p.hashes = files
                .iter()
                .filter_map(|f| f.get("hash").and_then(|h| h.as_str()).map(str::to_string))
                .collect();
        }
        if let Some(d) = &e.dependencies {
            p.dependencies = d.keys().map(|k| Ecosystem::PyPI.normalize(k)).collect();
        }
        inv.packages.push(p);
    }
    Ok(inv)
}
