//! pylock.toml (PEP 751): `[[packages]]` with name, version, an `index` or a `vcs`,
//! `directory` or `archive` source, and sdist/wheel/archive hashes (`{ sha256 = ... }`).

use super::cargo::table_lines;
use super::{Inventory, Origin, Package, toml_error};
use crate::ecosystem::Ecosystem;

fn hashes_of(v: Option<&toml::Value>) -> Vec<String> {
    v.and_then(|x| x.get("hashes"))
        .and_then(|h| h.as_table())
        .map(|t| {
            t.iter()
                .filter_map(|(alg, val)| val.as_str().map(|s| format!("{alg}:{s}")))
                .collect()
        })
        .unwrap_or_default()
}

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let doc: toml::Table =
        toml::from_str(text).map_err(|e| toml_error(path, text, "pylock.toml", e))?;
    let headers = table_lines(text, "[[packages]]");
    let mut inv = Inventory::default();
    let Some(pkgs) = doc.get("packages").and_then(|p| p.as_array()) else {
        return Err(super::broken(path, 1, "pylock.toml has no [[packages]]"));
    };
    for (i, e) in pkgs.iter().enumerate() {
        let Some(name) = e.get("name").and_then(|n| n.as_str()) else {
            let line = headers.get(i).copied().unwrap_or(1);
            inv.warnings
                .push(super::broken(path, line, "package without a name"));
            continue;
        };
        let version = e.get("version").and_then(|v| v.as_str());
        let line = headers.get(i).copied().unwrap_or(1);
        let mut p = Package::new(Ecosystem::PyPI, name, version, path, line);
        if let Some(v) = e.get("vcs") {
            p.origin = Origin::Git;
            p.resolved = v.get("url").and_then(|u| u.as_str()).map(str::to_string);
        } else if e.get("directory").is_some() {
            p.origin = Origin::Path;
        } else if let Some(a) = e.get("archive") {
            p.origin = Origin::Url;
            p.resolved = a.get("url").and_then(|u| u.as_str()).map(str::to_string);
            p.hashes.extend(hashes_of(Some(a)));
        } else {
            p.resolved = e.get("index").and_then(|u| u.as_str()).map(str::to_string);
        }
        p.hashes.extend(hashes_of(e.get("sdist")));
        if let Some(w) = e.get("wheels").and_then(|w| w.as_array()) {
            for wheel in w {
                p.hashes.extend(hashes_of(Some(wheel)));
            }
        }
        if let Some(deps) = e.get("dependencies").and_then(|d| d.as_array()) {
            p.dependencies = deps
                .iter()
                .filter_map(|d| d.get("name").and_then(|n| n.as_str()))
                .map(|n| Ecosystem::PyPI.normalize(n))
                .collect();
        }
        inv.packages.push(p);
    }
    Ok(inv)
}
