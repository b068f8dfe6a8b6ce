use crate::check::{CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::CmpOp;
use crate::rule_doc;
use crate::rules::support::secret_compared_in_variable_time;
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

impl Rule for RubyTimingUnsafeCompare {
    crate::rule_meta!(META);
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if secret_compared_in_variable_time(site, &[CmpOp::Eq, CmpOp::NotEq]) {
            cx.report(Report::at(site.span));
        }
    }
}
