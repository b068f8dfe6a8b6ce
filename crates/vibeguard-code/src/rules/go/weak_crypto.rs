use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags broken ciphers and TLS settings: `des.NewCipher`, `des.NewTripleDESCipher`,
    /// `rc4.NewCipher` and `blowfish.NewCipher`, and a `tls.Config` whose `CipherSuites`
    /// list (in the literal or assigned to the field later) an RC4, 3DES, NULL or export
    /// suite, a CBC-SHA256 suite or one with static RSA key exchange
    /// (`TLS_RSA_WITH_AES_128_GCM_SHA256`) (old protocol versions are
    /// `go/weak-tls-version`'s).
    ///
    /// ## Why is this bad?
    /// DES keys are found by brute force, 3DES and Blowfish have 64-bit blocks (Sweet32),
    /// and RC4's keystream is biased: traffic and data they protect can be read (CWE-327,
    /// CWE-326).
    ///
    /// ## Example
    /// ```go
    /// block, err := des.NewTripleDESCipher(key)
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// block, err := aes.NewCipher(key) // with cipher.NewGCM(block)
    /// ```
    GoWeakCrypto
}

static META: RuleMeta = RuleMeta {
    id: "go/weak-crypto",
    title: "Broken cipher or TLS setting",
    cwe: &[327, 326],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "broken cipher or protocol; use AES-GCM or ChaCha20-Poly1305, and TLS 1.2 or later with its default suites",
    family: Family::Go,
    keywords: &["des", "rc4", "blowfish", "tls"],
    calls: &["NewCipher", "NewTripleDESCipher", "Config"],
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

impl Rule for GoWeakCrypto {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        match path {
            "crypto/des.NewCipher"
            | "crypto/des.NewTripleDESCipher"
            | "crypto/rc4.NewCipher"
            | "golang.org/x/crypto/blowfish.NewCipher" => {
                cx.report(Report::at(site.span));
            }
            "crypto/tls.Config" => {
                let Some((e, _)) = site.arg(0) else { return };
                let weak_suites = e
                    .prop("CipherSuites")
                    .is_some_and(|v| weak_suite(cx.text(v.span)));
                if weak_suites {
                    cx.report(Report::at(site.span));
                }
            }
            _ => {}
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
