//! `vibeguard scan --history / --diff / --staged` on real repositories built with the git
//! CLI (the product itself reads them with gix).

use serde_json::Value;
use std::path::{Path, PathBuf};

struct Who {
    name: &'static str,
    email: &'static str,
}

const ALICE: Who = Who {
    name: "Alice Example",
    email: "alice@example.com",
};
const BOB: Who = Who {
    name: "Bob Example",
    email: "bob@example.com",
};

fn date(day: u32) -> String {
    format!("2020-01-{day:02}T12:00:00+00:00")
}

/// A GitHub classic token shape with a valid checksum tail, built at runtime from `seed`
/// (30 base62 characters, then the base62 CRC32 of those characters).
fn github_token(seed: u32) -> String {
    const A62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(12_345);
    let body: String = (0..30)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            A62[(x % 62) as usize] as char
        })
        .collect();
    let sum = vibeguard_secrets::base62_crc32(vibeguard_secrets::crc32(body.as_bytes()));
    format!("{}_{body}{sum}", "ghp")
}

struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

fn git_command(dir: &Path, who: &Who, day: u32) -> std::process::Command {
    let mut cmd = crate::sandbox::git(&crate::sandbox::fixture_home());
    cmd.current_dir(dir)
        .env("GIT_AUTHOR_NAME", who.name)
        .env("GIT_AUTHOR_EMAIL", who.email)
        .env("GIT_COMMITTER_NAME", who.name)
        .env("GIT_COMMITTER_EMAIL", who.email)
        .env("GIT_AUTHOR_DATE", date(day))
        .env("GIT_COMMITTER_DATE", date(day));
    cmd
}

fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = git_command(dir, &ALICE, 1).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

impl Repo {
    fn init() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir(&root).unwrap();
        git_in(&root, &["init", "-q", "-b", "main"]);
        Repo { _dir: dir, root }
    }

    fn git(&self, args: &[&str]) -> String {
        git_in(&self.root, args)
    }

    fn write(&self, path: &str, content: &str) {
        let full = self.root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, content).unwrap();
    }

    fn commit(&self, who: &Who, day: u32, message: &str) -> String {
        self.git(&["add", "-A"]);
        let out = git_command(&self.root, who, day)
            .args(["commit", "-q", "-m", message])
            .output()
            .unwrap();
        assert!(out.status.success());
        self.git(&["rev-parse", "HEAD"]).trim().to_owned()
    }
}

/// Runs `vibeguard scan ARGS --format json` in `dir`; returns (exit code, JSON, stderr).
fn scan_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = crate::sandbox::vibeguard()
        .current_dir(dir)
        .arg("scan")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); stderr: {stderr}"));
    (out.status.code().unwrap(), json, stderr)
}

fn findings(json: &Value) -> &Vec<Value> {
    json["findings"].as_array().expect("findings array")
}

fn github_findings(json: &Value) -> Vec<&Value> {
    findings(json)
        .iter()
        .filter(|f| f["rule_id"].as_str().unwrap().contains("github-pat"))
        .collect()
}

#[test]
fn history_finds_a_secret_that_was_committed_and_then_removed() {
    let repo = Repo::init();
    repo.write("README.md", "# app\n");
    repo.commit(&ALICE, 1, "init");
    let token = github_token(1);
    repo.write("config.env", &format!("DEBUG=1\nGITHUB_TOKEN={token}\n"));
    let leak = repo.commit(&BOB, 2, "add config");
    repo.write("config.env", "DEBUG=1\n");
    repo.commit(&ALICE, 3, "remove the token");

    // The working tree no longer has it...
    let (code, json, _) = scan_json(&repo.root, &["."]);
    assert_eq!(code, 0, "{json}");
    assert!(github_findings(&json).is_empty());

    // ...history does, once, attributed to the commit that introduced it.
    let (code, json, stderr) = scan_json(&repo.root, &["--history", "."]);
    assert_eq!(code, 1, "{json} {stderr}");
    let hits = github_findings(&json);
    assert_eq!(hits.len(), 1, "{json}");
    let f = hits[0];
    assert_eq!(f["location"]["path"], "config.env");
    assert_eq!(f["location"]["line"], 2);
    let p = &f["provenance"];
    assert_eq!(p["commit"], leak.as_str());
    assert_eq!(p["author"], BOB.name);
    assert_eq!(p["email"], BOB.email);
    assert_eq!(p["date"], date(2).as_str());
    assert_eq!(p["path"], "config.env");
    // Redacted by default.
    assert!(!json.to_string().contains(&token));

    // --since the leaking commit: the removal commit adds nothing secret.
    let (code, json, _) = scan_json(&repo.root, &["--history", "--since", &leak, "."]);
    assert_eq!(code, 0, "{json}");
    assert!(github_findings(&json).is_empty());
}

