use crate::calls::{calls, hit};
use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use crate::text::{first_arg, is_plain_literal};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `eval`, `new Function`, and `setTimeout`/`setInterval` with a string built at
    /// run time.
    ///
    /// ## Why is this bad?
    /// These compile their argument as JavaScript: data from a request, the URL or
    /// storage becomes code running with the page's or server's privileges (CWE-95).
    ///
    /// ## Example
    /// ```text
    /// const result = eval(req.query.expr);
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// const result = JSON.parse(req.query.expr);
    /// ```
    JsEval
}

static META: Meta = Meta {
    id: "js/eval-injection",
    title: "eval of a non-constant value",
    cwe: &[95],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "eval/new Function of a run-time value executes arbitrary code; parse the data instead",
    langs: &[Lang::JavaScript],
    keywords: &["eval(", "function(", "settimeout(", "setinterval("],
};

impl CodeRule for JsEval {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(r"(?:^|[^\w.])(?:eval|new\s+Function)\s*\(");
        for (start, open, args) in calls(re, file.text) {
            // `new Function(a, b, body)`: the body is the last argument.
            let arg = if file.text[start..open].contains("Function") {
                args.rsplit(',').next().unwrap_or(args).trim()
            } else {
                first_arg(args)
            };
            if !arg.is_empty() && !is_plain_literal(arg) {
                let s = start
                    + file.text[start..open]
                        .find(|c: char| c.is_alphabetic())
                        .unwrap_or(0);
                out.push(hit(s, open, args));
            }
        }
        let timers = lazy_regex!(r"\bset(?:Timeout|Interval)\s*\(");
        for (start, open, args) in calls(timers, file.text) {
            let arg = first_arg(args);
            if arg.starts_with(['"', '\'', '`']) && !is_plain_literal(arg) {
                out.push(hit(start, open, args));
            }
        }
    }
}
