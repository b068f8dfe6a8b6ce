//! go.mod (`require` lines and blocks, `// indirect` marks, `replace` directives that
//! swap a module for a local path or another module) and go.sum (every module version
//! with its `h1:` hash; the `/go.mod`-only lines add no package).

use super::{Inventory, Origin, Package};
use crate::ecosystem::Ecosystem;
use std::collections::HashMap;

pub fn parse_mod(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let mut inv = Inventory::default();
    let mut replaced: HashMap<String, (Origin, Option<String>, Option<String>)> = HashMap::new();
    let mut block: Option<&str> = None;
    let mut requires: Vec<(u32, String, String, bool)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let (code, comment) = match raw.find("//") {
            Some(c) => (raw[..c].trim(), raw[c + 2..].trim()),
            None => (raw.trim(), ""),
        };
        if code.is_empty() {
            continue;
        }
        let body = if let Some(b) = block {
            if code == ")" {
                block = None;
                continue;
            }
            Some((b, code))
        } else {
            let (kw, rest) = code.split_once(char::is_whitespace).unwrap_or((code, ""));
            let rest = rest.trim();
            if rest == "(" {
                block = Some(match kw {
                    "require" => "require",
                    "replace" => "replace",
                    _ => "other",
                });
                continue;
            }
            match kw {
                "require" | "replace" => Some((kw, rest)),
                "module" | "go" | "toolchain" | "exclude" | "retract" | "godebug" | "tool"
                | "ignore" => None,
                _ => {
                    return Err(super::broken(
                        path,
                        line_no,
                        format!("unknown go.mod directive `{kw}`"),
                    ));
                }
            }
        };
        let Some((kind, rest)) = body else { continue };
        let words: Vec<&str> = rest
            .split_whitespace()
            .map(|w| w.trim_matches('"'))
            .collect();
        match kind {
            "require" => {
                if words.len() < 2 {
                    return Err(super::broken(
                        path,
                        line_no,
                        "require needs a module path and a version",
                    ));
                }
                requires.push((
                    line_no,
                    words[0].to_string(),
                    words[1].to_string(),
                    comment.contains("indirect"),
                ));
            }
            "replace" => {
                let Some(arrow) = words.iter().position(|w| *w == "=>") else {
                    return Err(super::broken(path, line_no, "replace without =>"));
                };
                let from = words[0].to_string();
                let target = words.get(arrow + 1).copied().unwrap_or("");
                let target_ver = words.get(arrow + 2).map(|s| s.to_string());
                let local = target.starts_with('.') || target.starts_with('/');
                let origin = if local {
                    Origin::Path
                } else {
                    Origin::Registry
                };
                replaced.insert(from, (origin, Some(target.to_string()), target_ver));
            }
            _ => {}
        }
    }
    for (line, module, version, indirect) in requires {
        let mut p = Package::new(Ecosystem::Go, &module, Some(&version), path, line);
        p.direct = Some(!indirect);
        if let Some((origin, target, tv)) = replaced.get(&module) {
            p.origin = origin.clone();
            p.resolved = target.clone();
            if *origin == Origin::Path {
                p.version = None;
            } else if let (Some(t), Some(v)) = (target, tv) {
                // The code that builds is the replacement module.
                p.name = t.clone();
                p.normalized = t.clone();
                p.version = Some(v.clone());
            }
        }
        inv.packages.push(p);
    }
    Ok(inv)
}

pub fn parse_sum(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let mut inv = Inventory::default();
    let mut seen = std::collections::HashSet::new();
    for (i, raw) in text.lines().enumerate() {
        let words: Vec<&str> = raw.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if words.len() != 3 || !words[2].starts_with("h1:") {
            inv.warnings.push(super::broken(
                path,
                i as u32 + 1,
                "expected `module version h1:hash`",
            ));
            continue;
        }
        if words[1].ends_with("/go.mod") {
            continue;
        }
        if !seen.insert((words[0], words[1])) {
            continue;
        }
        let mut p = Package::new(Ecosystem::Go, words[0], Some(words[1]), path, i as u32 + 1);
        p.hashes.push(words[2].to_string());
        inv.packages.push(p);
    }
    Ok(inv)
}
