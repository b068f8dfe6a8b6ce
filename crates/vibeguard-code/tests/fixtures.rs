//! Runs every fixture under tests/fixtures: the expected rule ids are written on the line
//! (`# expect: id` or `// expect: id, id`); any missing or extra finding fails the test.

use std::collections::BTreeSet;
use vibeguard_code::code_analyzer;
use vibeguard_core::fixture::expected_findings;
use vibeguard_core::{AnalyzeContext, Analyzer, SourceFile};

#[test]
fn every_fixture_matches_its_expectations() {
    let analyzer = code_analyzer(&[]);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut failures = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(&path).unwrap();
        let mut cx = AnalyzeContext::new(false);
        analyzer.analyze(&SourceFile::new(&name, src.as_bytes()), &mut cx);
        let got: BTreeSet<(u32, String)> = cx
            .findings
            .iter()
            .map(|f| (f.location.line, f.rule_id.clone()))
            .collect();
        let want = expected_findings(&src);
        for missing in want.difference(&got) {
            failures.push(format!("{name}:{}: missing {}", missing.0, missing.1));
        }
        for extra in got.difference(&want) {
            failures.push(format!("{name}:{}: unexpected {}", extra.0, extra.1));
        }
        files += 1;
    }
    assert!(files >= 5, "fixtures not found in {dir}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_fixture_and_full_docs() {
    let analyzer = code_analyzer(&[]);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    for rule in analyzer.rules() {
        assert!(
            all.contains(&format!("expect: {}", rule.id)),
            "{} has no fixture",
            rule.id
        );
        for (name, text) in [
            ("what", &rule.doc.what),
            ("why", &rule.doc.why),
            ("example", &rule.doc.example),
            ("use instead", &rule.doc.use_instead),
        ] {
            assert!(!text.is_empty(), "{}: empty `{name}` section", rule.id);
        }
        assert!(!rule.cwe.is_empty(), "{} has no CWE", rule.id);
    }
}

#[test]
fn binary_and_unknown_files_are_ignored() {
    let analyzer = code_analyzer(&[]);
    let mut cx = AnalyzeContext::new(false);
    analyzer.analyze(&SourceFile::new("a.py", &[0xff, 0xfe, b'e', b'v']), &mut cx);
    analyzer.analyze(&SourceFile::new("notes.txt", b"eval(x)"), &mut cx);
    assert!(cx.findings.is_empty());
    assert!(!analyzer.wants("image.png"));
    assert!(analyzer.wants("src/app.tsx"));
}
