//! The analyzers a scan runs and the catalogue of every rule (`rules`, `explain`, SARIF).

use anyhow::Context;
use std::path::Path;
use vibeguard_core::{Analyzer, Policy, RuleInfo};

/// Load `vibeguard.toml` from a scan root (a file root uses its folder). A malformed
/// policy is an error, never silently ignored.
pub fn load_policy(root: &Path) -> anyhow::Result<Policy> {
    vibeguard_engine::load_policy(root)
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

/// Every rule vibeguard knows: the scan analyzers' rules and the agent gate's rules,
/// sorted by id.
pub fn all_rules(analyzers: &[Box<dyn Analyzer>]) -> Vec<RuleInfo> {
    let mut rules: Vec<RuleInfo> = analyzers.iter().flat_map(|a| a.rules()).collect();
    rules.extend(vibeguard_shell::rules());
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    rules.dedup_by(|a, b| a.id == b.id);
    rules
}
