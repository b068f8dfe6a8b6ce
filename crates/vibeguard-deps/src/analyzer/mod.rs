//! The scan's dependency analyzer: each lockfile or manifest is read into packages and
//! matched against the local advisory store (`deps/vulnerable`, `deps/malicious`);
//! names are checked against the popular lists (`deps/typosquat`) and, unless offline,
//! direct dependencies the cache does not know are looked up in their registry
//! (`deps/hallucinated-package`, `deps/new-release`). The advisory store is never
//! downloaded here (that is `vibeguard db update`).

use crate::audit::AdvisoryDb;
use crate::checker::Checker;
use crate::inventory::{self, FileKind, Origin, Package};
use crate::rules;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vibeguard_core::policy::DepsPolicy;
use vibeguard_core::{
    AnalyzeContext, Analyzer, Finding, Fix, Location, PackageRequest, Properties, RuleInfo,
    Severity, SourceFile, TextEdit,
};

/// Registry look-ups one scan may make (a few hundred direct dependencies at most in
/// real projects; beyond that only the cache answers).
const MAX_LOOKUPS_PER_FILE: usize = 300;
/// Time one file's registry look-ups may take.
const FILE_DEADLINE: Duration = Duration::from_secs(20);

static SEEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether any analyzer in this process read a dependency file (so `scan` warns about a
/// missing or stale advisory store only when it matters).
pub fn dependency_files_seen() -> bool {
    SEEN.load(std::sync::atomic::Ordering::Relaxed)
}

pub struct DepsAnalyzer {
    /// Opened on the first dependency file, so an agent's Write of a source file (or a
    /// scan without lockfiles) never touches the store or the registry cache.
    local: std::sync::OnceLock<(Option<AdvisoryDb>, Checker)>,
    policy: DepsPolicy,
    cache_dir: PathBuf,
    offline: bool,
    /// Where relative includes (`-r other.txt`) and sibling lockfiles are looked up.
    root: PathBuf,
}

impl DepsAnalyzer {
    /// The analyzer with the store and cache in `cache_dir`; `root` is the folder scan
    /// paths are relative to.
    pub fn new(policy: &DepsPolicy, cache_dir: &Path, root: &Path) -> DepsAnalyzer {
        DepsAnalyzer {
            local: std::sync::OnceLock::new(),
            policy: policy.clone(),
            cache_dir: cache_dir.to_path_buf(),
            offline: policy.offline || crate::paths::offline_forced(),
            root: root.to_path_buf(),
        }
    }

    fn local(&self) -> &(Option<AdvisoryDb>, Checker) {
        self.local.get_or_init(|| {
            let db = AdvisoryDb::open(&self.cache_dir.join("advisories.db"), &self.policy.ignore)
                .ok()
                .flatten();
            let mut policy = self.policy.clone();
            policy.offline = self.offline;
            (db, Checker::new(&policy, &self.cache_dir))
        })
    }

    /// Whether an advisory store was found (without one only names are checked).
    pub fn has_advisories(&self) -> bool {
        self.local().0.is_some()
    }

    fn superseded(&self, path: &str, kind: FileKind) -> bool {
        let dir = match path.rfind('/') {
            Some(i) => self.root.join(&path[..i]),
            None => self.root.clone(),
        };
        let locks: &[&str] = match kind {
            FileKind::PackageJson => &[
                "package-lock.json",
                "npm-shrinkwrap.json",
                "yarn.lock",
                "pnpm-lock.yaml",
                "bun.lock",
            ],
            FileKind::PyProject => &["poetry.lock", "uv.lock", "pylock.toml", "Pipfile.lock"],
            FileKind::CargoToml => &["Cargo.lock"],
            FileKind::Gemfile => &["Gemfile.lock"],
            FileKind::ComposerJson => &["composer.lock"],
            FileKind::GoSum => &["go.mod"],
            _ => &[],
        };
        locks.iter().any(|l| dir.join(l).is_file())
    }
}

/// Byte offsets where each line starts, built once per file: findings on a 5,000-package
/// lockfile must not each walk the file from the top.
struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    /// The location of a whole line (1-based), leading blanks excluded.
    fn location(&self, path: &str, line: u32) -> Location {
        let i = line as usize;
        match self.starts.get(i.wrapping_sub(1)) {
            Some(&start) if i >= 1 && start < self.text.len() || i == 1 => {
                let stop = self.starts.get(i).copied().unwrap_or(self.text.len());
                let l = &self.text[start..stop];
                let end = start + l.trim_end_matches(['\n', '\r']).len();
                let col = l.len() - l.trim_start().len();
                Location {
                    path: path.to_string(),
                    line,
                    column: col as u32 + 1,
                    end_line: line,
                    end_column: (end - start) as u32 + 1,
                    byte_start: (start + col).min(end),
                    byte_end: end,
                }
            }
            _ => Location {
                path: path.to_string(),
                line: line.max(1),
                column: 1,
                end_line: line.max(1),
                end_column: 1,
                byte_start: 0,
                byte_end: 0,
            },
        }
    }
}

