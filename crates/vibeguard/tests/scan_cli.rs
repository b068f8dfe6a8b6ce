//! `vibeguard scan`, `baseline`, `rules` and `explain` end to end: real files, the real
//! binary, exit statuses and messages.

mod scan_support;

use predicates::prelude::*;
use scan_support::*;

#[test]
fn clean_tree_exits_0_and_findings_exit_1() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.py", b"print('hello')\n");
    vibeguard()
        .args(["scan", "."])
        .current_dir(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("no findings; 1 file"));

    fixture_tree(d.path());
    vibeguard()
        .args(["scan", "."])
        .current_dir(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "app/config.py:3:11: critical secrets/gitlab-pat",
        ))
        .stdout(predicate::str::contains(gitlab_token()).not());
}

#[test]
fn fail_on_threshold_from_flag_and_policy() {
    let d = tempfile::tempdir().unwrap();
    // Only the AWS key id (below critical).
    write(
        d.path(),
        "settings.ini",
        format!("access_key_id = {}\n", aws_key_id()).as_bytes(),
    );
    vibeguard()
        .args(["scan", ".", "--fail-on", "low"])
        .current_dir(d.path())
        .assert()
        .code(1);
    vibeguard()
        .args(["scan", ".", "--fail-on", "critical"])
        .current_dir(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("secrets/aws-access-key-id"));
    write(
        d.path(),
        "vibeguard.toml",
        b"[scan]\nfail_on = \"critical\"\n",
    );
    vibeguard()
        .args(["scan", "."])
        .current_dir(d.path())
        .assert()
        .code(0);
    // The flag wins over the policy.
    vibeguard()
        .args(["scan", ".", "--fail-on", "info"])
        .current_dir(d.path())
        .assert()
        .code(1);
}

#[test]
fn bad_path_bad_option_and_bad_policy_exit_2_with_one_line() {
    let d = tempfile::tempdir().unwrap();
    let a = vibeguard()
        .args(["scan", "does-not-exist"])
        .current_dir(d.path())
        .assert()
        .code(2)
        .stdout("");
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert_eq!(
        err,
        "error: cannot scan does-not-exist: No such file or directory\n"
    );
    vibeguard()
        .args(["scan", ".", "--format", "xml"])
        .current_dir(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'xml'"));
    vibeguard()
        .args(["scan", ".", "--fail-on", "urgent"])
        .current_dir(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown severity `urgent`"));
    vibeguard()
        .args(["scan", ".", "--max-file-size", "lots"])
        .current_dir(d.path())
        .assert()
        .code(2);
    vibeguard()
        .args(["scan", ".", "--exclude", "a["])
        .current_dir(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid exclude glob `a[`"));
    write(d.path(), "vibeguard.toml", b"[scan]\nexlude = []\n");
    vibeguard()
        .args(["scan", "."])
        .current_dir(d.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::starts_with("error: invalid ")
                .and(predicate::str::contains("vibeguard.toml")),
        );
}

#[test]
fn output_file_formats_and_show_secrets() {
    let d = tempfile::tempdir().unwrap();
    fixture_tree(d.path());
    let out = d.path().join("report.sarif");
    vibeguard()
        .args(["scan", ".", "--format", "sarif", "--output"])
        .arg(&out)
        .current_dir(d.path())
        .assert()
        .code(1)
        .stdout("");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "secrets/gitlab-pat"));
    assert!(!sarif.to_string().contains(&gitlab_token()));

    let a = vibeguard()
        .args(["scan", ".", "--format", "json", "--show-secrets"])
        .current_dir(d.path())
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let raws: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["secret"]["raw"].as_str())
        .collect();
    assert!(raws.contains(&gitlab_token().as_str()), "{raws:?}");
    vibeguard()
        .args(["scan", ".", "--show-secrets"])
        .current_dir(d.path())
        .assert()
        .stdout(predicate::str::contains(gitlab_token()));
}

#[test]
fn excludes_and_max_file_size_flags() {
    let d = tempfile::tempdir().unwrap();
    fixture_tree(d.path());
    let a = vibeguard()
        .args([
            "scan",
            ".",
            "--format",
            "json",
            "--exclude",
            "deploy/**",
            "--max-file-size",
            "90",
        ])
        .current_dir(d.path())
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let paths: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["app/config.py"]);
    // app/fixtures_loader.py (96 bytes) is over 90 bytes; app/config.py (81) is not.
    assert_eq!(json["summary"]["skipped_large"], 1);
    assert_eq!(json["summary"]["skipped_binary"], 1);
}

#[test]
fn stats_go_to_stderr_for_machine_formats() {
    let d = tempfile::tempdir().unwrap();
    fixture_tree(d.path());
    let a = vibeguard()
        .args(["scan", ".", "--format", "json", "--stats"])
        .current_dir(d.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("analyze:secrets"))
        .stderr(predicate::str::contains("slowest rules:"));
    serde_json::from_slice::<serde_json::Value>(&a.get_output().stdout).expect("stdout stays JSON");
    vibeguard()
        .args(["scan", ".", "--stats"])
        .current_dir(d.path())
        .assert()
        .stdout(predicate::str::contains("walk+read"));
}

