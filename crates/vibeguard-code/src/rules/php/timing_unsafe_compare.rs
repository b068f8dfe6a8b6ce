use crate::check::{CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::CmpOp;
use crate::rule_doc;
use crate::rules::support::secret_compared_in_variable_time;
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

impl Rule for PhpTimingUnsafeCompare {
    crate::rule_meta!(META);
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if secret_compared_in_variable_time(
            site,
            &[CmpOp::Eq, CmpOp::NotEq, CmpOp::Is, CmpOp::IsNot],
        ) {
            cx.report(Report::at(site.span));
        }
    }
}
