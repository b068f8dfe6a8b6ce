//! Fixture trees and helpers for the `scan` CLI tests. Secret-shaped values are built at
//! run time from pieces so that this source file itself holds no secret.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::Path;

/// A GitLab personal access token shape: `glpat-` and 20 characters.
pub fn gitlab_token() -> String {
    format!("{}{}", "glpat-", "Zr4pQ9wLx2mVb7TkJd3H")
}

/// A second, different GitLab token.
pub fn gitlab_token_2() -> String {
    format!("{}{}", "glpat-", "Mw8sT3yBq6nRc1XkFv5J")
}

/// An AWS access key id shape: `AKIA` and 16 upper-case letters and digits.
pub fn aws_key_id() -> String {
    format!("{}{}", "AKIA", "Q3EGRPZ7XL4MVJ2K")
}

pub fn write(root: &Path, rel: &str, content: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

/// A small project: two real findings, one suppressed inline, one in an ignored folder,
/// a binary file and a clean file.
pub fn fixture_tree(root: &Path) {
    write(
        root,
        "app/config.py",
        format!(
            "import os\n\nGITLAB = \"{}\"\nDEBUG = os.environ.get(\"DEBUG\")\n",
            gitlab_token()
        )
        .as_bytes(),
    );
    write(
        root,
        "deploy/settings.ini",
        format!("[aws]\naccess_key_id = {}\n", aws_key_id()).as_bytes(),
    );
    write(
        root,
        "app/fixtures_loader.py",
        format!(
            "# vibeguard: ignore[secrets/gitlab-pat] documented sample\nSAMPLE = \"{}\"\n",
            gitlab_token_2()
        )
        .as_bytes(),
    );
    write(root, ".gitignore", b"build/\n");
    write(
        root,
        "build/leak.py",
        format!("T = \"{}\"\n", gitlab_token()).as_bytes(),
    );
    write(root, "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(root, "README.md", b"# demo\n\nNothing to see here.\n");
}

pub fn vibeguard() -> Command {
    let mut c = Command::cargo_bin("vibeguard").unwrap();
    c.env_remove("NO_COLOR")
        .env("CI", "1")
        .env("VIBEGUARD_OFFLINE", "1");
    c
}

/// Replace the timing parts of a text report (`scanned in 0.01s`) with a fixed marker.
pub fn normalize_text(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        match line.find("scanned in ") {
            Some(i) => {
                let rest = &line[i + "scanned in ".len()..];
                let end = rest.find(';').unwrap_or(rest.len());
                out.push_str(&line[..i]);
                out.push_str("scanned in [TIME]");
                out.push_str(&rest[end..]);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Zero the wall-clock duration of a JSON report.
pub fn normalize_json(s: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(s).expect("valid JSON");
    v["summary"]["duration_ms"] = 0.into();
    v["tool"]["version"] = "[VERSION]".into();
    v
}

/// Run `git` in `dir` with a fixed identity (tests build fixture repositories with the
/// git CLI; the product reads them with gix).
pub fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=Fixture Dev",
            "-c",
            "user.email=dev@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z")
        .env("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
