use crate::check::{CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{CmpOp, Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::secret_like_name;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags secrets (signatures, HMACs, tokens, API keys) compared with `==`, `===`,
    /// `!=`, `!==` or `strcmp`, which stop at the first differing byte.
    ///
    /// ## Why is this bad?
    /// The time the comparison takes tells how many leading bytes were right: an attacker
    /// who can time requests recovers a valid signature byte by byte (CWE-208).
    ///
    /// ## Example
    /// ```php
    /// if ($sig == $_SERVER["HTTP_X_SIGNATURE"]) { ... }
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// if (hash_equals($sig, $_SERVER["HTTP_X_SIGNATURE"] ?? "")) { ... }
    /// ```
    PhpTimingUnsafeCompare
}

static META: RuleMeta = RuleMeta {
    id: "php/timing-unsafe-compare",
    title: "Secret compared in variable time",
    cwe: &[208],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "secret compared with ==; use hash_equals()",
    family: Family::Php,
    keywords: &["sig", "token", "hmac", "secret", "digest", "key"],
    calls: &[],
    on: on::COMPARE,
};

/// The variable or array key an operand names.
fn operand_name(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Name(n) => Some(n.trim_start_matches('$')),
        ExprKind::Attr(_, a) => Some(a),
        ExprKind::Index(_, k) => k.as_str(),
        _ => None,
    }
}

fn constant(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Str(_) | ExprKind::Num(_) | ExprKind::Bool(_) | ExprKind::Null
    )
}

impl Rule for PhpTimingUnsafeCompare {
    crate::rule_meta!(META);
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !matches!(site.op, CmpOp::Eq | CmpOp::NotEq | CmpOp::Is | CmpOp::IsNot)
            || constant(site.left)
            || constant(site.right)
        {
            return;
        }
        if [site.left, site.right]
            .iter()
            .any(|o| operand_name(o).is_some_and(secret_like_name))
        {
            cx.report(Report::at(site.span));
        }
    }
}
