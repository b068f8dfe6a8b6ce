//! composer.json, for the gate's manifest edits and projects without composer.lock:
//! `require` and `require-dev` (platform requirements such as `php` and `ext-*` are not
//! packages). An exact version (`1.2.3`) is a pin.

use super::{Inventory, LineIndex, Package, json_error};
use crate::ecosystem::Ecosystem;
use serde_json::Value;

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let doc: Value =
        serde_json::from_str(text).map_err(|e| json_error(path, "composer.json", e))?;
    let lines = LineIndex::new(text);
    let mut inv = Inventory::default();
    for (section, dev) in [("require", false), ("require-dev", true)] {
        let Some(map) = doc.get(section).and_then(Value::as_object) else {
            continue;
        };
        for (name, spec) in map {
            if !name.contains('/') {
                continue;
            }
            let spec = spec.as_str().unwrap_or("");
            let line = lines.line_or_first(&format!("\"{name}\""));
            let mut p = Package::new(Ecosystem::Packagist, name, None, path, line);
            p.direct = Some(true);
            p.dev = dev;
            let s = spec.trim().trim_start_matches('v');
            if s.split('.').count() >= 2 && s.chars().all(|c| c.is_ascii_digit() || c == '.') {
                p.version = Some(s.to_string());
            } else {
                p.requirement = Some(spec.to_string());
            }
            inv.packages.push(p);
        }
    }
    Ok(inv)
}
