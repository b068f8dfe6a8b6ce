use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, Unknown, sink};
use crate::ir::{Expr, ExprKind, Pattern, Stmt, StmtKind};
use crate::rule_doc;
use crate::rules::support::walk_stmt_exprs;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Java native deserialisation (`new ObjectInputStream(in).readObject()`),
    /// `XMLDecoder`, XStream `fromXML`, SnakeYAML `new Yaml().load` of input, the helpers
    /// that wrap Java deserialisation (`SerializationUtils.deserialize` of Apache Commons
    /// Lang and of Spring), and Jackson's
    /// polymorphic default typing; and `getObject()` of a JMS `ObjectMessage` in a method
    /// that receives the message (`onMessage(Message m)`, a `@JmsListener`), which
    /// deserialises whatever the sender put on the queue. A deserialiser restricted to known types is not
    /// flagged: SnakeYAML built with a `SafeConstructor`, an XStream given an allowlist
    /// (`allowTypes`, `allowTypesByWildcard`, ...), Java serialisation with an
    /// `ObjectInputFilter` set.
    ///
    /// ## Why is this bad?
    /// Gadget chains in common libraries turn a serialized object from a request into code
    /// execution on the server (CWE-502).
    ///
    /// ## Example
    /// ```java
    /// Object o = new ObjectInputStream(request.getInputStream()).readObject();
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// Order o = objectMapper.readValue(request.getInputStream(), Order.class);
    /// ```
    JavaUnsafeDeserialization
}

static META: RuleMeta = RuleMeta {
    id: "java/unsafe-deserialization",
    title: "Deserialisation of untrusted data",
    cwe: &[502],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "deserialising this data can run code; use a data format (JSON) with explicit types",
    family: Family::Java,
    keywords: &[
        "ObjectInputStream",
        "XMLDecoder",
        "XStream",
        "Yaml",
        "readObject",
        "enableDefaultTyping",
        "ObjectMessage",
        "SerializationUtils",
    ],
    calls: &[
        "ObjectInputStream",
        "XMLDecoder",
        "fromXML",
        "load",
        "loadAs",
        "readObject",
        "enableDefaultTyping",
        "activateDefaultTyping",
        "getObject",
        "deserialize",
    ],
    on: 0,
};

/// Every statement of the function and of the file's top level and class bodies (field
/// initialisers), not into other functions.
fn scope_stmts<'a>(cx: &'a Cx<'_, '_>) -> impl Iterator<Item = &'a Stmt> {
    let m = cx.module();
    m.funcs[cx.func()].body.iter().chain(m.funcs[0].body.iter())
}

/// `name = <value>` (a local or a field) in the function or a class body of the file.
fn assigned_value<'a>(cx: &'a Cx<'_, '_>, name: &str) -> Option<&'a Expr> {
    fn find<'a>(body: &'a [Stmt], name: &str) -> Option<&'a Expr> {
        for s in body {
            let hit = match &s.kind {
                StmtKind::Assign {
                    target: Pattern::Name(n, _),
                    value,
                } if n == name => Some(value),
                StmtKind::Block(b) => find(b, name),
                StmtKind::If { then, els, .. } => find(then, name).or_else(|| find(els, name)),
                StmtKind::Try { body, finally, .. } => {
                    find(body, name).or_else(|| find(finally, name))
                }
                StmtKind::With { body, .. } => find(body, name),
                _ => None,
            };
            if hit.is_some() {
                return hit;
            }
        }
        None
    }
    let m = cx.module();
    find(&m.funcs[cx.func()].body, name).or_else(|| find(&m.funcs[0].body, name))
}

/// The expression builds `new Yaml(...)` with a `SafeConstructor` (only standard types).
fn safe_yaml(e: &Expr) -> bool {
    let ExprKind::Call(c) = &e.kind else {
        return false;
    };
    let mut safe = false;
    for a in &c.args {
        a.value.walk(&mut |x| {
            if let ExprKind::Call(k) = &x.kind
                && k.is_new
                && k.callee.last_name() == Some("SafeConstructor")
            {
                safe = true;
            }
        });
    }
    c.is_new && safe
}

