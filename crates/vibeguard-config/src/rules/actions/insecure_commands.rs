use crate::rule::{Check, File, Hit};
use crate::tree::Node;

crate::config_rule! {
    /// ## What it does
    /// Flags `ACTIONS_ALLOW_UNSECURE_COMMANDS` set to true in a workflow, job or step
    /// environment.
    ///
    /// ## Why is this bad?
    /// It re-enables the deprecated `::set-env` and `::add-path` log commands: any text a
    /// step prints, such as an issue title or a test's output, can then set environment
    /// variables like `LD_PRELOAD` or `PATH` for later steps (CWE-94, CWE-77).
    ///
    /// ## Example
    /// ```yaml
    /// env:
    ///   ACTIONS_ALLOW_UNSECURE_COMMANDS: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// - run: echo "TOOL_HOME=/opt/tool" >> "$GITHUB_ENV"
    /// ```
    InsecureCommands {
        id: "actions/insecure-commands",
        title: "Deprecated unsafe workflow commands enabled",
        cwe: [94, 77],
        severity: High,
        confidence: High,
        kinds: [Workflow, Action],
        message: "`ACTIONS_ALLOW_UNSECURE_COMMANDS` lets printed text set environment variables: write to `$GITHUB_ENV` instead",
    }
}

fn check_env(env: Option<&Node>, out: &mut Vec<Hit>) {
    if let Some(env) = env
        && let Some(v) = env.get("ACTIONS_ALLOW_UNSECURE_COMMANDS")
        && v.is_true()
    {
        out.push(Hit::at(v.span.clone()));
    }
}

impl Check for InsecureCommands {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for doc in f.docs() {
            check_env(doc.get("env"), out);
            for (_, job) in super::jobs(doc) {
                check_env(job.get("env"), out);
            }
        }
        for s in super::steps(f) {
            check_env(s.node.get("env"), out);
        }
    }
}
