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
    /// The parser made from such a factory (`newDocumentBuilder()`, `newSAXParser()`,
    /// `newTransformer()`) is flagged too. A factory counts as hardened when its function
    /// hardens it, or a method of its class that hardens a factory it did not create (a
    /// helper it is handed to, a static initialiser); a factory received as a parameter or
    /// from another function's call is not judged.
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
        "newDocumentBuilder",
        "newSAXParser",
        "newTransformer",
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
                || joined.contains("FEATURE_SECURE_PROCESSING")
                // XMLConstants.FEATURE_SECURE_PROCESSING's own text
                || joined.contains("javax.xml.XMLConstants/feature/secure-processing"))
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
                // the constants' values, written out
                // ("http://javax.xml.XMLConstants/property/accessExternalDTD")
                || joined.contains("XMLConstants/property/accessExternal")
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

/// The function, or another method of its class that hardens a factory it did not create
/// (a helper it hands the factory to, a static initialiser), hardens a factory.
fn class_hardens(cx: &Cx<'_, '_>, func: &crate::ir::Func) -> bool {
    block_hardens(cx, &func.body)
        || func.class.is_some()
            && cx.module().funcs.iter().any(|f| {
                f.class == func.class
                    && !block_creates_factory(&f.body)
                    && block_hardens(cx, &f.body)
            })
}

/// The body assigns (or declares) the local `name`.
fn assigns(body: &[Stmt], name: &str) -> bool {
    use crate::ir::StmtKind;
    body.iter().any(|s| match &s.kind {
        StmtKind::Assign { target, .. } => {
            matches!(target, crate::ir::Pattern::Name(n, _) if n == name)
        }
        StmtKind::If { then, els, .. } => assigns(then, name) || assigns(els, name),
        StmtKind::Block(b)
        | StmtKind::While { body: b, .. }
        | StmtKind::For { body: b, .. }
        | StmtKind::With { body: b, .. } => assigns(b, name),
        StmtKind::Try {
            body,
            handlers,
            finally,
        } => {
            assigns(body, name)
                || assigns(finally, name)
                || handlers.iter().any(|h| assigns(&h.body, name))
        }
        StmtKind::Switch { cases, .. } => cases.iter().any(|(_, b)| assigns(b, name)),
        _ => false,
    })
}

/// A call that creates one of the parser factories.
fn creates_factory(e: &crate::ir::Expr) -> bool {
    match &e.kind {
        ExprKind::Call(c) => match &c.callee.kind {
            ExprKind::Attr(b, _) => b.last_name().is_some_and(|n| FACTORIES.contains(&n)),
            _ => false,
        },
        _ => false,
    }
}

fn block_creates_factory(body: &[Stmt]) -> bool {
    let mut found = false;
    for s in body {
        walk_stmt_exprs(s, &mut |e| found |= creates_factory(e));
    }
    found
}

impl Rule for JavaXxe {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // dbf.newDocumentBuilder() / spf.newSAXParser() / tf.newTransformer(): the parser
        // made from a factory that nothing hardened. A factory created in this function
        // is judged by this function; one kept in a field (a static initialiser, a
        // constructor) by its whole class, which must create such a factory.
        if matches!(
            site.name,
            "newDocumentBuilder" | "newSAXParser" | "newTransformer"
        ) && matches!(site.call.callee.kind, ExprKind::Attr(..))
        {
            let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
                return;
            };
            let module = cx.module();
            let func = &module.funcs[cx.func()];
            let unhardened = if block_creates_factory(&func.body) {
                !class_hardens(cx, func)
            } else {
                // A factory handed in as a parameter was made (and maybe hardened)
                // elsewhere; one kept in a field is judged by its class.
                let field = recv.last_name().is_some_and(|n| {
                    !func.params.iter().any(|p| p.name() == Some(n)) && !assigns(&func.body, n)
                }) && !matches!(recv.kind, ExprKind::Call(_));
                field && !class_hardens(cx, func)
            };
            if unhardened {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let factory = match &site.call.callee.kind {
            ExprKind::Attr(b, _) => b.last_name().is_some_and(|n| FACTORIES.contains(&n)),
            _ => false,
        } || site.call.is_new && matches!(site.name, "SAXBuilder" | "SAXReader");
        if !factory {
            return;
        }
        let func = &cx.module().funcs[cx.func()];
        if !class_hardens(cx, func) {
            cx.report(Report::at(site.span));
        }
    }
}
