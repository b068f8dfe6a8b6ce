//! Vulnerabilities of the components from the local advisory store (the same matching as
//! `deps/vulnerable`): one entry per vulnerability (aliases merged) with every affected
//! component, its rating and the version that fixes it. The store is never downloaded
//! here; without one the BOM says the components were not checked.

use crate::components::Components;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use vibeguard_core::Severity;
use vibeguard_deps::audit::AdvisoryDb;
use vibeguard_deps::inventory::Origin;
use vibeguard_deps::osv::Record;

/// One affected component.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Affect {
    pub bom_ref: String,
    pub version: String,
    /// The smallest later version no matched advisory affects.
    pub fixed: Option<String>,
}

/// One vulnerability, with all the advisories that name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VulnEntry {
    /// The preferred id (`GHSA-...`, `PYSEC-...`, `RUSTSEC-...`, then `CVE-...`).
    pub id: String,
    /// The other ids of the same vulnerability.
    pub aliases: Vec<String>,
    pub summary: String,
    pub severity: Severity,
    pub score: Option<f64>,
    /// `CVSSv4`, `CVSSv31`, `CVSSv3` or `CVSSv2` when the score comes from a vector.
    pub method: Option<&'static str>,
    pub vector: Option<String>,
    pub malicious: bool,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub affects: Vec<Affect>,
}

/// What the advisory store said, and whether there was one.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VulnReport {
    /// The components were matched against a store.
    pub checked: bool,
    /// When the store was built (`vibeguard db update`).
    pub store_built_at: Option<String>,
    /// Why the components were not checked.
    pub note: Option<String>,
    pub entries: Vec<VulnEntry>,
}

/// Match every pinned registry component against the store at `db_path`.
pub fn audit(components: &Components, db_path: &Path, ignore: &[String]) -> VulnReport {
    let db = match AdvisoryDb::open(db_path, ignore) {
        Ok(Some(db)) => db,
        Ok(None) => {
            return VulnReport {
                note: Some(format!(
                    "no advisory store at {}: vulnerabilities were not checked (run `vibeguard db update`)",
                    db_path.display()
                )),
                ..VulnReport::default()
            };
        }
        Err(e) => {
            return VulnReport {
                note: Some(format!(
                    "the advisory store is unusable ({e}): vulnerabilities were not checked"
                )),
                ..VulnReport::default()
            };
        }
    };
    let mut by_id: BTreeMap<String, VulnEntry> = BTreeMap::new();
    for c in &components.list {
        let (Some(version), Some(ecosystem)) = (&c.version, c.ecosystem) else {
            continue;
        };
        if c.origin != Origin::Registry {
            continue;
        }
        let Ok(report) = db.audit(ecosystem, &c.name, version) else {
            continue;
        };
        for v in report.vulnerabilities {
            let Some(id) = v.ids.first().cloned() else {
                continue;
            };
            let entry = by_id.entry(id.clone()).or_insert_with(|| {
                let record = db
                    .store()
                    .record(&id)
                    .ok()
                    .flatten()
                    .and_then(|b| Record::from_json(&b).ok());
                let (method, vector) = record.as_ref().map(best_vector).unwrap_or((None, None));
                VulnEntry {
                    id: id.clone(),
                    aliases: v.ids[1..].to_vec(),
                    summary: v.summary.clone(),
                    severity: v.severity,
                    score: v.score,
                    method,
                    vector,
                    malicious: v.malicious,
                    published: record.as_ref().and_then(|r| r.published.clone()),
                    modified: record.as_ref().and_then(|r| r.modified.clone()),
                    affects: Vec::new(),
                }
            });
            entry.affects.push(Affect {
                bom_ref: c.bom_ref.clone(),
                version: version.clone(),
                fixed: report.fix.clone(),
            });
        }
    }
    let mut entries: Vec<VulnEntry> = by_id.into_values().collect();
    entries.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.id.cmp(&b.id)));
    VulnReport {
        checked: true,
        store_built_at: db.store().meta("built_at").ok().flatten(),
        note: None,
        entries,
    }
}

/// The newest CVSS vector of a record and its method name.
fn best_vector(r: &Record) -> (Option<&'static str>, Option<String>) {
    let mut best: Option<(u8, &'static str, &str)> = None;
    for e in r
        .severity
        .iter()
        .chain(r.affected.iter().flat_map(|a| a.severity.iter()))
    {
        let (rank, method) = match e.kind.as_str() {
            "CVSS_V4" => (4, "CVSSv4"),
            "CVSS_V3" if e.score.starts_with("CVSS:3.1") => (3, "CVSSv31"),
            "CVSS_V3" => (2, "CVSSv3"),
            "CVSS_V2" => (1, "CVSSv2"),
            _ => continue,
        };
        if best.is_none_or(|(r0, _, _)| rank > r0) {
            best = Some((rank, method, e.score.as_str()));
        }
    }
    match best {
        Some((_, m, v)) => (Some(m), Some(v.to_string())),
        None => (None, None),
    }
}
