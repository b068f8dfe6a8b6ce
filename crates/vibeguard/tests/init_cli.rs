//! `vibeguard init` and `vibeguard init --check` in real temporary projects.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};
use std::fs;
use std::path::Path;

const BEGIN: &str = "<!-- vibeguard:begin -->";
const END: &str = "<!-- vibeguard:end -->";

/// PATH without an installed vibeguard, so the hooks name plain `vibeguard` (the tests
/// below that want an installed binary put one on PATH themselves).
const PATH_WITHOUT_VIBEGUARD: &str = "/usr/bin:/bin";

fn vibeguard() -> Command {
    let mut c = Command::cargo_bin("vibeguard").unwrap();
    c.env("PATH", PATH_WITHOUT_VIBEGUARD);
    c
}

fn init(dir: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    vibeguard()
        .arg("init")
        .arg("--dir")
        .arg(dir)
        .args(extra)
        .assert()
}

fn read_json(dir: &Path, rel: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(dir.join(rel)).unwrap()).unwrap()
}

/// Every file of a project, path -> bytes, to prove a command changed nothing.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((rel, fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The hook entries (flattened across groups) of one event that run vibeguard.
fn ours(event_list: &Value) -> Vec<Value> {
    let mut found = Vec::new();
    for item in event_list.as_array().unwrap() {
        let entries = match item.get("hooks") {
            Some(h) => h.as_array().unwrap().clone(),
            None => vec![item.clone()],
        };
        for e in entries {
            let text = e.to_string();
            if text.contains("vibeguard hook") || text.contains("\"hook\"") {
                found.push(e);
            }
        }
    }
    found
}

#[test]
fn fresh_init_writes_every_file() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    init(p, &[])
        .success()
        .stdout(predicate::str::contains("created   .claude/settings.json"))
        .stdout(predicate::str::contains("created   vibeguard.toml"));

    let toml_text = fs::read_to_string(p.join("vibeguard.toml")).unwrap();
    let policy = vibeguard_core::Policy::from_toml(&toml_text, "vibeguard.toml").unwrap();
    assert_eq!(policy.gate.unwrap()["profile"].as_str(), Some("standard"));
    assert_eq!(policy.agents.enabled.len(), 6);
    for section in [
        "[scan]",
        "[secrets]",
        "[gate]",
        "# [gate.rules]",
        "# [gate.mcp]",
        "# scope",
    ] {
        assert!(toml_text.contains(section), "template lacks {section}");
    }

    let claude = read_json(p, ".claude/settings.json");
    for event in ["PreToolUse", "UserPromptSubmit", "ConfigChange"] {
        let entries = ours(&claude["hooks"][event]);
        assert_eq!(entries.len(), 1, "{event}");
        assert_eq!(entries[0]["command"], "vibeguard");
        assert_eq!(entries[0]["args"], json!(["hook", "claude"]));
    }
    assert_eq!(claude["hooks"]["PreToolUse"][0]["matcher"], "*");
    // The gate's ConfigChange guard recognises the registration init writes.
    assert!(vibeguard_gate::guard_config::registers_guard(&claude));

    let cursor = read_json(p, ".cursor/hooks.json");
    assert_eq!(cursor["version"], 1);
    for event in [
        "beforeShellExecution",
        "beforeMCPExecution",
        "beforeReadFile",
        "preToolUse",
    ] {
        assert_eq!(
            cursor["hooks"][event][0]["command"], "vibeguard hook cursor",
            "{event}"
        );
    }
    let codex = read_json(p, ".codex/hooks.json");
    assert_eq!(
        codex["hooks"]["PreToolUse"][0]["hooks"][0]["command"],
        "vibeguard hook codex"
    );
    let gemini = read_json(p, ".gemini/settings.json");
    let before_tool = &gemini["hooks"]["BeforeTool"][0];
    assert_eq!(before_tool["matcher"], ".*");
    assert_eq!(before_tool["hooks"][0]["command"], "vibeguard hook gemini");
    assert_eq!(
        before_tool["hooks"][0]["timeout"], 10000,
        "Gemini counts milliseconds"
    );
    let copilot = read_json(p, ".github/hooks/vibeguard.json");
    assert_eq!(copilot["version"], 1);
    assert_eq!(
        copilot["hooks"]["preToolUse"][0]["bash"],
        "vibeguard hook copilot"
    );
    let windsurf = read_json(p, ".windsurf/hooks.json");
    for event in [
        "pre_run_command",
        "pre_write_code",
        "pre_read_code",
        "pre_mcp_tool_use",
        "pre_user_prompt",
    ] {
        assert_eq!(
            windsurf["hooks"][event][0]["command"], "vibeguard hook windsurf",
            "{event}"
        );
    }

    for rel in [
        "CLAUDE.md",
        "AGENTS.md",
        ".cursor/rules/vibeguard.mdc",
        ".github/copilot-instructions.md",
        "GEMINI.md",
    ] {
        let text = fs::read_to_string(p.join(rel)).unwrap();
        assert_eq!(text.matches(BEGIN).count(), 1, "{rel}");
        assert_eq!(text.matches(END).count(), 1, "{rel}");
        assert!(text.contains("Never hard-code secrets"), "{rel}");
        assert!(text.contains("Profile **standard**"), "{rel}");
    }
    let mdc = fs::read_to_string(p.join(".cursor/rules/vibeguard.mdc")).unwrap();
    assert!(mdc.starts_with("---\ndescription: "));
    assert!(mdc.contains("\nalwaysApply: true\n---\n"));
    let gitignore = fs::read_to_string(p.join(".gitignore")).unwrap();
    assert_eq!(gitignore.lines().filter(|l| *l == ".vibeguard/").count(), 1);
}

