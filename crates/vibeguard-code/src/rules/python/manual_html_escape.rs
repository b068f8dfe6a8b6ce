use crate::check::{Cx, Rule, RuleMeta, on};
use crate::ir::Call;
use crate::rule_doc;
use crate::rules::html_escape::{Step, escaped_chars, method_step, report_partial_escapes};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags HTML escaped by hand: `str.replace` of one of `<`, `>`, `&`, `"`, `'` by
    /// its entity (`&lt;`, `&#39;`), or `re.sub` of such a character or a class of them
    /// (`[<>]`) by one — a chain of them once, unless together they escape `&`, `<`
    /// and both quotes (a complete escaper).
    ///
    /// ## Why is this bad?
    /// A home-made escaper covers the characters its author thought of for the context
    /// they had in mind: a missed `&` or quote, an attribute, URL or script context,
    /// or a later edit that drops a step lets markup through (CWE-116, CWE-79).
    ///
    /// ## Example
    /// ```python
    /// safe = text.replace("<", "&lt;").replace(">", "&gt;")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// safe = html.escape(text)  # or markupsafe.escape, or let the template escape it
    /// ```
    PyManualHtmlEscape
}

static META: RuleMeta = RuleMeta {
    id: "python/manual-html-escape",
    title: "HTML escaped by hand",
    cwe: &[116, 79],
    severity: Severity::Low,
    confidence: Confidence::Low,
    message: "HTML escaped with string replacements; use html.escape, markupsafe or the template engine's escaping",
    family: Family::Python,
    keywords: &["&lt;", "&gt;", "&amp;", "&quot;", "&#"],
    calls: &[],
    on: on::MODULE,
};

impl Rule for PyManualHtmlEscape {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        report_partial_escapes(cx, &step);
    }
}

/// `text.replace("<", "&lt;")`, or `re.sub("[<>]", "&lt;", text)` (its inner part is
/// the text it rewrites; the module name is read as written, `re` or `regex`).
fn step(c: &Call) -> Option<Step<'_>> {
    if let crate::ir::ExprKind::Attr(m, name) = &c.callee.kind
        && name == "sub"
        && matches!(m.as_name(), Some("re" | "regex"))
    {
        return Some(Step {
            chars: escaped_chars(c.arg(0)?, c.arg(1)?)?,
            inner: c.arg(2),
        });
    }
    method_step(c, &["replace"])
}
