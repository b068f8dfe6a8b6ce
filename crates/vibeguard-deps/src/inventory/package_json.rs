//! package.json, for projects without a lockfile: the dependency sections with their
//! declared ranges. An exact version (`1.2.3`, `=1.2.3`) is a pin; workspace, file and
//! link specs are local code; git and URL specs keep their source.

use super::{Inventory, LineIndex, Origin, Package, json_error};
use crate::ecosystem::Ecosystem;
use serde_json::Value;

/// `Some(version)` when a declared range allows exactly one version.
pub(crate) fn exact(spec: &str) -> Option<String> {
    let s = spec.trim().trim_start_matches('=').trim_start_matches('v');
    let v = semver::Version::parse(s).ok()?;
    Some(v.to_string())
}

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let doc: Value = serde_json::from_str(text).map_err(|e| json_error(path, "package.json", e))?;
    let lines = LineIndex::new(text);
    let mut inv = Inventory::default();
    for (section, dev) in [
        ("dependencies", false),
        ("optionalDependencies", false),
        ("peerDependencies", false),
        ("devDependencies", true),
    ] {
        let Some(map) = doc.get(section).and_then(Value::as_object) else {
            continue;
        };
        let (_, start) = lines.find(&format!("\"{section}\""), 0).unwrap_or((1, 0));
        for (name, spec) in map {
            let spec = spec.as_str().unwrap_or("");
            let line = lines
                .find(&format!("\"{name}\""), start)
                .map(|(l, _)| l)
                .unwrap_or(1);
            let (real, spec) = match spec.strip_prefix("npm:") {
                Some(alias) => match alias[1..].find('@') {
                    Some(i) => (alias[..i + 1].to_string(), alias[i + 2..].to_string()),
                    None => (alias.to_string(), String::new()),
                },
                None => (name.clone(), spec.to_string()),
            };
            let mut p = Package::new(Ecosystem::Npm, &real, None, path, line);
            p.direct = Some(true);
            p.dev = dev;
            let lower = spec.to_ascii_lowercase();
            if lower.starts_with("workspace:")
                || lower.starts_with("file:")
                || lower.starts_with("link:")
                || lower.starts_with("portal:")
            {
                p.origin = Origin::Path;
            } else if lower.starts_with("git")
                || lower.starts_with("github:")
                || (lower.contains('/') && !lower.contains("://") && !lower.starts_with('@'))
            {
                p.origin = Origin::Git;
                p.resolved = Some(spec.clone());
            } else if lower.starts_with("http://") || lower.starts_with("https://") {
                p.origin = Origin::Url;
                p.resolved = Some(spec.clone());
            } else {
                p.version = exact(&spec);
                if p.version.is_none() {
                    p.requirement = Some(spec.clone());
                }
            }
            inv.packages.push(p);
        }
    }
    Ok(inv)
}
