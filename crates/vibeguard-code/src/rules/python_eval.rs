use crate::calls::{calls, hit};
use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use crate::text::{first_arg, is_plain_literal};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `eval` and `exec` of anything but a constant string.
    ///
    /// ## Why is this bad?
    /// `eval` runs its argument as Python: if any part of it comes from a user, a file or
    /// the network, that party runs code in your process (CWE-95).
    ///
    /// ## Example
    /// ```text
    /// total = eval(request.args["expr"])
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// total = ast.literal_eval(request.args["expr"])
    /// ```
    PythonEval
}

static META: Meta = Meta {
    id: "python/eval-injection",
    title: "eval or exec of a non-constant value",
    cwe: &[95],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "eval/exec of a run-time value executes arbitrary code; parse the data instead (ast.literal_eval, json)",
    langs: &[Lang::Python],
    keywords: &["eval(", "exec("],
};

impl CodeRule for PythonEval {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(r"(?:^|[^\w.])(?:eval|exec)\s*\(");
        for (start, open, args) in calls(re, file.text) {
            let arg = first_arg(args);
            if arg.is_empty() || is_plain_literal(arg) {
                continue;
            }
            // `def eval(self, ...)` and method definitions are not calls.
            let line_start = file.text[..start].rfind('\n').map_or(0, |p| p + 1);
            if file.text[line_start..start].trim_start().starts_with("def") {
                continue;
            }
            let s = start + file.text[start..open].find(['e']).unwrap_or(0);
            out.push(hit(s, open, args));
        }
    }
}
