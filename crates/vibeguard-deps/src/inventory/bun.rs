//! bun.lock (the text lockfile of Bun 1.2+): JSON with trailing commas. `packages` maps
//! a key to `[ "name@version", registry, { dependencies, ... }, integrity ]`;
//! `workspaces[""]` names the direct dependencies.

use super::{Inventory, LineIndex, Origin, Package, json_error};
use crate::ecosystem::Ecosystem;
use serde_json::Value;
use std::collections::HashSet;

/// Remove the commas JSON does not allow before `}` and `]` (outside strings).
pub(crate) fn strip_trailing_commas(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut in_str = false;
    let mut escaped = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_str = false;
            }
        } else if c == b'"' {
            in_str = true;
        } else if c == b',' {
            let next = b[i + 1..].iter().find(|x| !x.is_ascii_whitespace());
            if matches!(next, Some(b'}') | Some(b']')) {
                out.push(' '); // keep offsets (and so line numbers) stable
                i += 1;
                continue;
            }
        }
        // Push the char (multi-byte safe: copy the whole UTF-8 sequence).
        let len = utf8_len(c);
        out.push_str(&text[i..i + len]);
        i += len;
    }
    out
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let clean = strip_trailing_commas(text);
    let doc: Value = serde_json::from_str(&clean).map_err(|e| json_error(path, "bun.lock", e))?;
    let lines = LineIndex::new(text);
    let mut direct = HashSet::new();
    let mut dev_direct = HashSet::new();
    if let Some(ws) = doc.get("workspaces").and_then(Value::as_object) {
        for w in ws.values() {
            for (s, dev) in [
                ("dependencies", false),
                ("optionalDependencies", false),
                ("peerDependencies", false),
                ("devDependencies", true),
            ] {
                if let Some(m) = w.get(s).and_then(Value::as_object) {
                    for k in m.keys() {
                        if dev {
                            dev_direct.insert(k.clone());
                        } else {
                            direct.insert(k.clone());
                        }
                    }
                }
            }
        }
    }
    let mut inv = Inventory::default();
    let Some(pkgs) = doc.get("packages").and_then(Value::as_object) else {
        return Ok(inv);
    };
    let start = lines.key_line("packages").unwrap_or(0);
    for (key, entry) in pkgs {
        let line = lines.key_line_from(key, start).unwrap_or(1);
        let Some(arr) = entry.as_array() else {
            inv.warnings.push(super::broken(
                path,
                line,
                format!("package `{key}` is not an array"),
            ));
            continue;
        };
        let Some(ident) = arr.first().and_then(Value::as_str) else {
            inv.warnings.push(super::broken(
                path,
                line,
                format!("package `{key}` has no name@version"),
            ));
            continue;
        };
        let at = ident[1.min(ident.len())..].find('@').map(|i| i + 1);
        let (name, version) = match at {
            Some(i) => (&ident[..i], &ident[i + 1..]),
            None => (ident, ""),
        };
        if version.starts_with("workspace:")
            || version.starts_with("link:")
            || version.starts_with("file:")
        {
            continue;
        }
        let mut p = Package::new(Ecosystem::Npm, name, None, path, line);
        if version.starts_with("github:")
            || version.starts_with("git+")
            || version.contains(".git#")
        {
            p.origin = Origin::Git;
            p.resolved = Some(version.to_string());
        } else {
            p.version = Some(version.to_string());
        }
        let top_level =
            !key.contains('/') || (key.starts_with('@') && key.matches('/').count() == 1);
        p.direct = Some(top_level && (direct.contains(name) || dev_direct.contains(name)));
        p.dev = top_level && dev_direct.contains(name) && !direct.contains(name);
        if let Some(meta) = arr.get(2).and_then(Value::as_object)
            && let Some(d) = meta.get("dependencies").and_then(Value::as_object)
        {
            p.dependencies = d.keys().cloned().collect();
        }
        if let Some(h) = arr.get(3).and_then(Value::as_str) {
            p.hashes.push(h.to_string());
        }
        inv.packages.push(p);
    }
    Ok(inv)
}
