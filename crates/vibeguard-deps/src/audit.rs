//! Packages against the advisory store: which advisories affect a pinned version, merged
//! by alias so one vulnerability is one finding, with the one upgrade that resolves
//! them all.

use crate::ecosystem::Ecosystem;
use crate::osv::matching::{is_affected, smallest_fix};
use crate::osv::{Affected, Record, severity};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use vibeguard_core::Severity;
use vibeguard_store::{AdvisoryStore, CacheError};

/// One vulnerability (all the advisories that name it) affecting one package version.
#[derive(Debug, Clone, PartialEq)]
pub struct Vulnerability {
    /// The advisories' own ids first (`GHSA-...`, `PYSEC-...`), then other aliases
    /// (`CVE-...`), without duplicates.
    pub ids: Vec<String>,
    /// How many of `ids` (from the front) are the advisories' own ids; the rest are
    /// aliases they list.
    pub own_ids: usize,
    pub summary: String,
    pub severity: Severity,
    /// CVSS base score when one was computed.
    pub score: Option<f64>,
    /// A known-malicious package rather than a flaw.
    pub malicious: bool,
}

/// What the store says about one package version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PackageReport {
    pub vulnerabilities: Vec<Vulnerability>,
    /// The smallest version above the current one that none of the matched advisories
    /// affects.
    pub fix: Option<String>,
}

/// The advisory store opened for matching.
pub struct AdvisoryDb {
    store: AdvisoryStore,
    ignore: HashSet<String>,
}

impl AdvisoryDb {
    /// Open the store at `path`; `Ok(None)` when there is none (`vibeguard db update`
    /// has not run).
    pub fn open(path: &Path, ignore: &[String]) -> Result<Option<AdvisoryDb>, CacheError> {
        Ok(AdvisoryStore::open(path)?.map(|store| AdvisoryDb {
            store,
            ignore: ignore.iter().cloned().collect(),
        }))
    }

    pub fn store(&self) -> &AdvisoryStore {
        &self.store
    }

    /// Records that name this package at all (for the gate: is any version known to be
    /// malicious?).
    pub fn malicious_any_version(
        &self,
        eco: Ecosystem,
        name: &str,
    ) -> Result<Option<Vulnerability>, CacheError> {
        let norm = eco.normalize(name);
        for (id, spec) in self.store.lookup(eco.osv_name(), &norm)? {
            let Ok(entry) = serde_json::from_slice::<Affected>(&spec) else {
                continue;
            };
            if !covers_every_version(&entry) {
                continue;
            }
            if let Some(r) = self.record(&id)?
                && r.is_malicious()
            {
                return Ok(Some(vulnerability(&[r])));
            }
        }
        Ok(None)
    }

    fn record(&self, id: &str) -> Result<Option<Record>, CacheError> {
        Ok(self
            .store
            .record(id)?
            .and_then(|b| Record::from_json(&b).ok()))
    }

    /// The vulnerabilities affecting `version` of a package.
    pub fn audit(
        &self,
        eco: Ecosystem,
        name: &str,
        version: &str,
    ) -> Result<PackageReport, CacheError> {
        let norm = eco.normalize(name);
        let rows = self.store.lookup(eco.osv_name(), &norm)?;
        if rows.is_empty() {
            return Ok(PackageReport::default());
        }
        let mut hits: Vec<(String, Affected)> = Vec::new();
        for (id, spec) in rows {
            let Ok(entry) = serde_json::from_slice::<Affected>(&spec) else {
                continue;
            };
            if is_affected(eco, version, &entry) {
                hits.push((id, entry));
            }
        }
        if hits.is_empty() {
            return Ok(PackageReport::default());
        }
        let mut records: Vec<Record> = Vec::new();
        let mut seen = HashSet::new();
        for (id, _) in &hits {
            if seen.insert(id.clone())
                && let Some(r) = self.record(id)?
            {
                records.push(r);
            }
        }
        // RustSec informational notices (unmaintained, unsound) are not vulnerabilities.
        records.retain(|r| r.is_malicious() || !informational(r));
        records.retain(|r| !r.all_ids().iter().any(|i| self.ignore.contains(*i)));
        let kept: HashSet<&str> = records.iter().map(|r| r.id.as_str()).collect();
        let entries: Vec<&Affected> = hits
            .iter()
            .filter(|(id, _)| kept.contains(id.as_str()))
            .map(|(_, a)| a)
            .collect();
        let fix = smallest_fix(eco, version, &entries);
        Ok(PackageReport {
            vulnerabilities: merge_aliases(records),
            fix,
        })
    }
}

/// Whether an affected entry names every version: no ranges and no versions, a range
/// from the beginning with no end, or (converted records) no safe requirement at all.
fn covers_every_version(a: &Affected) -> bool {
    if let Some(reqs) = crate::osv::matching::unaffected_requirements(a) {
        return reqs.is_empty();
    }
    if a.ranges.is_empty() {
        return a.versions.is_empty();
    }
    a.ranges.iter().any(|r| {
        r.events
            .iter()
            .any(|e| e.introduced.as_deref() == Some("0"))
            && r.events
                .iter()
                .all(|e| e.fixed.is_none() && e.last_affected.is_none() && e.limit.is_none())
    })
}

fn informational(r: &Record) -> bool {
    r.database_specific
        .as_ref()
        .and_then(|d| d.get("informational"))
        .is_some_and(|v| !v.is_null())
}

