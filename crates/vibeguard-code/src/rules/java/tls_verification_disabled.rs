use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags trust managers whose `checkServerTrusted` accepts every certificate and
    /// hostname verifiers that accept every host (`(h, s) -> true`).
    ///
    /// ## Why is this bad?
    /// Anyone on the network path can impersonate the server and read or change the
    /// traffic, credentials included (CWE-295).
    ///
    /// ## Example
    /// ```java
    /// conn.setHostnameVerifier((hostname, session) -> true);
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// // keep the default verifier; trust an internal CA through a KeyStore instead
    /// ```
    JavaTlsVerificationDisabled
}

static META: RuleMeta = RuleMeta {
    id: "java/tls-verification-disabled",
    title: "TLS certificate verification disabled",
    cwe: &[295],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "certificate or hostname verification is disabled; traffic can be intercepted",
    family: Family::Java,
    keywords: &[
        "TrustManager",
        "HostnameVerifier",
        "checkServerTrusted",
        "verify",
    ],
    calls: &[
        "X509TrustManager",
        "TrustManager",
        "HostnameVerifier",
        "setHostnameVerifier",
        "setDefaultHostnameVerifier",
    ],
    on: 0,
};

/// A function whose only statement is `return true`.
fn returns_true(f: &crate::ir::Func) -> bool {
    matches!(f.body.as_slice(), [crate::ir::Stmt { kind: crate::ir::StmtKind::Return(Some(e)), .. }] if e.is_true())
}

impl Rule for JavaTlsVerificationDisabled {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let m = cx.module();
        // new X509TrustManager() { public void checkServerTrusted(...) {} }
        for a in &site.call.args {
            if let crate::ir::ExprKind::Func(id) = a.value.kind {
                let f = &m.funcs[id];
                let accepts_all = match a.name.as_deref() {
                    Some("<method:checkServerTrusted>") => f.body.is_empty(),
                    Some("<method:verify>") => returns_true(f),
                    None if matches!(
                        site.name,
                        "setHostnameVerifier" | "setDefaultHostnameVerifier"
                    ) =>
                    {
                        returns_true(f)
                    }
                    _ => false,
                };
                if accepts_all {
                    cx.report(Report::at(site.span));
                    return;
                }
            }
        }
    }
}
