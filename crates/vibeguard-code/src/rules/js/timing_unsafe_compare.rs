use crate::check::{CallSite, CompareSite, Cx, Report, Rule, RuleMeta, accept, on, replace, sink};
use crate::ir::{CmpOp, Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::{
    compares_two_unknowns, credential_constant, secret_like_name, sentinel_word,
};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `===`/`==`/`!==` between a secret (a token, signature, HMAC, digest, API key
    /// or password) and another value that is not a constant, between such a name and a
    /// credential written in the code (`password === "s3cret"`: the constant leaks as
    /// well), and any comparison with a derived key (`pbkdf2Sync`, `scryptSync`), which
    /// is a password check whatever the names; and the same comparisons written as calls:
    /// `Buffer#equals`, `Buffer.compare`, `localeCompare` between a secret or MAC and
    /// request data.
    ///
    /// ## Why is this bad?
    /// String comparison stops at the first differing character: by timing many guesses
    /// an attacker learns the secret one character at a time (CWE-208).
    ///
    /// ## Example
    /// ```js
    /// if (req.headers["x-signature"] === expectedSignature) { ... }
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const a = Buffer.from(req.headers["x-signature"] ?? "");
    /// const b = Buffer.from(expectedSignature);
    /// if (a.length === b.length && crypto.timingSafeEqual(a, b)) { ... }
    /// ```
    JsTimingUnsafeCompare
}

static META: RuleMeta = RuleMeta {
    id: "js/timing-unsafe-compare",
    title: "Secret compared in variable time",
    cwe: &[208],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "secret compared with ===; use crypto.timingSafeEqual",
    family: Family::Js,
    keywords: &[
        "token",
        "signature",
        "digest",
        "hmac",
        "secret",
        "password",
        "apikey",
        "api_key",
        "pbkdf2",
        "scrypt",
        "hkdf",
    ],
    calls: &["equals", "compare", "localeCompare"],
    on: on::COMPARE,
};

fn expr_name(e: &crate::ir::Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Name(n) => Some(n),
        ExprKind::Attr(_, a) => Some(a),
        ExprKind::Index(_, k) => k.as_str(),
        _ => None,
    }
}

/// A constant that can be a secret: a credential-like string, not a sentinel word
/// (`token === "null"`, `digest === "hex"`).
fn secret_constant(v: &crate::flow::value::Val) -> bool {
    credential_constant(v) && !v.const_str().is_some_and(sentinel_word)
}

/// Is `e` a MAC or digest: computed there, or a local the function assigns one?
fn is_mac(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    match e.as_name() {
        Some(n) => {
            let mut found = false;
            crate::ir::find_assignments(&cx.module().funcs[cx.func()].body, n, &mut |v| {
                found = found || computes_mac(v);
            });
            found
        }
        None => computes_mac(e),
    }
}

/// The value a buffer is made from (`Buffer.from(expected, "hex")` is `expected`).
fn unwrap_buffer(e: &Expr) -> &Expr {
    match e.as_call() {
        Some(c)
            if c.callee.dotted().as_deref() == Some("Buffer.from")
                && let Some(inner) = c.arg(0) =>
        {
            inner
        }
        _ => e,
    }
}

impl Rule for JsTimingUnsafeCompare {
    crate::rule_meta!(META);
    /// The comparisons that are method calls: `a.equals(b)` (Buffer),
    /// `Buffer.compare(a, b) === 0`, `a.localeCompare(b) === 0`; they stop at the first
    /// differing byte just as `===` does.
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let (a, b) = match (site.name, &site.call.callee.kind) {
            ("equals" | "localeCompare", ExprKind::Attr(recv, _)) => {
                let (Some(r), Some(arg)) = (site.recv, site.arg(0)) else {
                    return;
                };
                ((&**recv, r), arg)
            }
            ("compare", _) if site.call.callee.dotted().as_deref() == Some("Buffer.compare") => {
                let (Some(x), Some(y)) = (site.arg(0), site.arg(1)) else {
                    return;
                };
                (x, y)
            }
            _ => return,
        };
        let secret = |e: &Expr| {
            let e = unwrap_buffer(e);
            expr_name(e).is_some_and(secret_like_name) || is_mac(cx, e)
        };
        let input = |v: &crate::flow::value::Val| cx.has_input(v, sink::ALL, accept::REQUEST);
        if (secret(a.0) || secret(b.0)) && (input(a.1) || input(b.1)) {
            cx.report(Report::at(site.span));
        }
    }
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        let secret = |e: &crate::ir::Expr| expr_name(e).is_some_and(secret_like_name);
        // `password === "s3cret"`: the early exit reveals the constant one character at
        // a time just as it reveals a stored secret.
        let against_constant = matches!(site.op, CmpOp::Eq | CmpOp::NotEq)
            && (secret(site.left) && secret_constant(site.rval)
                || secret(site.right) && secret_constant(site.lval));
        if !against_constant && !compares_two_unknowns(site) {
            return;
        }
        // A value computed as a MAC or digest (`expected = createHmac(..).digest("hex")`)
        // compared with request data is a signature check, whatever its name.
        let mac = |e: &crate::ir::Expr| is_mac(cx, e);
        let signature_check = mac(site.left) && cx.has_input(site.rval, sink::ALL, accept::REQUEST)
            || mac(site.right) && cx.has_input(site.lval, sink::ALL, accept::REQUEST);
        // A derived key (`pbkdf2Sync(password, salt, ...)`) is only ever computed to be
        // checked against the stored one.
        let derived = |e: &crate::ir::Expr| {
            // (Sizes are public: `stored.length === derived.length`.)
            if expr_name(e) == Some("length") {
                return false;
            }
            let mut found = derives_key(e);
            e.walk(&mut |x| {
                if let Some(n) = x.as_name().filter(|_| !found) {
                    crate::ir::find_assignments(&cx.module().funcs[cx.func()].body, n, &mut |v| {
                        found = found || derives_key(v);
                    });
                }
            });
            found
        };
        if !(signature_check
            || against_constant
            || secret(site.left)
            || secret(site.right)
            || derived(site.left)
            || derived(site.right))
        {
            return;
        }
        let fix = (cx.imports("crypto") || cx.imports("node:crypto")).then(|| {
            let a = cx.text(site.left.span);
            let b = cx.text(site.right.span);
            let eq = format!(
                "(Buffer.from(String({a})).length === Buffer.from(String({b})).length && crypto.timingSafeEqual(Buffer.from(String({a})), Buffer.from(String({b}))))"
            );
            let text = if site.op == CmpOp::NotEq { format!("!{eq}") } else { eq };
            replace(site.span, text, "compare with crypto.timingSafeEqual")
        });
        cx.report(Report::at(site.span).fix(fix));
    }
}

/// Does the expression derive a key from a password (`pbkdf2Sync(..)`, `scryptSync(..)`)?
fn derives_key(e: &crate::ir::Expr) -> bool {
    let mut found = false;
    e.walk(&mut |x| {
        if let Some(c) = x.as_call()
            && matches!(
                c.callee.last_name(),
                Some("pbkdf2Sync" | "scryptSync" | "hkdfSync")
            )
        {
            found = true;
        }
    });
    found
}

/// Does the expression compute a MAC or digest (`createHmac(...)`, `....digest(...)`)?
fn computes_mac(e: &crate::ir::Expr) -> bool {
    let mut found = false;
    e.walk(&mut |x| {
        if let Some(c) = x.as_call()
            && matches!(c.callee.last_name(), Some("createHmac" | "digest"))
        {
            found = true;
        }
    });
    found
}
