//! Runs every fixture under tests/fixtures (recursively, so files keep the paths that
//! name their kind, such as `.github/workflows/` or `.claude/settings.json`): the
//! expected rule ids are written on the line (`# expect: id`, `// expect: id`); any
//! missing or extra finding fails the test. Every rule must have a fixture and the four
//! documentation headings, and every fix must apply cleanly and remove its finding.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use vibeguard_config::config_analyzer;
use vibeguard_core::fixture::expected_findings;
use vibeguard_core::{AnalyzeContext, Analyzer, Finding, SourceFile};

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

fn fixtures() -> Vec<(String, String)> {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"));
    let mut paths = Vec::new();
    files(root, &mut paths);
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

/// The fixture as the analyzer sees it: each `# expect: ...` / `// expect: ...` comment
/// removed with the blanks before it (lines unchanged), so formats without end-of-line
/// comments (Dockerfile instructions, JSON, HCL heredoc openers) read as the real file
/// would.
fn without_expectations(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    for line in src.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let cut = ["# expect:", "// expect:"]
            .iter()
            .filter_map(|m| body.find(m))
            .min();
        match cut {
            Some(i) => out.push_str(body[..i].trim_end()),
            None => out.push_str(body),
        }
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

fn analyze(path: &str, text: &str) -> (Vec<Finding>, Vec<String>) {
    let analyzer = config_analyzer(&[]);
    let mut cx = AnalyzeContext::new(false);
    analyzer.analyze(&SourceFile::new(path, text.as_bytes()), &mut cx);
    (cx.findings, cx.warnings)
}

#[test]
fn every_fixture_matches_its_expectations() {
    let mut failures = Vec::new();
    let mut expected_ids = BTreeSet::new();
    let fx = fixtures();
    for (rel, src) in &fx {
        let (findings, warnings) = analyze(rel, &without_expectations(src));
        for w in warnings {
            failures.push(format!("{rel}: warning {w}"));
        }
        let got: BTreeSet<(u32, String)> = findings
            .iter()
            .map(|f| (f.location.line, f.rule_id.clone()))
            .collect();
        let want = expected_findings(src);
        expected_ids.extend(want.iter().map(|(_, id)| id.clone()));
        for m in want.difference(&got) {
            failures.push(format!("{rel}:{}: missing {}", m.0, m.1));
        }
        for e in got.difference(&want) {
            let msg = findings
                .iter()
                .find(|f| f.location.line == e.0 && f.rule_id == e.1)
                .map(|f| f.message.clone())
                .unwrap_or_default();
            failures.push(format!("{rel}:{}: unexpected {} ({msg})", e.0, e.1));
        }
    }
    assert!(fx.len() >= 30, "fixtures not found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let analyzer = config_analyzer(&[]);
    for rule in analyzer.rules() {
        assert!(
            expected_ids.contains(&rule.id),
            "{} has no fixture",
            rule.id
        );
        assert!(
            !rule.doc.what.is_empty()
                && !rule.doc.why.is_empty()
                && !rule.doc.example.is_empty()
                && !rule.doc.use_instead.is_empty(),
            "{} lacks one of the four documentation headings",
            rule.id
        );
    }
}

/// Apply a fix's edits (sorted, non-overlapping) to the text.
fn apply(text: &str, f: &Finding) -> String {
    let mut edits = f.fix.as_ref().unwrap().edits.clone();
    edits.sort_by_key(|e| e.byte_start);
    let mut out = String::new();
    let mut at = 0;
    for e in edits {
        assert!(e.byte_start >= at, "overlapping edits in {}", f.rule_id);
        out.push_str(&text[at..e.byte_start]);
        out.push_str(&e.replacement);
        at = e.byte_end;
    }
    out.push_str(&text[at..]);
    out
}

#[test]
fn every_fix_removes_its_finding_and_nothing_else_appears() {
    let mut fixed = 0;
    for (rel, src) in fixtures() {
        let src = without_expectations(&src);
        let (findings, _) = analyze(&rel, &src);
        for f in findings.iter().filter(|f| f.fix.is_some()) {
            let after = apply(&src, f);
            let (again, warnings) = analyze(&rel, &after);
            assert!(
                warnings.is_empty(),
                "{rel}: fix for {} broke the file: {warnings:?}\n{after}",
                f.rule_id
            );
            let before_ids = findings.iter().filter(|x| x.rule_id == f.rule_id).count();
            let after_ids = again.iter().filter(|x| x.rule_id == f.rule_id).count();
            assert!(
                after_ids < before_ids,
                "{rel}:{}: fix for {} did not remove the finding\n{after}",
                f.location.line,
                f.rule_id
            );
            let new_rules: Vec<_> = again
                .iter()
                .filter(|x| !findings.iter().any(|y| y.rule_id == x.rule_id))
                .map(|x| x.rule_id.clone())
                .collect();
            assert!(
                new_rules.is_empty(),
                "{rel}: fix for {} introduced {new_rules:?}",
                f.rule_id
            );
            fixed += 1;
        }
    }
    assert!(fixed >= 5, "only {fixed} fixes exercised");
}

#[test]
fn unparsable_files_are_warnings_with_file_and_line() {
    let cases = [
        ("Dockerfile", "FROM alpine:3.20\nRUNN echo\n", 2),
        (
            "docker-compose.yml",
            "services:\n  web:\n    image: [a\n",
            4,
        ),
        (
            "infra/main.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n}\n",
            2,
        ),
        (
            ".mcp.json",
            "{\n  \"mcpServers\": {\n    \"a\": {\"command\": \"npx\",,}\n",
            3,
        ),
        ("nginx.conf", "server {\n  listen 80\n}\n", 3),
        (".codex/config.toml", "approval_policy = \n", 1),
    ];
    for (path, text, line) in cases {
        let (findings, warnings) = analyze(path, text);
        assert!(findings.is_empty(), "{path}");
        assert_eq!(warnings.len(), 1, "{path}: {warnings:?}");
        assert!(
            warnings[0].starts_with(&format!("{path}:{line}: ")),
            "{path}: {}",
            warnings[0]
        );
    }
    // Something that only looks like configuration by its content is not warned about.
    let (_, w) = analyze("notes/list.yaml", "services:\n  - [broken\n");
    assert!(w.is_empty());
    // Binary or non-UTF-8 content is skipped quietly.
    let analyzer = config_analyzer(&[]);
    let mut cx = AnalyzeContext::new(false);
    analyzer.analyze(&SourceFile::new("Dockerfile", b"FROM \xff\xfe\n"), &mut cx);
    assert!(cx.findings.is_empty() && cx.warnings.is_empty());
}
