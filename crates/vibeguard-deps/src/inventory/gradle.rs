//! gradle.lockfile (Gradle dependency locking): one `group:artifact:version=conf1,conf2`
//! line per resolved module, `#` comments and an `empty=...` line for configurations
//! without dependencies. A module only on test configurations is a dev dependency.

use super::{Inventory, Package, broken};
use crate::ecosystem::Ecosystem;

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let mut inv = Inventory::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with("empty=") {
            continue;
        }
        let n = i as u32 + 1;
        let (coords, confs) = line.split_once('=').unwrap_or((line, ""));
        let parts: Vec<&str> = coords.split(':').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.trim().is_empty()) {
            return Err(broken(
                path,
                n,
                format!(
                    "not a gradle.lockfile entry (`group:artifact:version=configurations`): `{line}`"
                ),
            ));
        }
        let name = format!("{}:{}", parts[0], parts[1]);
        let mut p = Package::new(Ecosystem::Maven, &name, Some(parts[2]), path, n);
        let confs: Vec<&str> = confs
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        p.dev = !confs.is_empty() && confs.iter().all(|c| c.starts_with("test"));
        inv.packages.push(p);
    }
    Ok(inv)
}