fn location(path: &str, text: &str, line: u32) -> Location {
    Lines::new(text).location(path, line)
}

fn snippet(text: &str, loc: &Location) -> String {
    text.get(loc.byte_start..loc.byte_end)
        .unwrap_or("")
        .chars()
        .take(200)
        .collect()
}

/// Replace the pinned version on the package's line with the fixed one, for manifests
/// where that line alone decides the version (requirements files, package.json).
fn version_fix(
    kind: FileKind,
    text: &str,
    loc: &Location,
    pkg: &Package,
    fixed: &str,
) -> Option<Fix> {
    if !matches!(
        kind,
        FileKind::Requirements | FileKind::PackageJson | FileKind::PyProject
    ) {
        return None;
    }
    // Changing the version of a hash-checked requirement would make the install fail.
    if !pkg.hashes.is_empty() {
        return None;
    }
    let current = pkg.version.as_deref()?;
    let line = text.get(loc.byte_start..loc.byte_end)?;
    let at = line.find(current)?;
    // The version must be the whole token, not part of a longer one.
    let after = line[at + current.len()..].chars().next();
    if after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        || line[at + current.len()..].contains(current)
    {
        return None;
    }
    Some(Fix {
        description: format!("upgrade {} to {fixed}", pkg.name),
        edits: vec![TextEdit {
            byte_start: loc.byte_start + at,
            byte_end: loc.byte_start + at + current.len(),
            replacement: fixed.to_string(),
        }],
    })
}

fn finding(
    rule: &rules::Meta,
    severity: Severity,
    message: String,
    loc: Location,
    text: &str,
    key: &str,
    fix: Option<Fix>,
) -> Finding {
    Finding {
        flow: Vec::new(),
        properties: Default::default(),
        rule_id: rule.id.to_string(),
        severity,
        confidence: rule.confidence,
        fingerprint: Finding::fingerprint_for(rule.id, &loc.path, key.as_bytes()),
        snippet: snippet(text, &loc),
        message,
        location: loc,
        secret: None,
        provenance: None,
        fix,
    }
}

/// A vulnerable or malicious package's facts as structured data for SARIF and JSON: the
/// advisories' own ids, the other ids naming the same flaw, the CVSS score and the
/// version that resolves every advisory on the package. All the ids are also tags, so a
/// code-scanning service can filter by `CVE-...` or `GHSA-...`.
fn advisory_properties(
    p: &Package,
    version: &str,
    v: &crate::audit::Vulnerability,
    fixed: Option<&str>,
) -> Properties {
    let own = v.own_ids.min(v.ids.len());
    let mut values = std::collections::BTreeMap::new();
    values.insert("ecosystem".into(), p.ecosystem.osv_name().into());
    values.insert("package".into(), p.name.clone().into());
    values.insert("version".into(), version.into());
    values.insert("advisoryIds".into(), v.ids[..own].into());
    values.insert("aliases".into(), v.ids[own..].into());
    if let Some(score) = v.score {
        values.insert("cvssScore".into(), ((score * 10.0).round() / 10.0).into());
    }
    if let Some(f) = fixed {
        values.insert("fixedVersion".into(), f.into());
    }
    Properties {
        tags: v.ids.clone(),
        values,
    }
}

