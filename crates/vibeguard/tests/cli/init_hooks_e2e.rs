//! The hooks `vibeguard init` installs really gate: each agent's installed command, run
//! the way that agent runs it (exec form for Claude Code, a shell for the others), blocks a
//! destructive command, and every decision lands in the audit log.

use serde_json::{Value, json};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

fn read_json(dir: &Path, rel: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(dir.join(rel)).unwrap()).unwrap()
}

/// PATH with the freshly built binary first, as an installed `vibeguard` would be.
fn path_with_vibeguard() -> String {
    let dir = crate::sandbox::binary()
        .parent()
        .unwrap()
        .display()
        .to_string();
    format!("{dir}:{}", std::env::var("PATH").unwrap_or_default())
}

/// Agent name, the argv that agent would run (read from the installed settings), and a
/// pre-tool-use input asking to run `rm -rf ~`.
fn installed_calls(p: &Path) -> Vec<(&'static str, Vec<String>, Value)> {
    let dangerous = "rm -rf ~";
    let cwd = p.display().to_string();
    let sh = |cmd: &Value| {
        vec![
            "sh".to_string(),
            "-c".to_string(),
            cmd.as_str().unwrap().to_string(),
        ]
    };
    let claude = read_json(p, ".claude/settings.json");
    let entry = &claude["hooks"]["PreToolUse"][0]["hooks"][0];
    let mut claude_argv = vec![entry["command"].as_str().unwrap().to_string()];
    claude_argv.extend(
        entry["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string()),
    );
    vec![
        (
            "claude",
            claude_argv,
            json!({"session_id": "c1", "transcript_path": null, "cwd": cwd, "permission_mode": "default",
                   "hook_event_name": "PreToolUse", "tool_name": "Bash",
                   "tool_input": {"command": dangerous}, "tool_use_id": "toolu_1"}),
        ),
        (
            "cursor",
            sh(&read_json(p, ".cursor/hooks.json")["hooks"]["beforeShellExecution"][0]["command"]),
            json!({"conversation_id": "cu1", "generation_id": "g1", "hook_event_name": "beforeShellExecution",
                   "command": dangerous, "cwd": cwd, "workspace_roots": [cwd]}),
        ),
        (
            "codex",
            sh(&read_json(p, ".codex/hooks.json")["hooks"]["PreToolUse"][0]["hooks"][0]["command"]),
            json!({"session_id": "x1", "turn_id": "t1", "transcript_path": null, "cwd": cwd,
                   "hook_event_name": "PreToolUse", "model": "m", "permission_mode": "default",
                   "tool_name": "Bash", "tool_input": {"command": dangerous}, "tool_use_id": "u1"}),
        ),
        (
            "gemini",
            sh(
                &read_json(p, ".gemini/settings.json")["hooks"]["BeforeTool"][0]["hooks"][0]["command"],
            ),
            json!({"session_id": "g1", "transcript_path": "", "cwd": cwd, "hook_event_name": "BeforeTool",
                   "timestamp": "2026-01-01T00:00:00Z", "tool_name": "run_shell_command",
                   "tool_input": {"command": dangerous}}),
        ),
        (
            "copilot",
            sh(&read_json(p, ".github/hooks/vibeguard.json")["hooks"]["preToolUse"][0]["bash"]),
            json!({"timestamp": 1704614600000u64, "cwd": cwd, "toolName": "bash",
                   "toolArgs": json!({"command": dangerous}).to_string()}),
        ),
        (
            "windsurf",
            sh(&read_json(p, ".windsurf/hooks.json")["hooks"]["pre_run_command"][0]["command"]),
            json!({"agent_action_name": "pre_run_command", "trajectory_id": "w1", "execution_id": "e1",
                   "timestamp": "2026-01-01T00:00:00Z", "tool_info": {"command_line": dangerous, "cwd": cwd}}),
        ),
    ]
}

#[test]
fn every_installed_hook_blocks_and_logs() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    crate::sandbox::vibeguard()
        .args(["init", "--dir"])
        .arg(p)
        .assert()
        .success();
    let path = path_with_vibeguard();
    for (agent, argv, input) in installed_calls(p) {
        let home = tempfile::tempdir().unwrap();
        let mut child = crate::sandbox::command(&argv[0], home.path())
            .args(&argv[1..])
            .current_dir(p)
            .env("PATH", &path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.to_string().as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let blocked = out.status.code() == Some(2) || stdout.contains("\"deny\"");
        assert!(
            blocked,
            "{agent}: not blocked: {:?} {stdout} {stderr}",
            out.status
        );
        assert!(
            stdout.contains("gate/") || stderr.contains("gate/"),
            "{agent}: the reason names no rule: {stdout} {stderr}"
        );
    }
    let out = crate::sandbox::vibeguard()
        .args(["log", "--json", "--decision", "deny", "--dir"])
        .arg(p)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut agents: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["agent"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    agents.sort();
    assert_eq!(
        agents,
        ["claude", "codex", "copilot", "cursor", "gemini", "windsurf"]
    );
    crate::sandbox::vibeguard()
        .args(["log", "verify", "--dir"])
        .arg(p)
        .assert()
        .success();
}
