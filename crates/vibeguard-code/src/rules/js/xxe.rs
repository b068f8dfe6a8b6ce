use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XML parsing with entity substitution turned on: libxmljs / libxmljs2
    /// `parseXml(..., { noent: true })` (also `dtdload`), and xmldom-style parsers
    /// configured to resolve external entities.
    ///
    /// ## Why is this bad?
    /// `<!ENTITY x SYSTEM "file:///etc/passwd">` in a document makes the parser read local
    /// files or fetch URLs into the result (XML external entities, CWE-611).
    ///
    /// ## Example
    /// ```js
    /// const doc = libxmljs.parseXml(req.body, { noent: true });
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const doc = libxmljs.parseXml(req.body);
    /// ```
    JsXxe
}

static META: RuleMeta = RuleMeta {
    id: "js/xxe",
    title: "XML parsed with external entities",
    cwe: &[611, 827],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "XML parser substitutes entities (noent); leave entity substitution off",
    family: Family::Js,
    keywords: &["noent", "dtdload", "libxml"],
    calls: &["parseXml", "parseXmlString", "parseXmlAsync", "parseHtml"],
    on: 0,
};

impl Rule for JsXxe {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let on = |k: &str| {
            site.option(1, k)
                .is_some_and(|(_, v)| const_bool(&v) == Some(true))
        };
        if on("noent") || on("dtdload") || on("dtdvalid") {
            cx.report(Report::at(site.span));
        }
    }
}
