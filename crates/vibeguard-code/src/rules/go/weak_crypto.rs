use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags broken ciphers: `des.NewCipher`, `des.NewTripleDESCipher`, `rc4.NewCipher`
    /// and `blowfish.NewCipher` (TLS cipher suites are `go/weak-cipher-suite`'s, old
    /// protocol versions `go/weak-tls-version`'s).
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
    title: "Broken cipher",
    cwe: &[327, 326],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "broken cipher; use AES-GCM or ChaCha20-Poly1305",
    family: Family::Go,
    keywords: &["des", "rc4", "blowfish"],
    calls: &["NewCipher", "NewTripleDESCipher"],
    on: 0,
};

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
            _ => {}
        }
    }
}
