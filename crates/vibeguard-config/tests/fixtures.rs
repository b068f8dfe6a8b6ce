//! Runs every fixture under tests/fixtures (recursively, so workflow files keep their
//! `.github/workflows/` path): the expected rule ids are written on the line
//! (`# expect: id`); any missing or extra finding fails the test.

use std::collections::BTreeSet;
use std::path::Path;
use vibeguard_config::config_analyzer;
use vibeguard_core::fixture::expected_findings;
use vibeguard_core::{AnalyzeContext, Analyzer, SourceFile};

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn every_fixture_matches_its_expectations() {
    let analyzer = config_analyzer(&[]);
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"));
    let mut paths = Vec::new();
    files(root, &mut paths);
    let mut failures = Vec::new();
    let mut all_text = String::new();
    for path in &paths {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let src = std::fs::read_to_string(path).unwrap();
        all_text.push_str(&src);
        let mut cx = AnalyzeContext::new(false);
        analyzer.analyze(&SourceFile::new(&rel, src.as_bytes()), &mut cx);
        let got: BTreeSet<(u32, String)> = cx
            .findings
            .iter()
            .map(|f| (f.location.line, f.rule_id.clone()))
            .collect();
        let want = expected_findings(&src);
        for m in want.difference(&got) {
            failures.push(format!("{rel}:{}: missing {}", m.0, m.1));
        }
        for e in got.difference(&want) {
            failures.push(format!("{rel}:{}: unexpected {}", e.0, e.1));
        }
    }
    assert!(paths.len() >= 5, "fixtures not found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for rule in analyzer.rules() {
        assert!(
            all_text.contains(&format!("expect: {}", rule.id)),
            "{} has no fixture",
            rule.id
        );
        assert!(
            !rule.doc.why.is_empty() && !rule.doc.use_instead.is_empty(),
            "{} docs",
            rule.id
        );
    }
}
