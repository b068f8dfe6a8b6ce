//! scripts/install.sh takes the binary's path from cargo instead of assuming `target/`:
//! with CARGO_TARGET_DIR (or `build.target-dir`) set, the old script ran a binary that did
//! not exist and failed with exit 127 after a misleading message. The script's own
//! `--artifact-path` reads cargo's JSON messages the way its build steps do; the
//! messages here are a real `cargo build --message-format=json` of this workspace with
//! the target folder replaced by `__TARGET__` and the paths of a `--target` dist build.

use std::io::Write;
use std::path::Path;

const MESSAGES: &str = include_str!("../data/cargo-dist-build-messages.jsonl");

/// `scripts/install.sh --artifact-path` with `messages` on stdin.
fn artifact_path(messages: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/install.sh");
    let home = tempfile::tempdir().unwrap();
    let mut child = crate::sandbox::command("sh", home.path())
        .arg(script)
        .arg("--artifact-path")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(messages.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .trim_end()
        .to_string()
}

#[test]
fn the_binary_is_where_cargo_says_it_built_it() {
    for target_dir in [
        "/work/ci-target",
        "/tmp/my builds/target",
        "/src/vibeguard/target",
    ] {
        let messages = MESSAGES.replace("__TARGET__", target_dir);
        assert_eq!(
            artifact_path(&messages),
            format!("{target_dir}/x86_64-unknown-linux-gnu/dist/vibeguard")
        );
    }
}

#[test]
fn no_reported_binary_is_an_empty_answer_not_a_guess() {
    let without_bin: String = MESSAGES
        .lines()
        .filter(|l| !l.contains("\"kind\":[\"bin\"]"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(artifact_path(&without_bin), "");
    assert_eq!(artifact_path(""), "");
}

#[test]
fn the_script_assumes_no_target_folder() {
    let script = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/install.sh"),
    )
    .unwrap();
    let code: Vec<&str> = script
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    for line in code {
        assert!(
            !line.contains("target/"),
            "install.sh builds a path under target/ itself: {line}"
        );
    }
}
