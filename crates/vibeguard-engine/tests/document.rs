//! The in-memory targets give the same findings as the file on disk, and honour the same
//! policy exclusions, inline ignores and baseline.

use std::path::Path;
use vibeguard_core::baseline::{Baseline, BaselineIndex};
use vibeguard_core::{Analyzer, Policy};
use vibeguard_engine::{Engine, EngineOptions, Filters, Target};

fn secrets_only(policy: &Policy) -> anyhow::Result<Vec<Box<dyn Analyzer>>> {
    Ok(vec![Box::new(vibeguard_secrets::SecretsAnalyzer::new(
        &policy.secrets,
    )?)])
}

/// A GitLab token shape, built at run time so this file holds no token.
fn token() -> String {
    format!("{}{}", "glpat-", "Zr4pQ9wLx2mVb7TkJd3H")
}

fn engine(root: &Path) -> Engine {
    Engine::new(
        EngineOptions {
            roots: vec![root.to_path_buf()],
            ..EngineOptions::default()
        },
        secrets_only,
    )
    .unwrap()
}

#[test]
fn a_document_is_scanned_like_the_same_file_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("import os\n\nTOKEN = \"{}\"\n", token());
    std::fs::create_dir_all(dir.path().join("app")).unwrap();
    std::fs::write(dir.path().join("app/settings.py"), &text).unwrap();
    let mut e = engine(dir.path());

    let tree = e.scan(&Target::Tree, &Filters::default()).unwrap();
    let doc = e
        .scan(
            &Target::Document {
                path: "app/settings.py".into(),
                text: text.clone(),
            },
            &Filters::default(),
        )
        .unwrap();
    assert_eq!(tree.findings.len(), 1, "{:?}", tree.findings);
    assert_eq!(doc.findings, tree.findings);
    assert_eq!(doc.findings[0].location.line, 3);
    assert_eq!(doc.findings[0].rule_id, "secrets/gitlab-pat");
}

#[test]
fn inline_ignores_baseline_and_exclusions_apply_to_documents() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("TOKEN = \"{}\"\n", token());
    std::fs::write(dir.path().join("conf.py"), &text).unwrap();
    let mut e = engine(dir.path());
    let doc = |path: &str, text: &str| Target::Document {
        path: path.into(),
        text: text.into(),
    };

    let ignored = format!(
        "TOKEN = \"{}\"  # vibeguard: ignore[secrets/gitlab-pat] test\n",
        token()
    );
    let out = e
        .scan(&doc("conf.py", &ignored), &Filters::default())
        .unwrap();
    assert!(out.findings.is_empty(), "{:?}", out.findings);
    assert_eq!(out.stats.suppressed_inline, 1);

    let all = e.scan(&Target::Tree, &Filters::default()).unwrap();
    let baseline = Filters {
        baseline: Some(BaselineIndex::new(&Baseline::from_findings(&all.findings))),
        ..Filters::default()
    };
    let out = e.scan(&doc("conf.py", &text), &baseline).unwrap();
    assert!(
        out.findings.is_empty(),
        "baseline not applied: {:?}",
        out.findings
    );
    // A snippet is not a project file: the baseline does not hide its findings.
    let snippet = Target::Snippet {
        path: "conf.py".into(),
        text: text.clone(),
    };
    assert_eq!(e.scan(&snippet, &baseline).unwrap().findings.len(), 1);

    std::fs::write(
        dir.path().join("vibeguard.toml"),
        "[scan]\nexclude = [\"vendor/**\"]\n",
    )
    .unwrap();
    let mut e = engine(dir.path());
    let out = e
        .scan(&doc("vendor/lib/conf.py", &text), &Filters::default())
        .unwrap();
    assert!(
        out.findings.is_empty(),
        "excluded path scanned: {:?}",
        out.findings
    );
    assert_eq!(
        e.scan(&doc("src/conf.py", &text), &Filters::default())
            .unwrap()
            .findings
            .len(),
        1
    );
}

#[test]
fn switched_off_rules_and_the_threshold_are_the_engines_job() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("TOKEN = \"{}\"\n", token());
    std::fs::write(
        dir.path().join("vibeguard.toml"),
        "[scan]\nfail_on = \"critical\"\ndisable = [\"secrets/gitlab-pat\", \"secrets/generic-token\"]\n",
    )
    .unwrap();
    let mut e = engine(dir.path());
    let out = e
        .scan(
            &Target::Snippet {
                path: "a.py".into(),
                text,
            },
            &Filters::default(),
        )
        .unwrap();
    assert!(out.findings.is_empty(), "{:?}", out.findings);
    assert!(out.stats.filtered_disabled >= 1, "{:?}", out.stats);
    assert_eq!(e.fail_threshold(None), vibeguard_core::Severity::Critical);
    assert_eq!(
        e.fail_threshold(Some(vibeguard_core::Severity::Low)),
        vibeguard_core::Severity::Low
    );
}

#[test]
fn a_malformed_policy_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vibeguard.toml"), "[scan]\nexlude = []\n").unwrap();
    let err = Engine::new(
        EngineOptions {
            roots: vec![dir.path().to_path_buf()],
            ..EngineOptions::default()
        },
        secrets_only,
    )
    .err()
    .expect("a typo in vibeguard.toml must fail");
    assert!(format!("{err:#}").contains("vibeguard.toml"), "{err:#}");
}
