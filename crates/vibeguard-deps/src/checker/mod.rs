//! Judging packages someone is about to add: the gate's
//! [`PackageChecker`](vibeguard_core::PackageChecker) and `vibeguard deps check`.
//!
//! For each package, in order of cost: the advisory store (known malicious, known
//! vulnerable at the requested version), the popular-name list and the look-alike check,
//! then the registry (through its cache) for existence and release age. Everything
//! local answers in well under a few milliseconds; registry look-ups share one deadline.

use crate::audit::AdvisoryDb;
use crate::ecosystem::Ecosystem;
use crate::inventory::{self, FileKind};
use crate::lookalike;
use crate::popular;
use crate::registry::{Answer, PackageInfo, Registry};
use crate::specs;
use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};
use vibeguard_core::policy::DepsPolicy;
mod lazy;
pub use lazy::LazyChecker;

use vibeguard_core::{
    PackageChecker, PackageIssue, PackageRequest, PackageVerdict, Severity, Tier, UnknownPackage,
};

/// A package older than this with a few releases is established: a look-alike name
/// that has lived this long is a different, real project.
const ESTABLISHED_SECS: i64 = 365 * 24 * 3600;
/// Registry look-ups in flight at once.
const PARALLEL: usize = 8;

pub struct Checker {
    db: Option<AdvisoryDb>,
    registry: Registry,
    allow: Vec<String>,
    new_release_days: u32,
    deadline: Duration,
    unknown: Option<UnknownPackage>,
    /// Problems opening local data, reported with every verdict's reasons.
    pub notes: Vec<String>,
    /// Called with the requests whose registry look-up did not finish in time, so the
    /// caller can finish them in the background and the next check finds the answer in
    /// the cache (the gate process itself must exit right after answering).
    warm: Option<fn(&[PackageRequest])>,
}

impl Checker {
    /// A checker with the store and registry cache under `cache_dir`.
    pub fn new(policy: &DepsPolicy, cache_dir: &Path) -> Checker {
        let mut notes = Vec::new();
        let db = match AdvisoryDb::open(&cache_dir.join("advisories.db"), &policy.ignore) {
            Ok(db) => db,
            Err(e) => {
                notes.push(format!("advisory store unusable: {e}"));
                None
            }
        };
        Checker {
            db,
            registry: Registry::new(
                Some(&cache_dir.join("registry.db")),
                &policy.registries,
                policy.offline || crate::paths::offline_forced(),
            ),
            allow: policy.allow.clone(),
            new_release_days: policy.new_release_days.unwrap_or(2),
            deadline: gate_deadline(policy),
            unknown: policy.unknown_package,
            notes,
            warm: None,
        }
    }

    /// Finish look-ups that missed the deadline with `warm` (see the field).
    pub fn with_background_warm(mut self, warm: fn(&[PackageRequest])) -> Checker {
        self.warm = Some(warm);
        self
    }

    /// Whether the registry cache holds an answer for this package.
    pub fn cached(&self, eco: Ecosystem, name: &str) -> bool {
        self.registry.cached(eco, name).is_some()
    }

    pub fn has_advisories(&self) -> bool {
        self.db.is_some()
    }

    fn allowed(&self, eco: Ecosystem, name: &str) -> bool {
        let n = eco.normalize(name);
        self.allow.iter().any(|a| eco.normalize(a) == n)
    }

    /// Judge every request; registry look-ups end at `deadline`.
    pub fn judge(&self, requests: &[PackageRequest], deadline: Instant) -> Vec<PackageVerdict> {
        self.judge_with(requests, deadline, true)
    }

    /// [`judge`](Self::judge), with registry look-ups only when `lookups` (otherwise the
    /// cache answers and the rest stays unknown).
    pub fn judge_with(
        &self,
        requests: &[PackageRequest],
        deadline: Instant,
        lookups: bool,
    ) -> Vec<PackageVerdict> {
        self.judge_inner(requests, deadline, lookups, true)
    }