/// Group records that share an id or alias (transitively) into one vulnerability each.
fn merge_aliases(records: Vec<Record>) -> Vec<Vulnerability> {
    let n = records.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        for id in r.all_ids() {
            if let Some(&j) = owner.get(id) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            } else {
                owner.insert(id.to_string(), i);
            }
        }
    }
    let mut groups: HashMap<usize, Vec<Record>> = HashMap::new();
    for (i, r) in records.into_iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(r);
    }
    let mut out: Vec<Vulnerability> = groups.into_values().map(|g| vulnerability(&g)).collect();
    out.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.ids.cmp(&b.ids)));
    out
}

/// Preference of id prefixes for the first id shown.
fn id_rank(id: &str) -> u8 {
    match id.split('-').next().unwrap_or("") {
        "MAL" => 0,
        "GHSA" => 1,
        "RUSTSEC" | "PYSEC" | "GO" => 2,
        "CVE" => 4,
        _ => 3,
    }
}

fn vulnerability(group: &[Record]) -> Vulnerability {
    let mut own: Vec<String> = group.iter().map(|r| r.id.clone()).collect();
    own.sort_by(|a, b| id_rank(a).cmp(&id_rank(b)).then_with(|| a.cmp(b)));
    let mut ids = own.clone();
    let mut others: BTreeSet<String> = BTreeSet::new();
    for r in group {
        for a in &r.aliases {
            if !own.contains(a) {
                others.insert(a.clone());
            }
        }
    }
    let mut others: Vec<String> = others.into_iter().collect();
    others.sort_by(|a, b| id_rank(a).cmp(&id_rank(b)).then_with(|| a.cmp(b)));
    ids.extend(others);
    let mut sev = Severity::Info;
    let mut score: Option<f64> = None;
    for r in group {
        let (s, sc) = severity::of_record(r);
        if s > sev {
            sev = s;
        }
        if let Some(x) = sc
            && score.is_none_or(|y| x > y)
        {
            score = Some(x);
        }
    }
    let summary = group
        .iter()
        .filter_map(|r| r.summary.clone().filter(|s| !s.trim().is_empty()))
        .next()
        .or_else(|| {
            group
                .iter()
                .filter_map(|r| r.details.as_ref())
                .map(|d| {
                    let first = d.lines().next().unwrap_or("").trim();
                    first.chars().take(160).collect::<String>()
                })
                .next()
        })
        .unwrap_or_else(|| "known vulnerability".to_string());
    Vulnerability {
        own_ids: own.len(),
        ids,
        summary,
        severity: sev,
        score,
        malicious: group.iter().any(Record::is_malicious),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vibeguard_store::AdvisoryBuilder;

    fn build(records: &[&str]) -> (tempfile::TempDir, AdvisoryDb) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("advisories.db");
        let mut b = AdvisoryBuilder::create(&path).unwrap();
        let mut rep = crate::import::ImportReport::default();
        for r in records {
            let rec = Record::from_json(r.as_bytes()).unwrap();
            crate::import::add_record(&mut b, &rec, "test", &mut rep).unwrap();
        }
        b.commit().unwrap();
        let db = AdvisoryDb::open(&path, &["GHSA-ignored".to_string()])
            .unwrap()
            .unwrap();
        (dir, db)
    }

    #[test]
    fn aliases_merge_and_the_fix_resolves_all() {
        let (_d, db) = build(&[
            r#"{"id":"GHSA-aaaa","aliases":["CVE-2021-1"],"summary":"XSS","affected":[{"package":{"ecosystem":"PyPI","name":"Django"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.2.11"}]}]}],"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"}]}"#,
            r#"{"id":"PYSEC-2021-9","aliases":["CVE-2021-1"],"affected":[{"package":{"ecosystem":"PyPI","name":"django"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.2.11"}]}]}]}"#,
            r#"{"id":"GHSA-bbbb","summary":"SQL injection","affected":[{"package":{"ecosystem":"PyPI","name":"django"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"3.2"},{"fixed":"3.2.14"}]}]}],"database_specific":{"severity":"HIGH"}}"#,
            r#"{"id":"GHSA-ignored","affected":[{"package":{"ecosystem":"PyPI","name":"django"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"9"}]}]}]}"#,
            r#"{"id":"GHSA-withdrawn","withdrawn":"2022-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"django"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}"#,
        ]);
        let rep = db.audit(Ecosystem::PyPI, "Django", "3.2.10").unwrap();
        assert_eq!(rep.vulnerabilities.len(), 2, "{rep:?}");
        let v = rep
            .vulnerabilities
            .iter()
            .find(|v| v.ids.contains(&"CVE-2021-1".to_string()))
            .unwrap();
        assert_eq!(v.ids, vec!["GHSA-aaaa", "PYSEC-2021-9", "CVE-2021-1"]);
        assert_eq!(rep.fix.as_deref(), Some("3.2.14"));
        assert!(
            db.audit(Ecosystem::PyPI, "django", "3.2.14")
                .unwrap()
                .vulnerabilities
                .is_empty()
        );
    }

    #[test]
    fn malicious_records() {
        let (_d, db) = build(&[
            r#"{"id":"MAL-2024-1","summary":"Malicious code in reqeusts","affected":[{"package":{"ecosystem":"PyPI","name":"reqeusts"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}"#,
        ]);
        let rep = db.audit(Ecosystem::PyPI, "reqeusts", "1.0").unwrap();
        assert!(rep.vulnerabilities[0].malicious);
        assert_eq!(rep.vulnerabilities[0].severity, Severity::Critical);
        assert!(
            db.malicious_any_version(Ecosystem::PyPI, "Reqeusts")
                .unwrap()
                .is_some()
        );
        assert!(
            db.malicious_any_version(Ecosystem::PyPI, "requests")
                .unwrap()
                .is_none()
        );
    }
}