impl Analyzer for DepsAnalyzer {
    fn name(&self) -> &'static str {
        "deps"
    }

    fn rules(&self) -> Vec<RuleInfo> {
        rules::all()
    }

    fn wants(&self, path: &str) -> bool {
        FileKind::of_path(path).is_some()
    }

    fn analyze(&self, file: &SourceFile<'_>, cx: &mut AnalyzeContext) {
        let Some(kind) = FileKind::of_path(file.path) else {
            return;
        };
        SEEN.store(true, std::sync::atomic::Ordering::Relaxed);
        let text = String::from_utf8_lossy(file.bytes);
        let root = self.root.clone();
        let base = file.path.to_string();
        let read = move |p: &str| {
            let _ = &base;
            std::fs::read_to_string(root.join(p)).ok()
        };
        let inv = inventory::parse_file(file.path, &text, &read);
        let lines = Lines::new(&text);
        for w in &inv.warnings {
            let loc = location(&w.file, &text, w.line);
            cx.report(finding(
                &rules::LOCKFILE_ERROR,
                Severity::Info,
                format!("{}: its packages were not audited", w.message),
                loc,
                &text,
                &w.message,
                None,
            ));
        }
        let superseded = kind.is_manifest() && self.superseded(file.path, kind);
        let (db, checker) = self.local();
        // Advisories.
        if let Some(db) = db
            && !superseded
        {
            for p in inv
                .packages
                .iter()
                .filter(|p| p.origin == Origin::Registry && p.file == file.path)
            {
                let Some(version) = &p.version else { continue };
                let Ok(rep) = db.audit(p.ecosystem, &p.name, version) else {
                    continue;
                };
                for v in &rep.vulnerabilities {
                    let loc = lines.location(file.path, p.line);
                    let key = format!("{}@{}:{}", p.normalized, version, v.ids[0]);
                    if v.malicious {
                        let msg = format!(
                            "{} {} is a known malicious package ({}): {}",
                            p.name,
                            version,
                            v.ids.join(", "),
                            v.summary
                        );
                        let mut f = finding(
                            &rules::MALICIOUS,
                            Severity::Critical,
                            msg,
                            loc,
                            &text,
                            &key,
                            None,
                        );
                        f.properties = advisory_properties(p, version, v, None);
                        cx.report(f);
                        continue;
                    }
                    let fix_text = match &rep.fix {
                        Some(f) => format!("; fixed in {f}"),
                        None => "; no fixed version".to_string(),
                    };
                    let score = v
                        .score
                        .map(|s| format!(", CVSS {s:.1}"))
                        .unwrap_or_default();
                    let msg = format!(
                        "{} {} has {} ({}{}): {}{}",
                        p.name,
                        version,
                        v.ids.join(", "),
                        v.severity,
                        score,
                        v.summary,
                        fix_text
                    );
                    let fix = rep
                        .fix
                        .as_deref()
                        .and_then(|f| version_fix(kind, &text, &loc, p, f));
                    let mut f = finding(&rules::VULNERABLE, v.severity, msg, loc, &text, &key, fix);
                    f.properties = advisory_properties(p, version, v, rep.fix.as_deref());
                    cx.report(f);
                }
            }
        }
        // Names: look-alikes always (local); registry look-ups for the dependencies the
        // project names itself, unless offline.
        let names: Vec<&Package> = inv
            .packages
            .iter()
            .filter(|p| p.origin == Origin::Registry && p.file == file.path)
            .filter(|p| p.direct != Some(false) || kind == FileKind::Requirements)
            .collect();
        if names.is_empty() {
            return;
        }
        let mut seen = std::collections::HashSet::new();
        let reqs: Vec<(&Package, PackageRequest)> = names
            .into_iter()
            .filter(|p| seen.insert(p.normalized.clone()))
            .take(if self.offline {
                usize::MAX
            } else {
                MAX_LOOKUPS_PER_FILE
            })
            .map(|p| {
                (
                    p,
                    PackageRequest {
                        ecosystem: p.ecosystem.osv_name().to_string(),
                        name: p.name.clone(),
                        version: p.version.clone(),
                        source: file.path.to_string(),
                    },
                )
            })
            .collect();
        // What people and agents declare by hand (manifests, requirements, go.mod) is looked
        // up. Lockfiles were resolved by a package manager, so their names exist: only the
        // ones that look like a popular package are asked about (a real package with a
        // similar name is then told apart from a squat by its age); offline, with no cached
        // answer, such a suspicion is not reported.
        let declared = kind.is_manifest()
            || matches!(
                kind,
                FileKind::Requirements | FileKind::GoMod | FileKind::PomXml
            );
        let reqs: Vec<(&Package, PackageRequest)> = if declared {
            reqs
        } else {
            reqs.into_iter()
                .filter(|(p, _)| {
                    crate::lookalike::Index::get(p.ecosystem)
                        .check(p.ecosystem, &p.name, &self.policy.allow)
                        .is_some()
                })
                .filter(|(p, _)| !self.offline || checker.cached(p.ecosystem, &p.name))
                .collect()
        };
        let just: Vec<PackageRequest> = reqs.iter().map(|(_, r)| r.clone()).collect();
        let verdicts = checker.judge_names(&just, Instant::now() + FILE_DEADLINE, !self.offline);
        for ((p, _), v) in reqs.iter().zip(verdicts) {
            for issue in v.issues {
                let rule = match issue.rule_id.as_str() {
                    "deps/hallucinated-package" => &rules::HALLUCINATED,
                    "deps/typosquat" => &rules::TYPOSQUAT,
                    "deps/new-release" => &rules::NEW_RELEASE,
                    // advisories were reported above, with their lines and fixes
                    _ => continue,
                };
                let loc = lines.location(file.path, p.line);
                let msg = match &issue.hint {
                    Some(h) => format!("{}; {h}", issue.message),
                    None => issue.message.clone(),
                };
                let key = format!("{}:{}", p.normalized, rule.id);
                cx.report(finding(rule, issue.severity, msg, loc, &text, &key, None));
            }
        }
    }
}

#[cfg(test)]
mod tests;