    /// Names only (no advisory matching): for callers that audit versions themselves.
    pub fn judge_names(
        &self,
        requests: &[PackageRequest],
        deadline: Instant,
        lookups: bool,
    ) -> Vec<PackageVerdict> {
        self.judge_inner(requests, deadline, lookups, false)
    }

    fn judge_inner(
        &self,
        requests: &[PackageRequest],
        deadline: Instant,
        lookups: bool,
        advisories: bool,
    ) -> Vec<PackageVerdict> {
        let ecos: Vec<Option<Ecosystem>> = requests
            .iter()
            .map(|r| Ecosystem::parse(&r.ecosystem))
            .collect();
        let items: Vec<(Ecosystem, String)> = requests
            .iter()
            .zip(&ecos)
            .filter_map(|(r, e)| e.map(|e| (e, r.name.clone())))
            .collect();
        let mut answers = if lookups {
            self.registry.lookup_many(&items, deadline, PARALLEL)
        } else {
            items
                .iter()
                .map(|(e, n)| {
                    self.registry
                        .cached(*e, n)
                        .unwrap_or_else(|| Answer::Unknown("not looked up".into()))
                })
                .collect()
        }
        .into_iter();
        let now = jiff::Timestamp::now().as_second();
        // Many names (a lockfile): build the look-alike index once.
        let batch = requests.len() > 16;
        requests
            .iter()
            .zip(ecos)
            .map(|(req, eco)| match eco {
                None => PackageVerdict {
                    request: req.clone(),
                    issues: Vec::new(),
                    unknown: Some(format!("unknown ecosystem `{}`", req.ecosystem)),
                },
                Some(eco) => {
                    let answer = answers
                        .next()
                        .unwrap_or(Answer::Unknown("no answer".into()));
                    self.judge_one(req, eco, answer, now, batch, advisories)
                }
            })
            .collect()
    }