/// A method of the given names is called on `recv` (or with `recv` as its argument, for
/// static configurators like `XStream.setupDefaultSecurity(x)`) in the function or a
/// class body.
fn configured(cx: &Cx<'_, '_>, recv: Option<&str>, names: &[&str]) -> bool {
    let mut found = false;
    for s in scope_stmts(cx) {
        walk_stmt_exprs(s, &mut |e| {
            if let ExprKind::Call(c) = &e.kind
                && let ExprKind::Attr(b, n) = &c.callee.kind
                && names.contains(&n.as_str())
                && recv.is_none_or(|r| {
                    b.last_name() == Some(r)
                        || c.args.iter().any(|a| a.value.last_name() == Some(r))
                })
            {
                found = true;
            }
        });
    }
    found
}

impl JavaUnsafeDeserialization {
    /// The deserialiser is restricted to known types: SnakeYAML with a `SafeConstructor`,
    /// an XStream given an allowlist of types, Java serialisation with an
    /// `ObjectInputFilter`.
    fn restricted(&self, cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
        match site.name {
            // The helpers build their own `ObjectInputStream`: only a filter set for
            // the whole JVM reaches it.
            "deserialize" => configured(cx, None, &["setSerialFilter", "setSerialFilterFactory"]),
            "ObjectInputStream" => configured(
                cx,
                None,
                &[
                    "setObjectInputFilter",
                    "setSerialFilter",
                    "setSerialFilterFactory",
                ],
            ),
            "load" | "loadAs" | "fromXML" => {
                let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
                    return false;
                };
                if site.name == "fromXML" {
                    let name = recv.last_name();
                    return name.is_some()
                        && !matches!(recv.kind, ExprKind::Call(_))
                        && configured(
                            cx,
                            name,
                            &[
                                "allowTypes",
                                "allowTypesByWildcard",
                                "allowTypesByRegExp",
                                "allowTypeHierarchy",
                                "setupDefaultSecurity",
                            ],
                        );
                }
                if safe_yaml(recv) {
                    return true;
                }
                !matches!(recv.kind, ExprKind::Call(_))
                    && recv
                        .last_name()
                        .and_then(|n| assigned_value(cx, n))
                        .is_some_and(safe_yaml)
            }
            _ => false,
        }
    }
}

impl Rule for JavaUnsafeDeserialization {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if matches!(site.name, "enableDefaultTyping" | "activateDefaultTyping") {
            cx.report(Report::at(site.span));
            return;
        }
        // JMS: `((ObjectMessage) message).getObject()` in the method the message is
        // handed to runs Java deserialisation on the sender's bytes.
        if site.name == "getObject"
            && site.call.args.is_empty()
            && site.recv.is_some()
            && (cx.imports("javax.jms") || cx.imports("jakarta.jms"))
            && cx.module().funcs[cx.func()].params.iter().any(|p| {
                p.annotation.as_deref().is_some_and(|t| {
                    let t = t.rsplit(' ').next().unwrap_or(t);
                    matches!(t.rsplit('.').next(), Some("Message" | "ObjectMessage"))
                })
            })
        {
            cx.report(Report::at(site.span));
            return;
        }
        if self.restricted(cx, site) {
            return;
        }
        let data = match site.name {
            "ObjectInputStream" | "XMLDecoder" if site.call.is_new => site.arg(0),
            // `SerializationUtils.deserialize(bytes)`: `ObjectInputStream.readObject` on
            // the bytes given.
            "deserialize"
                if site.path.is_some_and(|p| {
                    p == "SerializationUtils.deserialize"
                        || p.ends_with(".SerializationUtils.deserialize")
                }) =>
            {
                site.arg(0)
            }
            "fromXML" | "load" | "loadAs"
                if site.recv.is_some()
                    && (cx.imports("com.thoughtworks.xstream")
                        || cx.imports("org.yaml.snakeyaml")
                        || cx.whole_text().contains("XStream")
                        || cx.whole_text().contains("new Yaml")) =>
            {
                site.arg(0)
            }
            _ => None,
        };
        if let Some((_, v)) = data {
            cx.sink(site.span, v, sink::DESERIALIZE, Unknown::Skip, None);
        }
    }
}
