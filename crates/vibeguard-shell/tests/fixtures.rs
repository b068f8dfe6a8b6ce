//! Runs tests/fixtures/commands.txt: one command per line with its expectation written
//! on the line (`COMMAND    # expect: gate/a, gate/b` or `COMMAND    # ok`). Fails on any
//! missing or extra finding, listing every mismatch.

use std::collections::BTreeSet;
use vibeguard_shell::{ShellContext, analyze_command};

/// The fixtures' context (project /home/dev/proj, home /home/dev) moved into a temporary
/// folder: the analysis reads scripts a command runs from the project, so it must not
/// meet a real folder of the machine. Fixture commands are moved with it. The folder is
/// in cargo's scratch space for tests rather than /tmp, because fixtures such as
/// `rm -rf /tmp/*` describe a project outside the system's temporary folder.
fn sandbox() -> (tempfile::TempDir, ShellContext) {
    let t = tempfile::Builder::new()
        .prefix("fixtures-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let home = t.path().join("home/dev");
    let project = home.join("proj");
    std::fs::create_dir_all(&project).unwrap();
    let cx = ShellContext {
        cwd: project.clone(),
        project_root: project,
        home,
    };
    (t, cx)
}

/// Split a fixture line into the command and the expected rule ids.
fn parse_line(line: &str) -> Option<(String, BTreeSet<String>)> {
    let t = line.trim();
    if t.is_empty() || t.starts_with("##") {
        return None;
    }
    if let Some(i) = line.rfind("# expect:") {
        let ids = line[i + 9..]
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        return Some((line[..i].trim_end().to_string(), ids));
    }
    if let Some(i) = line.rfind("# ok") {
        return Some((line[..i].trim_end().to_string(), BTreeSet::new()));
    }
    panic!("fixture line without expectation: {line}");
}

#[test]
fn command_fixtures() {
    let text = include_str!("fixtures/commands.txt");
    let mut failures = Vec::new();
    let mut count = 0;
    let known: BTreeSet<String> = vibeguard_shell::rules().into_iter().map(|r| r.id).collect();
    let mut covered = BTreeSet::new();
    let (_t, cx) = sandbox();
    let home = cx.home.display().to_string();
    for (n, line) in text.lines().enumerate() {
        let Some((cmd, want)) = parse_line(line) else {
            continue;
        };
        // fixtures store a literal \n for a newline inside a command
        let cmd = cmd.replace("\\n", "\n").replace("/home/dev", &home);
        count += 1;
        for id in &want {
            assert!(known.contains(id), "line {}: unknown rule id {id}", n + 1);
            covered.insert(id.clone());
        }
        let report = analyze_command(&cmd, &cx);
        let got: BTreeSet<String> = report.findings.iter().map(|f| f.rule_id.clone()).collect();
        if got != want {
            let reasons: Vec<String> = report
                .findings
                .iter()
                .map(|f| format!("{}: {}", f.rule_id, f.reason))
                .collect();
            failures.push(format!(
                "line {}: {cmd}\n    want {:?}\n    got  {:?}\n    {}",
                n + 1,
                want,
                got,
                reasons.join("\n    ")
            ));
        }
    }
    assert!(count >= 250, "only {count} fixture commands");
    let uncovered: Vec<&String> = known
        .iter()
        .filter(|id| !covered.contains(*id) && !id.starts_with("gate/fetch-private"))
        .collect();
    assert!(
        uncovered.is_empty(),
        "rules without a fixture: {uncovered:?}"
    );
    assert!(
        failures.is_empty(),
        "{} of {count} fixtures failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
