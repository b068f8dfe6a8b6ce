use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, Unknown, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `eval`, `assert` with a string, `create_function`, and `preg_replace` with the
    /// `/e` modifier, when the code is not a constant; and a callable named by request
    /// input (`call_user_func`, `call_user_func_array`, `array_map`, `usort`, `uasort`,
    /// `uksort`, `array_filter`, `array_walk`, `array_reduce`, `preg_replace_callback`).
    ///
    /// ## Why is this bad?
    /// The text runs as PHP with the application's privileges: input that reaches it takes
    /// over the server (CWE-94, CWE-95).
    ///
    /// ## Example
    /// ```php
    /// eval('$result = ' . $_GET['expr'] . ';');
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $result = calculate($_GET['expr']); // a real expression parser
    /// ```
    PhpCodeInjection
}

static META: RuleMeta = RuleMeta {
    id: "php/code-injection",
    title: "Code evaluated from input",
    cwe: &[94, 95],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "text evaluated as PHP code is not a constant; never evaluate data",
    family: Family::Php,
    keywords: &[
        "eval",
        "assert",
        "create_function",
        "preg_replace",
        "call_user_func",
        "usort",
        "uasort",
        "uksort",
        "array_map",
        "array_filter",
        "array_walk",
        "array_reduce",
    ],
    calls: &[
        "eval",
        "assert",
        "create_function",
        "preg_replace",
        "call_user_func",
        "call_user_func_array",
        "usort",
        "uasort",
        "uksort",
        "array_map",
        "array_filter",
        "array_walk",
        "array_reduce",
        "preg_replace_callback",
    ],
    on: 0,
};

impl Rule for PhpCodeInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        match site.name {
            "eval" | "assert" => {
                if let Some((_, v)) = site.arg(0) {
                    cx.sink(site.span, v, sink::CODE, Unknown::Dynamic, None);
                }
            }
            "create_function" => {
                if let Some((_, v)) = site.arg(1) {
                    cx.sink(site.span, v, sink::CODE, Unknown::Dynamic, None);
                }
            }
            "preg_replace" => {
                let e_modifier = site
                    .arg(0)
                    .and_then(|(_, v)| v.const_str())
                    .is_some_and(|p| {
                        p.rfind(|c: char| !c.is_ascii_alphabetic())
                            .is_some_and(|i| p[i + 1..].contains('e'))
                    });
                if e_modifier {
                    cx.report(Report::at(site.span));
                }
            }
            // A callable named by input: any function of the program or of PHP
            // (`system`, `exec`) runs with the arguments the call supplies.
            "call_user_func" | "call_user_func_array" | "array_map" => {
                if let Some((_, v)) = site.arg(0) {
                    cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                }
            }
            "usort"
            | "uasort"
            | "uksort"
            | "array_filter"
            | "array_walk"
            | "array_reduce"
            | "preg_replace_callback" => {
                if let Some((_, v)) = site.arg(1) {
                    cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                }
            }
            _ => {}
        }
    }
}
