//! packages.lock.json (NuGet lock file, `version` 1 or 2): per target framework, each
//! package id with its `type` (`Direct`, `Transitive`, `CentralTransitive`, `Project`),
//! `resolved` version, `contentHash` (base64 SHA-512) and `dependencies`. A package that
//! several frameworks resolve to the same version is listed once.

use super::{Inventory, LineIndex, Origin, Package, broken, json_error};
use crate::ecosystem::Ecosystem;
use serde_json::Value;

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let doc: Value =
        serde_json::from_str(text).map_err(|e| json_error(path, "packages.lock.json", e))?;
    let Some(frameworks) = doc.get("dependencies").and_then(Value::as_object) else {
        return Err(broken(
            path,
            1,
            "packages.lock.json has no `dependencies` object",
        ));
    };
    let lines = LineIndex::new(text);
    let mut inv = Inventory::default();
    let mut seen = std::collections::HashSet::new();
    for (framework, pkgs) in frameworks {
        let Some(pkgs) = pkgs.as_object() else {
            continue;
        };
        let start = lines.key_line(framework).unwrap_or(1);
        for (name, e) in pkgs {
            let version = e.get("resolved").and_then(Value::as_str);
            let kind = e.get("type").and_then(Value::as_str).unwrap_or("");
            let key = (name.to_ascii_lowercase(), version.map(str::to_string));
            if !seen.insert(key) {
                continue;
            }
            let line = lines.key_line_from(name, start).unwrap_or(start);
            let mut p = Package::new(Ecosystem::NuGet, name, version, path, line);
            p.direct = match kind {
                "Direct" => Some(true),
                "Transitive" | "CentralTransitive" => Some(false),
                _ => None,
            };
            if kind == "Project" {
                p.origin = Origin::Path;
            }
            if let Some(h) = e.get("contentHash").and_then(Value::as_str) {
                p.hashes.push(format!("sha512-{h}"));
            }
            if let Some(deps) = e.get("dependencies").and_then(Value::as_object) {
                p.dependencies = deps.keys().map(|k| k.to_ascii_lowercase()).collect();
            }
            inv.packages.push(p);
        }
    }
    Ok(inv)
}