    fn judge_one(
        &self,
        req: &PackageRequest,
        eco: Ecosystem,
        answer: Answer,
        now: i64,
        batch: bool,
        advisories: bool,
    ) -> PackageVerdict {
        let mut v = PackageVerdict {
            request: req.clone(),
            issues: Vec::new(),
            unknown: None,
        };
        let name = &req.name;
        let shown = match &req.version {
            Some(ver) => format!("{name}@{ver}"),
            None => name.clone(),
        };
        // 1. Advisories: the requested version, else the release an install would take.
        let latest = match &answer {
            Answer::Found(info) => info.latest.clone(),
            _ => None,
        };
        let audited = req.version.clone().or(latest);
        if let Some(db) = self.db.as_ref().filter(|_| advisories) {
            let mal = match &audited {
                Some(ver) => db.audit(eco, name, ver).ok().and_then(|r| {
                    let fix = r.fix.clone();
                    let mut mal = None;
                    for vuln in r.vulnerabilities {
                        if vuln.malicious {
                            mal = Some(vuln);
                        } else if vuln.severity >= Severity::Medium {
                            v.issues.push(PackageIssue {
                                rule_id: "deps/vulnerable".into(),
                                severity: vuln.severity,
                                tier: if vuln.severity >= Severity::High {
                                    Tier::Medium
                                } else {
                                    Tier::Low
                                },
                                message: format!(
                                    "{name}@{ver}{} has a known {} vulnerability: {} ({})",
                                    if req.version.is_none() {
                                        " (the latest release)"
                                    } else {
                                        ""
                                    },
                                    vuln.severity,
                                    vuln.summary,
                                    vuln.ids.join(", ")
                                ),
                                hint: Some(match &fix {
                                    Some(f) => format!("use {name} {f} or later"),
                                    None => "no fixed version is published; choose another package"
                                        .into(),
                                }),
                                advisories: vuln.ids.clone(),
                                fixed_version: fix.clone(),
                            });
                        }
                    }
                    mal.or_else(|| {
                        if req.version.is_none() {
                            db.malicious_any_version(eco, name).ok().flatten()
                        } else {
                            None
                        }
                    })
                }),
                None => db.malicious_any_version(eco, name).ok().flatten(),
            };
            if let Some(m) = mal {
                v.issues.push(PackageIssue {
                    rule_id: "deps/malicious".into(),
                    severity: Severity::Critical,
                    tier: Tier::High,
                    message: format!("{shown} is a known malicious package ({}): {}", m.ids.join(", "), m.summary),
                    hint: Some("do not install it; remove it and rotate any credentials the machine holds if it already ran".into()),
                    advisories: m.ids.clone(),
                    fixed_version: None,
                });
            }
        }
        let allowed = self.allowed(eco, name);
        let norm = eco.normalize(name);
        let popular = if batch {
            lookalike::Index::get(eco).is_popular(&norm)
        } else {
            popular::is_popular(eco, &norm)
        };
        // 2. Look-alike names.
        let look = if allowed || popular {
            None
        } else if batch {
            lookalike::Index::get(eco).check(eco, name, &self.allow)
        } else {
            lookalike::check(eco, name, &self.allow)
        };
        match (&answer, look) {
            (Answer::Missing, look) if !allowed => {
                let hint = look
                    .as_ref()
                    .map(|l| format!("did you mean `{}`?", l.target))
                    .or_else(|| nearest(eco, &norm).map(|t| format!("did you mean `{t}`? otherwise check the name in the {eco} registry")))
                    .unwrap_or_else(|| format!("check the package name in the {eco} registry; models often invent plausible names"));
                v.issues.push(PackageIssue {
                    rule_id: "deps/hallucinated-package".into(),
                    severity: Severity::High,
                    tier: Tier::High,
                    message: format!("`{name}` does not exist in the {eco} registry (a name an agent may have invented; attackers register such names)"),
                    hint: Some(hint),
                    advisories: Vec::new(),
                    fixed_version: None,
                });
                return v;
            }
            (answer, Some(l)) => {
                let established =
                    matches!(answer, Answer::Found(info) if is_established(info, now));
                if !established {
                    v.issues.push(PackageIssue {
                        rule_id: "deps/typosquat".into(),
                        severity: Severity::High,
                        tier: Tier::High,
                        message: format!(
                            "`{name}` {} the popular {eco} package `{}`",
                            l.how, l.target
                        ),
                        hint: Some(format!("did you mean `{}`?", l.target)),
                        advisories: Vec::new(),
                        fixed_version: None,
                    });
                }
            }
            _ => {}
        }
        // 3. Release age.
        match &answer {
            Answer::Found(info) => {
                if let Some(issue) = self.new_release(name, req.version.as_deref(), info, now) {
                    v.issues.push(issue);
                }
            }
            Answer::Unknown(why) if !popular && !allowed && v.issues.is_empty() => {
                v.unknown = Some(format!("{shown}: {why}"));
            }
            _ => {}
        }
        v
    }

    fn new_release(
        &self,
        name: &str,
        version: Option<&str>,
        info: &PackageInfo,
        now: i64,
    ) -> Option<PackageIssue> {
        let limit = i64::from(self.new_release_days) * 24 * 3600;
        let which = version
            .map(str::to_string)
            .or_else(|| info.latest.clone())?;
        let published = *info.published.get(&which)?;
        let age = now - published;
        if age >= limit || age < -3600 {
            return None;
        }
        let hours = (age.max(0) / 3600) as u64;
        let young_package = info.created.is_some_and(|c| now - c < limit);
        Some(PackageIssue {
            rule_id: "deps/new-release".into(),
            severity: Severity::Medium,
            tier: Tier::Medium,
            message: if young_package {
                format!(
                    "`{name}` was first published {hours} h ago; brand-new packages are where malicious code hides until it is pulled"
                )
            } else {
                format!(
                    "{name} {which} was published {hours} h ago; malicious releases of real packages are usually pulled within days"
                )
            },
            hint: Some(format!(
                "pin the previous release, or wait {} days before adopting it",
                self.new_release_days
            )),
            advisories: Vec::new(),
            fixed_version: None,
        })
    }
}

