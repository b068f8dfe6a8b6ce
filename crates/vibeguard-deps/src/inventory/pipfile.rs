//! Pipfile.lock: JSON with `default` and `develop` sections, each mapping a name to its
//! pinned `version` (`==1.2.3`), `hashes`, or a `git`/`path`/`file` source.

use super::{Inventory, LineIndex, Origin, Package, json_error};
use crate::ecosystem::Ecosystem;
use serde_json::Value;

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let doc: Value = serde_json::from_str(text).map_err(|e| json_error(path, "Pipfile.lock", e))?;
    let lines = LineIndex::new(text);
    let mut inv = Inventory::default();
    for (section, dev) in [("default", false), ("develop", true)] {
        let Some(map) = doc.get(section).and_then(Value::as_object) else {
            continue;
        };
        let (_, mut cursor) = lines.find(&format!("\"{section}\""), 0).unwrap_or((1, 0));
        for (name, e) in map {
            let needle = format!("\"{name}\"");
            let line = match lines.find(&needle, cursor) {
                Some((l, end)) => {
                    cursor = end;
                    l
                }
                None => 1,
            };
            let version = e
                .get("version")
                .and_then(Value::as_str)
                .and_then(|v| v.strip_prefix("==").or_else(|| v.strip_prefix("===")));
            let mut p = Package::new(Ecosystem::PyPI, name, version, path, line);
            p.dev = dev;
            if let Some(g) = e.get("git").and_then(Value::as_str) {
                p.origin = Origin::Git;
                p.resolved = Some(g.to_string());
            } else if e.get("path").is_some() {
                p.origin = Origin::Path;
            } else if let Some(f) = e.get("file").and_then(Value::as_str) {
                p.origin = Origin::Url;
                p.resolved = Some(f.to_string());
            }
            if let Some(h) = e.get("hashes").and_then(Value::as_array) {
                p.hashes = h
                    .iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect();
            }
            inv.packages.push(p);
        }
    }
    Ok(inv)
}
