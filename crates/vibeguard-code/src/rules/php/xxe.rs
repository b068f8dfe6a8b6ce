use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XML parsed with entity substitution or DTD loading turned on
    /// (`LIBXML_NOENT`, `LIBXML_DTDLOAD`, `LIBXML_DTDATTR` passed to
    /// `simplexml_load_string`/`simplexml_load_file`, `new SimpleXMLElement`,
    /// `DOMDocument::loadXML`/`loadHTML`/`load`, `XMLReader::XML`), written in the call or
    /// held in a local of the function (`$opts = LIBXML_NOENT | LIBXML_NOBLANKS;`), and
    /// `libxml_disable_entity_loader(false)`.
    ///
    /// ## Why is this bad?
    /// With entities substituted, a document that declares `<!ENTITY x SYSTEM
    /// "file:///etc/passwd">` reads local files or reaches internal hosts (XXE, CWE-611).
    ///
    /// ## Example
    /// ```php
    /// $doc = simplexml_load_string($xml, "SimpleXMLElement", LIBXML_NOENT);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $doc = simplexml_load_string($xml, "SimpleXMLElement", LIBXML_NONET);
    /// ```
    PhpXxe
}

static META: RuleMeta = RuleMeta {
    id: "php/xxe",
    title: "XML parsed with external entities",
    cwe: &[611],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "XML parsed with entity substitution or DTD loading; drop LIBXML_NOENT/LIBXML_DTDLOAD",
    family: Family::Php,
    keywords: &["LIBXML_NOENT", "LIBXML_DTD", "libxml_disable_entity_loader"],
    calls: &[
        "simplexml_load_string",
        "simplexml_load_file",
        "loadXML",
        "loadHTML",
        "loadHTMLFile",
        "XML",
        "SimpleXMLElement",
        "load",
        "libxml_disable_entity_loader",
        "xml_parse",
    ],
    on: 0,
};

impl Rule for PhpXxe {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.name == "libxml_disable_entity_loader" {
            if site
                .arg(0)
                .is_some_and(|(_, v)| const_bool(v) == Some(false))
            {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let risky_in = |e: &crate::ir::Expr| {
            let mut risky = false;
            e.walk(&mut |x| {
                if let ExprKind::Name(n) = &x.kind
                    && matches!(
                        n.as_str(),
                        "LIBXML_NOENT" | "LIBXML_DTDLOAD" | "LIBXML_DTDATTR"
                    )
                {
                    risky = true;
                }
            });
            risky
        };
        let mut risky = site.call.args.iter().any(|a| risky_in(&a.value));
        // The options held in a local of this function (`$flags = LIBXML_NOENT | ...;`
        // then `loadXML($xml, $flags)`).
        if !risky {
            let body = &cx.module().funcs[cx.func()].body;
            for a in &site.call.args {
                if let Some(name) = a.value.as_name() {
                    crate::ir::find_assignments(body, name, &mut |v| risky |= risky_in(v));
                }
            }
        }
        if risky {
            cx.report(Report::at(site.span));
        }
    }
}
