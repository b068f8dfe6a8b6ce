use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::flow::value::{Const, Val};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `tls.Config{InsecureSkipVerify: true}` and `cfg.InsecureSkipVerify = true`,
    /// also when the value is a constant that folds to `true` (`!false`, a `const` or a
    /// variable set to `true`).
    ///
    /// ## Why is this bad?
    /// Without certificate verification anyone on the network path can impersonate the
    /// server and read or change the traffic, credentials included (CWE-295).
    ///
    /// ## Example
    /// ```go
    /// client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// pool := x509.NewCertPool()
    /// pool.AppendCertsFromPEM(internalCA)
    /// cfg := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
    /// ```
    GoInsecureSkipVerify
}

static META: RuleMeta = RuleMeta {
    id: "go/tls-insecure-skip-verify",
    title: "TLS certificate verification disabled",
    cwe: &[295],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "InsecureSkipVerify disables certificate verification; traffic can be intercepted",
    family: Family::Go,
    keywords: &["InsecureSkipVerify"],
    calls: &["Config"],
    on: on::ASSIGN,
};

impl Rule for GoInsecureSkipVerify {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.path != Some("crypto/tls.Config") {
            return;
        }
        if let Some((e, v)) = site.option(0, "InsecureSkipVerify")
            && (e.is_true() || folds_true(&v))
        {
            cx.report(Report::at(e.span));
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        if site
            .target_path
            .as_deref()
            .is_some_and(|t| t.ends_with(".InsecureSkipVerify"))
            && (site.value.is_true() || folds_true(site.val))
        {
            cx.report(Report::at(site.span));
        }
    }
}

/// A value the program fixed to `true` (not input, not unknown).
fn folds_true(v: &Val) -> bool {
    v.is_const() && matches!(v.as_const(), Some(Const::Bool(true)))
}
