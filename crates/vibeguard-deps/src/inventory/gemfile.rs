//! Gemfile.lock: the `specs:` of the GEM, GIT and PATH sections (gems at four spaces,
//! their dependencies at six), platform suffixes on versions (`1.13.8-x86_64-linux`),
//! `DEPENDENCIES` for what is direct, and `CHECKSUMS` (Bundler 2.5+).

use super::{Inventory, Origin, Package};
use crate::ecosystem::Ecosystem;
use std::collections::{HashMap, HashSet};

/// Split `name (version)`.
fn name_version(s: &str) -> Option<(&str, Option<&str>)> {
    let s = s.trim();
    match s.split_once(" (") {
        Some((n, v)) => Some((n, Some(v.strip_suffix(')')?))),
        None => Some((s.trim_end_matches('!'), None)),
    }
}

/// A gem version without its platform (`1.13.8-x86_64-linux` -> `1.13.8`).
fn strip_platform(v: &str) -> &str {
    match v.find('-') {
        Some(i) if v[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic()) => &v[..i],
        _ => v,
    }
}

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let mut inv = Inventory::default();
    let mut section = "";
    let mut origin = Origin::Registry;
    let mut remote: Option<String> = None;
    let mut in_specs = false;
    let mut direct = HashSet::new();
    let mut checksums: HashMap<String, String> = HashMap::new();
    let mut seen = HashSet::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        if raw.trim().is_empty() {
            in_specs = false;
            continue;
        }
        if !raw.starts_with(' ') {
            section = raw.trim();
            origin = match section {
                "GIT" => Origin::Git,
                "PATH" => Origin::Path,
                _ => Origin::Registry,
            };
            remote = None;
            in_specs = false;
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let body = raw.trim();
        match section {
            "GEM" | "GIT" | "PATH" => {
                if indent == 2 {
                    in_specs = body == "specs:";
                    if let Some(r) = body.strip_prefix("remote: ") {
                        remote = Some(r.to_string());
                    }
                    continue;
                }
                if !in_specs {
                    continue;
                }
                let Some((name, ver)) = name_version(body) else {
                    return Err(super::broken(
                        path,
                        line_no,
                        format!("cannot read gem spec `{body}`"),
                    ));
                };
                if indent == 4 {
                    let Some(v) = ver else {
                        return Err(super::broken(
                            path,
                            line_no,
                            format!("gem `{name}` has no version"),
                        ));
                    };
                    let v = strip_platform(v);
                    if !seen.insert((name.to_string(), v.to_string())) {
                        continue; // the same gem for another platform
                    }
                    let mut p = Package::new(Ecosystem::RubyGems, name, Some(v), path, line_no);
                    p.origin = origin.clone();
                    p.resolved = remote.clone();
                    inv.packages.push(p);
                } else if indent == 6
                    && let Some(last) = inv.packages.last_mut()
                {
                    last.dependencies.push(name.to_string());
                }
            }
            "DEPENDENCIES" => {
                if let Some((name, _)) = name_version(body) {
                    direct.insert(name.trim_end_matches('!').to_string());
                }
            }
            "CHECKSUMS" => {
                if let Some((nv, sum)) = body.rsplit_once(' ')
                    && let Some((name, Some(v))) = name_version(nv)
                {
                    checksums.insert(format!("{name}@{}", strip_platform(v)), sum.to_string());
                }
            }
            _ => {}
        }
    }
    for p in &mut inv.packages {
        p.direct = Some(direct.contains(&p.name));
        if let Some(v) = &p.version
            && let Some(sum) = checksums.get(&format!("{}@{v}", p.name))
        {
            p.hashes.push(sum.clone());
        }
    }
    Ok(inv)
}
