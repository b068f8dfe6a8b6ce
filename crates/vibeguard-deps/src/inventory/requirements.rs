//! pip requirements files: pins (`==`, `===`), ranges, extras, environment markers,
//! `--hash` options, direct URLs (`name @ https://...`), editable installs (`-e`),
//! VCS and archive URLs with `#egg=`, line continuations, and `-r`/`-c` includes (a
//! constraint file's pin fixes the version of a requirement that has none).

use super::{Inventory, Origin, Package};
use crate::ecosystem::Ecosystem;

/// Deepest chain of includes followed (a loop of `-r` files stops here).
const MAX_DEPTH: usize = 8;

pub fn parse(path: &str, text: &str, read: &dyn Fn(&str) -> Option<String>) -> Inventory {
    let mut inv = Inventory::default();
    let mut constraints = Vec::new();
    parse_into(path, text, read, 0, false, &mut inv, &mut constraints);
    for c in constraints {
        for p in inv
            .packages
            .iter_mut()
            .filter(|p| p.normalized == c.normalized && p.version.is_none())
        {
            p.version = c.version.clone();
        }
    }
    inv
}

/// The logical lines (continuations joined) with the line each starts on.
fn logical_lines(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0u32;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        if cur.is_empty() {
            start = line_no;
        }
        let line = strip_comment(raw);
        if let Some(body) = line.strip_suffix('\\') {
            cur.push_str(body);
            cur.push(' ');
            continue;
        }
        cur.push_str(line);
        out.push((start, std::mem::take(&mut cur)));
    }
    if !cur.trim().is_empty() {
        out.push((start, cur));
    }
    out
}

/// A `#` starts a comment at the line start or after whitespace (not inside a URL
/// fragment like `#egg=`).
fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace()) {
            return line[..i].trim_end();
        }
    }
    line.trim_end()
}

fn parse_into(
    path: &str,
    text: &str,
    read: &dyn Fn(&str) -> Option<String>,
    depth: usize,
    constraint_file: bool,
    inv: &mut Inventory,
    constraints: &mut Vec<Package>,
) {
    for (line_no, line) in logical_lines(text) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut words = line.split_whitespace();
        let first = words.next().unwrap_or("");
        let (opt, inline) = match first.split_once('=') {
            Some((o, v)) if o.starts_with('-') => (o, Some(v.to_string())),
            _ => (first, None),
        };
        let value = || {
            inline
                .clone()
                .or_else(|| words.clone().next().map(str::to_string))
        };
        match opt {
            "-r" | "--requirement" | "-c" | "--constraint" => {
                let Some(target) = value() else { continue };
                if depth >= MAX_DEPTH {
                    inv.warnings.push(super::broken(
                        path,
                        line_no,
                        format!("includes nested deeper than {MAX_DEPTH} files; {target} not read"),
                    ));
                    continue;
                }
                let is_c = opt == "-c" || opt == "--constraint";
                let child = join_relative(path, &target);
                match read(&child) {
                    Some(t) => parse_into(
                        &child,
                        &t,
                        read,
                        depth + 1,
                        is_c || constraint_file,
                        inv,
                        constraints,
                    ),
                    None => inv.warnings.push(super::broken(
                        path,
                        line_no,
                        format!("cannot read included file {target}"),
                    )),
                }
            }
            "-e" | "--editable" => {
                if let Some(target) = value()
                    && let Some(p) = url_requirement(path, line_no, &target, true)
                {
                    inv.packages.push(p);
                }
            }
            o if o.starts_with('-') => {} // index, find-links, global options
            _ => {
                let Some(mut p) = requirement(path, line_no, line) else {
                    inv.warnings.push(super::broken(
                        path,
                        line_no,
                        format!("not a requirement: {line}"),
                    ));
                    continue;
                };
                if constraint_file {
                    constraints.push(p);
                } else {
                    p.direct = Some(true);
                    inv.packages.push(p);
                }
            }
        }
    }
}

fn join_relative(base: &str, target: &str) -> String {
    if target.starts_with('/') {
        return target.to_string();
    }
    match base.rfind('/') {
        Some(i) => format!("{}/{}", &base[..i], target),
        None => target.to_string(),
    }
}

