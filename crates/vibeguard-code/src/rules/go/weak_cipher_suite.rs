use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a `tls.Config` whose `CipherSuites` list (in the literal, or assigned to the
    /// field later) names a weak suite: RC4, 3DES, DES, NULL or export encryption, a
    /// CBC-SHA256 suite (Lucky13; on Go's `tls.InsecureCipherSuites()` list) or a static
    /// RSA key exchange (`TLS_RSA_WITH_AES_128_GCM_SHA256`: no forward secrecy).
    ///
    /// ## Why is this bad?
    /// A peer that offers only such a suite is served with it: the traffic is protected by
    /// a broken cipher, or by a key anyone who later gets the server's private key can use
    /// to decrypt every recorded session (CWE-327, CWE-757).
    ///
    /// ## Example
    /// ```go
    /// cfg := &tls.Config{CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}}
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// cfg := &tls.Config{MinVersion: tls.VersionTLS12} // Go's default suites
    /// ```
    GoWeakCipherSuite
}

static META: RuleMeta = RuleMeta {
    id: "go/weak-cipher-suite",
    title: "Weak TLS cipher suite allowed",
    cwe: &[327, 757],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "weak TLS cipher suite allowed; keep Go's default suites or list only ECDHE with AES-GCM or ChaCha20-Poly1305",
    family: Family::Go,
    keywords: &["CipherSuites"],
    calls: &["Config"],
    on: on::ASSIGN,
};

/// Cipher suite names of `crypto/tls` that are broken: RC4, 3DES, DES, NULL and export
/// suites, the CBC-SHA256 suites Go lists as insecure (Lucky13), and static RSA key
/// exchange (`TLS_RSA_WITH_*`: no forward secrecy, out of Go's defaults since 1.22).
fn weak_suite(text: &str) -> bool {
    [
        "RC4",
        "3DES",
        "_DES_",
        "NULL",
        "EXPORT",
        "_CBC_SHA256",
        "TLS_RSA_WITH_",
    ]
    .iter()
    .any(|w| text.contains(w))
}

impl Rule for GoWeakCipherSuite {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.path != Some("crypto/tls.Config") {
            return;
        }
        let Some((e, _)) = site.arg(0) else { return };
        if e.prop("CipherSuites")
            .is_some_and(|v| weak_suite(cx.text(v.span)))
        {
            cx.report(Report::at(site.span));
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        // `cfg.CipherSuites = []uint16{...}`
        if site
            .target_path
            .as_deref()
            .is_some_and(|t| t.ends_with(".CipherSuites"))
            && weak_suite(cx.text(site.value.span))
        {
            cx.report(Report::at(site.span));
        }
    }
}
