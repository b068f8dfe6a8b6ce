//! Filters applied after analysis: switched-off rules, baseline, added lines, threshold.
//!
//! Inline suppressions are applied earlier, per file, while the file's bytes are still
//! in memory (see `engine.rs`).

use super::ScanOutput;
use crate::baseline::BaselineIndex;
use crate::finding::Finding;
use crate::severity::Severity;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// Inclusive, sorted 1-based line ranges per path: the lines a change added.
pub type AddedLineMap = HashMap<String, Vec<(u32, u32)>>;

#[derive(Debug, Default)]
pub struct FilterConfig {
    /// Rule ids switched off (`[scan].disable`, `[secrets].disable`).
    pub disabled: HashSet<String>,
    pub baseline: Option<BaselineIndex>,
    /// Keep only findings on these lines (`--diff`, `--staged`).
    pub added_lines: Option<AddedLineMap>,
    /// Drop findings below this severity.
    pub min_severity: Option<Severity>,
}

fn on_added_line(map: &AddedLineMap, f: &Finding) -> bool {
    let Some(ranges) = map.get(&f.location.path) else {
        return false;
    };
    let (start, end) = (f.location.line, f.location.end_line.max(f.location.line));
    // Any line of the finding that the change added counts: a multi-line secret that
    // was edited is new.
    ranges.iter().any(|&(a, b)| a <= end && start <= b)
}

/// Apply the filters, count what each one dropped, and sort the findings into the
/// stable order every reporter uses (path, line, column, rule id).
pub fn apply(out: &mut ScanOutput, cfg: &FilterConfig) {
    let t = Instant::now();
    let stats = &mut out.stats;
    out.findings.retain(|f| {
        if cfg.disabled.contains(&f.rule_id) {
            stats.filtered_disabled += 1;
            return false;
        }
        if let Some(map) = &cfg.added_lines
            && !on_added_line(map, f)
        {
            stats.filtered_unchanged += 1;
            return false;
        }
        if let Some(min) = cfg.min_severity
            && f.severity < min
        {
            stats.filtered_severity += 1;
            return false;
        }
        if let Some(b) = &cfg.baseline
            && b.contains(f)
        {
            stats.suppressed_baseline += 1;
            return false;
        }
        true
    });
    sort_findings(&mut out.findings);
    out.stats.filter += t.elapsed();
}

/// One finding per problem. Two analyzers can report the same rule on the same code, and
/// one rule can match twice in one line (`/var/run/docker.sock:/var/run/docker.sock`):
/// the user sees one problem, and a baseline or a diff filter should see one too.
/// Findings are the same when rule, path and line span match and, for secrets, the
/// secret's value too, so two different secrets on one line stay two findings, and for
/// findings that name what they are about in their tags (a package's advisories), those
/// ids too, so two vulnerabilities of one pinned package stay two findings. The first
/// one reported is kept (with the first fix any of the copies offers); order is kept.
pub fn dedup_findings(findings: &mut Vec<Finding>) {
    if findings.len() < 2 {
        return;
    }
    let key = |f: &Finding| {
        (
            f.rule_id.clone(),
            f.location.path.clone(),
            f.location.line,
            f.location.end_line.max(f.location.line),
            f.secret.as_ref().map(|s| s.sha256.clone()),
            f.properties.tags.clone(),
        )
    };
    let mut first: HashMap<_, usize> = HashMap::new();
    let mut keep = vec![true; findings.len()];
    for i in 0..findings.len() {
        match first.get(&key(&findings[i])) {
            Some(&j) => {
                keep[i] = false;
                if findings[j].fix.is_none() && findings[i].fix.is_some() {
                    findings[j].fix = findings[i].fix.take();
                }
            }
            None => {
                first.insert(key(&findings[i]), i);
            }
        }
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Deterministic order: path, line, column, rule id, then fingerprint.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            &a.location.path,
            a.location.line,
            a.location.column,
            &a.rule_id,
            &a.fingerprint,
        )
            .cmp(&(
                &b.location.path,
                b.location.line,
                b.location.column,
                &b.rule_id,
                &b.fingerprint,
            ))
    });
}
