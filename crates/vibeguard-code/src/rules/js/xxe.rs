use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XML parsing with entity substitution turned on: libxmljs / libxmljs2
    /// `parseXml(..., { noent: true })` (also `replaceEntities`, `dtdload`, the options in a
    /// variable, and `Document.fromXml`), and xmldom-style parsers
    /// configured to resolve external entities; and request input parsed by node-expat
    /// (`new expat.Parser().write(x)` / `.parse(x)`) or by xml2json (`toJson(x)`, which
    /// runs node-expat), parsers that expand the entities a document declares.
    ///
    /// ## Why is this bad?
    /// `<!ENTITY x SYSTEM "file:///etc/passwd">` in a document makes the parser read local
    /// files or fetch URLs into the result (XML external entities, CWE-611). Entities
    /// defined in terms of each other (`&lol9;` expanding to a billion `lol`s) exhaust
    /// the server's memory and CPU (CWE-776).
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
    cwe: &[611, 776, 827],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "XML parser expands the entities of the document (noent, node-expat); leave entity substitution off, or refuse documents with a DTD",
    family: Family::Js,
    keywords: &["noent", "dtdload", "libxml", "expat", "xml2json"],
    calls: &[
        "parseXml",
        "parseXmlString",
        "parseXmlAsync",
        "fromXml",
        "parseHtml",
        "parse",
        "write",
        "toJson",
    ],
    on: 0,
};

impl Rule for JsXxe {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&[
            "node-expat.Parser.parse",
            "node-expat.Parser.write",
            "xml2json.toJson",
        ]) {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::XML, accept::REQUEST);
            }
            return;
        }
        // Written in the call or held in a variable (`const opts = { noent: true }`).
        let on = |k: &str| {
            site.option(1, k)
                .is_some_and(|(_, v)| const_bool(&v) == Some(true))
                || site
                    .arg_val(1)
                    .and_then(|o| o.field(k))
                    .is_some_and(|v| const_bool(&v) == Some(true))
        };
        // (libxmljs2 also spells noent `replaceEntities`.)
        if on("noent") || on("replaceEntities") || on("dtdload") || on("dtdvalid") {
            report_entity_parse(cx, site);
        }
    }
}

/// Reports a parse with entity substitution on. The options alone are the defect, but
/// when the document is request input the finding carries the path it came by (where
/// the input was read), which is what a reviewer checks first; otherwise (a file, a
/// parameter whose callers decide) the call alone is reported.
fn report_entity_parse(cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
    if let Some((_, doc)) = site.arg(0)
        && cx.has_input(doc, sink::XML, accept::REQUEST)
        && cx.flow(site.span, doc, sink::XML, accept::REQUEST)
    {
        return;
    }
    cx.report(Report::at(site.span));
}
