//! `scan --diff` without a revision: the base of the change, read from the CI environment.
//!
//! - `VIBEGUARD_DIFF_BASE`, when set, wins everywhere (any revision git understands).
//! - GitHub Actions: a `pull_request`/`pull_request_target` event's `pull_request.base.sha`
//!   (the checkout is the PR merged into that commit, so the diff is exactly the PR's
//!   change), a `merge_group` event's `merge_group.base_sha`, a `push` event's `before`;
//!   then `origin/$GITHUB_BASE_REF`.
//! - GitLab CI: `CI_MERGE_REQUEST_DIFF_BASE_SHA` (the merge base of a merge request
//!   pipeline), then `CI_COMMIT_BEFORE_SHA` for a push, then
//!   `origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME`.
//!
//! A push that created a branch has an all-zero `before`; that is no base, and the
//! error says so instead of diffing against nothing.

use anyhow::{Context, bail};

/// Reads one environment variable; [`process_env`] in the binary, a map in tests.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment, with empty values treated as unset.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The revision a CI job's change starts from, or an error naming what was looked for.
pub fn diff_base_from_env(env: EnvLookup<'_>) -> anyhow::Result<String> {
    if let Some(base) = env("VIBEGUARD_DIFF_BASE") {
        return Ok(base.trim().to_string());
    }
    if env("GITHUB_ACTIONS").as_deref() == Some("true") {
        return github_base(env);
    }
    if env("GITLAB_CI").as_deref() == Some("true") {
        return gitlab_base(env);
    }
    bail!(
        "--diff without a revision reads the change's base from CI (GitHub Actions, GitLab CI \
         or VIBEGUARD_DIFF_BASE), and none was found; give one, e.g. `--diff origin/main`"
    )
}

fn is_commit(sha: &str) -> bool {
    (7..=64).contains(&sha.len())
        && sha.bytes().all(|b| b.is_ascii_hexdigit())
        && sha.bytes().any(|b| b != b'0')
}

fn github_base(env: EnvLookup<'_>) -> anyhow::Result<String> {
    let event = env("GITHUB_EVENT_NAME").unwrap_or_default();
    if let Some(path) = env("GITHUB_EVENT_PATH") {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read the GitHub event file {path}"))?;
        let json: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("the GitHub event file {path} is not JSON"))?;
        let pointer = match event.as_str() {
            "pull_request" | "pull_request_target" | "pull_request_review" => {
                "/pull_request/base/sha"
            }
            "merge_group" => "/merge_group/base_sha",
            "push" => "/before",
            _ => "",
        };
        if let Some(sha) = json.pointer(pointer).and_then(|v| v.as_str())
            && is_commit(sha)
        {
            return Ok(sha.to_string());
        }
    }
    if let Some(base) = env("GITHUB_BASE_REF") {
        return Ok(format!("origin/{}", base.trim()));
    }
    bail!(
        "--diff without a revision: the GitHub `{event}` event names no base commit (a push \
         that created a branch has none); give one, e.g. `--diff origin/main`"
    )
}

fn gitlab_base(env: EnvLookup<'_>) -> anyhow::Result<String> {
    for var in ["CI_MERGE_REQUEST_DIFF_BASE_SHA", "CI_COMMIT_BEFORE_SHA"] {
        if let Some(sha) = env(var)
            && is_commit(sha.trim())
        {
            return Ok(sha.trim().to_string());
        }
    }
    if let Some(target) = env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME") {
        return Ok(format!("origin/{}", target.trim()));
    }
    bail!(
        "--diff without a revision: this GitLab pipeline names no base commit (a new branch's \
         first push has none); give one, e.g. `--diff origin/main`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn run(vars: &[(&str, &str)]) -> anyhow::Result<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        diff_base_from_env(&|k| map.get(k).cloned())
    }

    #[test]
    fn github_pull_request_uses_the_event_base_sha() {
        let dir = tempfile::tempdir().unwrap();
        let event = dir.path().join("event.json");
        std::fs::write(
            &event,
            r#"{"action":"synchronize","number":7,"pull_request":{"base":{"ref":"main","sha":"9f1c2e0d4b5a69788c7d6e5f4a3b2c1d0e9f8a7b"},"head":{"sha":"1111111111111111111111111111111111111111"}}}"#,
        )
        .unwrap();
        let base = run(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_EVENT_NAME", "pull_request"),
            ("GITHUB_EVENT_PATH", event.to_str().unwrap()),
            ("GITHUB_BASE_REF", "main"),
        ])
        .unwrap();
        assert_eq!(base, "9f1c2e0d4b5a69788c7d6e5f4a3b2c1d0e9f8a7b");
    }

    #[test]
    fn github_push_of_a_new_branch_has_no_base_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let event = dir.path().join("event.json");
        std::fs::write(
            &event,
            r#"{"before":"0000000000000000000000000000000000000000","after":"abc1234abc1234abc1234abc1234abc1234abc12"}"#,
        )
        .unwrap();
        let err = run(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_EVENT_NAME", "push"),
            ("GITHUB_EVENT_PATH", event.to_str().unwrap()),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("`push` event names no base"), "{err}");
    }

    #[test]
    fn github_falls_back_to_the_base_branch() {
        let base = run(&[("GITHUB_ACTIONS", "true"), ("GITHUB_BASE_REF", "develop")]).unwrap();
        assert_eq!(base, "origin/develop");
    }

    #[test]
    fn gitlab_prefers_the_merge_base_then_the_pushed_before() {
        let mr = run(&[
            ("GITLAB_CI", "true"),
            ("CI_MERGE_REQUEST_DIFF_BASE_SHA", "0123abcd0123abcd"),
            ("CI_COMMIT_BEFORE_SHA", "fedcba98fedcba98"),
        ])
        .unwrap();
        assert_eq!(mr, "0123abcd0123abcd");
        let push = run(&[
            ("GITLAB_CI", "true"),
            ("CI_COMMIT_BEFORE_SHA", "fedcba98fedcba98"),
        ])
        .unwrap();
        assert_eq!(push, "fedcba98fedcba98");
        let named = run(&[
            ("GITLAB_CI", "true"),
            (
                "CI_COMMIT_BEFORE_SHA",
                "0000000000000000000000000000000000000000",
            ),
            ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
        ])
        .unwrap();
        assert_eq!(named, "origin/main");
    }

    #[test]
    fn outside_ci_it_asks_for_a_revision() {
        let err = run(&[]).unwrap_err().to_string();
        assert!(err.contains("--diff origin/main"), "{err}");
        assert_eq!(
            run(&[
                ("VIBEGUARD_DIFF_BASE", "v1.2.0"),
                ("GITHUB_ACTIONS", "true")
            ])
            .unwrap(),
            "v1.2.0"
        );
    }
}