#[test]
fn second_init_changes_nothing_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path(), &[]).success();
    let before = snapshot(tmp.path());
    init(tmp.path(), &[])
        .success()
        .stdout(predicate::str::contains("nothing changed"))
        .stdout(predicate::str::contains("created").not())
        .stdout(predicate::str::contains("updated").not());
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn existing_settings_keep_other_hooks_and_get_ours_once() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    fs::create_dir_all(p.join(".claude")).unwrap();
    let original = r#"{
  "permissions": {"allow": ["Bash(npm run test *)"], "deny": ["Read(./.env)"]},
  "model": "sonnet",
  "hooks": {
    "PreToolUse": [
      {"matcher": "Bash", "hooks": [{"type": "command", "command": "./scripts/lint-guard.sh"}]}
    ],
    "PostToolUse": [
      {"matcher": "Write", "hooks": [{"type": "command", "command": "prettier --write"}]}
    ]
  },
  "env": {"FOO": "1"}
}"#;
    fs::write(p.join(".claude/settings.json"), original).unwrap();
    init(p, &["--agent", "claude"])
        .success()
        .stdout(predicate::str::contains("updated   .claude/settings.json"));
    init(p, &["--agent", "claude"]).success();

    let text = fs::read_to_string(p.join(".claude/settings.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["permissions"]["allow"][0], "Bash(npm run test *)");
    assert_eq!(v["permissions"]["deny"][0], "Read(./.env)");
    assert_eq!(v["model"], "sonnet");
    assert_eq!(v["env"]["FOO"], "1");
    assert_eq!(
        v["hooks"]["PostToolUse"][0]["hooks"][0]["command"],
        "prettier --write"
    );
    let pre = &v["hooks"]["PreToolUse"];
    assert_eq!(pre[0]["hooks"][0]["command"], "./scripts/lint-guard.sh");
    assert_eq!(ours(pre).len(), 1);
    assert_eq!(ours(&v["hooks"]["UserPromptSubmit"]).len(), 1);
    // Keys keep the user's order.
    let pos = |k: &str| text.find(&format!("\"{k}\"")).unwrap();
    assert!(
        pos("permissions") < pos("model")
            && pos("model") < pos("hooks")
            && pos("hooks") < pos("env")
    );
}

#[test]
fn an_outdated_entry_of_ours_is_replaced_not_duplicated() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    fs::create_dir_all(p.join(".cursor")).unwrap();
    fs::write(
        p.join(".cursor/hooks.json"),
        r#"{"version": 1, "hooks": {"beforeShellExecution": [
            {"command": "./audit.sh"},
            {"command": "/usr/local/bin/vibeguard hook cursor", "timeout": 99},
            {"command": "vibeguard hook cursor"}
        ]}}"#,
    )
    .unwrap();
    init(p, &["--agent", "cursor"]).success();
    let v = read_json(p, ".cursor/hooks.json");
    let list = v["hooks"]["beforeShellExecution"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["command"], "./audit.sh");
    assert_eq!(
        list[1],
        json!({"command": "vibeguard hook cursor", "timeout": 10})
    );
}

#[test]
fn claude_md_keeps_user_text_and_has_one_section() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    let user = "# My project\n\nUse tabs. Run `make test` before committing.\n";
    fs::write(p.join("CLAUDE.md"), user).unwrap();
    init(p, &["--agent", "claude"]).success();
    init(p, &["--agent", "claude", "--profile", "strict"]).success();
    init(p, &[]).success();
    let text = fs::read_to_string(p.join("CLAUDE.md")).unwrap();
    assert!(text.starts_with(user), "{text}");
    assert_eq!(text.matches(BEGIN).count(), 1);
    assert_eq!(text.matches(END).count(), 1);
    assert!(text.contains("Profile **strict**"));
    assert!(!text.contains("Profile **standard**"));
    // Text after the section also survives a rewrite.
    fs::write(
        p.join("CLAUDE.md"),
        format!("{text}\n## Later notes\nkeep me\n"),
    )
    .unwrap();
    init(p, &["--profile", "regulated"]).success();
    let text = fs::read_to_string(p.join("CLAUDE.md")).unwrap();
    assert!(
        text.starts_with(user) && text.ends_with("## Later notes\nkeep me\n"),
        "{text}"
    );
    assert!(text.contains("A person runs medium- and high-risk actions"));
}

