//! package-lock.json and npm-shrinkwrap.json, lockfile versions 1 to 3.
//!
//! v2 and v3 list every installed package under `packages`, keyed by its
//! `node_modules/...` path (the name is the path after the last `node_modules/`, with its
//! scope); the root entry `""` names the direct dependencies. v1 has a nested
//! `dependencies` tree instead. When both exist (v2), `packages` is used. Aliases
//! (`npm:real-name@1.0.0`) are recorded under the real name; linked workspace packages
//! and `file:` entries are local code, not registry packages.

use super::{Inventory, LineIndex, Origin, Package, json_error};
use crate::ecosystem::Ecosystem;
use serde_json::{Map, Value};
use std::collections::HashSet;

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let doc: Value =
        serde_json::from_str(text).map_err(|e| json_error(path, "package-lock.json", e))?;
    let lines = LineIndex::new(text);
    let mut inv = Inventory::default();
    if let Some(packages) = doc.get("packages").and_then(Value::as_object) {
        from_packages(path, packages, &lines, &mut inv);
    } else if let Some(deps) = doc.get("dependencies").and_then(Value::as_object) {
        from_v1(path, deps, &lines, true, &mut inv);
    }
    Ok(inv)
}

fn str_field<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

fn flag(v: &Value, k: &str) -> bool {
    v.get(k).and_then(Value::as_bool).unwrap_or(false)
}

fn dep_names(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["dependencies", "optionalDependencies", "peerDependencies"] {
        if let Some(m) = v.get(key).and_then(Value::as_object) {
            out.extend(m.keys().cloned());
        }
    }
    out
}

/// Name from a `node_modules/a/node_modules/@s/b` key.
fn name_of_key(key: &str) -> Option<&str> {
    let i = key.rfind("node_modules/")?;
    Some(&key[i + "node_modules/".len()..])
}

/// Origin and resolved version of an entry whose version may be a URL or alias.
fn classify(version: &str, resolved: Option<&str>) -> (Origin, Option<String>) {
    let v = version;
    if v.starts_with("file:") || v.starts_with("link:") {
        return (Origin::Path, None);
    }
    if v.starts_with("git")
        || v.contains("github:")
        || resolved.is_some_and(|r| r.starts_with("git"))
    {
        return (Origin::Git, None);
    }
    if v.starts_with("http://") || v.starts_with("https://") {
        return (Origin::Url, None);
    }
    (Origin::Registry, Some(v.to_string()))
}

fn from_packages(
    path: &str,
    packages: &Map<String, Value>,
    lines: &LineIndex,
    inv: &mut Inventory,
) {
    let root = packages.get("");
    let mut direct: HashSet<String> = HashSet::new();
    let mut direct_dev: HashSet<String> = HashSet::new();
    if let Some(r) = root {
        for k in ["dependencies", "optionalDependencies", "peerDependencies"] {
            if let Some(m) = r.get(k).and_then(Value::as_object) {
                direct.extend(m.keys().cloned());
            }
        }
        if let Some(m) = r.get("devDependencies").and_then(Value::as_object) {
            direct_dev.extend(m.keys().cloned());
        }
    }
    for (key, entry) in packages {
        if key.is_empty() {
            continue;
        }
        let line = lines.key_line(key).unwrap_or(1);
        let Some(key_name) = name_of_key(key) else {
            continue; // a workspace folder entry (`packages/app`)
        };
        if flag(entry, "link") {
            continue;
        }
        let name = str_field(entry, "name").unwrap_or(key_name);
        let version = str_field(entry, "version").unwrap_or("");
        let resolved = str_field(entry, "resolved");
        let (origin, version) = classify(version, resolved);
        let mut p = Package::new(Ecosystem::Npm, name, version.as_deref(), path, line);
        p.origin = origin;
        p.resolved = resolved.map(str::to_string);
        p.dev = flag(entry, "dev") || flag(entry, "devOptional");
        let top_level = key.matches("node_modules/").count() == 1;
        p.direct = Some(top_level && (direct.contains(key_name) || direct_dev.contains(key_name)));
        if let Some(h) = str_field(entry, "integrity") {
            p.hashes.push(h.to_string());
        }
        p.license = str_field(entry, "license").map(str::to_string);
        p.dependencies = dep_names(entry);
        inv.packages.push(p);
    }
}

fn from_v1(
    path: &str,
    deps: &Map<String, Value>,
    lines: &LineIndex,
    top: bool,
    inv: &mut Inventory,
) {
    for (name, entry) in deps {
        let line = lines.key_line(name).unwrap_or(1);
        let version = str_field(entry, "version").unwrap_or("");
        // `npm:real@1.2.3` aliases
        let (real, version) = match version.strip_prefix("npm:") {
            Some(alias) => match alias.rsplit_once('@') {
                Some((n, v)) if !n.is_empty() => (n.to_string(), v.to_string()),
                _ => (name.clone(), alias.to_string()),
            },
            None => (name.clone(), version.to_string()),
        };
        let resolved = str_field(entry, "resolved");
        let (origin, version) = classify(&version, resolved);
        let mut p = Package::new(Ecosystem::Npm, &real, version.as_deref(), path, line);
        p.origin = origin;
        p.resolved = resolved.map(str::to_string);
        p.dev = flag(entry, "dev");
        p.direct = if top { None } else { Some(false) };
        if let Some(h) = str_field(entry, "integrity") {
            p.hashes.push(h.to_string());
        }
        if let Some(req) = entry.get("requires").and_then(Value::as_object) {
            p.dependencies = req.keys().cloned().collect();
        }
        inv.packages.push(p);
        if let Some(nested) = entry.get("dependencies").and_then(Value::as_object) {
            from_v1(path, nested, lines, false, inv);
        }
    }
}
