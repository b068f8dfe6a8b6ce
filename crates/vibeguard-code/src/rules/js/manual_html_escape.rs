use crate::check::{Cx, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::html_escape::{method_step, report_partial_escapes};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags HTML escaped by hand: `replace` / `replaceAll` of one of `<`, `>`, `&`, `"`,
    /// `'` (a string, a regex of one or a class of them) by its entity (`&lt;`,
    /// `&#39;`) — a chain of them once, unless together they escape `&`, `<` and both
    /// quotes (a complete escaper). Separate statements are separate chains.
    ///
    /// ## Why is this bad?
    /// A home-made escaper covers the characters its author thought of for the context
    /// they had in mind: a missed `&` or quote, an attribute, URL or script context,
    /// or a later edit that drops a step lets markup through (CWE-116, CWE-79).
    ///
    /// ## Example
    /// ```js
    /// const safe = text.replaceAll("<", "&lt;").replaceAll(">", "&gt;");
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// // let the template engine or framework escape it, or use a sanitizer
    /// const safe = DOMPurify.sanitize(text);
    /// ```
    JsManualHtmlEscape
}

static META: RuleMeta = RuleMeta {
    id: "js/manual-html-escape",
    title: "HTML escaped by hand",
    cwe: &[116, 79],
    severity: Severity::Low,
    confidence: Confidence::Low,
    message: "HTML escaped with string replacements; use the template engine's escaping or a maintained sanitizer",
    family: Family::Js,
    keywords: &["&lt;", "&gt;", "&amp;", "&quot;", "&#"],
    calls: &[],
    on: on::MODULE,
};

impl Rule for JsManualHtmlEscape {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        report_partial_escapes(cx, &|c| method_step(c, &["replace", "replaceAll"]));
    }
}