#[test]
fn check_passes_after_init_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path(), &[]).success();
    let before = snapshot(tmp.path());
    check(tmp.path())
        .success()
        .stdout(predicate::str::contains("in sync"));
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn check_fails_after_an_edit_inside_the_markers() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    init(p, &[]).success();
    let text = fs::read_to_string(p.join("AGENTS.md")).unwrap();
    fs::write(
        p.join("AGENTS.md"),
        text.replace("Never disable TLS", "Feel free to disable TLS"),
    )
    .unwrap();
    let before = snapshot(p);
    check(p)
        .code(1)
        .stdout(predicate::str::contains("drift: AGENTS.md"))
        .stdout(predicate::str::contains("CLAUDE.md").not());
    assert_eq!(snapshot(p), before, "--check must not repair");
    // Text outside the markers is the user's: editing it is not drift.
    init(p, &[]).success();
    let text = fs::read_to_string(p.join("AGENTS.md")).unwrap();
    fs::write(p.join("AGENTS.md"), format!("# Team notes\n\n{text}")).unwrap();
    check(p).success();
}

#[test]
fn check_fails_after_removing_the_hook_and_lists_each_file() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    init(p, &["--agent", "claude,gemini"]).success();
    let mut claude = read_json(p, ".claude/settings.json");
    claude["hooks"]
        .as_object_mut()
        .unwrap()
        .remove("PreToolUse");
    fs::write(
        p.join(".claude/settings.json"),
        serde_json::to_string(&claude).unwrap(),
    )
    .unwrap();
    fs::remove_file(p.join(".gemini/settings.json")).unwrap();
    check(p)
        .code(1)
        .stdout(predicate::str::contains(
            "drift: .claude/settings.json differs",
        ))
        .stdout(predicate::str::contains(
            "drift: .gemini/settings.json missing",
        ));
    init(p, &[]).success();
    check(p).success();
}

#[test]
fn check_fails_when_the_policy_changed_but_sections_did_not() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    init(p, &["--agent", "codex"]).success();
    let toml_text = fs::read_to_string(p.join("vibeguard.toml")).unwrap();
    fs::write(
        p.join("vibeguard.toml"),
        toml_text.replace("profile = \"standard\"", "profile = \"regulated\""),
    )
    .unwrap();
    check(p)
        .code(1)
        .stdout(predicate::str::contains("drift: AGENTS.md"));
}

#[test]
fn malformed_settings_is_an_error_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    fs::create_dir_all(p.join(".claude")).unwrap();
    let broken = "{\n  \"hooks\": {\"PreToolUse\": [\n";
    fs::write(p.join(".claude/settings.json"), broken).unwrap();
    let before = snapshot(p);
    init(p, &[]).code(2).stderr(predicate::str::contains(
        ".claude/settings.json is not valid JSON",
    ));
    assert_eq!(
        snapshot(p),
        before,
        "no file may be written when one is malformed"
    );
    assert_eq!(
        fs::read_to_string(p.join(".claude/settings.json")).unwrap(),
        broken
    );
}

#[test]
fn agents_default_to_detected_then_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    fs::create_dir_all(p.join(".cursor")).unwrap();
    init(p, &[])
        .success()
        .stdout(predicate::str::contains("agents cursor\n"));
    assert!(p.join(".cursor/hooks.json").exists());
    assert!(!p.join(".claude/settings.json").exists());
    assert!(!p.join("CLAUDE.md").exists());
    assert!(p.join("AGENTS.md").exists());
    // --agent adds to the recorded list; a later plain init keeps both.
    init(p, &["--agent", "claude"])
        .success()
        .stdout(predicate::str::contains("agents claude, cursor\n"));
    init(p, &[])
        .success()
        .stdout(predicate::str::contains("nothing changed"));
    let policy = vibeguard_core::Policy::from_toml(
        &fs::read_to_string(p.join("vibeguard.toml")).unwrap(),
        "x",
    )
    .unwrap();
    assert_eq!(policy.agents.enabled, vec!["claude", "cursor"]);
}

