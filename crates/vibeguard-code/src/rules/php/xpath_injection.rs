use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XPath expressions built from request input: `SimpleXMLElement::xpath`,
    /// `DOMXPath::query` and `DOMXPath::evaluate` (on a `DOMXPath` object). A value with
    /// no quote of the kind around it (`preg_replace("/'/", "", $x)`, `htmlspecialchars`
    /// with `ENT_QUOTES`) spliced inside a quoted literal, a number, or an allowlisted
    /// value is not reported.
    ///
    /// ## Why is this bad?
    /// A value such as `' or '1'='1` changes which nodes the expression selects: it can
    /// return every user record or bypass a lookup used as a login check (CWE-643).
    ///
    /// ## Example
    /// ```php
    /// $nodes = $xml->xpath("//user[@name='" . $_GET['name'] . "']");
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $name = str_replace("'", "", $_GET['name']);
    /// $nodes = $xml->xpath("//user[@name='" . $name . "']");
    /// ```
    PhpXpathInjection
}

static META: RuleMeta = RuleMeta {
    id: "php/xpath-injection",
    title: "XPath expression built from input",
    cwe: &[643],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "XPath expression built from input; remove or encode the quote that delimits the value, or allowlist it",
    family: Family::Php,
    keywords: &["xpath", "DOMXPath"],
    calls: &["xpath", "query", "evaluate"],
    on: 0,
};

impl Rule for PhpXpathInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(recv) = site.recv else { return };
        let dom_xpath = matches!(site.name, "query" | "evaluate")
            && recv.ref_path().is_some_and(|p| p == "DOMXPath");
        if !(site.name == "xpath" || dom_xpath) {
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.sink(site.span, v, sink::XPATH, Unknown::Skip, None);
        }
    }
}
