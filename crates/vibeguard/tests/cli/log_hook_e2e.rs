//! End to end: `vibeguard init`, then real `vibeguard hook claude` processes, then
//! `vibeguard log` / `log verify` read what they wrote; 32 hooks at once lose no entry.

use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use vibeguard_store::{AuditFilter, AuditLog};

fn claude_input(dir: &Path, session: &str, command: &str) -> String {
    serde_json::json!({
        "session_id": session,
        "transcript_path": null,
        "cwd": dir,
        "permission_mode": "default",
        "hook_event_name": "PreToolUse",
        "tool_name": "Bash",
        "tool_input": {"command": command, "description": "test"},
        "tool_use_id": format!("toolu_{session}"),
    })
    .to_string()
}

fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    crate::sandbox::vibeguard()
        .args(["init", "--agent", "claude", "--dir"])
        .arg(tmp.path())
        .assert()
        .success();
    tmp
}

#[test]
fn hook_decisions_are_listed_and_verified() {
    let tmp = project();
    let p = tmp.path();
    for (session, command) in [("a", "ls -la"), ("b", "cargo test")] {
        crate::sandbox::vibeguard()
            .args(["hook", "claude"])
            .current_dir(p)
            .write_stdin(claude_input(p, session, command))
            .assert()
            .success();
    }
    let out = crate::sandbox::vibeguard()
        .args(["log", "--json", "--agent", "claude", "--dir"])
        .arg(p)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["session"], "a");
    assert_eq!(rows[0]["tool"], "Bash");
    assert_eq!(rows[1]["session"], "b");
    assert_eq!(rows[1]["prev_hash"], rows[0]["hash"]);
    crate::sandbox::vibeguard()
        .args(["log", "verify", "--dir"])
        .arg(p)
        .assert()
        .success();
}

#[test]
fn thirty_two_hook_processes_at_once_lose_no_entry() {
    const N: usize = 32;
    let tmp = project();
    let p = tmp.path();
    let home = tempfile::tempdir().unwrap();
    // Start every process first, then feed them, so they run at the same time.
    let mut children: Vec<_> = (0..N)
        .map(|_| {
            crate::sandbox::vibeguard_std(home.path())
                .args(["hook", "claude"])
                .current_dir(p)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (i, c) in children.iter_mut().enumerate() {
        let mut stdin = c.stdin.take().unwrap();
        stdin
            .write_all(claude_input(p, &format!("s{i}"), "git status").as_bytes())
            .unwrap();
    }
    for c in children {
        let out = c.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "hook failed: {stderr}");
        assert!(!stderr.contains("not logged"), "{stderr}");
    }
    let log = AuditLog::open_existing(&p.join(".vibeguard"))
        .unwrap()
        .unwrap();
    let rows = log.query(&AuditFilter::default()).unwrap();
    assert_eq!(rows.len(), N);
    let mut sessions: Vec<_> = rows.iter().map(|r| r.record.session.clone()).collect();
    sessions.sort();
    sessions.dedup();
    assert_eq!(sessions.len(), N, "every process logged its own entry");
    assert!(log.verify().unwrap().is_ok());
}
