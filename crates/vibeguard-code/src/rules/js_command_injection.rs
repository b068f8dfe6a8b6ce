use crate::calls::{calls, hit};
use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use crate::text::{first_arg, is_dynamic_string};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `child_process.exec`/`execSync` (and `spawn` with `shell: true`) whose command
    /// string is built with a template literal or concatenation.
    ///
    /// ## Why is this bad?
    /// `exec` hands the string to `/bin/sh`; a file name or parameter containing `;`, `|`
    /// or `$(...)` runs extra commands on the server (CWE-78).
    ///
    /// ## Example
    /// ```text
    /// exec(`git log ${req.query.branch}`, cb);
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// execFile("git", ["log", req.query.branch], cb);
    /// ```
    JsCommandInjection
}

static META: Meta = Meta {
    id: "js/command-injection",
    title: "Shell command built from values",
    cwe: &[78],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "shell command built from run-time values; use execFile/spawn with an argument array",
    langs: &[Lang::JavaScript],
    keywords: &["exec(", "execsync", "spawn"],
};

impl CodeRule for JsCommandInjection {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(r"(?:^|[^\w])(?:child_process\.|cp\.)?(?:exec|execSync)\s*\(");
        for (start, open, args) in calls(re, file.text) {
            if is_dynamic_string(first_arg(args)) {
                let s = start
                    + file.text[start..open]
                        .find(|c: char| c.is_alphabetic())
                        .unwrap_or(0);
                out.push(hit(s, open, args));
            }
        }
        let spawn = lazy_regex!(r"\bspawn(?:Sync)?\s*\(");
        let shell = lazy_regex!(r"\bshell\s*:\s*true\b");
        for (start, open, args) in calls(spawn, file.text) {
            if shell.is_match(args) && is_dynamic_string(first_arg(args)) {
                out.push(hit(start, open, args));
            }
        }
    }
}
