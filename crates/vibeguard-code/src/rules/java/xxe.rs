use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{ExprKind, Stmt};
use crate::rule_doc;
use crate::rules::support::walk_stmt_exprs;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XML parser factories (`DocumentBuilderFactory`, `SAXParserFactory`,
    /// `XMLInputFactory`, `TransformerFactory`, `SchemaFactory`, `SAXBuilder`,
    /// `SAXReader`) created in a function that never turns off document type
    /// declarations or external entities on them (`setFeature(...disallow-doctype-decl,
    /// true)`, `external-general-entities` false, `XMLConstants.ACCESS_EXTERNAL_DTD`,
    /// `XMLInputFactory.SUPPORT_DTD` false, `setExpandEntityReferences(false)`).
    ///
    /// ## Why is this bad?
    /// Java's XML parsers resolve external entities by default: a document that declares
    /// `<!ENTITY x SYSTEM "file:///etc/passwd">` reads local files or reaches internal
    /// hosts (XML external entities, CWE-611).
    ///
    /// ## Example
    /// ```java
    /// DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    /// Document doc = dbf.newDocumentBuilder().parse(body);
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    /// dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    /// Document doc = dbf.newDocumentBuilder().parse(body);
    /// ```
    JavaXxe
}

static META: RuleMeta = RuleMeta {
    id: "java/xxe",
    title: "XML parser resolves external entities",
    cwe: &[611],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "XML parser with external entities and DTDs allowed; disable DOCTYPE declarations on the factory",
    family: Family::Java,
    keywords: &["Factory", "SAXBuilder", "SAXReader"],
    calls: &[
        "newInstance",
        "newFactory",
        "newDefaultFactory",
        "SAXBuilder",
        "SAXReader",
    ],
    on: 0,
};

const FACTORIES: &[&str] = &[
    "DocumentBuilderFactory",
    "SAXParserFactory",
    "XMLInputFactory",
    "TransformerFactory",
    "SchemaFactory",
    "XMLReaderFactory",
];

/// Settings that turn off DTDs or external entities.
fn hardens(name: &str, args: &[String]) -> bool {
    let joined = args.join(" ");
    match name {
        "setFeature" => {
            let on = joined.ends_with("true");
            (joined.contains("disallow-doctype-decl")
                || joined.contains("FEATURE_SECURE_PROCESSING"))
                && on
                || (joined.contains("external-general-entities")
                    || joined.contains("external-parameter-entities")
                    || joined.contains("load-external-dtd"))
                    && joined.ends_with("false")
        }
        "setAttribute" | "setProperty" => {
            joined.contains("ACCESS_EXTERNAL_DTD")
                || joined.contains("ACCESS_EXTERNAL_SCHEMA")
                || joined.contains("ACCESS_EXTERNAL_STYLESHEET")
                || joined.contains("SUPPORT_DTD") && joined.ends_with("false")
                || joined.contains("IS_SUPPORTING_EXTERNAL_ENTITIES") && joined.ends_with("false")
        }
        "setExpandEntityReferences" => joined.ends_with("false"),
        _ => false,
    }
}

/// Does any statement of the block call a hardening setter?
fn block_hardens(cx: &Cx<'_, '_>, body: &[Stmt]) -> bool {
    let mut found = false;
    for s in body {
        walk_stmt_exprs(s, &mut |e| {
            if let ExprKind::Call(c) = &e.kind
                && let Some(n) = c.callee.last_name()
            {
                let args: Vec<String> = c
                    .args
                    .iter()
                    .map(|a| cx.text(a.value.span).to_string())
                    .collect();
                if hardens(n, &args) {
                    found = true;
                }
            }
        });
    }
    found
}

impl Rule for JavaXxe {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let factory = match &site.call.callee.kind {
            ExprKind::Attr(b, _) => b.last_name().is_some_and(|n| FACTORIES.contains(&n)),
            _ => false,
        } || site.call.is_new && matches!(site.name, "SAXBuilder" | "SAXReader");
        if !factory {
            return;
        }
        let func = &cx.module().funcs[cx.func()];
        if !block_hardens(cx, &func.body) {
            cx.report(Report::at(site.span));
        }
    }
}
