use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags regular expressions built from input (`new RegExp(req.query.q)`) without
    /// escaping.
    ///
    /// ## Why is this bad?
    /// Input like `(a+)+$` makes matching take exponential time and blocks the event loop
    /// for every user (ReDoS); metacharacters also change what a check accepts (CWE-730,
    /// CWE-1333).
    ///
    /// ## Example
    /// ```js
    /// const re = new RegExp(req.query.q);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const re = new RegExp(escapeStringRegexp(req.query.q));
    /// ```
    JsRegexInjection
}

static META: RuleMeta = RuleMeta {
    id: "js/regex-injection",
    title: "Regular expression built from input",
    cwe: &[730, 1333, 400],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "regular expression built from input; escape it first",
    family: Family::Js,
    keywords: &["RegExp"],
    calls: &["RegExp"],
    on: 0,
};

impl Rule for JsRegexInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.is(&["RegExp"]) {
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.flow(site.span, v, sink::REGEX, accept::INPUT);
        }
    }
}
