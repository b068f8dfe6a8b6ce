use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XML from input or of unknown origin parsed with the standard library
    /// (`xml.etree.ElementTree`, `xml.dom.minidom`, `xml.dom.pulldom`, `xml.sax`,
    /// `xml.parsers.expat`) instead of defusedxml.
    ///
    /// ## Why is this bad?
    /// These parsers expand nested entity definitions: a 1 KB "billion laughs" document
    /// expands to gigabytes and takes the process down (CWE-776, CWE-400).
    ///
    /// ## Example
    /// ```python
    /// root = ET.fromstring(request.data)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// import defusedxml.ElementTree as ET
    /// root = ET.fromstring(request.data)
    /// ```
    XmlBomb
}

static META: RuleMeta = RuleMeta {
    id: "python/xml-bomb",
    title: "XML parsed without entity expansion limits",
    cwe: &[776, 400],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "the standard-library XML parsers expand entities without limit; parse untrusted XML with defusedxml",
    family: Family::Python,
    keywords: &["xml"],
    calls: &[
        "parse",
        "fromstring",
        "XML",
        "iterparse",
        "parseString",
        "XMLParser",
        "ParserCreate",
        "Parse",
    ],
    on: 0,
};

const STDLIB: &[&str] = &[
    "xml.etree.ElementTree.parse",
    "xml.etree.ElementTree.fromstring",
    "xml.etree.ElementTree.XML",
    "xml.etree.ElementTree.iterparse",
    "xml.etree.cElementTree.parse",
    "xml.etree.cElementTree.fromstring",
    "xml.etree.cElementTree.XML",
    "xml.dom.minidom.parse",
    "xml.dom.minidom.parseString",
    "xml.dom.pulldom.parse",
    "xml.dom.pulldom.parseString",
    "xml.sax.parse",
    "xml.sax.parseString",
];

impl Rule for XmlBomb {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.is(STDLIB) {
            return;
        }
        if let Some((_, v)) = site
            .arg(0)
            .or_else(|| site.kwarg("source"))
            .or_else(|| site.kwarg("text"))
        {
            cx.sink(site.span, v, sink::XML, Unknown::Dynamic, None);
        }
    }
}
