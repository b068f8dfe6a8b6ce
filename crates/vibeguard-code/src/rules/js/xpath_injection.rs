use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XPath expressions built from input: `xpath.select`/`evaluate`/`parse` of the
    /// `xpath` package and the DOM's `document.evaluate`.
    ///
    /// ## Why is this bad?
    /// `' or '1'='1` in a value returns every node: a credential lookup becomes an
    /// authentication bypass (CWE-643).
    ///
    /// ## Example
    /// ```js
    /// xpath.select(`//user[@name='${req.query.name}']`, doc);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// xpath.parse("//user[@name=$name]").select({ node: doc, variables: { name: req.query.name } });
    /// ```
    JsXpathInjection
}

static META: RuleMeta = RuleMeta {
    id: "js/xpath-injection",
    title: "XPath built from input",
    cwe: &[643],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "XPath expression built from input; pass values as XPath variables",
    family: Family::Js,
    keywords: &["xpath", "evaluate"],
    calls: &["select", "select1", "evaluate", "useNamespaces", "parse"],
    on: 0,
};

impl Rule for JsXpathInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let hit =
            site.path.is_some_and(|p| p.starts_with("xpath.")) || site.is(&["document.evaluate"]);
        if !hit {
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.sink(site.span, v, sink::XPATH, Unknown::Built, None);
        }
    }
}
