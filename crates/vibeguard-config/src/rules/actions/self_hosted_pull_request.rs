use super::{jobs, triggers};
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags jobs on self-hosted runners in workflows that pull requests trigger
    /// (`pull_request`, `pull_request_target`, `pull_request_review`, `issue_comment`).
    ///
    /// ## Why is this bad?
    /// In a public repository anyone can open a pull request, and its code runs on your
    /// machine; self-hosted runners are not wiped between jobs, so the contributor can
    /// persist on the runner, read other jobs' secrets and reach your network
    /// (CWE-829, CWE-668).
    ///
    /// ## Example
    /// ```yaml
    /// on: pull_request
    /// jobs:
    ///   test:
    ///     runs-on: self-hosted
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: pull_request
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest   # self-hosted only for trusted branches, or ephemeral runners
    /// ```
    SelfHostedPullRequest {
        id: "actions/self-hosted-pull-request",
        title: "Self-hosted runner for pull requests",
        cwe: [829, 668],
        severity: Medium,
        confidence: Medium,
        kinds: [Workflow],
        message: "pull request code runs on a self-hosted runner: use GitHub-hosted or ephemeral runners for untrusted code",
    }
}

impl Check for SelfHostedPullRequest {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for doc in f.docs() {
            let t = triggers(doc);
            if !t.iter().any(|x| {
                matches!(
                    x.as_str(),
                    "pull_request"
                        | "pull_request_target"
                        | "pull_request_review"
                        | "pull_request_review_comment"
                        | "issue_comment"
                )
            }) {
                continue;
            }
            for (name, job) in jobs(doc) {
                let Some(r) = job.get("runs-on") else {
                    continue;
                };
                let labels: Vec<&str> = if r.is_map() {
                    r.get("labels")
                        .map(|l| l.as_list().into_iter().filter_map(|x| x.text()).collect())
                        .unwrap_or_default()
                } else {
                    r.as_list().into_iter().filter_map(|x| x.text()).collect()
                };
                if labels.iter().any(|l| l.eq_ignore_ascii_case("self-hosted")) {
                    out.push(Hit::at(r.span.clone()).message(format!(
                        "job `{name}` runs pull request code on a self-hosted runner: use GitHub-hosted or ephemeral runners for untrusted code"
                    )));
                }
            }
        }
    }
}
