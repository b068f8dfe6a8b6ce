use crate::check::{CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{CmpOp, Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::secret_like_name;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a signature, HMAC, token or key compared with `==` or `!=` (on strings, the
    /// comparison returns at the first byte that differs).
    ///
    /// ## Why is this bad?
    /// How long the check takes tells how many leading bytes were right: an attacker who
    /// can time requests forges a valid signature one byte at a time (CWE-208).
    ///
    /// ## Example
    /// ```ruby
    /// head :unauthorized unless signature == request.headers["X-Signature"]
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// head :unauthorized unless ActiveSupport::SecurityUtils.secure_compare(signature, given)
    /// ```
    RubyTimingUnsafeCompare
}

static META: RuleMeta = RuleMeta {
    id: "ruby/timing-unsafe-compare",
    title: "Secret compared in variable time",
    cwe: &[208],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "secret compared with == or !=; use ActiveSupport::SecurityUtils.secure_compare or Rack::Utils.secure_compare",
    family: Family::Ruby,
    keywords: &["sig", "token", "mac", "secret", "digest", "key"],
    calls: &[],
    on: on::COMPARE,
};

/// The name an operand is read by: a variable (local, `@ivar`), a method, a constant
/// hash key (`params[:signature]`).
fn operand_name(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Name(n) => Some(n.trim_start_matches('@')),
        ExprKind::Attr(_, a) => Some(a),
        ExprKind::Index(_, k) => k.as_str(),
        _ => None,
    }
}

/// A literal, `nil` or a symbol: a check for emptiness or a kind, which reveals nothing.
fn constant(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Str(_) | ExprKind::Num(_) | ExprKind::Bool(_) | ExprKind::Null
    ) || e.as_name() == Some("nil")
}

impl Rule for RubyTimingUnsafeCompare {
    crate::rule_meta!(META);
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !matches!(site.op, CmpOp::Eq | CmpOp::NotEq)
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
