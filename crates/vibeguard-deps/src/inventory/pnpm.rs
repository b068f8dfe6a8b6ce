//! pnpm-lock.yaml, lockfile versions 5 to 9. Package keys are `/name/1.2.3` (v5),
//! `/name@1.2.3` (v6) or `name@1.2.3` (v9), possibly with a peer-dependency suffix
//! (`(react@18.2.0)` or `_react@18.2.0`); v9 moves the dependency edges to `snapshots`.
//! `importers` (or the top-level sections of a single-project v5 lockfile) say which
//! packages are direct and which are dev.

use super::{Inventory, LineIndex, Origin, Package};
use crate::ecosystem::Ecosystem;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// `(name, version)` from a package key.
pub(crate) fn split_key(key: &str) -> Option<(String, String)> {
    let k = key.strip_prefix('/').unwrap_or(key);
    let k = k.split('(').next().unwrap_or(k);
    // v6/v9: name@version (scoped names start with @)
    if let Some(i) = k[1.min(k.len())..].find('@').map(|i| i + 1) {
        let name = &k[..i];
        let version = &k[i + 1..];
        if !version.contains('/') {
            return Some((name.to_string(), strip_peer(version).to_string()));
        }
    }
    // v5: /name/1.2.3 or /@scope/name/1.2.3
    let i = k.rfind('/')?;
    Some((k[..i].to_string(), strip_peer(&k[i + 1..]).to_string()))
}

fn strip_peer(v: &str) -> &str {
    v.split('_').next().unwrap_or(v)
}

fn version_of(spec: &Value) -> Option<String> {
    let v = match spec {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("version")?.as_str()?,
        _ => return None,
    };
    Some(v.split('(').next().unwrap_or(v).to_string())
}

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let doc: Value = serde_saphyr::from_str(text).map_err(|e| {
        let msg = e.to_string();
        let line = msg
            .split("line ")
            .nth(1)
            .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        super::broken(path, line, format!("not a valid pnpm-lock.yaml: {msg}"))
    })?;
    let lines = LineIndex::new(text);
    let mut direct: HashSet<(String, String)> = HashSet::new();
    let mut dev_direct: HashSet<(String, String)> = HashSet::new();
    let mut importers: Vec<&Value> = Vec::new();
    match doc.get("importers").and_then(Value::as_object) {
        Some(m) => importers.extend(m.values()),
        None => importers.push(&doc),
    }
    for imp in importers {
        for (section, dev) in [
            ("dependencies", false),
            ("optionalDependencies", false),
            ("devDependencies", true),
        ] {
            if let Some(m) = imp.get(section).and_then(Value::as_object) {
                for (name, spec) in m {
                    if let Some(v) = version_of(spec) {
                        let key = (name.clone(), v);
                        if dev {
                            dev_direct.insert(key);
                        } else {
                            direct.insert(key);
                        }
                    }
                }
            }
        }
    }
    let snapshots = doc.get("snapshots").and_then(Value::as_object);
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    if let Some(s) = snapshots {
        for (k, v) in s {
            if let Some((n, ver)) = split_key(k)
                && let Some(d) = v.get("dependencies").and_then(Value::as_object)
            {
                edges
                    .entry(format!("{n}@{ver}"))
                    .or_default()
                    .extend(d.keys().cloned());
            }
        }
    }
    let mut inv = Inventory::default();
    let Some(packages) = doc.get("packages").and_then(Value::as_object) else {
        return Ok(inv);
    };
    let start = lines.key_line("packages").unwrap_or(0);
    for (key, entry) in packages {
        let Some((name, version)) = split_key(key) else {
            inv.warnings.push(super::broken(
                path,
                lines.line_or_first(key),
                format!("cannot read package key `{key}`"),
            ));
            continue;
        };
        let line = lines.key_line_from(key, start).unwrap_or(1);
        let mut p = Package::new(Ecosystem::Npm, &name, Some(&version), path, line);
        let res = entry.get("resolution");
        if let Some(h) = res.and_then(|r| r.get("integrity")).and_then(Value::as_str) {
            p.hashes.push(h.to_string());
        }
        if let Some(t) = res.and_then(|r| r.get("tarball")).and_then(Value::as_str) {
            p.resolved = Some(t.to_string());
            if !t.contains("/-/") {
                p.origin = Origin::Url;
            }
        }
        if res.and_then(|r| r.get("repo")).is_some() || res.and_then(|r| r.get("commit")).is_some()
        {
            p.origin = Origin::Git;
        }
        if let Some(real) = entry.get("name").and_then(Value::as_str) {
            p.name = real.to_string();
            p.normalized = real.to_string();
        }
        let k = (p.name.clone(), version.clone());
        p.dev = entry
            .get("dev")
            .and_then(Value::as_bool)
            .unwrap_or_else(|| dev_direct.contains(&k) && !direct.contains(&k));
        p.direct = Some(direct.contains(&k) || dev_direct.contains(&k));
        p.license = entry
            .get("license")
            .and_then(Value::as_str)
            .map(str::to_string);
        p.dependencies = match entry.get("dependencies").and_then(Value::as_object) {
            Some(d) => d.keys().cloned().collect(),
            None => edges
                .remove(&format!("{name}@{version}"))
                .unwrap_or_default(),
        };
        inv.packages.push(p);
    }
    Ok(inv)
}
