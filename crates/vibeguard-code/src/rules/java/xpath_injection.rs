use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XPath expressions built from input: the expression of `XPath.evaluate` and
    /// `XPath.compile` (javax.xml.xpath), in files that use that API (imported or named in
    /// full).
    ///
    /// ## Why is this bad?
    /// `' or '1'='1` changes what the query selects: other users' records, or the whole
    /// document (XPath injection, CWE-643).
    ///
    /// ## Example
    /// ```java
    /// xp.evaluate("/catalog/book[@isbn='" + isbn + "']/title", doc);
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// xp.setXPathVariableResolver(name -> "isbn".equals(name.getLocalPart()) ? isbn : null);
    /// xp.evaluate("/catalog/book[@isbn=$isbn]/title", doc);
    /// ```
    JavaXpathInjection
}

static META: RuleMeta = RuleMeta {
    id: "java/xpath-injection",
    title: "XPath expression built from input",
    cwe: &[643],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "XPath expression built from input; bind values as XPath variables",
    family: Family::Java,
    keywords: &["xpath"],
    calls: &["evaluate", "compile"],
    on: 0,
};

impl Rule for JavaXpathInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !(cx.imports("javax.xml.xpath") || cx.whole_text().contains("javax.xml.xpath."))
            || site.recv.is_none()
        {
            return;
        }
        if site.path.is_some_and(|p| p.ends_with("Pattern.compile")) {
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.sink(site.span, v, sink::XPATH, Unknown::Skip, None);
        }
    }
}
