//! `vibeguard mcp` driven by the official MCP Python SDK: list the tools, call each one.

use super::support::*;
use serde_json::{Value, json};
use std::path::Path;

fn run_client(project: &Path, calls: Value) -> Value {
    run_client_with(project, calls, &[])
}

/// The client with extra environment for the server (the advisory store's folder).
fn run_client_with(project: &Path, calls: Value, env: &[(&str, &Path)]) -> Value {
    let mut cmd = command(tool("venv/bin/python"));
    cmd.env_remove("VIBEGUARD_OFFLINE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/integrations/mcp_client.py"))
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
    assert_eq!(findings("snippet_compose"), vec!["compose/privileged:4"]);

    let (err, text) = call("rm");
    assert!(!err);
    let verdict: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(verdict["decision"], "deny", "{verdict}");
    let (_, text) = call("ls");
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap()["decision"],
        "allow"
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
        command(vibeguard_bin())
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
    let check = command(vibeguard_bin())
        .env("PATH", path_with_vibeguard()) // as where vibeguard is installed
        .args(["init", "--check"])
        .current_dir(p)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", text(&check));
}

const DJANGO_ADVISORY: &str = r#"{"id":"GHSA-test-django","aliases":["CVE-2022-34265"],"summary":"SQL injection in Trunc() and Extract()","modified":"2022-07-05T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"Django"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"3.2"},{"fixed":"3.2.14"}]}]}],"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}"#;
const MALICIOUS_ADVISORY: &str = r#"{"id":"MAL-2025-90001","summary":"Malicious code in evil-test-pkg (PyPI)","modified":"2025-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"evil-test-pkg"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}"#;

#[test]
fn check_packages_gives_a_verdict_per_package_with_advisories() {
    use vibeguard_deps::test_http::{Reply, Server};
    let d = tempfile::tempdir().unwrap();
    let cache = d.path().join("cache");
    let osv = d.path().join("osv");
    write(&osv, "GHSA-test-django.json", DJANGO_ADVISORY);
    write(&osv, "MAL-2025-90001.json", MALICIOUS_ADVISORY);
    let import = command(vibeguard_bin())
        .env("VIBEGUARD_CACHE_DIR", &cache)
        .args(["db", "import"])
        .arg(&osv)
        .output()
        .unwrap();
    assert!(import.status.success(), "{}", text(&import));
    // A registry on 127.0.0.1 that knows no package: every name looked up is missing.
    let registry = Server::start(|_| Reply::status(404));
    let p = &d.path().join("project");
    write(
        p,
        "vibeguard.toml",
        &format!("[deps.registries]\nPyPI = \"{}\"\n", registry.base),
    );
    let calls = json!([
        {"label": "vulnerable", "tool": "check_packages",
         "args": {"ecosystem": "pypi", "packages": ["django==3.2.10", "requests==2.32.0"], "offline": true}},
        {"label": "malicious", "tool": "check_packages",
         "args": {"ecosystem": "pip", "packages": ["evil-test-pkg"], "offline": true}},
        {"label": "lookalike", "tool": "check_packages",
         "args": {"ecosystem": "pypi", "packages": ["reqeusts"], "offline": true}},
        {"label": "missing", "tool": "check_packages",
         "args": {"ecosystem": "pypi", "packages": ["huggingface-cli-pro"], "timeout_seconds": 20}},
        {"label": "unverified", "tool": "check_packages",
         "args": {"ecosystem": "pypi", "packages": ["qzv-internal-widget"], "offline": true}},
        {"label": "npm", "tool": "check_packages",
         "args": {"ecosystem": "npm", "packages": ["lodash@4.17.21"], "offline": true}},
        {"label": "maven", "tool": "check_packages",
         "args": {"ecosystem": "maven", "packages": ["org.example:lib:1.0"], "offline": true}},
        {"label": "conda", "tool": "check_packages",
         "args": {"ecosystem": "conda", "packages": ["numpy"]}},
        {"label": "path", "tool": "check_packages",
         "args": {"ecosystem": "pypi", "packages": ["./local/dir"], "offline": true}},
    ]);
    let out = run_client_with(p, calls, &[("VIBEGUARD_CACHE_DIR", &cache)]);
    let answer = |label: &str| -> Value {
        let c = &out["calls"][label];
        assert_eq!(c["isError"], false, "{label}: {c}");
        serde_json::from_str(c["text"].as_str().unwrap()).unwrap()
    };
    let v = answer("vulnerable");
    let dj = &v["packages"][0];
    assert_eq!(dj["name"], "django", "{v:#}");
    assert_eq!(dj["verdict"], "known-vulnerable", "{v:#}");
    assert_eq!(dj["decision"], "ask", "{v:#}");
    assert_eq!(dj["fixed_version"], "3.2.14", "{v:#}");
    let ids = dj["advisories"].to_string();
    assert!(
        ids.contains("GHSA-test-django") && ids.contains("CVE-2022-34265"),
        "{v:#}"
    );
    assert_eq!(dj["reasons"][0]["severity"], "critical", "{v:#}");
    assert_eq!(v["packages"][1]["verdict"], "ok", "{v:#}");
    assert_eq!(v["packages"][1]["decision"], "allow", "{v:#}");

    let m = answer("malicious");
    assert_eq!(m["packages"][0]["verdict"], "malicious", "{m:#}");
    assert_eq!(m["packages"][0]["decision"], "deny", "{m:#}");
    assert_eq!(m["packages"][0]["advisories"], json!(["MAL-2025-90001"]));

    let l = answer("lookalike");
    assert_eq!(l["packages"][0]["verdict"], "look-alike", "{l:#}");
    assert_eq!(l["packages"][0]["decision"], "deny", "{l:#}");
    assert!(
        l["packages"][0]["reasons"][0]["hint"]
            .as_str()
            .unwrap()
            .contains("`requests`"),
        "{l:#}"
    );

    let n = answer("missing");
    assert_eq!(n["packages"][0]["verdict"], "does-not-exist", "{n:#}");
    assert_eq!(n["packages"][0]["decision"], "deny", "{n:#}");
    assert!(registry.hits() >= 1, "the registry was asked");

    // Offline with nothing cached: unknown, never read as safe.
    let u = answer("unverified");
    assert_eq!(u["packages"][0]["verdict"], "unknown", "{u:#}");
    assert_eq!(u["packages"][0]["decision"], "ask", "{u:#}");
    assert!(u["notes"].to_string().contains("offline"), "{u:#}");

    let npm = answer("npm");
    assert_eq!(npm["packages"][0]["verdict"], "ok", "{npm:#}");
    assert_eq!(npm["packages"][0]["ecosystem"], "npm", "{npm:#}");

    // Maven coordinates are understood; offline and uncached, the package is unknown.
    let mv = answer("maven");
    assert_eq!(mv["packages"][0]["name"], "org.example:lib", "{mv:#}");
    assert_eq!(mv["packages"][0]["version"], "1.0", "{mv:#}");
    assert_eq!(mv["packages"][0]["verdict"], "unknown", "{mv:#}");
    let c = &out["calls"]["conda"];
    assert_eq!(c["isError"], true, "{c}");
    assert!(
        c["text"].as_str().unwrap().contains("unknown ecosystem"),
        "{c}"
    );
    let c = &out["calls"]["path"];
    assert_eq!(c["isError"], true, "{c}");
    assert!(
        c["text"]
            .as_str()
            .unwrap()
            .contains("not a pypi package name"),
        "{c}"
    );
}
