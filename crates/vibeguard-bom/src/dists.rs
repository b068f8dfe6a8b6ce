//! Python distributions the repository itself holds: installed ones
//! (`name-1.0.dist-info/METADATA`, `name.egg-info/PKG-INFO`, a source tree's `PKG-INFO`)
//! and built wheels (`name-1.0-py3-none-any.whl`).
//!
//! A vendored `site-packages`, a committed wheel or a test fixture of either is code the
//! repository ships or runs that no lockfile names. Installed metadata is read for its
//! `Name:` and `Version:` headers (the core metadata format); a wheel is named by its
//! file name, which the wheel format fixes as
//! `{distribution}-{version}(-{build})?-{python}-{abi}-{platform}.whl`, so the archive is
//! never opened.

use vibeguard_deps::Ecosystem;

/// Where a distribution was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DistKind {
    /// Core metadata of an installed (or unpacked) distribution.
    Installed,
    /// A wheel file.
    Wheel,
}

/// One distribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dist {
    pub kind: DistKind,
    pub name: String,
    pub version: String,
    pub license: Option<String>,
    pub file: String,
    pub line: u32,
}

/// Whether `rel` names a file this module reads.
pub fn is_dist_file(rel: &str) -> bool {
    let (dir, base) = rel.rsplit_once('/').unwrap_or(("", rel));
    match base {
        "METADATA" => dir.ends_with(".dist-info"),
        "PKG-INFO" => true,
        _ => base.ends_with(".whl"),
    }
}

/// Whether the file's text is needed (a wheel is named by its path alone).
pub fn needs_text(rel: &str) -> bool {
    !rel.ends_with(".whl")
}

/// The distribution a file describes, if it is one.
pub fn parse(rel: &str, text: &str) -> Option<Dist> {
    let base = rel.rsplit('/').next().unwrap_or(rel);
    if let Some(stem) = base.strip_suffix(".whl") {
        let parts: Vec<&str> = stem.split('-').collect();
        if !(5..=6).contains(&parts.len()) || parts[0].is_empty() || parts[1].is_empty() {
            return None;
        }
        return Some(Dist {
            kind: DistKind::Wheel,
            name: parts[0].to_string(),
            version: parts[1].to_string(),
            license: None,
            file: rel.to_string(),
            line: 1,
        });
    }
    if !is_dist_file(rel) {
        return None;
    }
    let (mut name, mut version, mut license) = (None, None, None);
    let mut name_line = 1;
    // The header block ends at the first empty line; the description follows.
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            break;
        }
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k.to_ascii_lowercase().as_str() {
            "name" if name.is_none() => {
                name = Some(v.to_string());
                name_line = i as u32 + 1;
            }
            "version" if version.is_none() => version = Some(v.to_string()),
            "license-expression" => license = Some(v.to_string()),
            "license" if license.is_none() && !v.is_empty() && v.len() < 80 => {
                license = Some(v.to_string())
            }
            _ => {}
        }
    }
    let (name, version) = (name?, version?);
    if name.is_empty() || version.is_empty() {
        return None;
    }
    Some(Dist {
        kind: DistKind::Installed,
        name,
        version,
        license,
        file: rel.to_string(),
        line: name_line,
    })
}

/// The purl of a distribution.
pub fn purl(d: &Dist) -> String {
    Ecosystem::PyPI.purl(&d.name, Some(&d.version))
}

#[cfg(test)]
mod tests;
