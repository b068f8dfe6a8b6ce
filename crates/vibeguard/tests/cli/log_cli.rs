//! `vibeguard log` and `vibeguard log verify` against real audit databases.

use predicates::prelude::*;
use std::path::Path;
use vibeguard_store::{AuditLog, AuditRecord};

use crate::sandbox::vibeguard;

fn rec(
    agent: &str,
    tool: &str,
    decision: &str,
    rules: &[&str],
    time: &str,
    digest: &str,
) -> AuditRecord {
    AuditRecord {
        time: time.into(),
        agent: agent.into(),
        session: "sess".into(),
        tool: tool.into(),
        input_digest: digest.into(),
        input_sha256: "00".repeat(32),
        rules: rules.iter().map(|r| r.to_string()).collect(),
        tier: (!rules.is_empty()).then(|| "high".into()),
        decision: decision.into(),
        reason: if decision == "allow" {
            String::new()
        } else {
            format!("blocked by {}", rules.join(","))
        },
        latency_us: 300,
    }
}

fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let mut log = AuditLog::open(&tmp.path().join(".vibeguard")).unwrap();
    log.append(&rec(
        "claude",
        "Bash",
        "allow",
        &[],
        "2020-01-01T00:00:00Z",
        "shell: ls",
    ))
    .unwrap();
    log.append(&rec(
        "claude",
        "Bash",
        "deny",
        &["gate/git-force-push"],
        "2020-01-02T00:00:00Z",
        "shell: git push -f origin main",
    ))
    .unwrap();
    log.append(&rec(
        "cursor",
        "Write",
        "ask",
        &["secrets/aws-access-key-id"],
        "",
        "write: src/config.py",
    ))
    .unwrap();
    log.append(&rec(
        "codex",
        "Bash",
        "deny",
        &["gate/recursive-delete-outside-project"],
        "",
        "shell: rm -rf \u{1b}[31m/",
    ))
    .unwrap();
    tmp
}

fn json_ids(out: &[u8]) -> Vec<i64> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect()
}

fn run_json(dir: &Path, extra: &[&str]) -> Vec<i64> {
    let out = vibeguard()
        .args(["log", "--json", "--dir"])
        .arg(dir)
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    json_ids(&out)
}

#[test]
fn lists_every_decision_as_a_table() {
    let p = project();
    vibeguard()
        .args(["log", "--dir"])
        .arg(p.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("DECISION"))
        .stdout(predicate::str::contains("git push -f origin main"))
        .stdout(predicate::str::contains(
            "reason: blocked by gate/git-force-push",
        ))
        .stdout(predicate::str::contains("2020-01-02 00:00:00"))
        // The escape character of a logged input never reaches the terminal.
        .stdout(predicate::str::contains("\u{1b}").not());
}

#[test]
fn filters_and_exports_json_lines() {
    let p = project();
    assert_eq!(run_json(p.path(), &[]), vec![1, 2, 3, 4]);
    assert_eq!(run_json(p.path(), &["--decision", "deny"]), vec![2, 4]);
    assert_eq!(run_json(p.path(), &["--agent", "cursor"]), vec![3]);
    assert_eq!(
        run_json(p.path(), &["--rule", "gate/git-force-push"]),
        vec![2]
    );
    assert_eq!(run_json(p.path(), &["--since", "1d"]), vec![3, 4]);
    assert_eq!(
        run_json(p.path(), &["--since", "2020-01-02"]),
        vec![2, 3, 4]
    );
    assert_eq!(
        run_json(p.path(), &["--limit", "1", "--decision", "deny"]),
        vec![4]
    );
    let out = vibeguard()
        .args([
            "log",
            "--json",
            "--rule",
            "secrets/aws-access-key-id",
            "--dir",
        ])
        .arg(p.path())
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["agent"], "cursor");
    assert_eq!(line["decision"], "ask");
    assert_eq!(line["rules"][0], "secrets/aws-access-key-id");
    assert_eq!(line["hash"].as_str().unwrap().len(), 64);
}

#[test]
fn bad_filter_values_are_usage_errors() {
    let p = project();
    vibeguard()
        .args(["log", "--decision", "maybe", "--dir"])
        .arg(p.path())
        .assert()
        .code(2);
    vibeguard()
        .args(["log", "--since", "last tuesday", "--dir"])
        .arg(p.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("duration"));
}

#[test]
fn missing_log_is_a_clear_message_and_success() {
    let tmp = tempfile::tempdir().unwrap();
    vibeguard()
        .args(["log", "--dir"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no audit log"));
    vibeguard()
        .args(["log", "verify", "--dir"])
        .arg(tmp.path())
        .assert()
        .success();
    assert!(
        !tmp.path().join(".vibeguard").exists(),
        "reading must not create the log"
    );
}

#[test]
fn verify_passes_on_an_intact_log() {
    let p = project();
    vibeguard()
        .args(["log", "verify", "--dir"])
        .arg(p.path())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("OK: 4 rows"));
}

fn tamper(dir: &Path, sql: &str) {
    let conn =
        vibeguard_store::rusqlite::Connection::open(dir.join(".vibeguard/audit.db")).unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn verify_fails_on_an_edited_row() {
    let p = project();
    tamper(p.path(), "UPDATE audit SET decision = 'allow' WHERE id = 2");
    vibeguard()
        .args(["log", "verify", "--dir"])
        .arg(p.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("row 2 was edited"));
}

#[test]
fn verify_fails_on_a_deleted_row_and_a_cut_tail() {
    let p = project();
    tamper(p.path(), "DELETE FROM audit WHERE id = 2");
    vibeguard()
        .args(["log", "verify", "--dir"])
        .arg(p.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("row 2 was deleted"));
    let q = project();
    tamper(q.path(), "DELETE FROM audit WHERE id = 4");
    vibeguard()
        .args(["log", "verify", "--dir"])
        .arg(q.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("truncated"));
}
