//! `vibeguard template`: every template lists, shows and writes; written to its default
//! path, each one scans clean with every analyzer of the real binary; `write` never
//! replaces a file without `--force`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn vibeguard(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("vibeguard")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Template names from `vibeguard template list` (every other line is `-> path`).
fn names(dir: &Path) -> Vec<(String, String)> {
    let out = vibeguard(dir, &["template", "list"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    lines
        .chunks(2)
        .map(|pair| {
            let name = pair[0].split_whitespace().next().unwrap().to_string();
            let path = pair[1].trim().trim_start_matches("-> ").to_string();
            (name, path)
        })
        .collect()
}

#[test]
fn every_template_scans_clean_with_every_analyzer() {
    let scratch = tempfile::tempdir().unwrap();
    let templates = names(scratch.path());
    assert!(templates.len() >= 12, "{templates:?}");
    for (name, path) in &templates {
        // One project per template: several of them share a default file name.
        let project = tempfile::tempdir().unwrap();
        let out = vibeguard(project.path(), &["template", "write", name]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let written = project.path().join(path);
        assert!(written.is_file(), "{name} not written to {path}");
        let shown = vibeguard(project.path(), &["template", "show", name]);
        assert_eq!(
            shown.stdout,
            std::fs::read(&written).unwrap(),
            "{name}: show and write differ"
        );

        let scan = vibeguard(project.path(), &["scan", ".", "--format", "json"]);
        let report: Value = serde_json::from_slice(&scan.stdout).unwrap_or_else(|e| {
            panic!(
                "{name}: not JSON ({e}): {}",
                String::from_utf8_lossy(&scan.stderr)
            )
        });
        let findings = report["findings"].as_array().unwrap();
        assert!(
            findings.is_empty(),
            "template {name} has findings: {}",
            serde_json::to_string_pretty(findings).unwrap()
        );
        let warnings = report["warnings"].as_array().map_or(0, |w| w.len());
        assert_eq!(warnings, 0, "template {name}: {}", report["warnings"]);
        assert_eq!(scan.status.code(), Some(0), "{name}");
        assert!(
            report["summary"]["files_scanned"].as_u64().unwrap_or(1) >= 1,
            "{name}: nothing scanned"
        );
    }
}

#[test]
fn write_never_overwrites_without_force() {
    let project = tempfile::tempdir().unwrap();
    std::fs::write(project.path().join("Dockerfile"), "FROM scratch\n").unwrap();
    let out = vibeguard(project.path(), &["template", "write", "dockerfile-go"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(project.path().join("Dockerfile")).unwrap(),
        "FROM scratch\n"
    );

    let out = vibeguard(
        project.path(),
        &["template", "write", "dockerfile-go", "--force"],
    );
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(project.path().join("Dockerfile"))
            .unwrap()
            .contains("distroless")
    );

    // A folder as DEST gets the default file name; a new path gets its parents created.
    std::fs::create_dir(project.path().join("svc")).unwrap();
    let out = vibeguard(project.path(), &["template", "write", "redis", "svc"]);
    assert!(out.status.success());
    assert!(project.path().join("svc/redis.conf").is_file());
    let out = vibeguard(
        project.path(),
        &["template", "write", "nginx", "deploy/proxy/site.conf"],
    );
    assert!(out.status.success());
    assert!(project.path().join("deploy/proxy/site.conf").is_file());
}

#[test]
fn unknown_template_names_the_choices() {
    let project = tempfile::tempdir().unwrap();
    let out = vibeguard(project.path(), &["template", "show", "dockerfile-cobol"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown template") && err.contains("dockerfile-node"),
        "{err}"
    );
}
