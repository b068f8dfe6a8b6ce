use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, Unknown, sink};
use crate::ir::{Call, Expr, ExprKind, Span};
use crate::rule_doc;
use crate::rules::support::{const_bool, inline_or_single_def, walk_stmt_exprs};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XML parsing that resolves external entities: an lxml `XMLParser` with
    /// `resolve_entities=True`, `no_network=False` or `huge_tree=True`; lxml
    /// `parse`/`fromstring`/`XML` of input with the default parser (which resolves
    /// entities), or with an `XMLParser()` that leaves `resolve_entities` at its default;
    /// lxml `parse` of any file, a constant file name included (the name is the
    /// program's, the file's content is not); and SAX parsers with `feature_external_ges` turned on: where the parser
    /// is then handed a document in the same function (`minidom.parseString(doc, parser)`,
    /// `parser.parse(doc)`), only when that document is not a constant.
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
        "parseString",
    ],
    on: 0,
};

/// Calls that take a document and a SAX parser to build it with.
const SAX_TAKERS: &[&str] = &[
    "xml.dom.minidom.parse",
    "xml.dom.minidom.parseString",
    "xml.dom.pulldom.parse",
    "xml.dom.pulldom.parseString",
];

fn receiver_name(site: &CallSite<'_>) -> Option<String> {
    match &site.call.callee.kind {
        ExprKind::Attr(b, _) => b.as_name().map(str::to_string),
        _ => None,
    }
}

/// Every call in the enclosing function, with its span.
fn calls_in_function<'m>(cx: &Cx<'_, 'm>) -> Vec<(Span, &'m Call)> {
    let mut out = Vec::new();
    for s in &cx.module().funcs[cx.func()].body {
        walk_stmt_exprs(s, &mut |e| {
            if let Some(c) = e.as_call() {
                out.push((e.span, c));
            }
        });
    }
    out
}

/// `parser.method(...)`: the call's method name when its receiver is the name `parser`.
fn method_on<'a>(c: &'a Call, parser: &str) -> Option<&'a str> {
    match &c.callee.kind {
        ExprKind::Attr(b, m) if b.as_name() == Some(parser) => Some(m),
        _ => None,
    }
}

/// Is `parser` given a document after `span` in the function (`parser.parse(doc)`,
/// `parse...(doc, parser)`)?
fn parser_used_after(cx: &Cx<'_, '_>, span: Span, parser: &str) -> bool {
    calls_in_function(cx).iter().any(|(at, c)| {
        at.start >= span.end
            && (method_on(c, parser) == Some("parse")
                || c.callee.last_name().is_some_and(|n| n.starts_with("parse"))
                    && c.arg(1).and_then(Expr::as_name) == Some(parser))
    })
}

/// Was `parser.setFeature(feature_external_ges, True)` called before `span`?
fn external_entities_on(cx: &Cx<'_, '_>, span: Span, parser: &str) -> bool {
    calls_in_function(cx).iter().any(|(at, c)| {
        at.end <= span.start
            && method_on(c, parser) == Some("setFeature")
            && c.arg(0).is_some_and(|f| {
                // feature_external_ges and feature_external_pes, as the setFeature
                // check above reads them
                f.last_name()
                    .is_some_and(|n| n.starts_with("feature_external"))
                    || f.as_str()
                        .is_some_and(|s| s.contains("external-general-entities"))
            })
            && c.arg(1).is_some_and(Expr::is_true)
    })
}

/// Is `e` (inline or a variable assigned once) an lxml `XMLParser(...)` that leaves
/// `resolve_entities` at its default, which resolves them?
fn default_lxml_parser(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    let Some(call) = inline_or_single_def(cx, e).and_then(Expr::as_call) else {
        return false;
    };
    cx.path_of(&call.callee)
        .is_some_and(|p| p.starts_with("lxml.") && p.ends_with(".XMLParser"))
        && call.kwarg("resolve_entities").is_none()
        && !call.args.iter().any(|a| a.spread)
}

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
                // The parse call that gets a document decides (below).
                let parses_here =
                    receiver_name(site).is_some_and(|p| parser_used_after(cx, site.span, &p));
                if !parses_here {
                    cx.report(Report::at(site.span));
                }
            }
            return;
        }
        // minidom/pulldom/sax parse(doc, parser) or parser.parse(doc) with a SAX parser
        // whose external general entities were turned on earlier in the function.
        let sax_parser = match site.path {
            Some(p) if SAX_TAKERS.contains(&p) => site
                .arg(1)
                .and_then(|(e, _)| e.as_name().map(str::to_string)),
            _ if site.name == "parse" => receiver_name(site),
            _ => None,
        };
        // Only a parser whose external general entities were turned on is judged here;
        // anything else (`etree.parse(...)` is also a `parse` on a name) goes on below.
        if let Some(p) = sax_parser
            && external_entities_on(cx, site.span, &p)
        {
            if let Some((_, v)) = site.arg(0) {
                // `parseString` gets the document itself, and a constant one is the
                // program's; `parse` gets a file name or stream, and a constant file
                // name says nothing about what the file holds.
                let takes_text = site.name == "parseString";
                if !takes_text && v.as_const().is_some() {
                    cx.report(Report::at(site.span));
                } else {
                    cx.sink(site.span, v, sink::XML, Unknown::Dynamic, None);
                }
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
        // A parser handed over decides, unless it is one built with lxml's defaults.
        if let Some((p, _)) = site.kwarg("parser").or_else(|| site.arg(1))
            && !default_lxml_parser(cx, p)
        {
            return;
        }
        if site.positional() >= 3 {
            return;
        }
        if let Some((_, v)) = site
            .arg(0)
            .or_else(|| site.kwarg("source"))
            .or_else(|| site.kwarg("text"))
        {
            // `parse`/`iterparse` get a file name or stream: a constant file name says
            // nothing about what the file holds. `fromstring`/`XML` get the document, and
            // a constant one is the program's own.
            let takes_file = matches!(site.name, "parse" | "iterparse");
            if takes_file && v.as_const().is_some() {
                cx.report(Report::at(site.span));
            } else {
                cx.sink(site.span, v, sink::XML, Unknown::Dynamic, None);
            }
        }
    }
}
