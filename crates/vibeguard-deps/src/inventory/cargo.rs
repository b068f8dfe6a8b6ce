//! Cargo.lock (versions 1 to 4): `[[package]]` tables with name, version, source,
//! checksum and dependencies (`"name"` or `"name version (source)"`). Packages without a
//! source are the workspace's own crates; what they depend on is direct.

use super::{Inventory, Origin, Package, toml_error};
use crate::ecosystem::Ecosystem;
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
    #[serde(default)]
    metadata: Option<toml::Table>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: String,
    source: Option<String>,
    checksum: Option<String>,
    #[serde(default)]
    dependencies: Vec<String>,
}

/// Line of each `[[package]]` header, in order.
pub(crate) fn table_lines(text: &str, header: &str) -> Vec<u32> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let lock: Lock = toml::from_str(text).map_err(|e| toml_error(path, text, "Cargo.lock", e))?;
    let headers = table_lines(text, "[[package]]");
    let mut inv = Inventory::default();
    let members: Vec<&Entry> = lock.package.iter().filter(|e| e.source.is_none()).collect();
    let direct: HashSet<String> = members
        .iter()
        .flat_map(|m| m.dependencies.iter())
        .map(|d| Ecosystem::CratesIo.normalize(d.split(' ').next().unwrap_or(d)))
        .collect();
    for (i, e) in lock.package.iter().enumerate() {
        let line = headers.get(i).copied().unwrap_or(1);
        let mut p = Package::new(Ecosystem::CratesIo, &e.name, Some(&e.version), path, line);
        p.origin = match e.source.as_deref() {
            None => Origin::Path,
            Some(s) if s.starts_with("git+") => Origin::Git,
            Some(_) => Origin::Registry,
        };
        p.resolved = e.source.clone();
        if let Some(c) = &e.checksum {
            p.hashes.push(format!("sha256:{c}"));
        } else if let Some(m) = &lock.metadata {
            // Version 1 kept checksums in [metadata].
            let key = format!(
                "checksum {} {} ({})",
                e.name,
                e.version,
                e.source.as_deref().unwrap_or("")
            );
            if let Some(c) = m.get(&key).and_then(|v| v.as_str()) {
                p.hashes.push(format!("sha256:{c}"));
            }
        }
        p.direct = Some(e.source.is_some() && direct.contains(&p.normalized));
        p.dependencies = e
            .dependencies
            .iter()
            .map(|d| Ecosystem::CratesIo.normalize(d.split(' ').next().unwrap_or(d)))
            .collect();
        if p.origin == Origin::Path {
            continue; // the project's own crates
        }
        inv.packages.push(p);
    }
    Ok(inv)
}
