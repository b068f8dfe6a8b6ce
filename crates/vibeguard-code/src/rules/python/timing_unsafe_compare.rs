use crate::check::{CompareSite, Cx, Report, Rule, RuleMeta, accept, on, replace, sink};
use crate::ir::{CmpOp, ExprKind};
use crate::rule_doc;
use crate::rules::support::assigned_text;
use crate::rules::support::compares_two_unknowns;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `==` / `!=` between a secret (a token, signature, HMAC, digest, API key or
    /// password) and another value that is not a constant.
    ///
    /// ## Why is this bad?
    /// String comparison stops at the first differing byte: by timing many guesses an
    /// attacker learns the secret one byte at a time (CWE-208).
    ///
    /// ## Example
    /// ```python
    /// if request.headers["X-Signature"] == expected_signature: ...
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// if hmac.compare_digest(request.headers["X-Signature"], expected_signature): ...
    /// ```
    TimingUnsafeCompare
}

static META: RuleMeta = RuleMeta {
    id: "python/timing-unsafe-compare",
    title: "Secret compared in variable time",
    cwe: &[208],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "secret compared with ==; use hmac.compare_digest",
    family: Family::Python,
    keywords: &[
        "token",
        "signature",
        "digest",
        "hmac",
        "secret",
        "password",
        "api_key",
        "apikey",
        "mac",
    ],
    calls: &[],
    on: on::COMPARE,
};

const SECRET_PARTS: &[&str] = &[
    "token",
    "signature",
    "sig",
    "digest",
    "hmac",
    "mac",
    "secret",
    "apikey",
    "password",
    "passwd",
];

fn secret_like(name: &str) -> bool {
    if crate::rules::support::names_a_setting(name) {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    if lower.contains("type")
        || lower.contains("name")
        || lower.contains("length")
        || lower.contains("count")
    {
        return false;
    }
    // `api_token`, and header names: `X-Hub-Signature-256`.
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|p| SECRET_PARTS.contains(&p))
        || lower.contains("password")
        || lower == "api_key"
}

fn expr_name(e: &crate::ir::Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Name(n) => Some(n),
        ExprKind::Attr(_, a) => Some(a),
        ExprKind::Index(_, k) => k.as_str(),
        ExprKind::Call(c) => c
            .callee
            .last_name()
            .filter(|n| n.starts_with("get") || n.contains("digest"))
            .and_then(|_| c.arg(0).and_then(|a| a.as_str()).or(c.callee.last_name())),
        _ => None,
    }
}

impl Rule for TimingUnsafeCompare {
    crate::rule_meta!(META);
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !compares_two_unknowns(site) {
            return;
        }
        let l = expr_name(site.left).is_some_and(secret_like);
        let r = expr_name(site.right).is_some_and(secret_like);
        // A value computed as a MAC (`expected = hmac.new(..).hexdigest()`) compared with
        // request data is a signature check, whatever its name.
        let mac = |e: &crate::ir::Expr| {
            e.as_name()
                .and_then(|n| assigned_text(cx, n, site.span))
                .or_else(|| Some(cx.text(e.span)))
                .is_some_and(|t| t.contains("hmac.new(") || t.contains("hmac.digest("))
        };
        let signature_check = mac(site.left) && cx.has_input(site.rval, sink::ALL, accept::REQUEST)
            || mac(site.right) && cx.has_input(site.lval, sink::ALL, accept::REQUEST);
        if !(l || r || signature_check) {
            return;
        }
        let fix = if cx.imports("hmac") || cx.imports("secrets") {
            let f = if cx.imports("hmac") {
                "hmac.compare_digest"
            } else {
                "secrets.compare_digest"
            };
            let a = cx.text(site.left.span);
            let b = cx.text(site.right.span);
            let not = if site.op == CmpOp::NotEq { "not " } else { "" };
            Some(replace(
                site.span,
                format!("{not}{f}({a}, {b})"),
                format!("compare with {f}"),
            ))
        } else {
            None
        };
        cx.report(Report::at(site.span).fix(fix));
    }
}
