//! Every built-in rule's positive examples must fire and its negatives must not.

use vibeguard_core::{AnalyzeContext, Analyzer, SourceFile};
use vibeguard_secrets::SecretsAnalyzer;
use vibeguard_secrets::spec::catalog;
use vibeguard_secrets::template::{expand, seed_for};

/// Paths the examples are scanned under: config-like (bare values allowed) and code.
const PATHS: &[&str] = &["deploy/app.conf"];

/// Where a rule's examples are scanned: its own credential file when it has one.
fn paths_for(spec: &vibeguard_secrets::spec::RuleSpec) -> Vec<String> {
    match spec.files.first() {
        Some(f) => vec![format!("home/{f}")],
        None => PATHS.iter().map(|p| p.to_string()).collect(),
    }
}

fn findings(a: &SecretsAnalyzer, text: &str, path: &str) -> Vec<vibeguard_core::Finding> {
    let file = SourceFile::new(path, text.as_bytes());
    let mut cx = AnalyzeContext::new(false);
    a.analyze(&file, &mut cx);
    cx.findings
}

#[test]
fn every_rule_matches_its_examples_and_not_its_negatives() {
    let mut failures = Vec::new();
    for spec in &catalog().rules {
        let id = format!("secrets/{}", spec.id);
        let only = SecretsAnalyzer::only(&[&id]).expect("rule exists");
        if spec.examples.is_empty() || spec.negatives.is_empty() {
            failures.push(format!("{id}: needs at least one example and one negative"));
        }
        for (i, t) in spec.examples.iter().enumerate() {
            let text = expand(t, seed_for(&spec.id, i)).expect("template");
            for path in &paths_for(spec) {
                let f = findings(&only, &text, path);
                if !f.iter().any(|f| f.rule_id == id) {
                    failures.push(format!("{id}: example {i} not found: {text:?}"));
                }
            }
        }
        for (i, t) in spec.negatives.iter().enumerate() {
            let text = expand(t, seed_for(&spec.id, 1000 + i)).expect("template");
            for path in &paths_for(spec) {
                let f = findings(&only, &text, path);
                if let Some(f) = f.iter().find(|f| f.rule_id == id) {
                    failures.push(format!(
                        "{id}: negative {i} fired on {:?}: {text:?}",
                        f.secret.as_ref().map(|s| &s.raw)
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_example_is_found_by_the_full_rule_set() {
    // With all rules loaded, overlap suppression may pick a more specific rule, but every
    // positive example must still produce some finding.
    let all = SecretsAnalyzer::builtin();
    let mut missing = Vec::new();
    for spec in &catalog().rules {
        for (i, t) in spec.examples.iter().enumerate() {
            let text = expand(t, seed_for(&spec.id, i)).expect("template");
            if paths_for(spec)
                .iter()
                .all(|p| findings(&all, &text, p).is_empty())
            {
                missing.push(format!("{}: {text:?}", spec.id));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_regex_compiles() {
    let all = SecretsAnalyzer::builtin();
    assert_eq!(all.compile_all(), Vec::<String>::new());
}
