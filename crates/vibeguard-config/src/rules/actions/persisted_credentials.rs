use super::steps;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `actions/checkout` steps that keep the token in the repository's git
    /// configuration (no `persist-credentials: false`). Low severity.
    ///
    /// ## Why is this bad?
    /// Every later step, script and tool can read the token from `.git/config`, and it
    /// leaks if the workspace is uploaded as an artifact or cached (CWE-522).
    ///
    /// ## Example
    /// ```yaml
    /// - uses: actions/checkout@v4
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// - uses: actions/checkout@v4
    ///   with:
    ///     persist-credentials: false
    /// ```
    PersistedCredentials {
        id: "actions/persisted-credentials",
        title: "Checkout keeps the token on disk",
        cwe: [522],
        severity: Low,
        confidence: Medium,
        kinds: [Workflow, Action],
        message: "`actions/checkout` leaves the token in `.git/config` for every later step: set `persist-credentials: false`",
    }
}

impl Check for PersistedCredentials {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in steps(f) {
            if s.action_name().as_deref() != Some("actions/checkout") {
                continue;
            }
            let persisted = s.with("persist-credentials").is_none_or(|v| !v.is_false());
            if persisted && let Some(u) = s.node.get("uses") {
                out.push(Hit::at(u.span.clone()));
            }
        }
    }
}
