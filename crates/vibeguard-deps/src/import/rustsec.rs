//! RustSec advisories (`crates/<name>/RUSTSEC-YYYY-NNNN.md`): TOML front matter in a
//! ```` ```toml ```` block, then a Markdown title and description. `[versions] patched`
//! and `unaffected` list the requirements that are safe; everything else is affected.
//! Informational advisories (unmaintained, unsound, notice) are kept with that mark and
//! are not reported as vulnerabilities, as cargo-audit does by default.

use crate::osv::{Affected, Package, Record, SeverityEntry};
use serde::Deserialize;

#[derive(Deserialize)]
struct Front {
    advisory: Advisory,
    #[serde(default)]
    versions: Versions,
}

#[derive(Deserialize)]
struct Advisory {
    id: String,
    package: String,
    date: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    related: Vec<String>,
    #[serde(default)]
    categories: Vec<String>,
    cvss: Option<String>,
    informational: Option<String>,
    withdrawn: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize, Default)]
struct Versions {
    #[serde(default)]
    patched: Vec<String>,
    #[serde(default)]
    unaffected: Vec<String>,
}

pub fn convert(text: &str) -> Result<Record, String> {
    let body = text
        .trim_start()
        .strip_prefix("```toml")
        .ok_or("no ```toml front matter")?;
    let end = body.find("\n```").ok_or("unterminated front matter")?;
    let front: Front =
        toml::from_str(&body[..end]).map_err(|e| format!("front matter: {}", e.message()))?;
    let rest = &body[end + 4..];
    let mut summary = None;
    let mut details = String::new();
    for line in rest.lines() {
        if summary.is_none() {
            if let Some(t) = line.strip_prefix("# ") {
                summary = Some(t.trim().to_string());
            }
            continue;
        }
        details.push_str(line);
        details.push('\n');
    }
    let a = front.advisory;
    let mut unaffected = front.versions.patched.clone();
    unaffected.extend(front.versions.unaffected.iter().cloned());
    let mut db = serde_json::json!({
        "unaffected_requirements": unaffected,
        "patched": front.versions.patched,
        "categories": a.categories,
    });
    if let Some(i) = &a.informational {
        db["informational"] = serde_json::Value::String(i.clone());
    }
    let affected = Affected {
        package: Some(Package {
            ecosystem: "crates.io".into(),
            name: a.package.clone(),
            purl: None,
        }),
        database_specific: Some(db.clone()),
        ..Affected::default()
    };
    let severity = a
        .cvss
        .iter()
        .map(|v| SeverityEntry {
            kind: if v.starts_with("CVSS:4") {
                "CVSS_V4".into()
            } else {
                "CVSS_V3".into()
            },
            score: v.clone(),
        })
        .collect();
    Ok(Record {
        id: a.id,
        modified: a.date.clone(),
        published: a.date,
        withdrawn: a.withdrawn,
        aliases: a.aliases,
        related: a.related,
        summary,
        details: Some(details.trim().to_string()).filter(|d| !d.is_empty()),
        severity,
        affected: vec![affected],
        references: a
            .url
            .into_iter()
            .map(|u| crate::osv::Reference {
                kind: "ADVISORY".into(),
                url: u,
            })
            .collect(),
        database_specific: Some(db),
    })
}
