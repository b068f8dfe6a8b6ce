//! Gemfile, for the gate's manifest edits: `gem "name", "requirement", ...` lines, with
//! `group :development, :test do` blocks marking dev gems. Only `"= x"` (or a bare
//! version) is a pin; `git:`/`path:` options are not registry gems.

use super::{Inventory, Origin, Package};
use crate::ecosystem::Ecosystem;

fn quoted(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(['"', '\'']) {
        let q = rest.as_bytes()[i] as char;
        let after = &rest[i + 1..];
        let Some(j) = after.find(q) else { break };
        out.push(after[..j].to_string());
        rest = &after[j + 1..];
    }
    out
}

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let mut inv = Inventory::default();
    let mut dev_depth = 0usize;
    let mut depth = 0usize;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split(" #").next().unwrap_or(raw).trim();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if line.starts_with("group ") && line.ends_with(" do") {
            depth += 1;
            if line.contains(":development") || line.contains(":test") {
                dev_depth = depth;
            }
            continue;
        }
        if line.ends_with(" do") {
            depth += 1;
            continue;
        }
        if line == "end" {
            if dev_depth == depth {
                dev_depth = 0;
            }
            depth = depth.saturating_sub(1);
            continue;
        }
        let Some(args) = line
            .strip_prefix("gem ")
            .or_else(|| line.strip_prefix("gem("))
        else {
            continue;
        };
        let q = quoted(args);
        let Some(name) = q.first() else {
            inv.warnings.push(super::broken(
                path,
                i as u32 + 1,
                "gem without a quoted name",
            ));
            continue;
        };
        let mut p = Package::new(Ecosystem::RubyGems, name, None, path, i as u32 + 1);
        p.direct = Some(true);
        p.dev = dev_depth > 0 || args.contains(":development") || args.contains(":test");
        if args.contains("git:") || args.contains(":git") || args.contains("github:") {
            p.origin = Origin::Git;
        } else if args.contains("path:") || args.contains(":path") {
            p.origin = Origin::Path;
        }
        let reqs: Vec<&String> = q
            .iter()
            .skip(1)
            .filter(|r| r.starts_with(|c: char| c.is_ascii_digit() || "=<>~!".contains(c)))
            .collect();
        if reqs.len() == 1 {
            let r = reqs[0].trim();
            let exact = r.strip_prefix('=').map(str::trim).unwrap_or(r);
            if exact.starts_with(|c: char| c.is_ascii_digit())
                && !exact.contains([' ', '<', '>', '~'])
            {
                p.version = Some(exact.to_string());
            } else {
                p.requirement = Some(r.to_string());
            }
        } else if !reqs.is_empty() {
            p.requirement = Some(
                reqs.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        inv.packages.push(p);
    }
    Ok(inv)
}
