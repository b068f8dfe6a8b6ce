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
        Box::new(deps_analyzer(policy)),
    ])
}

/// The dependency analyzer: lockfiles against the local advisory store in the user's
/// cache directory, names against the popular lists and (unless offline) registries.
pub fn deps_analyzer(policy: &Policy) -> vibeguard_deps::analyzer::DepsAnalyzer {
    vibeguard_deps::analyzer::DepsAnalyzer::new(
        &policy.deps,
        &vibeguard_deps::paths::cache_dir(),
        Path::new("."),
    )
}

/// The package checker the gate asks about installs and manifest edits.
pub fn package_checker(policy: &Policy) -> Option<Box<dyn vibeguard_core::PackageChecker>> {
    Some(Box::new(
        vibeguard_deps::checker::Checker::new(&policy.deps, &vibeguard_deps::paths::cache_dir())
            .with_background_warm(finish_lookups_in_background),
    ))
}

/// Registry look-ups the gate's deadline cut short go on in a detached
/// `vibeguard deps check` (output discarded), so the next call finds the answer in the
/// cache; the hook itself answers and exits at once.
fn finish_lookups_in_background(requests: &[vibeguard_core::PackageRequest]) {
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    for r in requests.iter().take(8) {
        let spec = match &r.version {
            Some(v) if r.ecosystem == "PyPI" => format!("{}=={v}", r.name),
            Some(v) => format!("{}@{v}", r.name),
            None => r.name.clone(),
        };
        let _ = std::process::Command::new(&exe)
            .args([
                "deps",
                "check",
                "--timeout",
                "20",
                "--ecosystem",
                &r.ecosystem,
                &spec,
            ])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
}

/// A warning for `scan` when the advisory store is missing or older than
/// `[deps] max_db_age_days` (default 7); scans never download it themselves.
pub fn deps_store_warning(policy: &Policy) -> Option<String> {
    let path = vibeguard_deps::paths::advisory_db();
    let store = match vibeguard_store::AdvisoryStore::open(&path) {
        Ok(Some(s)) => s,
        Ok(None) => {
            return Some(format!(
                "no advisory store at {}: dependencies were checked for names only; run `vibeguard db update`",
                path.display()
            ));
        }
        Err(e) => {
            return Some(format!(
                "advisory store unusable ({e}); run `vibeguard db update`"
            ));
        }
    };
    let built = store.meta("built_at").ok().flatten()?;
    let t = built.parse::<vibeguard_store::Timestamp>().ok()?;
    let days = (vibeguard_store::Timestamp::now().as_second() - t.as_second()) / 86400;
    let max = i64::from(policy.deps.max_db_age_days.unwrap_or(7));
    (days > max).then(|| {
        format!("the advisory store is {days} days old (limit {max}); run `vibeguard db update`")
    })
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
