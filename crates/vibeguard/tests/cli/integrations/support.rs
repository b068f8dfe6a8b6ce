//! Shared helpers: the installed clients, git repositories, README snippets.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Where `scripts/ci-tools.sh` installs the clients.
pub fn tools_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("VIBEGUARD_TOOLS").filter(|v| !v.is_empty()) {
        return PathBuf::from(d);
    }
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("/root"), PathBuf::from);
    home.join(".cache/vibeguard-ci-tools")
}

/// An installed client, or a panic that says how to install it.
pub fn tool(rel: &str) -> PathBuf {
    let p = tools_dir().join(rel);
    assert!(
        p.exists(),
        "{} is missing: run `scripts/ci-tools.sh` (what .ci/run does) to install the test clients",
        p.display()
    );
    p
}

/// A program from the system (Debian packages installed by `scripts/ci-tools.sh`).
pub fn system_program(name: &str) -> PathBuf {
    for dir in std::env::var("PATH").unwrap_or_default().split(':') {
        let p = Path::new(dir).join(name);
        if p.is_file() {
            return p;
        }
    }
    panic!("`{name}` is not on PATH: run `scripts/ci-tools.sh` (what .ci/run does)");
}

pub fn vibeguard_bin() -> PathBuf {
    crate::sandbox::binary().to_path_buf()
}

/// `program` in the CLI tests' sandbox (no agent project variables, no user git
/// configuration, no registry look-ups), with a HOME shared by the clients these tests
/// drive (they keep caches there), apart from the user's.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("integrations-home");
    std::fs::create_dir_all(&home).unwrap();
    crate::sandbox::command(program, &home)
}

/// PATH with the vibeguard under test first.
pub fn path_with_vibeguard() -> String {
    let dir = vibeguard_bin().parent().unwrap().to_path_buf();
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// The repository root (for files the tests read as shipped: hooks, action, README).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn write(root: &Path, rel: &str, content: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

/// Run git in `dir` with a fixed identity; panics on failure.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = command("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// stdout and stderr of a finished process, for assertion messages.
pub fn text(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The fenced block that follows `<!-- snippet: NAME -->` in README.md, exactly as a
/// reader copies it.
pub fn readme_snippet(name: &str) -> String {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let marker = format!("<!-- snippet: {name} -->");
    let start = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("README.md has no `{marker}`"));
    let rest = &readme[start + marker.len()..];
    let fence = rest.find("```").expect("a fenced block after the marker");
    let body = &rest[fence..];
    let body = &body[body.find('\n').unwrap() + 1..];
    let end = body.find("\n```").expect("the fence closes");
    format!("{}\n", &body[..end])
}

/// A GitLab token shape built at run time (this file holds no token).
pub fn gitlab_token() -> String {
    format!("{}{}", "glpat-", "Zr4pQ9wLx2mVb7TkJd3H")
}

/// A Python file with a SQL injection (a request value formatted into a query).
pub fn sql_injection_py() -> &'static str {
    "import sqlite3\n\n\ndef find_user(conn, name):\n    cur = conn.cursor()\n    cur.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)\n    return cur.fetchall()\n"
}

/// A repository with a base commit holding a SQL injection (not the change's doing) and
/// a second commit that adds a GitLab token in `app/settings.py`: what a pull or merge
/// request's scan must report is the token only. Returns the repository and the base
/// commit.
pub fn change_repo(dir: &Path) -> (PathBuf, String) {
    let repo = dir.join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    write(&repo, "legacy.py", sql_injection_py());
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    let base = git(&repo, &["rev-parse", "HEAD"]).trim().to_string();
    write(
        &repo,
        "app/settings.py",
        &format!("TOKEN = \"{}\"\n", gitlab_token()),
    );
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "change"]);
    (repo, base)
}
