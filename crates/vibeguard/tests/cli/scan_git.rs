//! The CLI side of change-aware scanning: path mapping when the scanned folder is inside
//! the repository, and `.vibeguardignore` in the modes that read git objects.

use crate::scan_support;

use scan_support::*;

fn json_paths(out: &[u8]) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(out).expect("JSON report");
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn diff_from_a_subfolder_reports_paths_relative_to_it() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    git(r, &["init", "-q"]);
    write(r, "svc/app.py", b"print('v1')\n");
    write(r, "other/x.py", b"print('x')\n");
    git(r, &["add", "."]);
    git(r, &["commit", "-q", "-m", "v1"]);
    let line = format!("TOKEN = \"{}\"\n", gitlab_token());
    write(r, "svc/app.py", format!("print('v1')\n{line}").as_bytes());
    write(r, "other/x.py", line.as_bytes());
    let a = vibeguard()
        .args(["scan", "svc", "--diff", "HEAD", "--format", "json"])
        .current_dir(r)
        .assert()
        .code(1);
    assert_eq!(json_paths(&a.get_output().stdout), vec!["app.py"]);
    let a = vibeguard()
        .args(["scan", ".", "--diff", "HEAD", "--format", "json"])
        .current_dir(r)
        .assert()
        .code(1);
    assert_eq!(
        json_paths(&a.get_output().stdout),
        vec!["other/x.py", "svc/app.py"]
    );
}

#[test]
fn staged_and_history_honour_vibeguardignore() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    git(r, &["init", "-q"]);
    let line = format!("TOKEN = \"{}\"\n", gitlab_token());
    write(r, ".vibeguardignore", b"fixtures/\n");
    write(r, "fixtures/sample.py", line.as_bytes());
    write(r, "app/main.py", line.as_bytes());
    git(r, &["add", "."]);
    let a = vibeguard()
        .args(["scan", "--staged", "--format", "json"])
        .current_dir(r)
        .assert()
        .code(1);
    assert_eq!(json_paths(&a.get_output().stdout), vec!["app/main.py"]);
    git(r, &["commit", "-q", "-m", "one"]);
    let a = vibeguard()
        .args(["scan", "--history", "--format", "json"])
        .current_dir(r)
        .assert()
        .code(1);
    let out = a.get_output().stdout.clone();
    assert_eq!(json_paths(&out), vec!["app/main.py"]);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let p = &v["findings"][0]["provenance"];
    assert_eq!(p["author"], "Fixture Dev");
    assert_eq!(p["email"], "dev@example.com");
    assert_eq!(p["path"], "app/main.py");
    // The text summary counts blobs (the ignored fixture is not one of them).
    vibeguard()
        .args(["scan", "--history"])
        .current_dir(r)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("; 2 blobs ("))
        .stdout(predicates::str::contains("  = introduced in "));
}

#[test]
fn git_modes_take_one_path() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("a")).unwrap();
    std::fs::create_dir_all(d.path().join("b")).unwrap();
    vibeguard()
        .args(["scan", "a", "b", "--history"])
        .current_dir(d.path())
        .assert()
        .code(2)
        .stderr("error: --history takes at most one PATH (a folder inside the repository)\n");
}
