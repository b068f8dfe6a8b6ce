//! `vibeguard mcp` driven by the official MCP Python SDK: list the tools, call each one.

use crate::support::*;
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

fn run_client(project: &Path, calls: Value) -> Value {
    let out = Command::new(tool("venv/bin/python"))
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integrations/mcp_client.py"))
        .arg(vibeguard_bin())
        .arg(project)
        .arg(calls.to_string())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)))
}

#[test]
fn an_mcp_client_lists_and_calls_every_tool() {
    let d = tempfile::tempdir().unwrap();
    let p = &d.path().join("project");
    write(p, "app/users.py", sql_injection_py());
    write(p, "notes.txt", "nothing here\n");
    write(d.path(), "outside-secret.txt", "x\n");
    let calls = json!([
        {"label": "file", "tool": "scan_file", "args": {"path": "app/users.py"}},
        {"label": "clean_file", "tool": "scan_file", "args": {"path": "notes.txt"}},
        {"label": "escape", "tool": "scan_file", "args": {"path": "../outside-secret.txt"}},
        {"label": "snippet_secret", "tool": "scan_snippet",
         "args": {"code": format!("TOKEN = \"{}\"\n", gitlab_token()), "language": "python"}},
        {"label": "snippet_compose", "tool": "scan_snippet",
         "args": {"code": "services:\n  app:\n    image: alpine:3.20\n    privileged: true\n", "path": "compose.yaml"}},
        {"label": "rm", "tool": "check_shell_command", "args": {"command": "rm -rf ~"}},
        {"label": "ls", "tool": "check_shell_command", "args": {"command": "ls -la"}},
        {"label": "packages", "tool": "check_packages",
         "args": {"ecosystem": "pypi", "packages": ["requests==2.32.0"]}},
        {"label": "explain", "tool": "explain_rule", "args": {"id": "python/sql-injection"}},
        {"label": "explain_unknown", "tool": "explain_rule", "args": {"id": "nope/nothing"}},
        {"label": "context", "tool": "security_context", "args": {}},
    ]);
    let out = run_client(p, calls);
    assert_eq!(out["server"], "vibeguard");
    let tools: Vec<&str> = out["tools"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for t in [
        "scan_file",
        "scan_snippet",
        "check_shell_command",
        "check_packages",
        "explain_rule",
        "security_context",
    ] {
        assert!(tools.contains(&t), "{t} missing from {tools:?}");
    }
    assert_eq!(out["tools"]["scan_file"]["required"], json!(["path"]));

    let call = |label: &str| -> (bool, String) {
        let c = &out["calls"][label];
        match (c["isError"].as_bool(), c["text"].as_str()) {
            (Some(e), Some(t)) => (e, t.to_string()),
            _ => panic!("no answer for {label}: {out:#}"),
        }
    };
    let findings = |label: &str| -> Vec<String> {
        let (err, text) = call(label);
        assert!(!err, "{label}: {text}");
        let v: Value = serde_json::from_str(&text).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{}:{}", f["rule_id"].as_str().unwrap(), f["line"]))
            .collect()
    };
    assert_eq!(findings("file"), vec!["python/sql-injection:6"]);
    assert!(findings("clean_file").is_empty());
    let (err, text) = call("escape");
    assert!(err && text.contains("outside the project"), "{text}");
    assert_eq!(findings("snippet_secret"), vec!["secrets/gitlab-pat:1"]);
    let (_, secret_text) = call("snippet_secret");
    assert!(
        !secret_text.contains(&gitlab_token()),
        "secret in the answer: {secret_text}"
    );
    assert_eq!(findings("snippet_compose"), vec!["container/privileged:4"]);

    let (err, text) = call("rm");
    assert!(!err);
    let verdict: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(verdict["decision"], "deny", "{verdict}");
    let (_, text) = call("ls");
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap()["decision"],
        "allow"
    );

    let (err, text) = call("packages");
    assert!(
        err && text.starts_with("not yet: the dependency analyzer is not built"),
        "{text}"
    );
    let (err, text) = call("explain");
    assert!(
        !err && text.contains("## Why is this bad?") && text.contains("CWE-89"),
        "{text}"
    );
    let (err, _) = call("explain_unknown");
    assert!(err);
    let (err, text) = call("context");
    assert!(
        !err && text.contains("Security rules (vibeguard)"),
        "{text}"
    );
}

#[test]
fn init_registers_the_server_in_the_agents_mcp_settings() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(
        p,
        ".mcp.json",
        "{\n  \"mcpServers\": {\n    \"other\": {\"command\": \"x\"}\n  }\n}\n",
    );
    let run = || {
        Command::new(vibeguard_bin())
            .args(["init", "--agent", "claude,copilot", "--mcp"])
            .current_dir(p)
            .output()
            .unwrap()
    };
    let out = run();
    assert!(out.status.success(), "{}", text(&out));
    let claude: Value =
        serde_json::from_str(&std::fs::read_to_string(p.join(".mcp.json")).unwrap()).unwrap();
    assert_eq!(
        claude["mcpServers"]["other"]["command"], "x",
        "other servers are kept"
    );
    assert_eq!(
        claude["mcpServers"]["vibeguard"],
        json!({"command": "vibeguard", "args": ["mcp"]})
    );
    let vscode: Value =
        serde_json::from_str(&std::fs::read_to_string(p.join(".vscode/mcp.json")).unwrap())
            .unwrap();
    assert_eq!(vscode["servers"]["vibeguard"]["type"], "stdio");
    let again = run();
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("unchanged .mcp.json"),
        "{}",
        text(&again)
    );
    let check = Command::new(vibeguard_bin())
        .args(["init", "--check"])
        .current_dir(p)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", text(&check));
}
