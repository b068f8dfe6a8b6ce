//! The README's GitLab CI job, run as GitLab's runner would run its script: in a merge
//! request pipeline's checkout (a real git repository), with GitLab's variables, and the
//! report it declares under `artifacts:reports:sast` checked for what GitLab reads.

use super::support::*;

/// The job's `script:` lines and the file its `reports: sast:` names.
fn job() -> (Vec<String>, String) {
    let yaml = readme_snippet("gitlab-ci");
    let mut script = Vec::new();
    let mut in_script = false;
    let mut sast = None;
    for line in yaml.lines() {
        let t = line.trim();
        if line.starts_with("  ") && !line.starts_with("    ") {
            in_script = t == "script:";
        } else if in_script && let Some(cmd) = t.strip_prefix("- ") {
            script.push(cmd.to_string());
        }
        if let Some(f) = t.strip_prefix("sast:") {
            sast = Some(f.trim().to_string());
        }
    }
    (script, sast.expect("the job declares a SAST report"))
}

#[test]
fn the_readme_gitlab_job_reports_the_merge_requests_change_in_gitlabs_format() {
    let (script, report) = job();
    assert_eq!(script.len(), 1, "{script:?}");
    assert!(script[0].starts_with("vibeguard scan"), "{script:?}");

    let d = tempfile::tempdir().unwrap();
    let (repo, base) = change_repo(d.path());

    let out = command("bash")
        .args(["-e", "-c", &script[0]])
        .current_dir(&repo)
        .env("PATH", path_with_vibeguard())
        .env("GITLAB_CI", "true")
        .env("CI", "true")
        .env("CI_PIPELINE_SOURCE", "merge_request_event")
        .env("CI_MERGE_REQUEST_DIFF_BASE_SHA", &base)
        .env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("VIBEGUARD_DIFF_BASE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "--fail-on high: {}", text(&out));

    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join(&report)).unwrap()).unwrap();
    assert_eq!(doc["scan"]["type"], "sast");
    assert_eq!(doc["scan"]["status"], "success");
    let vulns = doc["vulnerabilities"].as_array().unwrap();
    assert_eq!(vulns.len(), 1, "only the merge request's change: {doc}");
    let v = &vulns[0];
    assert_eq!(v["location"]["file"], "app/settings.py");
    assert_eq!(v["location"]["start_line"], 1);
    assert_eq!(v["severity"], "Critical");
    assert_eq!(v["identifiers"][0]["value"], "secrets/gitlab-pat");
    assert!(
        !doc.to_string().contains(&gitlab_token()),
        "raw secret in the GitLab report"
    );
    for other in ["vibeguard.sarif", "vibeguard.md"] {
        assert!(repo.join(other).is_file(), "{other} not written");
    }
}
