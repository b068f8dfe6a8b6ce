use crate::calls::{calls, hit};
use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use crate::text::{first_arg, is_plain_literal};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `subprocess` calls with `shell=True` and `os.system` / `os.popen` calls whose
    /// command is not one constant string.
    ///
    /// ## Why is this bad?
    /// The command goes through `/bin/sh`: any value spliced into it (a file name, a
    /// query parameter) can add `; rm -rf ~` or `$(curl ...)` and run arbitrary commands
    /// (CWE-78).
    ///
    /// ## Example
    /// ```text
    /// subprocess.run(f"convert {upload} out.png", shell=True)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// subprocess.run(["convert", upload, "out.png"], check=True)
    /// ```
    ShellInjection
}

static META: Meta = Meta {
    id: "python/shell-injection",
    title: "Shell command built from values",
    cwe: &[78],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "command run through a shell with values spliced in; pass an argument list without shell=True",
    langs: &[Lang::Python],
    keywords: &["subprocess", "os.system", "os.popen", "commands.getoutput"],
};

impl CodeRule for ShellInjection {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let sub = lazy_regex!(
            r"\bsubprocess\.(?:run|call|Popen|check_output|check_call|getoutput|getstatusoutput)\s*\("
        );
        let shell_true = lazy_regex!(r"\bshell\s*=\s*True\b");
        for (start, open, args) in calls(sub, file.text) {
            let name = &file.text[start..open];
            let shelled = shell_true.is_match(args)
                || name.contains("getoutput")
                || name.contains("getstatusoutput");
            if shelled && !is_plain_literal(first_arg(args)) {
                out.push(hit(start, open, args));
            }
        }
        let os = lazy_regex!(r"\b(?:os\.(?:system|popen)|commands\.getoutput)\s*\(");
        for (start, open, args) in calls(os, file.text) {
            if !is_plain_literal(first_arg(args)) {
                out.push(hit(start, open, args));
            }
        }
    }
}
