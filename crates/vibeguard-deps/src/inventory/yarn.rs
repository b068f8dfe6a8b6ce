//! yarn.lock, classic (v1, its own format) and berry (v2+, YAML-shaped), read by one
//! line parser: an unindented key lists the descriptors (`"a@^1", "a@^1.2"`), the
//! indented fields give `version`, `resolved`/`resolution`, `integrity`/`checksum` and a
//! `dependencies` block. Berry's workspace, link, portal and patch entries are the
//! project's own code or duplicates of a registry entry and are skipped.

use super::{Inventory, Origin, Package};
use crate::ecosystem::Ecosystem;

fn unquote(s: &str) -> &str {
    s.trim().trim_matches('"')
}

/// `name@range` -> `name` (scoped names start with `@`).
fn descriptor_name(d: &str) -> &str {
    let d = unquote(d);
    match d[1.min(d.len())..].find('@') {
        Some(i) => &d[..i + 1],
        None => d,
    }
}

/// A field line `key value` (v1) or `key: value` (berry).
fn field(body: &str) -> (&str, &str) {
    let (k, v) = body.split_once([' ', ':']).unwrap_or((body, ""));
    (unquote(k), unquote(v.trim_start_matches(':')))
}

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let berry = text.contains("__metadata:");
    let mut inv = Inventory::default();
    let mut cur: Option<Package> = None;
    let mut skip = false;
    let mut in_deps = false;
    let flush = |p: Option<Package>, skip: bool, inv: &mut Inventory| {
        if let Some(p) = p
            && !skip
        {
            inv.packages.push(p);
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let body = raw.trim();
        if indent == 0 {
            flush(cur.take(), skip, &mut inv);
            let Some(key) = body.strip_suffix(':') else {
                return Err(super::broken(
                    path,
                    line_no,
                    format!("expected `descriptor:` but found `{body}`"),
                ));
            };
            skip = key == "__metadata";
            in_deps = false;
            let first = key.split(", ").next().unwrap_or(key);
            let name = descriptor_name(first);
            let desc = unquote(first);
            if desc.contains("@workspace:")
                || desc.contains("@link:")
                || desc.contains("@portal:")
                || desc.contains("@patch:")
                || desc.contains("@file:")
            {
                skip = true;
            }
            let mut p = Package::new(Ecosystem::Npm, name, None, path, line_no);
            if desc.contains("@git") || desc.contains("github:") || desc.contains("@https://") {
                p.origin = Origin::Git;
            }
            cur = Some(p);
            continue;
        }
        let Some(p) = cur.as_mut() else {
            return Err(super::broken(
                path,
                line_no,
                "indented line before any entry",
            ));
        };
        if indent == 2 {
            in_deps = false;
            let (k, v) = field(body);
            match k {
                "version" => p.version = Some(v.to_string()),
                "resolved" => {
                    p.resolved = Some(v.to_string());
                    if v.starts_with("git") || v.contains("codeload.github.com") {
                        p.origin = Origin::Git;
                    }
                }
                "resolution" => {
                    // `real-name@npm:1.2.3` names the package behind an alias.
                    let real = descriptor_name(v);
                    if !real.is_empty() && real != p.name {
                        p.name = real.to_string();
                        p.normalized = real.to_string();
                    }
                    if v.contains("@workspace:") || v.contains("@patch:") || v.contains("@link:") {
                        skip = true;
                    }
                    p.resolved = Some(v.to_string());
                }
                "integrity" | "checksum" => p.hashes.push(v.to_string()),
                "dependencies" | "optionalDependencies" => in_deps = true,
                "linkType" if v == "soft" => skip = true,
                _ => {}
            }
        } else if in_deps && indent >= 4 {
            let (k, _) = if berry {
                body.split_once(": ").unwrap_or((body, ""))
            } else {
                body.split_once(' ').unwrap_or((body, ""))
            };
            p.dependencies.push(unquote(k).to_string());
        }
    }
    flush(cur.take(), skip, &mut inv);
    if let Some(bad) = inv.packages.iter().find(|p| p.version.is_none()) {
        let w = super::broken(
            path,
            bad.line,
            format!("entry `{}` has no version", bad.name),
        );
        inv.warnings.push(w);
    }
    Ok(inv)
}
