//! `vibeguard hook install-git`: a plain git pre-commit hook that git itself runs.

use crate::support::*;
use std::path::Path;
use std::process::Command;

fn install(repo: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(vibeguard_bin())
        .args(["hook", "install-git"])
        .args(extra)
        .current_dir(repo)
        .output()
        .unwrap()
}

fn commit(repo: &Path, msg: &str) -> std::process::Output {
    Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args(["commit", "-q", "-m", msg])
        .current_dir(repo)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("PATH", path_with_vibeguard())
        .output()
        .unwrap()
}

#[test]
fn git_runs_the_installed_hook_and_blocks_a_secret() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    git(r, &["init", "-q"]);
    let out = install(r, &[]);
    assert!(out.status.success(), "{}", text(&out));
    let hook = r.join(".git/hooks/pre-commit");
    let script = std::fs::read_to_string(&hook).unwrap();
    assert!(
        script.starts_with("#!/bin/sh\n# vibeguard pre-commit hook"),
        "{script}"
    );

    write(r, "ok.py", "print('hello')\n");
    git(r, &["add", "."]);
    let out = commit(r, "clean");
    assert!(out.status.success(), "{}", text(&out));

    write(r, "cfg.py", &format!("TOKEN = \"{}\"\n", gitlab_token()));
    git(r, &["add", "."]);
    let out = commit(r, "leak");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    // git hands the hook's output to the terminal on stderr.
    assert!(text(&out).contains("secrets/gitlab-pat"), "{}", text(&out));
    assert_eq!(
        git(r, &["rev-list", "--count", "HEAD"]),
        "1",
        "the commit went through"
    );

    // Installing again changes nothing.
    let out = install(r, &[]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("unchanged"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_foreign_hook_is_kept_unless_forced() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    git(r, &["init", "-q"]);
    let hook = r.join(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\nnpm test\n").unwrap();
    let out = install(r, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--force"),
        "{}",
        text(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\nnpm test\n"
    );

    let out = install(r, &["--force"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        std::fs::read_to_string(&hook)
            .unwrap()
            .contains("vibeguard")
    );
    assert_eq!(
        std::fs::read_to_string(r.join(".git/hooks/pre-commit.before-vibeguard")).unwrap(),
        "#!/bin/sh\nnpm test\n"
    );
}

#[test]
fn core_hooks_path_is_where_the_hook_goes() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    git(r, &["init", "-q"]);
    git(r, &["config", "core.hooksPath", ".githooks"]);
    let out = install(r, &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(r.join(".githooks/pre-commit").is_file());
    assert!(!r.join(".git/hooks/pre-commit").exists());
}

#[test]
fn the_agent_hook_still_parses_after_install_git_was_added() {
    let out = Command::new(vibeguard_bin())
        .args(["hook", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("install-git"), "{help}");
    assert!(help.contains("AGENT"), "{help}");
    let out = Command::new(vibeguard_bin())
        .args(["hook", "vim"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}
