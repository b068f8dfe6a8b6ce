//! The analyzers a scan runs and the catalogue of every rule (`rules`, `explain`, SARIF).

use anyhow::Context;
use std::path::Path;
use vibeguard_core::{Analyzer, Policy, RuleInfo};

/// Load `vibeguard.toml` from a scan root (a file root uses its folder) and validate the
/// whole file ([`validate_policy`]). A malformed policy is an error, never silently
/// ignored.
pub fn load_policy(root: &Path) -> anyhow::Result<Policy> {
    let dir = if root.is_file() {
        root.parent().unwrap_or(Path::new("."))
    } else {
        root
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let policy = Policy::load_from_dir(dir)?;
    validate_policy(&policy)?;
    Ok(policy)
}

/// What every command checks, whichever sections it uses itself: the `[gate]` section as
/// the hook reads it, and every rule id the file names against the catalogue of every
/// rule (so a typo in `[scan] disable` or `[gate.rules]` is an error, not a no-op).
pub fn validate_policy(policy: &Policy) -> anyhow::Result<()> {
    vibeguard_gate::GatePolicy::from_table(policy.gate.as_ref())
        .map_err(|e| anyhow::anyhow!("{} is invalid: {e}", Policy::FILE_NAME))?;
    vibeguard_gate::runner::check_rule_ids(policy, crate::cmd::hook::make_analyzers)
        .map_err(anyhow::Error::msg)
}

/// Every analyzer `scan` runs, built once for the whole scan.
pub fn scan_analyzers(policy: &Policy) -> anyhow::Result<Vec<Box<dyn Analyzer>>> {
    let secrets = vibeguard_secrets::SecretsAnalyzer::new(&policy.secrets)
        .context("invalid [secrets] section in vibeguard.toml")?;
    let disabled = &policy.scan.disable;
    Ok(vec![
        Box::new(secrets),
        Box::new(vibeguard_code::code_analyzer(disabled)),
        Box::new(vibeguard_config::config_analyzer(disabled)),
    ])
}

/// Every rule vibeguard knows: the scan analyzers' rules and the agent gate's rules
/// (shell analysis and engine), sorted by id.
pub fn all_rules(analyzers: &[Box<dyn Analyzer>]) -> Vec<RuleInfo> {
    let mut rules: Vec<RuleInfo> = analyzers.iter().flat_map(|a| a.rules()).collect();
    rules.extend(vibeguard_gate::rules());
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    rules.dedup_by(|a, b| a.id == b.id);
    rules
}

/// Every rule that can fire under this policy, disabled ones included (they still exist:
/// `explain` documents them and the policy may name them): what `rules` lists.
pub fn catalogue(policy: &Policy) -> anyhow::Result<Vec<RuleInfo>> {
    let mut everything = policy.clone();
    everything.scan.disable.clear();
    everything.secrets.disable.clear();
    Ok(all_rules(&scan_analyzers(&everything)?))
}
