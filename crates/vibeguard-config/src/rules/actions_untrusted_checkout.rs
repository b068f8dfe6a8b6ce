use super::yaml_util::is_workflow;
use vibeguard_code::lang::Lang;
use vibeguard_code::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_code::{code_rule, lazy_regex};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags workflows triggered by `pull_request_target` or `workflow_run` that check out
    /// the pull request's head (`ref: ${{ github.event.pull_request.head.sha }}`,
    /// `head.ref`, `github.head_ref`, or `refs/pull/.../merge`).
    ///
    /// ## Why is this bad?
    /// These triggers run with the base repository's secrets and a write token. Checking
    /// out and building the fork's code hands both to whoever opened the pull request
    /// (CWE-829).
    ///
    /// ## Example
    /// ```text
    /// on: pull_request_target
    /// steps:
    ///   - uses: actions/checkout@v4
    ///     with:
    ///       ref: ${{ github.event.pull_request.head.sha }}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// on: pull_request   # untrusted code runs without secrets; use a separate
    ///                    # workflow_run job that only reads the uploaded results
    /// ```
    ActionsUntrustedCheckout
}

static META: Meta = Meta {
    id: "github-actions/untrusted-checkout",
    title: "Privileged workflow checks out pull request code",
    cwe: &[829],
    severity: Severity::Critical,
    confidence: Confidence::High,
    message: "a privileged trigger checks out the pull request's code: the fork's code runs with this repository's secrets",
    langs: &[Lang::Yaml],
    keywords: &["pull_request_target", "workflow_run"],
};

impl CodeRule for ActionsUntrustedCheckout {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        if !is_workflow(file.path) {
            return;
        }
        let trigger = lazy_regex!(r"(?m)\b(?:pull_request_target|workflow_run)\b");
        if !trigger.is_match(file.text) {
            return;
        }
        let head = lazy_regex!(
            r"\bref\s*:\s*.*(?:github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(?:sha|branch)|refs/pull/)"
        );
        for m in head.find_iter(file.text) {
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                fix: None,
            });
        }
    }
}
