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
    assert_eq!(on_line_5[0]["rule_id"], "container/docker-socket-mount");
}