#[test]
fn diff_reports_only_secrets_on_added_lines() {
    let repo = Repo::init();
    let old = github_token(2);
    let new = github_token(3);
    repo.write("app.env", &format!("OLD_TOKEN={old}\nNAME=app\n"));
    repo.commit(&ALICE, 1, "old token");
    repo.write(
        "app.env",
        &format!("OLD_TOKEN={old}\nNAME=app\nNEW_TOKEN={new}\n"),
    );
    repo.commit(&BOB, 2, "new token");

    let (code, json, stderr) = scan_json(&repo.root, &["--diff", "HEAD~1", "."]);
    assert_eq!(code, 1, "{json} {stderr}");
    let hits = github_findings(&json);
    assert_eq!(hits.len(), 1, "{json}");
    assert_eq!(hits[0]["location"]["path"], "app.env");
    assert_eq!(hits[0]["location"]["line"], 3);

    // Nothing added since HEAD: nothing reported, though the file holds two tokens.
    let (code, json, _) = scan_json(&repo.root, &["--diff", "HEAD", "."]);
    assert_eq!(code, 0, "{json}");
    assert!(findings(&json).is_empty(), "{json}");
}

#[test]
fn staged_sees_staged_content_but_not_unstaged_edits() {
    let repo = Repo::init();
    repo.write("app.env", "NAME=app\n");
    repo.commit(&ALICE, 1, "base");
    let staged = github_token(4);
    let unstaged = github_token(5);
    repo.write("app.env", &format!("NAME=app\nSTAGED_TOKEN={staged}\n"));
    repo.git(&["add", "app.env"]);
    repo.write(
        "app.env",
        &format!("NAME=app\nSTAGED_TOKEN={staged}\nUNSTAGED_TOKEN={unstaged}\n"),
    );
    repo.write("other.env", &format!("TOKEN={unstaged}\n"));

    let (code, json, stderr) = scan_json(&repo.root, &["--staged", "."]);
    assert_eq!(code, 1, "{json} {stderr}");
    let hits = github_findings(&json);
    assert_eq!(hits.len(), 1, "{json}");
    assert_eq!(hits[0]["location"]["path"], "app.env");
    assert_eq!(hits[0]["location"]["line"], 2);
}

#[test]
fn git_modes_outside_a_repository_exit_2_with_a_clear_message() {
    let plain = tempfile::tempdir().unwrap();
    for mode in [&["--history"][..], &["--staged"], &["--diff", "HEAD"]] {
        let out = crate::sandbox::vibeguard()
            .current_dir(plain.path())
            .arg("scan")
            .args(mode)
            .arg(".")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{mode:?}: {stderr}");
        assert!(
            stderr.contains("not a git repository"),
            "{mode:?}: {stderr}"
        );
        assert_eq!(stderr.trim().lines().count(), 1, "{mode:?}: {stderr}");
    }
}

#[test]
fn history_of_a_shallow_clone_is_refused() {
    let repo = Repo::init();
    repo.write("a.txt", "one\n");
    repo.commit(&ALICE, 1, "one");
    repo.write("a.txt", "two\n");
    repo.commit(&ALICE, 2, "two");
    let parent = repo.root.parent().unwrap();
    let url = format!("file://{}", repo.root.display());
    git_in(parent, &["clone", "-q", "--depth", "1", &url, "shallow"]);
    let out = crate::sandbox::vibeguard()
        .current_dir(parent.join("shallow"))
        .args(["scan", "--history", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("shallow repository"), "{stderr}");
}

#[test]
fn history_reports_a_secret_once_however_often_its_file_changes() {
    let repo = Repo::init();
    let token = github_token(6);
    repo.write("app.env", &format!("VERSION=1\nGITHUB_TOKEN={token}\n"));
    let first = repo.commit(&ALICE, 1, "v1");
    for day in 2..6 {
        repo.write("app.env", &format!("VERSION={day}\nGITHUB_TOKEN={token}\n"));
        repo.commit(&BOB, day, "bump");
    }
    let (code, json, stderr) = scan_json(&repo.root, &["--history", "."]);
    assert_eq!(code, 1, "{json} {stderr}");
    let hits = github_findings(&json);
    assert_eq!(hits.len(), 1, "{json}");
    assert_eq!(hits[0]["provenance"]["commit"], first.as_str());
    assert_eq!(hits[0]["provenance"]["author"], ALICE.name);
    assert_eq!(hits[0]["location"]["line"], 2);
}

#[test]
fn history_reports_secrets_only_while_the_tree_scan_also_reports_code() {
    let repo = Repo::init();
    repo.write(
        "app/load.py",
        "import yaml\n\n\ndef load(data):\n    return yaml.load(data)\n",
    );
    repo.commit(&ALICE, 1, "loader");

    let (code, json, _) = scan_json(&repo.root, &["."]);
    assert_eq!(code, 1, "{json}");
    let rules: Vec<&str> = findings(&json)
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["python/yaml-unsafe-load"], "{json}");

    let (code, json, stderr) = scan_json(&repo.root, &["--history", "."]);
    assert_eq!(code, 0, "{json} {stderr}");
    assert!(findings(&json).is_empty(), "{json}");
}
