//! SemVer 2.0 for npm and crates.io, with the leniency real lockfiles and advisories
//! need (a leading `v` or `=`, a missing minor or patch).

use std::cmp::Ordering;

pub fn parse(s: &str) -> Option<semver::Version> {
    let s = s.trim().trim_start_matches('=').trim_start_matches('v');
    if let Ok(v) = semver::Version::parse(s) {
        return Some(v);
    }
    // "1", "1.2", "1.2-beta": fill the missing numbers.
    let (core, rest) = match s.find(['-', '+']) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty()
        || parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut full = parts.join(".");
    for _ in parts.len()..3 {
        full.push_str(".0");
    }
    full.push_str(rest);
    semver::Version::parse(&full).ok()
}

/// SemVer precedence: build metadata does not count.
pub fn precedence(a: &semver::Version, b: &semver::Version) -> Ordering {
    (a.major, a.minor, a.patch)
        .cmp(&(b.major, b.minor, b.patch))
        .then_with(|| a.pre.cmp(&b.pre))
}
