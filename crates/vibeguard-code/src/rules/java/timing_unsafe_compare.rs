use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::secret_like_name;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags secrets (tokens, signatures, HMACs, API keys, passwords) compared with
    /// `String.equals`, `equalsIgnoreCase`, `contentEquals` or `Arrays.equals`, which
    /// stop at the first differing character.
    ///
    /// ## Why is this bad?
    /// The time the comparison takes tells how many leading characters were right: an
    /// attacker who can time requests recovers the secret byte by byte (CWE-208).
    ///
    /// ## Example
    /// ```java
    /// if (signature.equals(expectedSignature)) { ... }
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// if (MessageDigest.isEqual(signature.getBytes(UTF_8), expectedSignature.getBytes(UTF_8))) { ... }
    /// ```
    JavaTimingUnsafeCompare
}

static META: RuleMeta = RuleMeta {
    id: "java/timing-unsafe-compare",
    title: "Secret compared in variable time",
    cwe: &[208],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "secret compared with equals(); use MessageDigest.isEqual",
    family: Family::Java,
    keywords: &["equals"],
    calls: &["equals", "equalsIgnoreCase", "contentEquals"],
    on: 0,
};

/// The identifier an operand is, under `.getBytes()` / `.toString()` / `.trim()` views.
fn operand_name(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Name(n) => Some(n),
        ExprKind::Attr(_, a) => Some(a),
        ExprKind::Call(c) => match &c.callee.kind {
            ExprKind::Attr(b, m) if matches!(m.as_str(), "getBytes" | "toString" | "trim") => {
                operand_name(b)
            }
            ExprKind::Attr(_, m) if m.starts_with("get") && c.args.is_empty() => Some(&m[3..]),
            _ => None,
        },
        _ => None,
    }
}

impl Rule for JavaTimingUnsafeCompare {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
            return;
        };
        // Arrays.equals(a, b) / Objects.equals(a, b) / a.equals(b)
        let operands: Vec<&Expr> = if recv
            .last_name()
            .is_some_and(|n| n == "Arrays" || n == "Objects")
        {
            site.call.args.iter().map(|a| &a.value).collect()
        } else {
            let mut v = vec![recv.as_ref()];
            v.extend(site.call.args.iter().map(|a| &a.value));
            v
        };
        if operands.len() != 2 || operands.iter().any(|o| matches!(o.kind, ExprKind::Str(_))) {
            return;
        }
        // A secret by its name, or any two values compared in a method about signatures
        // or tokens (`expected.equals(provided)` in `verifyWebhook`).
        let func = &cx.module().funcs[cx.func()].name;
        if operands
            .iter()
            .any(|o| operand_name(o).is_some_and(secret_like_name))
            || secret_like_name(func) && !func.to_ascii_lowercase().contains("password")
        {
            cx.report(Report::at(site.span));
        }
    }
}
