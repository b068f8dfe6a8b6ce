//! Runs every fixture under tests/fixtures: the expected rule ids are written on the line
//! (`# expect: id` or `// expect: id, id`); any missing or extra finding fails the test.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use vibeguard_code::code_analyzer;
use vibeguard_core::fixture::expected_findings;
use vibeguard_core::{AnalyzeContext, Analyzer, SourceFile, ThreatModel};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
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
    let analyzer = code_analyzer(&[]);
    let root = fixtures_dir();
    analyzer.set_project_root(root.clone());
    let mut all = Vec::new();
    files(&root, &mut all);
    all.sort();
    let mut failures = Vec::new();
    for path in &all {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let src = std::fs::read_to_string(path).unwrap();
        let mut cx = AnalyzeContext::new(false);
        analyzer.analyze(&SourceFile::new(&rel, src.as_bytes()), &mut cx);
        let got: BTreeSet<(u32, String)> = cx
            .findings
            .iter()
            .map(|f| (f.location.line, f.rule_id.clone()))
            .collect();
        let want = expected_findings(&src);
        for missing in want.difference(&got) {
            failures.push(format!("{rel}:{}: missing {}", missing.0, missing.1));
        }
        for extra in got.difference(&want) {
            failures.push(format!("{rel}:{}: unexpected {}", extra.0, extra.1));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(all.len() >= 20, "fixtures not found in {}", root.display());
}

/// `(line, rule id)` of every finding `analyzer` reports in `path` (named `rel`).
fn findings_of(
    analyzer: &vibeguard_code::CodeAnalyzer,
    rel: &str,
    src: &str,
) -> BTreeSet<(u32, String)> {
    let mut cx = AnalyzeContext::new(false);
    analyzer.analyze(&SourceFile::new(rel, src.as_bytes()), &mut cx);
    cx.findings
        .iter()
        .map(|f| (f.location.line, f.rule_id.clone()))
        .collect()
}

/// tests/local_fixtures: each local source (environment, system properties,
/// configuration and data files, the console, database rows) reaching a sink is
/// reported under the `local` threat model as the lines say, and nothing at all under
/// the default `remote` model.
#[test]
fn local_sources_count_only_under_the_local_threat_model() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/local_fixtures");
    let local = code_analyzer(&[]).with_threat_model(ThreatModel::Local);
    let remote = code_analyzer(&[]);
    let mut all = Vec::new();
    files(&root, &mut all);
    all.sort();
    assert!(
        all.len() >= 6,
        "local fixtures not found in {}",
        root.display()
    );
    let mut failures = Vec::new();
    for path in &all {
        let rel = path.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(path).unwrap();
        let want = expected_findings(&src);
        assert!(!want.is_empty(), "{rel} expects nothing");
        let got = findings_of(&local, &rel, &src);
        for missing in want.difference(&got) {
            failures.push(format!("local {rel}:{}: missing {}", missing.0, missing.1));
        }
        for extra in got.difference(&want) {
            failures.push(format!("local {rel}:{}: unexpected {}", extra.0, extra.1));
        }
        for extra in findings_of(&remote, &rel, &src) {
            failures.push(format!("remote {rel}:{}: unexpected {}", extra.0, extra.1));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_a_fixture_and_full_docs() {
    let analyzer = code_analyzer(&[]);
    let mut all = Vec::new();
    files(&fixtures_dir(), &mut all);
    let text: String = all
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for rule in analyzer.rules() {
        assert!(
            text.contains(&format!("expect: {}", rule.id)),
            "{} has no fixture",
            rule.id
        );
        for (name, body) in [
            ("what", &rule.doc.what),
            ("why", &rule.doc.why),
            ("example", &rule.doc.example),
            ("use instead", &rule.doc.use_instead),
        ] {
            assert!(!body.is_empty(), "{}: empty `{name}` section", rule.id);
        }
        assert!(!rule.cwe.is_empty(), "{} has no CWE", rule.id);
    }
}

#[test]
fn binary_unknown_and_broken_files_are_handled() {
    let analyzer = code_analyzer(&[]);
    let mut cx = AnalyzeContext::new(false);
    analyzer.analyze(&SourceFile::new("a.py", &[0xff, 0xfe, b'e', b'v']), &mut cx);
    analyzer.analyze(&SourceFile::new("notes.txt", b"eval(x)"), &mut cx);
    assert!(cx.findings.is_empty());
    // A file that does not parse cleanly is still analysed where it can be.
    let broken = b"import os\ndef f(x:\n    os.system(input())\n";
    analyzer.analyze(&SourceFile::new("b.py", broken), &mut cx);
    // Deep nesting does not overflow the stack.
    let deep = format!("x = {}1{}\n", "(".repeat(5000), ")".repeat(5000));
    analyzer.analyze(&SourceFile::new("c.py", deep.as_bytes()), &mut cx);
    assert!(!analyzer.wants("image.png"));
    assert!(analyzer.wants("src/app.tsx"));
}