#[test]
fn existing_policy_keeps_its_profile_and_comments_unless_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    let mine = "# our policy, reviewed by security\n[gate]\nprofile = \"strict\" # decided in review\n\n[gate.rules]\n\"gate/git-force-push\" = \"ask\"\n";
    fs::write(p.join("vibeguard.toml"), mine).unwrap();
    init(p, &["--agent", "codex"]).success();
    let text = fs::read_to_string(p.join("vibeguard.toml")).unwrap();
    assert!(text.starts_with(mine), "{text}");
    assert!(text.contains("[agents]\nenabled = [\"codex\"]"));
    let agents = fs::read_to_string(p.join("AGENTS.md")).unwrap();
    assert!(agents.contains("Profile **strict**"));
    assert!(
        agents.contains("`gate/git-force-push`: ask"),
        "policy overrides appear in the section"
    );
    init(p, &["--profile", "prototype"])
        .success()
        .stdout(predicate::str::contains("profile strict -> prototype"));
    let text = fs::read_to_string(p.join("vibeguard.toml")).unwrap();
    assert!(text.contains("profile = \"prototype\"\n\n[gate.rules]"));
    assert!(text.starts_with("# our policy, reviewed by security\n"));
}

#[test]
fn invalid_policy_or_agent_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    fs::write(p.join("vibeguard.toml"), "[gate]\nprofil = \"strict\"\n").unwrap();
    init(p, &[])
        .code(2)
        .stderr(predicate::str::contains("profil"));
    init(p, &["--agent", "vscode"]).code(2);
    init(p, &["--profile", "yolo"]).code(2);
    let empty = tempfile::tempdir().unwrap();
    init(empty.path(), &["--check"])
        .code(2)
        .stderr(predicate::str::contains("vibeguard.toml is missing"));
}

/// A directory holding an executable `vibeguard` (a link to the binary under test), as
/// `scripts/install.sh` leaves in ~/.cargo/bin.
fn installed_bin() -> tempfile::TempDir {
    let bin = tempfile::tempdir().unwrap();
    let exe = assert_cmd::cargo::cargo_bin("vibeguard");
    std::os::unix::fs::symlink(&exe, bin.path().join("vibeguard")).unwrap();
    bin
}

/// `init --check` on a machine where vibeguard is installed (so the hooks resolve).
fn check(dir: &Path) -> assert_cmd::assert::Assert {
    let bin = installed_bin();
    vibeguard()
        .env(
            "PATH",
            format!("{}:{PATH_WITHOUT_VIBEGUARD}", bin.path().display()),
        )
        .args(["init", "--check", "--dir"])
        .arg(dir)
        .assert()
}

#[test]
fn init_writes_the_absolute_path_of_the_installed_binary() {
    let dir = tempfile::tempdir().unwrap();
    let bin = installed_bin();
    let installed = bin.path().join("vibeguard");
    let path = format!("{}:{PATH_WITHOUT_VIBEGUARD}", bin.path().display());
    vibeguard()
        .env("PATH", &path)
        .args(["init", "--agent", "claude,cursor", "--dir"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("not on PATH").not());
    let claude = read_json(dir.path(), ".claude/settings.json");
    let entry = &claude["hooks"]["PreToolUse"][0]["hooks"][0];
    assert_eq!(entry["command"], installed.display().to_string());
    assert_eq!(entry["args"], json!(["hook", "claude"]));
    let cursor = read_json(dir.path(), ".cursor/hooks.json");
    assert_eq!(
        cursor["hooks"]["beforeShellExecution"][0]["command"],
        format!("{} hook cursor", installed.display())
    );
    // in sync while the binary is there
    vibeguard()
        .env("PATH", &path)
        .args(["init", "--check", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
}

#[test]
fn init_warns_with_the_fix_when_vibeguard_is_not_on_path() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &["--agent", "codex"]).success().stderr(
        predicate::str::contains("not on PATH").and(predicate::str::contains("scripts/install.sh")),
    );
    let codex = read_json(dir.path(), ".codex/hooks.json");
    assert_eq!(
        codex["hooks"]["PreToolUse"][0]["hooks"][0]["command"],
        "vibeguard hook codex"
    );
}

#[test]
fn check_reports_hook_commands_that_do_not_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let bin = installed_bin();
    let path = format!("{}:{PATH_WITHOUT_VIBEGUARD}", bin.path().display());
    vibeguard()
        .env("PATH", &path)
        .args(["init", "--agent", "claude,gemini", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    // the installed binary goes away: the hooks can no longer start
    drop(bin);
    vibeguard()
        .args(["init", "--check", "--dir"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("broken: .claude/settings.json")
                .and(predicate::str::contains("broken: .gemini/settings.json"))
                .and(predicate::str::contains("does not resolve")),
        );
    // plain `vibeguard` that is not on PATH is just as broken
    let plain = tempfile::tempdir().unwrap();
    init(plain.path(), &["--agent", "windsurf"]).success();
    vibeguard()
        .args(["init", "--check", "--dir"])
        .arg(plain.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "broken: .windsurf/hooks.json starts `vibeguard`",
        ));
}
