//! RubySec advisories (`gems/<gem>/<id>.yml`): `patched_versions` and
//! `unaffected_versions` are RubyGems requirements that are safe. The CVE and GHSA
//! become the id and aliases; `cvss_v3`/`cvss_v2` are scores, kept for the severity.
//! Advisories about Ruby interpreters (`rubies/`) are not gems and are skipped.

use crate::osv::{Affected, Package, Record};
use serde::Deserialize;

#[derive(Deserialize)]
struct Advisory {
    gem: String,
    cve: Option<String>,
    ghsa: Option<String>,
    osvdb: Option<String>,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    description: Option<String>,
    cvss_v2: Option<f64>,
    cvss_v3: Option<f64>,
    cvss_v4: Option<f64>,
    #[serde(default)]
    patched_versions: Option<Vec<String>>,
    #[serde(default)]
    unaffected_versions: Option<Vec<String>>,
}

pub fn convert(name: &str, text: &str) -> Result<Option<Record>, String> {
    if name.contains("rubies/") {
        return Ok(None);
    }
    let a: Advisory = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    let cve = a
        .cve
        .as_ref()
        .map(|c| format!("CVE-{}", c.trim_start_matches("CVE-")));
    let ghsa = a
        .ghsa
        .as_ref()
        .map(|g| format!("GHSA-{}", g.trim_start_matches("GHSA-")));
    let osvdb = a.osvdb.as_ref().map(|o| format!("OSVDB-{o}"));
    let file_id = name
        .rsplit('/')
        .next()
        .unwrap_or(name)
        .trim_end_matches(".yml")
        .trim_end_matches(".yaml")
        .to_string();
    // One record per gem and advisory: the same CVE can cover several gems.
    let id = format!("RUBYSEC-{}-{}", a.gem, file_id);
    let aliases: Vec<String> = [cve, ghsa, osvdb].into_iter().flatten().collect();
    let mut unaffected = a.patched_versions.clone().unwrap_or_default();
    unaffected.extend(a.unaffected_versions.unwrap_or_default());
    let score = a.cvss_v4.or(a.cvss_v3).or(a.cvss_v2);
    let db = serde_json::json!({
        "unaffected_requirements": unaffected,
        "patched": a.patched_versions.unwrap_or_default(),
        "cvss_score": score,
    });
    Ok(Some(Record {
        id,
        modified: a.date.clone(),
        published: a.date,
        aliases,
        summary: a.title,
        details: a.description,
        affected: vec![Affected {
            package: Some(Package {
                ecosystem: "RubyGems".into(),
                name: a.gem,
                purl: None,
            }),
            database_specific: Some(db.clone()),
            ..Affected::default()
        }],
        references: a
            .url
            .into_iter()
            .map(|u| crate::osv::Reference {
                kind: "ADVISORY".into(),
                url: u,
            })
            .collect(),
        database_specific: Some(db),
        ..Record::default()
    }))
}
