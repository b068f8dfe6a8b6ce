use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::flow::value::{Const, Val};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a `tls.Config` whose `MinVersion` or `MaxVersion` is SSL 3.0, TLS 1.0 or
    /// TLS 1.1 (`tls.VersionTLS10`, its number, or a variable or constant set to one), in
    /// the literal or assigned later (`cfg.MinVersion = tls.VersionTLS10`).
    ///
    /// ## Why is this bad?
    /// Those versions are deprecated (RFC 8996): SSL 3.0 falls to POODLE, TLS 1.0 to BEAST,
    /// and both 1.0 and 1.1 rest on SHA-1 and MD5 in the handshake. A peer, or an attacker
    /// in the middle, can negotiate the connection down to them (CWE-757, CWE-327).
    ///
    /// ## Example
    /// ```go
    /// cfg := &tls.Config{MinVersion: tls.VersionTLS10}
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// cfg := &tls.Config{MinVersion: tls.VersionTLS12}
    /// ```
    GoWeakTlsVersion
}

static META: RuleMeta = RuleMeta {
    id: "go/weak-tls-version",
    title: "Deprecated TLS version allowed",
    cwe: &[757, 327],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "SSL 3.0, TLS 1.0 and 1.1 are deprecated; set MinVersion to tls.VersionTLS12 or later",
    family: Family::Go,
    keywords: &["MinVersion", "MaxVersion"],
    calls: &["Config"],
    on: on::ASSIGN,
};

/// `tls.VersionSSL30`, `tls.VersionTLS10`, `tls.VersionTLS11` or their numbers.
fn old_version(v: &Val) -> bool {
    if let Some(p) = v.ref_path() {
        return matches!(
            p,
            "crypto/tls.VersionSSL30" | "crypto/tls.VersionTLS10" | "crypto/tls.VersionTLS11"
        );
    }
    v.is_const() && matches!(v.as_const(), Some(Const::Num(n)) if (768.0..=770.0).contains(n))
}

impl Rule for GoWeakTlsVersion {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.path != Some("crypto/tls.Config") {
            return;
        }
        if ["MinVersion", "MaxVersion"]
            .iter()
            .any(|k| site.option(0, k).is_some_and(|(_, v)| old_version(&v)))
        {
            cx.report(Report::at(site.span));
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        if site
            .target_path
            .as_deref()
            .is_some_and(|t| t.ends_with(".MinVersion") || t.ends_with(".MaxVersion"))
            && old_version(site.val)
        {
            cx.report(Report::at(site.span));
        }
    }
}