#[test]
fn baseline_accepts_moved_secret_but_not_a_new_one_on_the_same_line() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    let line = |t: &str| format!("TOKEN = \"{t}\"\n");
    write(r, "app.py", line(&gitlab_token()).as_bytes());
    vibeguard()
        .args(["baseline", "create", "."])
        .current_dir(r)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("baseline created: 1 entries"));
    let file = r.join(".vibeguard/baseline.json");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains(&gitlab_token()), "raw secret in baseline");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&r.join(".vibeguard")), 0o700);
    }
    let scan = || {
        let mut c = vibeguard();
        c.args(["scan", ".", "--baseline", ".vibeguard/baseline.json"])
            .current_dir(r);
        c
    };
    scan()
        .assert()
        .code(0)
        .stdout(predicate::str::contains("suppressed 1 baseline"));
    // Moved down: still accepted.
    write(
        r,
        "app.py",
        format!("import os\n\n\n{}", line(&gitlab_token())).as_bytes(),
    );
    scan().assert().code(0);
    // A different secret on the same line: reported.
    write(r, "app.py", line(&gitlab_token_2()).as_bytes());
    scan()
        .assert()
        .code(1)
        .stdout(predicate::str::contains("app.py:1:"));
    // update: drops the gone entry, adds the new one.
    vibeguard()
        .args(["baseline", "update", "."])
        .current_dir(r)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("1 added, 0 kept, 1 removed"));
    scan().assert().code(0);
}

#[test]
fn baseline_errors_are_clear() {
    let d = tempfile::tempdir().unwrap();
    vibeguard()
        .args(["baseline", "update", "."])
        .current_dir(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "run `vibeguard baseline create` first",
        ));
    write(d.path(), "b.json", b"{not json");
    vibeguard()
        .args(["scan", ".", "--baseline", "b.json"])
        .current_dir(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid baseline b.json"));
}

#[test]
fn rules_and_explain() {
    let a = vibeguard().args(["rules"]).assert().code(0);
    let text = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    assert!(text.lines().next().unwrap().starts_with("ID "));
    assert!(text.contains("secrets/gitlab-pat"));
    let a = vibeguard()
        .args(["rules", "--format", "json"])
        .assert()
        .code(0);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert!(list.len() >= 150, "{} rules", list.len());
    let gl = list
        .iter()
        .find(|r| r["id"] == "secrets/gitlab-pat")
        .unwrap();
    assert_eq!(gl["cwe"][0], "CWE-798");

    vibeguard()
        .args(["explain", "secrets/gitlab-pat"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# secrets/gitlab-pat"))
        .stdout(predicate::str::contains("## Why is this bad?"));
    vibeguard()
        .args(["explain", "secrets/gitlab-pta"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `secrets/gitlab-pat`",
        ));
}

#[test]
fn inline_suppression_is_counted() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "a.py",
        format!(
            "X = \"{}\"  # vibeguard: ignore[secrets/gitlab-pat] test\n",
            gitlab_token()
        )
        .as_bytes(),
    );
    vibeguard()
        .args(["scan", "."])
        .current_dir(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("suppressed 1 inline"));
}

#[test]
fn policy_excludes_and_disabled_rules_apply() {
    let d = tempfile::tempdir().unwrap();
    fixture_tree(d.path());
    write(
        d.path(),
        "vibeguard.toml",
        b"[scan]\nexclude = [\"deploy\"]\ndisable = [\"secrets/gitlab-pat\"]\n",
    );
    let a = vibeguard()
        .args(["scan", ".", "--format", "json", "--stats"])
        .current_dir(d.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("1 disabled"));
    let json: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 0, "{json}");
}

#[test]
fn vibeguardignore_is_honoured() {
    let d = tempfile::tempdir().unwrap();
    fixture_tree(d.path());
    write(d.path(), ".vibeguardignore", b"app/\n");
    vibeguard()
        .args(["scan", ".", "--fail-on", "critical"])
        .current_dir(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("app/config.py").not());
}

#[test]
fn analyzers_flag_runs_only_the_named_analyzers() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "app/load.py",
        format!(
            "import yaml\nTOKEN = \"{}\"\nconfig = yaml.load(open('c.yml'))\n",
            gitlab_token()
        )
        .as_bytes(),
    );
    // Both analyzers by default.
    vibeguard()
        .args(["scan", "."])
        .current_dir(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("secrets/gitlab-pat"))
        .stdout(predicate::str::contains("python/yaml-unsafe-load"));
    // Secrets alone, as secrets-only tools run.
    vibeguard()
        .args(["scan", ".", "--analyzers", "secrets"])
        .current_dir(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("secrets/gitlab-pat"))
        .stdout(predicate::str::contains("python/yaml-unsafe-load").not());
    vibeguard()
        .args(["scan", ".", "--analyzers", "code,config"])
        .current_dir(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("secrets/gitlab-pat").not())
        .stdout(predicate::str::contains("python/yaml-unsafe-load"));
    vibeguard()
        .args(["scan", ".", "--analyzers", "secret"])
        .current_dir(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown analyzer `secret`"))
        .stderr(predicate::str::contains("secrets, code, config"));
}
