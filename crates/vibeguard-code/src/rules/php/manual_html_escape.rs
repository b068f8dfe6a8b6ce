use crate::check::{Cx, Rule, RuleMeta, on};
use crate::ir::Call;
use crate::rule_doc;
use crate::rules::html_escape::{Step, escaped_chars, report_partial_escapes};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags HTML escaped by hand: `str_replace` / `str_ireplace` / `preg_replace` /
    /// `strtr` of one of `<`, `>`, `&`, `"`, `'` (a string, a pattern of one or a class
    /// of them, or an array of them) by its entity (`&lt;`, `&#39;`) — nested
    /// replacements once, unless together they escape `&`, `<` and both quotes (a
    /// complete escaper). Separate statements are separate chains.
    ///
    /// ## Why is this bad?
    /// A home-made escaper covers the characters its author thought of for the context
    /// they had in mind: a missed `&` or quote, an attribute, URL or script context,
    /// or a later edit that drops a step lets markup through (CWE-116, CWE-79).
    ///
    /// ## Example
    /// ```php
    /// $safe = str_replace(["<", ">"], ["&lt;", "&gt;"], $text);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $safe = htmlspecialchars($text, ENT_QUOTES, 'UTF-8');
    /// ```
    PhpManualHtmlEscape
}

static META: RuleMeta = RuleMeta {
    id: "php/manual-html-escape",
    title: "HTML escaped by hand",
    cwe: &[116, 79],
    severity: Severity::Low,
    confidence: Confidence::Low,
    message: "HTML escaped with string replacements; use htmlspecialchars with ENT_QUOTES",
    family: Family::Php,
    keywords: &["&lt;", "&gt;", "&amp;", "&quot;", "&#"],
    calls: &[],
    on: on::MODULE,
};

impl Rule for PhpManualHtmlEscape {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        report_partial_escapes(cx, &step);
    }
}

/// `str_replace("<", "&lt;", $s)` and kin, or `strtr($s, "<", "&lt;")`: the characters
/// escaped, and the subject (a nested replacement is the chain's previous step).
fn step(call: &Call) -> Option<Step<'_>> {
    let name = call.callee.as_name()?;
    let (p, r, subject) = match name {
        "strtr" => (call.arg(1)?, call.arg(2)?, call.arg(0)),
        "str_replace" | "str_ireplace" | "preg_replace" => {
            (call.arg(0)?, call.arg(1)?, call.arg(2))
        }
        _ => return None,
    };
    Some(Step {
        chars: escaped_chars(p, r)?,
        inner: subject,
    })
}
