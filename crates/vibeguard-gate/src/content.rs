//! Content the agent is about to write: run every analyzer on the file before and after
//! the change and keep only the findings the change introduces.

use crate::action::{GateFinding, Tier};
use std::collections::HashMap;
use vibeguard_core::{AnalyzeContext, Analyzer, Finding, Severity, SourceFile};

/// Largest file the gate reads from disk to apply an edit to (bigger: scanned as empty,
/// so every finding of the new text counts).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Identity of a finding that survives line moves: the secret's hash when there is one,
/// else the analyzer's fingerprint (rule, path, matched content).
fn identity(f: &Finding) -> (String, String) {
    let key = match &f.secret {
        Some(s) => s.sha256.clone(),
        None => f.fingerprint.clone(),
    };
    (f.rule_id.clone(), key)
}

fn run_all(analyzers: &[Box<dyn Analyzer>], path: &str, text: &str) -> Vec<Finding> {
    if text.is_empty() {
        return Vec::new();
    }
    let file = SourceFile::new(path, text.as_bytes());
    let mut cx = AnalyzeContext::new(false);
    for a in analyzers {
        if a.wants(path) {
            a.analyze(&file, &mut cx);
        }
    }
    // The same problem once, as `scan` reports it.
    vibeguard_core::pipeline::dedup_findings(&mut cx.findings);
    cx.findings
}

/// Findings in `after` that `before` does not have (counted per identity, so a second
/// copy of an existing secret counts as new).
pub fn introduced(
    analyzers: &[Box<dyn Analyzer>],
    path: &str,
    before: &str,
    after: &str,
) -> Vec<Finding> {
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for f in run_all(analyzers, path, before) {
        *seen.entry(identity(&f)).or_default() += 1;
    }
    let mut out = Vec::new();
    for f in run_all(analyzers, path, after) {
        match seen.get_mut(&identity(&f)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(f),
        }
    }
    out
}

/// Risk tier of a scan finding.
pub fn tier_of(severity: Severity) -> Tier {
    match severity {
        Severity::Critical | Severity::High => Tier::High,
        Severity::Medium => Tier::Medium,
        Severity::Low | Severity::Info => Tier::Low,
    }
}

/// What to tell the agent to do instead.
fn hint_for(f: &Finding) -> String {
    if f.secret.is_some() {
        "read it from the environment (or a secrets manager) instead of hard-coding it".to_string()
    } else if let Some(fix) = &f.fix {
        fix.description.clone()
    } else {
        format!("see `vibeguard explain {}` for the safe pattern", f.rule_id)
    }
}

/// A write finding the agent can act on: rule, file, line, what is wrong and how to fix.
pub fn write_finding(display_path: &str, f: &Finding) -> GateFinding {
    let hint = hint_for(f);
    let value = f
        .secret
        .as_ref()
        .map(|s| format!(" (value {})", s.redacted))
        .unwrap_or_default();
    GateFinding {
        rule_id: f.rule_id.clone(),
        tier: tier_of(f.severity),
        reason: format!(
            "{} at line {} of {display_path}: {}{value}; {hint}",
            f.rule_id, f.location.line, f.message
        ),
        hint: Some(hint),
    }
}

/// A secret pasted into a prompt: a warning by default (medium), it is already on its way
/// to the model provider once sent.
pub fn prompt_finding(f: &Finding) -> GateFinding {
    let value = f
        .secret
        .as_ref()
        .map(|s| format!(" ({})", s.redacted))
        .unwrap_or_default();
    GateFinding {
        rule_id: f.rule_id.clone(),
        tier: Tier::Medium,
        // What happened to the prompt and what to do next depend on the decision; the
        // agent's adapter says that (see `adapters::prompt_message`).
        reason: format!(
            "it contains what looks like a secret at line {}{value}",
            f.location.line
        ),
        hint: None,
    }
}

/// Cheap test before building the content analyzers for a shell command: does the
/// command contain a known token prefix or a credential-looking assignment? Most
/// commands do not, and they never pay for the analyzers.
pub fn may_hold_secret(command: &str) -> bool {
    const MARKERS: &[&str] = &[
        "akia",
        "asia",
        "abia",
        "acca",
        "ghp_",
        "gho_",
        "ghu_",
        "ghs_",
        "ghr_",
        "github_pat_",
        "glpat-",
        "sk-",
        "sk_live_",
        "rk_live_",
        "sk_test_",
        "xox",
        "aiza",
        "-----begin",
        "npm_",
        "pypi-",
        "hf_",
        "shpat_",
        "eyj",
        "secret",
        "token",
        "passw",
        "api_key",
        "apikey",
        "private_key",
        "access_key",
        "bearer ",
    ];
    if command.len() < 16 {
        return false;
    }
    let lower = command.to_ascii_lowercase();
    MARKERS.iter().any(|m| lower.contains(m))
}

/// A secret written literally in a shell command: it lands in the transcript, shell
/// history and whatever file or service the command writes to.
pub fn command_finding(f: &Finding) -> GateFinding {
    let value = f
        .secret
        .as_ref()
        .map(|s| format!(" (value {})", s.redacted))
        .unwrap_or_default();
    let hint =
        "put the value in an environment variable or a git-ignored file and refer to it by name"
            .to_string();
    GateFinding {
        rule_id: f.rule_id.clone(),
        tier: tier_of(f.severity),
        reason: format!(
            "{} in the command: {}{value}; a literal secret in a command is copied into files, logs and the agent's transcript",
            f.rule_id, f.message
        ),
        hint: Some(hint),
    }
}
