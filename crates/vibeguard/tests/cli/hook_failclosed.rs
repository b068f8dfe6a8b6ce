//! The gate fails closed: unusable input, an invalid policy, an input that never ends —
//! every agent gets an answer it treats as a block (or an ask), never a go-ahead.

use crate::hook_support;

use hook_support::Project;
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

const BAD_INPUTS: &[&str] = &[
    "",
    "   \n",
    "garbage",
    "{\"hook_event_name\": \"PreTo",
    "[1, 2, 3]",
    "null",
];

/// How each agent must see an unusable input.
fn assert_blocks(agent: &str, out: &hook_support::Out, input: &str) {
    match agent {
        "claude" | "codex" | "windsurf" => {
            assert_eq!(out.code, 2, "{agent} on {input:?}: {}", out.stderr);
            assert!(
                out.stderr.contains("vibeguard: blocked"),
                "{agent}: {}",
                out.stderr
            );
        }
        "cursor" => {
            assert_eq!(out.code, 2, "{agent} on {input:?}");
            let j = out.json();
            assert_eq!(j["permission"], "deny");
            assert_eq!(j["decision"], "deny");
        }
        "gemini" => {
            assert_eq!(out.code, 2, "{agent} on {input:?}");
            assert_eq!(out.json()["decision"], "deny");
        }
        "copilot" => {
            assert_eq!(out.code, 0, "{agent} on {input:?}");
            assert_eq!(out.json()["permissionDecision"], "deny");
        }
        _ => unreachable!(),
    }
}

#[test]
fn garbage_empty_and_truncated_input_block_for_every_agent() {
    let p = Project::new();
    for agent in ["claude", "codex", "cursor", "gemini", "copilot", "windsurf"] {
        for input in BAD_INPUTS {
            let out = p.hook_raw(agent, &[], *input);
            assert_blocks(agent, &out, input);
        }
    }
}

#[test]
fn truncated_real_payloads_block() {
    let p = Project::new();
    for (agent, sample) in [
        ("claude", "pre_bash_safe"),
        ("cursor", "before_shell_safe"),
        ("gemini", "before_tool_shell_safe"),
        ("copilot", "pre_tool_use_safe_object_args"),
        ("windsurf", "pre_run_command_safe"),
        ("codex", "pre_bash_safe_argv"),
    ] {
        let full = p.payload(agent, sample);
        let half = &full[..full.len() / 2];
        assert_blocks(agent, &p.hook_raw(agent, &[], half), half);
    }
}

#[test]
fn known_event_with_missing_fields_asks_in_the_event_protocol() {
    let p = Project::new();
    let out = p.run("claude", "pre_missing_tool_input");
    assert_eq!(out.code, 0);
    let h = out.hso();
    assert_eq!(h["permissionDecision"], "ask", "{h}");
    assert!(
        h["permissionDecisionReason"]
            .as_str()
            .unwrap()
            .contains("tool_input")
    );
    // Codex has no ask: the same input is a deny.
    let out = p.hook_raw("codex", &[], p.payload("claude", "pre_missing_tool_input"));
    assert_eq!(out.code, 2);
    assert_eq!(out.hso()["permissionDecision"], "deny");
}

#[test]
fn an_invalid_policy_fails_closed_with_the_reason() {
    let p = Project::new();
    p.policy("[gate]\nprofil = \"strict\"\n");
    let h = p.run("claude", "pre_bash_safe").hso();
    assert_eq!(h["permissionDecision"], "ask", "{h}");
    let reason = h["permissionDecisionReason"].as_str().unwrap();
    assert!(reason.contains("vibeguard.toml is invalid"), "{reason}");
    assert!(reason.contains("profil"), "{reason}");

    p.policy("this is = = not toml");
    let out = p.run("gemini", "before_tool_shell_safe");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("vibeguard.toml is invalid"));
}

#[test]
fn oversized_input_is_refused() {
    let p = Project::new();
    let mut big = String::from("{\"hook_event_name\":\"PreToolUse\",\"x\":\"");
    big.push_str(&"a".repeat(17 * 1024 * 1024));
    big.push_str("\"}");
    let out = p.hook_raw("claude", &[], big);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("16 MiB"), "{}", out.stderr);
}

#[test]
fn input_that_never_ends_gets_an_answer_instead_of_a_hang() {
    let p = Project::new();
    let mut child = crate::sandbox::vibeguard_std(&p.home())
        .args(["hook", "claude"])
        .current_dir(p.root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"{\"hook_event_name\":").unwrap();
    // Keep stdin open and wait for the process to give up on it by itself.
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("the hook hung on an open stdin");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("did not arrive"), "{stderr}");
}

#[test]
fn unknown_agent_is_a_usage_error_that_still_blocks() {
    let p = Project::new();
    let out = p.hook_raw("vim", &[], p.payload("claude", "pre_bash_safe"));
    assert_eq!(out.code, 2, "exit 2 blocks in Claude Code: {}", out.stderr);
    assert!(out.stderr.contains("unknown agent"), "{}", out.stderr);
}

#[test]
fn an_analysis_past_its_deadline_is_answered_and_logged_without_waiting_for_it() {
    let p = Project::new();
    p.policy("[gate]\ndeadline_ms = 1\n");
    // A large write (about 7 MB, half the input limit): the analysis alone reads every
    // byte with several analyzers, which takes well over 1 ms even in an optimised build
    // on a fast machine, and far longer in the debug build under test.
    let content: String = (0..160_000)
        .map(|i| format!("value_{i} = compute({i}) + {i} * 3  # line {i}\n"))
        .collect();
    let input = serde_json::json!({
        "session_id": "s-deadline",
        "cwd": p.root(),
        "hook_event_name": "PreToolUse",
        "tool_name": "Write",
        "tool_input": {"file_path": p.root().join("src/big.py"), "content": content},
    });
    let out = p.hook_raw("claude", &[], input.to_string());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let h = out.hso();
    assert_eq!(h["permissionDecision"], "ask", "{h}");
    let reason = h["permissionDecisionReason"].as_str().unwrap();
    assert!(reason.contains("within 1 ms (deadline_ms)"), "{reason}");
    // The watchdog's answer is logged like any other decision.
    let log = vibeguard_store::AuditLog::open_existing(&p.root().join(".vibeguard"))
        .unwrap()
        .expect("a log");
    let rows = log.query(&vibeguard_store::AuditFilter::default()).unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0].record;
    assert_eq!(row.decision, "ask");
    assert_eq!(row.tool, "Write");
    assert_eq!(row.rules, vec!["gate/fail-closed".to_string()]);
}
