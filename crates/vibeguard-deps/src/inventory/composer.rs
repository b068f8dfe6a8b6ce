//! composer.lock: `packages` and `packages-dev` arrays with name, version (a leading `v`
//! kept as written), source/dist, dist checksum, license and `require` edges.

use super::{Inventory, LineIndex, Origin, Package, json_error};
use crate::ecosystem::Ecosystem;
use serde_json::Value;

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let doc: Value =
        serde_json::from_str(text).map_err(|e| json_error(path, "composer.lock", e))?;
    let lines = LineIndex::new(text);
    let mut inv = Inventory::default();
    let mut cursor = 0;
    for (section, dev) in [("packages", false), ("packages-dev", true)] {
        let Some(list) = doc.get(section).and_then(Value::as_array) else {
            continue;
        };
        for e in list {
            let Some(name) = e.get("name").and_then(Value::as_str) else {
                continue;
            };
            let needle = format!("\"name\": \"{name}\"");
            let line = match lines.find(&needle, cursor) {
                Some((l, end)) => {
                    cursor = end;
                    l
                }
                None => lines.line_or_first(&format!("\"{name}\"")),
            };
            let version = e.get("version").and_then(Value::as_str);
            let mut p = Package::new(Ecosystem::Packagist, name, version, path, line);
            p.dev = dev;
            let dist_type = e.pointer("/dist/type").and_then(Value::as_str);
            let source_type = e.pointer("/source/type").and_then(Value::as_str);
            p.origin = match (dist_type, source_type) {
                (Some("path"), _) => Origin::Path,
                (None, Some("git")) => Origin::Git,
                _ => Origin::Registry,
            };
            if version.is_some_and(|v| v.starts_with("dev-")) {
                p.origin = Origin::Git;
            }
            p.resolved = e
                .pointer("/dist/url")
                .or_else(|| e.pointer("/source/url"))
                .and_then(Value::as_str)
                .map(str::to_string);
            if let Some(s) = e
                .pointer("/dist/shasum")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
            {
                p.hashes.push(format!("sha1:{s}"));
            }
            p.license = e
                .get("license")
                .and_then(Value::as_array)
                .map(|l| {
                    l.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" OR ")
                })
                .filter(|l| !l.is_empty());
            if let Some(req) = e.get("require").and_then(Value::as_object) {
                p.dependencies = req
                    .keys()
                    .filter(|k| k.contains('/'))
                    .map(|k| k.to_ascii_lowercase())
                    .collect();
            }
            inv.packages.push(p);
        }
    }
    Ok(inv)
}
