//! Each registry's answer shape, read into [`PackageInfo`]:
//! - PyPI JSON API: `info.version`, `releases{version: [{upload_time_iso_8601}]}`;
//! - npm registry document: `time{created, version: time}`, `dist-tags.latest`;
//! - crates.io API: `crate{created_at, recent_downloads, max_version}`,
//!   `versions[{num, created_at}]`;
//! - Go module proxy `@v/list`: one version per line (no dates);
//! - RubyGems versions API: `[{number, created_at, downloads_count}]`;
//! - Packagist p2 metadata: `packages{name: [{version, time}]}`;
//! - Maven Central `maven-metadata.xml`: `<version>` elements and `<latest>` (no dates);
//! - NuGet flat container `index.json`: `{versions: [...]}` (no dates).

use super::PackageInfo;
use crate::ecosystem::Ecosystem;
use serde_json::Value;

fn ts(s: &str) -> Option<i64> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t.as_second());
    }
    // PyPI's `upload_time` has no zone; it is UTC.
    format!("{s}Z")
        .parse::<jiff::Timestamp>()
        .ok()
        .map(|t| t.as_second())
}

pub fn info(eco: Ecosystem, body: &[u8]) -> Result<PackageInfo, String> {
    if eco == Ecosystem::Go {
        let text = std::str::from_utf8(body).map_err(|e| e.to_string())?;
        let versions: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        return Ok(PackageInfo {
            releases: versions.len() as u32,
            latest: versions.last().map(|s| s.to_string()),
            ..PackageInfo::default()
        });
    }
    if eco == Ecosystem::Maven {
        return maven_metadata(body);
    }
    let v: Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    let mut out = PackageInfo::default();
    match eco {
        Ecosystem::PyPI => {
            out.latest = v
                .pointer("/info/version")
                .and_then(Value::as_str)
                .map(str::to_string);
            if let Some(rel) = v.get("releases").and_then(Value::as_object) {
                for (ver, files) in rel {
                    let t = files
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|f| {
                            f.get("upload_time_iso_8601")
                                .or_else(|| f.get("upload_time"))
                                .and_then(Value::as_str)
                                .and_then(ts)
                        })
                        .min();
                    out.releases += 1;
                    if let Some(t) = t {
                        out.published.insert(ver.clone(), t);
                    }
                }
            }
            out.created = out.published.values().min().copied();
        }
        Ecosystem::Npm => {
            out.latest = v
                .pointer("/dist-tags/latest")
                .and_then(Value::as_str)
                .map(str::to_string);
            if let Some(t) = v.get("time").and_then(Value::as_object) {
                for (k, val) in t {
                    let Some(s) = val.as_str().and_then(ts) else {
                        continue;
                    };
                    match k.as_str() {
                        "created" => out.created = Some(s),
                        "modified" => {}
                        _ => {
                            out.published.insert(k.clone(), s);
                        }
                    }
                }
            }
            out.releases = v
                .get("versions")
                .and_then(Value::as_object)
                .map(|m| m.len() as u32)
                .unwrap_or(out.published.len() as u32);
            if out.created.is_none() {
                out.created = out.published.values().min().copied();
            }
        }
        Ecosystem::CratesIo => {
            let c = v.get("crate").ok_or("no `crate` in the answer")?;
            out.created = c.get("created_at").and_then(Value::as_str).and_then(ts);
            out.downloads = c.get("recent_downloads").and_then(Value::as_u64);
            out.latest = c
                .get("max_version")
                .and_then(Value::as_str)
                .map(str::to_string);
            for ver in v
                .get("versions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                out.releases += 1;
                if let (Some(n), Some(t)) = (
                    ver.get("num").and_then(Value::as_str),
                    ver.get("created_at").and_then(Value::as_str).and_then(ts),
                ) {
                    out.published.insert(n.to_string(), t);
                }
            }
        }
        Ecosystem::RubyGems => {
            let list = v.as_array().ok_or("expected a list of versions")?;
            let mut total = 0u64;
            for ver in list {
                out.releases += 1;
                total += ver
                    .get("downloads_count")
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
                if let (Some(n), Some(t)) = (
                    ver.get("number").and_then(Value::as_str),
                    ver.get("created_at").and_then(Value::as_str).and_then(ts),
                ) {
                    out.published.insert(n.to_string(), t);
                }
            }
            out.downloads = Some(total);
            out.latest = list
                .first()
                .and_then(|x| x.get("number"))
                .and_then(Value::as_str)
                .map(str::to_string);
            out.created = out.published.values().min().copied();
        }
        Ecosystem::Packagist => {
            let pkgs = v
                .get("packages")
                .and_then(Value::as_object)
                .ok_or("no `packages` in the answer")?;
            for list in pkgs.values().filter_map(Value::as_array) {
                for ver in list {
                    out.releases += 1;
                    if let (Some(n), Some(t)) = (
                        ver.get("version").and_then(Value::as_str),
                        ver.get("time").and_then(Value::as_str).and_then(ts),
                    ) {
                        out.published.insert(n.to_string(), t);
                    }
                }
                out.latest = list
                    .first()
                    .and_then(|x| x.get("version"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            out.created = out.published.values().min().copied();
        }
        Ecosystem::NuGet => {
            let versions = v
                .get("versions")
                .and_then(Value::as_array)
                .ok_or("no `versions` in the answer")?;
            out.releases = versions.len() as u32;
            out.latest = versions.last().and_then(Value::as_str).map(str::to_string);
        }
        Ecosystem::Go | Ecosystem::Maven => unreachable!("handled above"),
    }
    Ok(out)
}

/// The text of each `<tag>...</tag>` in a small, flat XML document.
fn xml_elements<'t>(text: &'t str, tag: &str) -> Vec<&'t str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(&close) else { break };
        out.push(after[..j].trim());
        rest = &after[j + close.len()..];
    }
    out
}

fn maven_metadata(body: &[u8]) -> Result<PackageInfo, String> {
    let text = std::str::from_utf8(body).map_err(|e| e.to_string())?;
    if !text.contains("<metadata") {
        return Err("not a maven-metadata.xml document".into());
    }
    let versions = xml_elements(text, "version");
    Ok(PackageInfo {
        releases: versions.len() as u32,
        latest: xml_elements(text, "release")
            .first()
            .or(versions.last())
            .map(|s| s.to_string()),
        ..PackageInfo::default()
    })
}

/// Cargo's sparse index file: one JSON object per published version (no dates).
pub fn crates_index(body: &[u8]) -> Result<PackageInfo, String> {
    let text = std::str::from_utf8(body).map_err(|e| e.to_string())?;
    let mut out = PackageInfo::default();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        out.releases += 1;
        if !v.get("yanked").and_then(Value::as_bool).unwrap_or(false) {
            out.latest = v.get("vers").and_then(Value::as_str).map(str::to_string);
        }
    }
    Ok(out)
}
