use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags libxml2 bindings (`github.com/lestrrat-go/libxml2` and its `parser`
    /// package) asked to substitute entities or load external DTDs and includes: a
    /// parser built with, or a `Parse*` call given, `NoEnt`, `DTDLoad`, `DTDValid`,
    /// `DTDAttr` or `XInclude` options (`parser.XMLParseNoEnt`,
    /// `parser.ParseOptionDTDLoad`, ...). Go's own `encoding/xml` expands no external
    /// entities and is not flagged.
    ///
    /// ## Why is this bad?
    /// With these options a document names a file or URL in its DTD and the parser reads
    /// it: the reply or an error message then carries local files, or the server makes
    /// requests inside the network for the sender (XML external entities, CWE-611), and
    /// nested entities can exhaust memory (CWE-776).
    ///
    /// ## Example
    /// ```go
    /// p := parser.New(parser.XMLParseNoEnt | parser.XMLParseDTDLoad)
    /// doc, err := p.ParseString(body)
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// p := parser.New() // no entity substitution, no external DTD
    /// doc, err := p.ParseString(body)
    /// ```
    GoXxe
}

static META: RuleMeta = RuleMeta {
    id: "go/xxe",
    title: "XML parser resolves external entities",
    cwe: &[611, 776],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "libxml2 options substitute entities or load external DTDs; parse without NoEnt/DTDLoad/XInclude",
    family: Family::Go,
    keywords: &["lestrrat-go/libxml2"],
    calls: &[
        "New",
        "Parse",
        "ParseString",
        "ParseReader",
        "ParseHTML",
        "ParseHTMLString",
    ],
    on: 0,
};

/// Option names that make libxml2 read entities and DTDs the document points at.
const EXPANDING: &[&str] = &["NoEnt", "DTDLoad", "DTDValid", "DTDAttr", "XInclude"];

impl Rule for GoXxe {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        if !path.starts_with("github.com/lestrrat-go/libxml2") {
            return;
        }
        let expanding = site
            .call
            .args
            .iter()
            .any(|a| names_expanding_option(cx, &a.value));
        if expanding {
            cx.report(Report::at(site.span));
        }
    }
}

/// Does the option expression (`a | b | c`) name one of the expanding options of the
/// libxml2 bindings?
fn names_expanding_option(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Binary(_, l, r) => names_expanding_option(cx, l) || names_expanding_option(cx, r),
        ExprKind::Attr(..) | ExprKind::Name(_) => cx.path_of(e).is_some_and(|p| {
            p.starts_with("github.com/lestrrat-go/libxml2")
                && EXPANDING
                    .iter()
                    .any(|o| p.rsplit('.').next().is_some_and(|last| last.ends_with(o)))
        }),
        _ => false,
    }
}
