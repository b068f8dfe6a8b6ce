use crate::check::{CompareSite, Cx, Report, Rule, RuleMeta, accept, on, replace, sink};
use crate::ir::{CmpOp, ExprKind};
use crate::rule_doc;
use crate::rules::support::{compares_two_unknowns, secret_like_name};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `===`/`==`/`!==` between a secret (a token, signature, HMAC, digest, API key
    /// or password) and another value that is not a constant.
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
    ],
    calls: &[],
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

impl Rule for JsTimingUnsafeCompare {
    crate::rule_meta!(META);
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !compares_two_unknowns(site) {
            return;
        }
        // A value computed as a MAC or digest (`expected = createHmac(..).digest("hex")`)
        // compared with request data is a signature check, whatever its name.
        let mac = |e: &crate::ir::Expr| match e.as_name() {
            Some(n) => {
                let mut found = false;
                crate::ir::find_assignments(&cx.module().funcs[cx.func()].body, n, &mut |v| {
                    found = found || computes_mac(v);
                });
                found
            }
            None => computes_mac(e),
        };
        let signature_check = mac(site.left) && cx.has_input(site.rval, sink::ALL, accept::REQUEST)
            || mac(site.right) && cx.has_input(site.lval, sink::ALL, accept::REQUEST);
        if !(signature_check
            || expr_name(site.left).is_some_and(secret_like_name)
            || expr_name(site.right).is_some_and(secret_like_name))
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
