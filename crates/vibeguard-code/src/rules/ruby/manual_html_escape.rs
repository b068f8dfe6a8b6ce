use crate::check::{Cx, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::html_escape::{method_step, report_partial_escapes};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags HTML escaped by hand: `gsub` / `sub` (and their `!` forms) of one of `<`,
    /// `>`, `&`, `"`, `'` (a string, a regex of one or a class of them) by its entity
    /// (`&lt;`, `&#39;`) or by a hash of entities — a chain of them once, unless together
    /// they escape `&`, `<` and both quotes (a complete escaper).
    ///
    /// ## Why is this bad?
    /// A home-made escaper covers the characters its author thought of for the context
    /// they had in mind: a missed `&` or quote, an attribute, URL or script context,
    /// or a later edit that drops a step lets markup through (CWE-116, CWE-79).
    ///
    /// ## Example
    /// ```ruby
    /// safe = text.gsub("<", "&lt;").gsub(">", "&gt;")
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// safe = ERB::Util.html_escape(text)  # or let the view escape it
    /// ```
    RubyManualHtmlEscape
}

static META: RuleMeta = RuleMeta {
    id: "ruby/manual-html-escape",
    title: "HTML escaped by hand",
    cwe: &[116, 79],
    severity: Severity::Low,
    confidence: Confidence::Low,
    message: "HTML escaped with string replacements; use ERB::Util.html_escape or the view's escaping",
    family: Family::Ruby,
    keywords: &["&lt;", "&gt;", "&amp;", "&quot;", "&#"],
    calls: &[],
    on: on::MODULE,
};

impl Rule for RubyManualHtmlEscape {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        report_partial_escapes(cx, &|c| method_step(c, &["gsub", "gsub!", "sub", "sub!"]));
    }
}
