//! vibeguard.toml is validated as a whole by every command that reads it: unknown keys,
//! unknown values and rule ids that match no rule are errors (exit 2) with a
//! did-you-mean, and the gate's section is checked by `scan` as strictly as by the hook.

use crate::hook_support::Project;
use crate::scan_support::*;

/// Every command that reads vibeguard.toml, run in `dir`; each must refuse a bad policy.
fn policy_readers() -> Vec<Vec<&'static str>> {
    vec![
        vec!["scan", "."],
        vec!["baseline", "create", "."],
        vec!["rules"],
        vec!["explain", "secrets/gitlab-pat"],
        vec!["init", "--check"],
        vec!["log", "--rule", "gate/git-force-push"],
    ]
}

fn assert_refused(dir: &std::path::Path, policy: &str, expected: &str) {
    std::fs::write(dir.join("vibeguard.toml"), policy).unwrap();
    for args in policy_readers() {
        let out = vibeguard().args(&args).current_dir(dir).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?} accepted {policy:?}; stderr: {stderr}"
        );
        assert!(
            stderr.contains(expected),
            "{args:?} on {policy:?}: expected {expected:?} in stderr:\n{stderr}"
        );
    }
}

#[test]
fn a_rule_id_that_matches_no_rule_is_an_error_everywhere() {
    let d = tempfile::tempdir().unwrap();
    assert_refused(
        d.path(),
        "[scan]\ndisable = [\"secret/aws-access-key-id\"]\n",
        "[scan] disable: unknown rule id `secret/aws-access-key-id`; did you mean `secrets/aws-access-key-id`?",
    );
    assert_refused(
        d.path(),
        "[gate.rules]\n\"gate/git-force-pushh\" = \"allow\"\n",
        "did you mean `gate/git-force-push`?",
    );
    assert_refused(
        d.path(),
        "[secrets]\ndisable = [\"generic-pasword\"]\n",
        "did you mean `secrets/generic-password`?",
    );
    assert_refused(
        d.path(),
        "[gate.rules]\n\"secret/*\" = \"deny\"\n",
        "`secret/*` matches no rule; did you mean `secrets/*`?",
    );
}

#[test]
fn unknown_keys_and_an_invalid_gate_section_are_errors_everywhere() {
    let d = tempfile::tempdir().unwrap();
    assert_refused(
        d.path(),
        "[scan]\nexlude = [\"vendor/**\"]\n",
        "did you mean `exclude`?",
    );
    assert_refused(
        d.path(),
        "[gate]\nprofile = \"yolo\"\n",
        "unknown variant `yolo`",
    );
    assert_refused(
        d.path(),
        "[gate]\nprofil = \"strict\"\n",
        "did you mean `profile`?",
    );
}

#[test]
fn valid_ids_patterns_and_disabled_rules_are_accepted() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "vibeguard.toml",
        b"[scan]\ndisable = [\"secrets/gitlab-pat\"]\n[secrets]\ndisable = [\"generic-password\"]\n[gate.rules]\n\"secrets/*\" = \"deny\"\n\"gate/git-force-push\" = \"ask\"\n",
    );
    write(
        d.path(),
        "app.py",
        format!("T = \"{}\"\n", gitlab_token()).as_bytes(),
    );
    vibeguard()
        .args(["scan", "."])
        .current_dir(d.path())
        .assert()
        .code(0);
    // A disabled rule still exists: it is listed and explained.
    let rules = vibeguard()
        .args(["rules"])
        .current_dir(d.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&rules.stdout).contains("secrets/gitlab-pat"));
    vibeguard()
        .args(["explain", "secrets/gitlab-pat"])
        .current_dir(d.path())
        .assert()
        .code(0);
}

#[test]
fn log_rule_filter_must_name_a_rule() {
    let d = tempfile::tempdir().unwrap();
    let out = vibeguard()
        .args(["log", "--rule", "gate/git-forcepush"])
        .current_dir(d.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(
        "--rule: unknown rule id `gate/git-forcepush`; did you mean `gate/git-force-push`?"
    ));
}

#[test]
fn the_hook_and_check_fail_closed_on_an_unknown_rule_id_and_say_why() {
    let p = Project::new();
    p.policy("[gate.rules]\n\"gate/git-force-pushh\" = \"allow\"\n");
    let out = p.run("claude", "pre_bash_safe");
    let hso = out.hso();
    assert_eq!(hso["permissionDecision"], "ask", "{}", out.stdout);
    let reason = hso["permissionDecisionReason"].as_str().unwrap();
    assert!(
        reason.contains("did you mean `gate/git-force-push`?"),
        "{reason}"
    );
    let out = p.check(&["ls"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.starts_with("ask"), "{}", out.stdout);
    assert!(out.stdout.contains("did you mean `gate/git-force-push`?"));
}
