//! Cargo.toml, for the gate's manifest edits and crates without a lockfile:
//! `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, target-specific
//! tables and `[workspace.dependencies]`. `package = "real-name"` renames are resolved;
//! path and git dependencies are not registry packages; `name.workspace = true` entries
//! are read from the workspace root's manifest. Only `=x.y.z` is a pin.

use super::{Inventory, LineIndex, Origin, Package, toml_error};
use crate::ecosystem::Ecosystem;

fn add_table(path: &str, lines: &LineIndex, t: &toml::Table, dev: bool, inv: &mut Inventory) {
    for (key, spec) in t {
        let (req, real, origin) = match spec {
            toml::Value::String(s) => (Some(s.clone()), key.clone(), Origin::Registry),
            // `serde.workspace = true`: the source and version are the workspace root's
            // `[workspace.dependencies]` entry, which is read (and checked) there; here the
            // name alone says nothing about where the crate comes from.
            toml::Value::Table(d) if d.get("workspace").and_then(|w| w.as_bool()) == Some(true) => {
                continue;
            }
            toml::Value::Table(d) => {
                let origin = if d.contains_key("path") {
                    Origin::Path
                } else if d.contains_key("git") {
                    Origin::Git
                } else {
                    Origin::Registry
                };
                let real = d
                    .get("package")
                    .and_then(|p| p.as_str())
                    .unwrap_or(key)
                    .to_string();
                (
                    d.get("version")
                        .and_then(|v| v.as_str())
                        .map(str::to_string),
                    real,
                    origin,
                )
            }
            _ => continue,
        };
        let line = lines
            .find(&format!("\n{key} "), 0)
            .or_else(|| lines.find(&format!("\n{key}="), 0))
            .map(|(l, _)| l + 1)
            .unwrap_or(1);
        let mut p = Package::new(Ecosystem::CratesIo, &real, None, path, line);
        p.direct = Some(true);
        p.dev = dev;
        p.origin = origin;
        if let Some(r) = req {
            match r.trim().strip_prefix('=') {
                Some(v) if semver::Version::parse(v.trim()).is_ok() => {
                    p.version = Some(v.trim().to_string())
                }
                _ => p.requirement = Some(r),
            }
        }
        inv.packages.push(p);
    }
}

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let doc: toml::Table =
        toml::from_str(text).map_err(|e| toml_error(path, text, "Cargo.toml", e))?;
    let lines = LineIndex::new(text);
    let mut inv = Inventory::default();
    let sections = |t: &toml::Table, inv: &mut Inventory| {
        for (name, dev) in [
            ("dependencies", false),
            ("build-dependencies", false),
            ("dev-dependencies", true),
        ] {
            if let Some(d) = t.get(name).and_then(|v| v.as_table()) {
                add_table(path, &lines, d, dev, inv);
            }
        }
    };
    sections(&doc, &mut inv);
    if let Some(targets) = doc.get("target").and_then(|t| t.as_table()) {
        for t in targets.values().filter_map(|v| v.as_table()) {
            sections(t, &mut inv);
        }
    }
    if let Some(ws) = doc
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table())
    {
        add_table(path, &lines, ws, false, &mut inv);
    }
    Ok(inv)
}
