//! `.pre-commit-hooks.yaml`, run by the real `pre-commit` tool on a repository made here,
//! with the `.pre-commit-config.yaml` snippet from README.md as written (only the
//! repository URL and revision point at a local copy of this repository's hooks file).

use crate::support::*;
use std::path::Path;
use std::process::Command;

/// A git repository holding this repository's `.pre-commit-hooks.yaml`, committed; its
/// HEAD commit.
fn hooks_repo(dir: &Path) -> String {
    std::fs::create_dir_all(dir).unwrap();
    git(dir, &["init", "-q"]);
    let hooks = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).unwrap();
    write(dir, ".pre-commit-hooks.yaml", &hooks);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "hooks"]);
    git(dir, &["rev-parse", "HEAD"])
}

/// The README's config with its `repo:` and `rev:` values pointed at `repo`/`rev`.
fn config_from_readme(repo: &Path, rev: &str) -> String {
    let snippet = readme_snippet("pre-commit-config");
    assert!(snippet.contains("id: vibeguard-secrets"), "{snippet}");
    snippet
        .lines()
        .map(|l| {
            let t = l.trim_start();
            let indent = &l[..l.len() - t.len()];
            if t.starts_with("- repo:") {
                format!("{indent}- repo: {}", repo.display())
            } else if t.starts_with("rev:") {
                format!("{indent}rev: {rev}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn pre_commit(project: &Path, home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(tool("venv/bin/pre-commit"))
        .args(args)
        .current_dir(project)
        .env("PATH", path_with_vibeguard())
        .env("PRE_COMMIT_HOME", home)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .env_remove("VIBEGUARD_DIFF_BASE")
        .output()
        .expect("pre-commit runs")
}

#[test]
fn pre_commit_runs_the_hooks_on_what_is_staged() {
    let d = tempfile::tempdir().unwrap();
    let rev = hooks_repo(&d.path().join("hooks"));
    let project = d.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    git(&project, &["init", "-q"]);
    write(
        &project,
        ".pre-commit-config.yaml",
        &config_from_readme(&d.path().join("hooks"), &rev),
    );
    write(
        &project,
        "app/util.py",
        "def add(a, b):\n    return a + b\n",
    );
    git(&project, &["add", "."]);
    let home = d.path().join("pre-commit-home");

    // Clean change: every hook passes (or has nothing to check).
    let out = pre_commit(&project, &home, &["run"]);
    assert!(out.status.success(), "{}", text(&out));
    let log = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(log.contains("vibeguard secrets"), "{log}");
    assert!(log.contains("vibeguard code and configuration"), "{log}");
    git(&project, &["commit", "-q", "-m", "clean", "--no-verify"]);

    // A staged secret fails the secrets hook, named by rule, redacted.
    let token = gitlab_token();
    write(
        &project,
        "app/settings.py",
        &format!("TOKEN = \"{token}\"\n"),
    );
    git(&project, &["add", "app/settings.py"]);
    let out = pre_commit(&project, &home, &["run", "vibeguard-secrets"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let log = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(log.contains("secrets/gitlab-pat"), "{log}");
    assert!(
        !log.contains(&token),
        "the secret is printed in full: {log}"
    );
    // The code hook does not look at secrets.
    let out = pre_commit(&project, &home, &["run", "vibeguard-code"]);
    assert!(out.status.success(), "{}", text(&out));
    git(&project, &["rm", "-q", "--cached", "app/settings.py"]);

    // Staged insecure code fails the code hook.
    write(&project, "app/users.py", sql_injection_py());
    git(&project, &["add", "app/users.py"]);
    let out = pre_commit(&project, &home, &["run", "vibeguard-code"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("python/sql-injection"),
        "{}",
        text(&out)
    );

    // Only what the commit adds counts: the finding once committed, an unrelated change
    // to the same file passes.
    git(&project, &["commit", "-q", "-m", "legacy", "--no-verify"]);
    let mut users = sql_injection_py().to_string();
    users.push_str("\n\ndef count(conn):\n    return 0\n");
    write(&project, "app/users.py", &users);
    git(&project, &["add", "app/users.py"]);
    let out = pre_commit(&project, &home, &["run", "vibeguard-code"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn pre_commit_init_check_fails_on_drift() {
    let d = tempfile::tempdir().unwrap();
    let rev = hooks_repo(&d.path().join("hooks"));
    let project = d.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    git(&project, &["init", "-q"]);
    write(
        &project,
        ".pre-commit-config.yaml",
        &config_from_readme(&d.path().join("hooks"), &rev),
    );
    let init = Command::new(vibeguard_bin())
        .args(["init", "--agent", "claude"])
        .current_dir(&project)
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", text(&init));
    git(&project, &["add", "."]);
    let home = d.path().join("pre-commit-home");
    let out = pre_commit(&project, &home, &["run", "vibeguard-init-check"]);
    assert!(out.status.success(), "{}", text(&out));

    // Someone removes the gate from Claude's settings: the hook catches the drift.
    write(&project, ".claude/settings.json", "{}\n");
    git(&project, &["add", "."]);
    let out = pre_commit(&project, &home, &["run", "vibeguard-init-check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(".claude/settings.json"),
        "{}",
        text(&out)
    );
}
