//! The analyzers a scan runs and the catalogue of every rule (`rules`, `explain`, SARIF).

use anyhow::Context;
use std::path::Path;
use vibeguard_core::{Analyzer, Policy, RuleInfo};

/// Load `vibeguard.toml` from a scan root (a file root uses its folder) and validate the
/// whole file ([`validate_policy`]). A malformed policy is an error, never silently
/// ignored.
pub fn load_policy(root: &Path) -> anyhow::Result<Policy> {
    let policy = vibeguard_engine::load_policy(root)?;
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

/// Every analyzer `scan` runs, built once for the whole scan, after the whole policy was
/// validated: this is the analyzer set every engine front end (scan, baseline, lsp, mcp,
/// pre-commit) builds from the policy it loaded, so none of them accepts a policy the
/// others refuse.
pub fn scan_analyzers(policy: &Policy) -> anyhow::Result<Vec<Box<dyn Analyzer>>> {
    validate_policy(policy)?;
    build_analyzers(policy)
}

/// The analyzers for a policy already validated (or being validated).
pub fn build_analyzers(policy: &Policy) -> anyhow::Result<Vec<Box<dyn Analyzer>>> {
    let secrets = vibeguard_secrets::SecretsAnalyzer::new(&policy.secrets)
        .context("invalid [secrets] section in vibeguard.toml")?;
    let disabled = &policy.scan.disable;
    Ok(vec![
        Box::new(secrets),
        Box::new(
            vibeguard_code::code_analyzer(disabled)
                .with_threat_model(policy.scan.threat_model.unwrap_or_default()),
        ),
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
        vibeguard_deps::checker::LazyChecker::new(
            &policy.deps,
            &vibeguard_deps::paths::cache_dir(),
        )
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
    Ok(all_rules(&build_analyzers(&everything)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn builtin_catalogue() -> Vec<RuleInfo> {
        catalogue(&Policy::default()).unwrap()
    }

    /// Actions published by GitHub's `actions` organisation, which the workflow rules look
    /// for by name: they share the `actions/` rule domain's prefix but are not rule ids.
    const GITHUB_ORG_ACTIONS: &[&str] = &["actions/checkout", "actions/github-script"];

    /// Rule-id-shaped string literals (`"domain/slug"`) in non-test Rust code of every
    /// crate, whose domain is one the catalogue uses.
    fn emitted_id_literals(domains: &BTreeSet<String>) -> BTreeSet<(String, String)> {
        let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut out = BTreeSet::new();
        let mut stack = vec![crates];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                if path.is_dir() {
                    // Integration tests, fixtures and examples use made-up ids.
                    if !matches!(
                        name.as_str(),
                        "tests" | "fixtures" | "examples" | "benches" | "target"
                    ) {
                        stack.push(path);
                    }
                    continue;
                }
                // Test-only modules (`tests.rs`, `testdata.rs`) use made-up ids too.
                if !name.ends_with(".rs") || name.starts_with("test") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                // Unit tests sit at the end of a file, after `#[cfg(test)]`.
                let code = text.split("#[cfg(test)]").next().unwrap_or("");
                for line in code.lines() {
                    let t = line.trim_start();
                    if t.starts_with("//") {
                        continue;
                    }
                    for lit in line.split('"').skip(1).step_by(2) {
                        let Some((domain, slug)) = lit.split_once('/') else {
                            continue;
                        };
                        let slug_ok = !slug.is_empty()
                            && slug
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                        if slug_ok && domains.contains(domain) && !GITHUB_ORG_ACTIONS.contains(&lit)
                        {
                            out.insert((lit.to_string(), path.display().to_string()));
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_rule_id_in_the_code_is_listed_and_documented() {
        let rules = builtin_catalogue();
        let ids: BTreeSet<String> = rules.iter().map(|r| r.id.clone()).collect();
        let domains: BTreeSet<String> = rules.iter().map(|r| r.domain().to_string()).collect();
        let literals = emitted_id_literals(&domains);
        assert!(
            literals.iter().any(|(l, _)| l == "gate/mcp-call"),
            "the source walk found nothing: {literals:?}"
        );
        let missing: Vec<String> = literals
            .iter()
            .filter(|(l, _)| !ids.contains(l))
            .map(|(l, p)| format!("{l} ({p})"))
            .collect();
        assert!(
            missing.is_empty(),
            "rule ids the code uses but `vibeguard rules` does not list (document them as rules):\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_listed_rule_has_complete_documentation_and_is_found_by_explain() {
        let rules = builtin_catalogue();
        let mut incomplete = Vec::new();
        for r in &rules {
            if !r.doc.is_complete() {
                incomplete.push(r.id.clone());
            }
            let found = crate::cmd::explain::find(&rules, &r.id).unwrap();
            assert_eq!(found.id, r.id);
            assert!(found.markdown().contains("## Use instead"));
        }
        assert!(
            incomplete.is_empty(),
            "rules without all four doc sections: {incomplete:?}"
        );
    }
}
