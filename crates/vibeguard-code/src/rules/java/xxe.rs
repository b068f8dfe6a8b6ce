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
    /// `SAXReader`, and SAX's `XMLReaderFactory.createXMLReader()`) created in a function that never turns off document type
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
        "createXMLReader",
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

/// What a setting turns off: DTDs and external entities (or every external access,
/// `FEATURE_SECURE_PROCESSING`) for any factory, or a TransformerFactory's external
/// DTDs / stylesheets, one each.
const GENERAL: u8 = 1;
const EXTERNAL_DTD: u8 = 2;
const EXTERNAL_STYLESHEET: u8 = 4;

/// Settings that turn off DTDs or external entities.
fn hardens(name: &str, args: &[String]) -> u8 {
    let joined = args.join(" ");
    let on = |b: bool| if b { GENERAL } else { 0 };
    match name {
        "setFeature" => on((joined.contains("disallow-doctype-decl")
            || joined.contains("FEATURE_SECURE_PROCESSING")
            // XMLConstants.FEATURE_SECURE_PROCESSING's own text
            || joined.contains("javax.xml.XMLConstants/feature/secure-processing"))
            && joined.ends_with("true")
            || (joined.contains("external-general-entities")
                || joined.contains("external-parameter-entities")
                || joined.contains("load-external-dtd"))
                && joined.ends_with("false")),
        "setAttribute" | "setProperty" => {
            // The constants, or their values written out
            // ("http://javax.xml.XMLConstants/property/accessExternalDTD").
            if joined.contains("ACCESS_EXTERNAL_DTD") || joined.contains("accessExternalDTD") {
                EXTERNAL_DTD
            } else if joined.contains("ACCESS_EXTERNAL_STYLESHEET")
                || joined.contains("accessExternalStylesheet")
            {
                EXTERNAL_STYLESHEET
            } else {
                on(joined.contains("ACCESS_EXTERNAL_SCHEMA")
                    || joined.contains("accessExternalSchema")
                    || joined.contains("SUPPORT_DTD") && joined.ends_with("false")
                    || joined.contains("IS_SUPPORTING_EXTERNAL_ENTITIES")
                        && joined.ends_with("false"))
            }
        }
        "setExpandEntityReferences" => on(joined.ends_with("false")),
        _ => 0,
    }
}

/// The settings the statements of the block make.
fn block_hardens(cx: &Cx<'_, '_>, body: &[Stmt]) -> u8 {
    let mut found = 0;
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
                found |= hardens(n, &args);
            }
        });
    }
    found
}

/// Enough for the factory: a TransformerFactory needs both its external DTDs and its
/// external stylesheets turned off (OWASP's XXE prevention), or secure processing;
/// the parser factories any one setting.
fn enough(bits: u8, transformer: bool) -> bool {
    if transformer {
        bits & GENERAL != 0
            || bits & (EXTERNAL_DTD | EXTERNAL_STYLESHEET) == EXTERNAL_DTD | EXTERNAL_STYLESHEET
    } else {
        bits != 0
    }
}

/// The function, or another method of its class that hardens a factory it did not create
/// (a helper it hands the factory to, a static initialiser), hardens a factory.
fn class_hardens(cx: &Cx<'_, '_>, func: &crate::ir::Func, transformer: bool) -> bool {
    let mut bits = block_hardens(cx, &func.body);
    if func.class.is_some() {
        for f in &cx.module().funcs {
            if f.class == func.class && !block_creates_factory(&f.body) {
                bits |= block_hardens(cx, &f.body);
            }
        }
    }
    enough(bits, transformer)
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
            let transformer = site.name == "newTransformer";
            let unhardened = if block_creates_factory(&func.body) {
                !class_hardens(cx, func, transformer)
            } else {
                // A factory handed in as a parameter was made (and maybe hardened)
                // elsewhere; one kept in a field is judged by its class.
                let field = recv.last_name().is_some_and(|n| {
                    !func.params.iter().any(|p| p.name() == Some(n)) && !assigns(&func.body, n)
                }) && !matches!(recv.kind, ExprKind::Call(_));
                field && !class_hardens(cx, func, transformer)
            };
            if unhardened {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let made = match &site.call.callee.kind {
            ExprKind::Attr(b, _) => b.last_name().filter(|n| FACTORIES.contains(n)),
            _ => None,
        };
        let factory =
            made.is_some() || site.call.is_new && matches!(site.name, "SAXBuilder" | "SAXReader");
        if !factory {
            return;
        }
        let func = &cx.module().funcs[cx.func()];
        if !class_hardens(cx, func, made == Some("TransformerFactory")) {
            cx.report(Report::at(site.span));
        }
    }
}