fn is_established(info: &PackageInfo, now: i64) -> bool {
    let old = info.created.is_some_and(|c| now - c > ESTABLISHED_SECS);
    let busy = info.downloads.is_some_and(|d| d >= 100_000);
    // Without dates (cargo's sparse index), a long release history stands in for age.
    let long_history = info.created.is_none() && info.releases >= 10;
    (old && info.releases >= 3) || busy || long_history
}

/// The closest popular name within two edits, for "did you mean" on a missing name.
fn nearest(eco: Ecosystem, norm: &str) -> Option<&'static str> {
    if norm.chars().count() < 4 {
        return None;
    }
    let lower = norm.to_lowercase();
    popular::ranked(eco)
        .take(5000)
        .map(|t| (lookalike::distance(&lower, &t.to_lowercase(), 2), t))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, t)| t)
}

impl PackageChecker for Checker {
    fn limitations(&self) -> Vec<String> {
        let mut out = self.notes.clone();
        if self.db.is_none() && out.is_empty() {
            out.push("no advisory store, so known vulnerable and malicious versions were not checked; run `vibeguard db update` (or `vibeguard db import PATH` offline)".into());
        }
        if self.registry.offline() {
            out.push("offline: names not in the registry cache were not looked up".into());
        }
        out
    }

    fn requests_from_command(&self, manager: &str, specs: &[String]) -> Vec<PackageRequest> {
        specs::from_command(manager, specs)
    }

    fn requests_from_manifest(&self, path: &str, before: &str, after: &str) -> Vec<PackageRequest> {
        manifest_requests(path, before, after)
    }

    fn check(&self, requests: &[PackageRequest], deadline: Instant) -> Vec<PackageVerdict> {
        let verdicts = self.judge(requests, deadline);
        if let Some(warm) = self.warm
            && !self.registry.offline()
        {
            let late: Vec<PackageRequest> = verdicts
                .iter()
                .filter(|v| v.unknown.is_some())
                .map(|v| v.request.clone())
                .collect();
            if !late.is_empty() {
                warm(&late);
            }
        }
        verdicts
    }

    fn deadline(&self) -> Duration {
        self.deadline
    }

    fn unknown_package(&self) -> Option<UnknownPackage> {
        self.unknown
    }
}

/// Time the gate gives one package check (`[deps] deadline_ms`, default 800 ms).
pub fn gate_deadline(policy: &DepsPolicy) -> Duration {
    Duration::from_millis(policy.deadline_ms.unwrap_or(800))
}

/// The dependencies an edit adds to a manifest (or whose version it changes); empty when
/// `path` is not a manifest the checker reads. Needs no store: parsing only.
pub fn manifest_requests(path: &str, before: &str, after: &str) -> Vec<PackageRequest> {
    let Some(kind) = FileKind::of_path(path) else {
        return Vec::new();
    };
    if !kind.is_manifest() && kind != FileKind::Requirements && kind != FileKind::GoMod {
        return Vec::new();
    }
    let none = |_: &str| None;
    let old = inventory::parse_file(path, before, &none);
    let new = inventory::parse_file(path, after, &none);
    let had: HashSet<(String, Option<String>)> = old
        .packages
        .iter()
        .map(|p| (p.normalized.clone(), p.version.clone()))
        .collect();
    let mut seen = HashSet::new();
    new.packages
        .iter()
        .filter(|p| p.origin == inventory::Origin::Registry)
        .filter(|p| !had.contains(&(p.normalized.clone(), p.version.clone())))
        .filter(|p| seen.insert(p.normalized.clone()))
        .map(|p| PackageRequest {
            ecosystem: p.ecosystem.osv_name().to_string(),
            name: p.name.clone(),
            version: p.version.clone(),
            source: path.rsplit('/').next().unwrap_or(path).to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
