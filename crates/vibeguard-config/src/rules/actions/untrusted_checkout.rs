use super::{expressions, references, steps, triggers};
use crate::rule::{Check, File, Hit};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags workflows triggered by `pull_request_target` or `workflow_run` that check
    /// out the pull request's code (`ref: ${{ github.event.pull_request.head.sha }}`,
    /// `github.head_ref`, `refs/pull/.../merge`, the triggering run's head), high
    /// severity when later steps run anything.
    ///
    /// ## Why is this bad?
    /// These triggers run with the base repository's secrets and a write token, unlike
    /// `pull_request`; building or testing the contributor's code there runs their code
    /// with those privileges ("pwn request", CWE-829, CWE-94).
    ///
    /// ## Example
    /// ```yaml
    /// on: pull_request_target
    /// jobs:
    ///   test:
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///         with:
    ///           ref: ${{ github.event.pull_request.head.sha }}
    ///       - run: npm ci && npm test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: pull_request          # no secrets, read-only token for forks
    /// jobs:
    ///   test:
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - run: npm ci && npm test
    /// ```
    UntrustedCheckout {
        id: "actions/untrusted-checkout",
        title: "Privileged workflow runs pull request code",
        cwe: [829, 94],
        severity: High,
        confidence: High,
        kinds: [Workflow],
        message: "a privileged trigger checks out and runs the pull request's code",
    }
}

fn is_pr_ref(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    if t.contains("refs/pull/") {
        return true;
    }
    expressions(text).iter().any(|(_, e)| {
        references(e).iter().any(|r| {
            r.starts_with("github.event.pull_request.head.")
                || r == "github.head_ref"
                || r.starts_with("github.event.workflow_run.head_")
                || r.starts_with("github.event.workflow_run.pull_requests")
                || r.starts_with("github.event.issue.pull_request")
                || r.starts_with("steps.") && (r.contains("head") || r.contains("pr"))
        })
    })
}

impl Check for UntrustedCheckout {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for doc in f.docs() {
            let t = triggers(doc);
            let privileged = t
                .iter()
                .any(|x| x == "pull_request_target" || x == "workflow_run" || x == "issue_comment");
            if !privileged {
                continue;
            }
            let all = steps(f);
            for (i, step) in all.iter().enumerate() {
                if step.action_name().as_deref() != Some("actions/checkout") {
                    continue;
                }
                let Some(r) = step.with("ref").or_else(|| step.with("repository")) else {
                    continue;
                };
                if !r.text().is_some_and(is_pr_ref) {
                    continue;
                }
                let job = step.job.map(|j| j.0);
                let runs_later = all[i + 1..].iter().any(|s| {
                    s.job.map(|j| j.0) == job
                        && (s.run().is_some() || s.uses().is_some_and(|u| u.starts_with("./")))
                });
                let hit = Hit::at(r.span.clone()).message(format!(
                    "`{}` checks out the pull request's code in a workflow that has the repository's secrets and write token{}",
                    t.iter().find(|x| *x == "pull_request_target" || *x == "workflow_run" || *x == "issue_comment").map(String::as_str).unwrap_or(""),
                    if runs_later { " and then runs it" } else { "" }
                ));
                out.push(if runs_later {
                    hit
                } else {
                    hit.severity(Severity::Medium)
                });
            }
        }
    }
}
