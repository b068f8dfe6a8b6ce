use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags regular expressions built from input (`new RegExp(req.query.q)`, and a
    /// string given to `text.match(q)` / `search` / `matchAll`, which compile it) without
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
    keywords: &["RegExp", ".match(", ".search(", ".matchAll("],
    calls: &["RegExp", "match", "search", "matchAll"],
    on: 0,
};

impl Rule for JsRegexInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // `text.match(q)`, `text.search(q)`, `text.matchAll(q)`: a string argument is
        // compiled as a regular expression (on a value known to be a string: a constant,
        // text built here, or input; other objects have `match` methods of their own).
        let implicit = matches!(site.name, "match" | "search" | "matchAll")
            && site.path.is_none()
            && site.call.args.len() == 1
            && site
                .recv
                .is_some_and(|r| r.const_str().is_some() || r.built || r.all_taint().is_some());
        if !(implicit || site.is(&["RegExp"])) {
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.flow(site.span, v, sink::REGEX, accept::INPUT);
        }
    }
}