/// A requirement from a URL or path: the name from `#egg=` (or the archive file name).
fn url_requirement(path: &str, line: u32, target: &str, editable: bool) -> Option<Package> {
    let lower = target.to_ascii_lowercase();
    let origin = if lower.starts_with("git+")
        || lower.starts_with("hg+")
        || lower.starts_with("svn+")
        || lower.starts_with("bzr+")
    {
        Origin::Git
    } else if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("file:")
    {
        Origin::Url
    } else {
        Origin::Path
    };
    let egg = target
        .split_once("#egg=")
        .map(|(_, e)| e.split('&').next().unwrap_or(e));
    let name = match egg {
        Some(e) => e
            .split(['[', '=', '<', '>'])
            .next()
            .unwrap_or(e)
            .to_string(),
        None => {
            // pkg-1.2.3.tar.gz / pkg-1.2.3-py3-none-any.whl
            let file = target.rsplit('/').next().unwrap_or(target);
            let stem = file.split_once('-').map(|(n, _)| n).unwrap_or("");
            if stem.is_empty() || editable {
                return None;
            }
            stem.to_string()
        }
    };
    let mut p = Package::new(Ecosystem::PyPI, &name, None, path, line);
    p.origin = origin;
    p.resolved = Some(target.to_string());
    p.direct = Some(true);
    Some(p)
}

/// One PEP 508 requirement line with pip's per-line options.
pub(crate) fn requirement(path: &str, line_no: u32, line: &str) -> Option<Package> {
    // Per-requirement options (`--hash=...`) come after the requirement.
    let (req, opts) = match line.find(" --") {
        Some(i) => (&line[..i], &line[i..]),
        None => (line, ""),
    };
    let req = req.trim();
    let lower = req.to_ascii_lowercase();
    if lower.contains("://") && !req.contains(" @ ") && !req.contains("@ ") {
        return url_requirement(path, line_no, req, false);
    }
    let (req, _marker) = match req.split_once(';') {
        Some((r, m)) => (r.trim(), Some(m.trim())),
        None => (req, None),
    };
    let name_end = req
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
        .unwrap_or(req.len());
    let name = &req[..name_end];
    if name.is_empty() || !name.chars().next()?.is_ascii_alphanumeric() {
        return None;
    }
    let mut rest = req[name_end..].trim_start();
    if rest.starts_with('[') {
        let close = rest.find(']')?;
        rest = rest[close + 1..].trim_start();
    }
    let mut p = Package::new(Ecosystem::PyPI, name, None, path, line_no);
    if let Some(url) = rest.strip_prefix('@') {
        let url = url.trim();
        p.origin = if url.starts_with("git+") {
            Origin::Git
        } else {
            Origin::Url
        };
        p.resolved = Some(url.to_string());
    } else if !rest.is_empty() {
        let spec = rest.trim_start_matches('(').trim_end_matches(')').trim();
        if !spec.starts_with(['=', '<', '>', '!', '~']) {
            return None;
        }
        p.version = exact_pin(spec);
        if p.version.is_none() {
            p.requirement = Some(spec.to_string());
        }
    }
    for opt in opts.split_whitespace() {
        if let Some(h) = opt.strip_prefix("--hash=") {
            p.hashes.push(h.to_string());
        }
    }
    Some(p)
}

/// The version of a specifier that allows exactly one (`==1.2.3`, `===1.2.3`); not
/// `==1.2.*`, not a list with other clauses.
fn exact_pin(spec: &str) -> Option<String> {
    let clauses: Vec<&str> = spec
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if clauses.len() != 1 {
        return None;
    }
    let c = clauses[0];
    let v = c
        .strip_prefix("===")
        .or_else(|| c.strip_prefix("=="))?
        .trim();
    if v.is_empty() || v.contains('*') {
        return None;
    }
    Some(v.to_string())
}

#[cfg(test)]
pub(crate) fn pin(spec: &str) -> Option<String> {
    exact_pin(spec)
}
