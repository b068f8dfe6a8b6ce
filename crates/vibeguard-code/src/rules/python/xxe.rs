use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XML parsing that resolves external entities: an lxml `XMLParser` with
    /// `resolve_entities=True`, `no_network=False` or `huge_tree=True`; lxml
    /// `parse`/`fromstring`/`XML` of input with the default parser (which resolves
    /// entities); and SAX parsers with `feature_external_ges` turned on.
    ///
    /// ## Why is this bad?
    /// `<!ENTITY x SYSTEM "file:///etc/passwd">` in a document makes the parser read
    /// local files or fetch URLs and put them in the result (XML external entities,
    /// CWE-611).
    ///
    /// ## Example
    /// ```python
    /// doc = etree.fromstring(request.data)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// parser = etree.XMLParser(resolve_entities=False, no_network=True)
    /// doc = etree.fromstring(request.data, parser)  # or defusedxml.lxml
    /// ```
    Xxe
}

static META: RuleMeta = RuleMeta {
    id: "python/xxe",
    title: "XML parsed with external entities",
    cwe: &[611, 827],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "XML parser resolves external entities; disable them (resolve_entities=False) or use defusedxml",
    family: Family::Python,
    keywords: &["lxml", "sax", "XMLParser", "external_ges"],
    calls: &[
        "XMLParser",
        "parse",
        "fromstring",
        "XML",
        "XMLID",
        "setFeature",
        "iterparse",
    ],
    on: 0,
};

impl Rule for Xxe {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.name == "setFeature" {
            let ges = site.arg(0).is_some_and(|(e, v)| {
                cx.path_of(e)
                    .is_some_and(|p| p.contains("feature_external"))
                    || v.const_str()
                        .is_some_and(|s| s.contains("external-general-entities"))
            });
            if ges
                && site
                    .arg(1)
                    .is_some_and(|(_, v)| const_bool(v) == Some(true))
            {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let Some(path) = site.path else { return };
        if !path.starts_with("lxml.") {
            return;
        }
        if site.name == "XMLParser" {
            let on = |k: &str| {
                site.kwarg(k)
                    .is_some_and(|(_, v)| const_bool(v) == Some(true))
            };
            let off = |k: &str| {
                site.kwarg(k)
                    .is_some_and(|(_, v)| const_bool(v) == Some(false))
            };
            if on("resolve_entities")
                || off("no_network")
                || on("huge_tree")
                || on("load_dtd")
                || on("dtd_validation")
            {
                cx.report(Report::at(site.span));
            }
            return;
        }
        if site.positional() >= 2 || site.kwarg("parser").is_some() {
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
