//! What the reports say about the scan itself: skipped files named in every format, one
//! finding per problem.

use crate::scan_support::*;

/// A tree with a binary, an oversized file that holds a secret, and a scanned file.
fn tree_with_skips() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let mut dump = format!("token = \"{}\"\n", gitlab_token()).into_bytes();
    dump.resize(4096, b'#');
    write(r, "data/dump.sql", &dump);
    write(r, "app.py", b"print('hello')\n");
    d
}

#[test]
fn skipped_files_are_named_with_verbose_and_in_json_and_sarif() {
    let d = tree_with_skips();
    let args = ["scan", ".", "--max-file-size", "1K"];
    let plain = vibeguard()
        .args(args)
        .current_dir(d.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&plain.stdout);
    assert!(
        text.contains("skipped 1 binary, 1 too large (--verbose names them)"),
        "{text}"
    );
    assert!(!text.contains("dump.sql"), "{text}");

    let verbose = vibeguard()
        .args(args)
        .arg("--verbose")
        .current_dir(d.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&verbose.stdout);
    assert!(
        text.contains("skipped data/dump.sql (too-large, 4.0 KiB)"),
        "{text}"
    );
    assert!(text.contains("skipped logo.png (binary, 16 B)"), "{text}");

    let json = vibeguard()
        .args(args)
        .args(["--format", "json"])
        .current_dir(d.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        v["skipped"],
        serde_json::json!([
            {"path": "data/dump.sql", "reason": "too-large", "size": 4096},
            {"path": "logo.png", "reason": "binary", "size": 16},
        ])
    );

    let sarif = vibeguard()
        .args(args)
        .args(["--format", "sarif"])
        .current_dir(d.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let notes = v["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    let uris: Vec<&str> = notes
        .iter()
        .map(|n| {
            n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, vec!["data/dump.sql", "logo.png"]);
    assert_eq!(notes[0]["level"], "warning");
}

#[test]
fn one_problem_on_one_line_is_one_finding() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "docker-compose.yml",
        b"services:\n  app:\n    image: nginx:1.25\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
    );
    let out = vibeguard()
        .args(["scan", ".", "--format", "json"])
        .current_dir(d.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let on_line_5: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["location"]["line"] == 5)
        .collect();
    assert_eq!(on_line_5.len(), 1, "{on_line_5:#?}");
    assert_eq!(on_line_5[0]["rule_id"], "compose/host-mount");
}

/// Run `vibeguard args` in `dir` with stdout a pipe whose reading end is already closed,
/// as in `vibeguard log | head -0`; returns (exit code, signal, stderr).
fn run_into_closed_pipe(
    dir: &std::path::Path,
    args: &[&str],
    stdin: &str,
) -> (Option<i32>, Option<i32>, String) {
    use std::io::Write;
    use std::os::unix::process::ExitStatusExt;
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut child = crate::sandbox::vibeguard_std(&dir.join("home"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        out.status.signal(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The subcommands `vibeguard --help` lists (without `help`).
fn subcommands() -> Vec<String> {
    command_summaries()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name != "help")
        .collect()
}

#[cfg(unix)]
#[test]
fn every_command_ends_quietly_on_a_closed_stdout() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    std::fs::create_dir(r.join("home")).unwrap();
    fixture_tree(r);
    crate::scan_support::git(r, &["init", "-q"]);
    // Some history for `log`.
    vibeguard()
        .args(["check", "git push --force origin main"])
        .current_dir(r)
        .output()
        .unwrap();
    let hook_input = serde_json::json!({
        "session_id": "s", "cwd": r, "hook_event_name": "PreToolUse",
        "tool_name": "Bash", "tool_input": {"command": "rm -rf ~"},
    })
    .to_string();
    // The servers answer an `initialize` request, so they too write into the closed pipe.
    let lsp_init = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
    let lsp_input = format!("Content-Length: {}\r\n\r\n{lsp_init}", lsp_init.len());
    let mcp_input = concat!(
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","#,
        r#""capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#,
        "\n"
    );
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        ("scan", vec!["scan", "."], ""),
        ("rules", vec!["rules"], ""),
        ("explain", vec!["explain", "secrets/gitlab-pat"], ""),
        ("log", vec!["log"], ""),
        ("check", vec!["check", "rm -rf ~"], ""),
        ("init", vec!["init", "--agent", "claude"], ""),
        ("baseline", vec!["baseline", "create", "."], ""),
        ("hook", vec!["hook", "claude"], &hook_input),
        ("template", vec!["template", "list"], ""),
        ("lsp", vec!["lsp"], &lsp_input),
        ("mcp", vec!["mcp"], mcp_input),
        ("db", vec!["db", "status"], ""),
        (
            "deps",
            vec!["deps", "check", "--offline", "pypi:requests"],
            "",
        ),
        ("fix", vec!["fix", "--dry-run", "."], ""),
        ("bom", vec!["bom", "."], ""),
        ("provenance", vec!["provenance", "."], ""),
    ];
    let covered: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let listed = subcommands();
    assert!(listed.len() >= covered.len(), "--help lists {listed:?}");
    for cmd in listed {
        assert!(
            covered.contains(&cmd.as_str()),
            "add `vibeguard {cmd}` to this test (it must end quietly on a closed pipe)"
        );
    }
    for (_, args, stdin) in &cases {
        let (code, signal, stderr) = run_into_closed_pipe(r, args, stdin);
        assert!(
            !stderr.to_lowercase().contains("broken pipe") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
        assert!(
            signal == Some(libc_sigpipe()) || matches!(code, Some(0 | 1)),
            "{args:?}: exit {code:?} signal {signal:?}: {stderr}"
        );
    }
    // The decision of a hook or check whose output nobody read is still logged.
    let log = vibeguard()
        .args(["log", "--json"])
        .current_dir(r)
        .output()
        .unwrap();
    let lines = String::from_utf8_lossy(&log.stdout).lines().count();
    assert_eq!(
        lines, 3,
        "one check before, one check and one hook into the closed pipe"
    );
}

/// SIGPIPE's number on the platforms vibeguard runs on (Linux, macOS, the BSDs).
fn libc_sigpipe() -> i32 {
    13
}

/// Each subcommand's one-line help in `vibeguard --help`, as (name, text).
fn command_summaries() -> Vec<(String, String)> {
    let out = vibeguard().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    let section = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    let mut rows: Vec<(String, String)> = Vec::new();
    for line in section.lines().filter(|l| !l.trim().is_empty()) {
        let indent = line.len() - line.trim_start().len();
        let mut words = line.split_whitespace();
        match (indent, rows.last_mut()) {
            // Wrapped continuation of the previous command's text.
            (i, Some(last)) if i > 4 => {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            _ => {
                let name = words.next().unwrap_or_default().to_string();
                rows.push((name, words.collect::<Vec<_>>().join(" ")));
            }
        }
    }
    rows
}

#[test]
fn each_command_says_what_it_really_does() {
    let rows = command_summaries();
    let text = |name: &str| {
        rows.iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no `{name}` in --help: {rows:?}"))
            .1
            .clone()
    };
    let scan = text("scan");
    for what in [
        "secrets",
        "insecure code",
        "configuration",
        "dependencies",
        "history",
    ] {
        assert!(scan.contains(what), "scan: {scan}");
    }
    assert!(text("baseline").contains("baseline.json"), "{rows:?}");
    assert!(text("hook").contains("stdin"), "{rows:?}");
    assert!(text("init").contains("hooks"), "{rows:?}");
    assert!(text("rules").contains("gate"), "{rows:?}");
    for (name, line) in &rows {
        assert!(line.len() >= 30, "`{name}` says too little: {line:?}");
    }
}
