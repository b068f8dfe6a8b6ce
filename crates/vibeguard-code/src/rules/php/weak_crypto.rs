use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `openssl_encrypt()` / `openssl_decrypt()` (and `openssl_seal()` /
    /// `openssl_open()`) called with a broken cipher method: DES and triple DES, RC2,
    /// RC4, Blowfish, CAST5, or any cipher in ECB mode; and the removed `mcrypt_*`
    /// encryption functions.
    ///
    /// ## Why is this bad?
    /// DES keys are brute-forced in hours, 64-bit block ciphers (3DES, Blowfish) leak
    /// plaintext over long sessions (Sweet32), RC4's key stream is biased, and ECB
    /// encrypts equal blocks to equal ciphertext, so the structure of the data shows
    /// through (CWE-327).
    ///
    /// ## Example
    /// ```php
    /// $enc = openssl_encrypt($card, 'des-ede3-cbc', $key, 0, $iv);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $enc = openssl_encrypt($card, 'aes-256-gcm', $key, 0, $iv, $tag);
    /// ```
    PhpWeakCrypto
}

static META: RuleMeta = RuleMeta {
    id: "php/weak-crypto",
    title: "Broken cipher",
    cwe: &[327],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "broken cipher or ECB mode; use aes-256-gcm (or sodium_crypto_aead_*) with a random IV",
    family: Family::Php,
    keywords: &["openssl_", "mcrypt_"],
    calls: &[
        "openssl_encrypt",
        "openssl_decrypt",
        "openssl_seal",
        "openssl_open",
        "mcrypt_encrypt",
        "mcrypt_decrypt",
        "mcrypt_cbc",
        "mcrypt_ecb",
    ],
    on: 0,
};

/// An OpenSSL cipher method name that is broken: a weak algorithm or ECB mode.
fn weak_method(m: &str) -> bool {
    let m = m.to_ascii_lowercase();
    let alg = m.split('-').next().unwrap_or("");
    matches!(
        alg,
        "des" | "des3" | "desx" | "rc2" | "rc4" | "bf" | "blowfish" | "cast" | "cast5" | "idea"
    ) || m.split('-').any(|p| p == "ecb")
}

impl Rule for PhpWeakCrypto {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        let (at, name) = match site.name {
            "openssl_encrypt" | "openssl_decrypt" => (1, "cipher_algo"),
            "openssl_seal" | "openssl_open" => (4, "cipher_algo"),
            _ => {
                // mcrypt was removed from PHP 7.2: every algorithm it offers is used
                // without authentication, and most of them are broken.
                cx.report(Report::at(site.span));
                return;
            }
        };
        let method = site
            .kwarg(name)
            .or_else(|| site.arg(at))
            .and_then(|(_, v)| v.const_str().map(str::to_string));
        if method.is_some_and(|m| weak_method(&m)) {
            cx.report(Report::at(site.span));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::weak_method;

    #[test]
    fn methods() {
        assert!(weak_method("des-ede3-cbc"));
        assert!(weak_method("AES-128-ECB"));
        assert!(weak_method("bf-cbc"));
        assert!(weak_method("rc4"));
        assert!(!weak_method("aes-256-gcm"));
        assert!(!weak_method("aes-256-cbc"));
        assert!(!weak_method("chacha20-poly1305"));
    }
}
