use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags encryption with a key or initialisation vector written in the code:
    /// `openssl_encrypt`/`openssl_decrypt` given a constant passphrase or IV (positional or
    /// `iv:`), and `sodium_crypto_secretbox` / `sodium_crypto_aead_*_encrypt` given a
    /// constant nonce or key, directly or through a local that holds the constant.
    ///
    /// ## Why is this bad?
    /// A key in the source is in every copy of the code and its history: anyone who reads
    /// it decrypts the data (CWE-321). A fixed IV or nonce makes equal plaintexts encrypt
    /// equally and, for stream and CTR/GCM modes, gives the keystream away (CWE-329).
    ///
    /// ## Example
    /// ```php
    /// $c = openssl_encrypt($data, "aes-256-cbc", $key, 0, "1234567890123456");
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $iv = random_bytes(openssl_cipher_iv_length("aes-256-cbc"));
    /// $c = $iv . openssl_encrypt($data, "aes-256-cbc", $key, OPENSSL_RAW_DATA, $iv);
    /// ```
    PhpHardcodedKey
}

static META: RuleMeta = RuleMeta {
    id: "php/hardcoded-key",
    title: "Hard-coded encryption key or IV",
    cwe: &[321, 329],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "encryption key or IV written in the code; load the key from a secret store and draw a random IV for each message",
    family: Family::Php,
    keywords: &["openssl_encrypt", "openssl_decrypt", "sodium_crypto_"],
    calls: &[
        "openssl_encrypt",
        "openssl_decrypt",
        "sodium_crypto_secretbox",
        "sodium_crypto_aead_aes256gcm_encrypt",
        "sodium_crypto_aead_chacha20poly1305_encrypt",
        "sodium_crypto_aead_chacha20poly1305_ietf_encrypt",
        "sodium_crypto_aead_xchacha20poly1305_ietf_encrypt",
    ],
    on: 0,
};

impl Rule for PhpHardcodedKey {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        // (positional index, parameter name) of the key and the IV / nonce.
        let slots: &[(usize, &str)] = match site.name {
            "openssl_encrypt" | "openssl_decrypt" => &[(2, "passphrase"), (4, "iv")],
            "sodium_crypto_secretbox" => &[(1, "nonce"), (2, "key")],
            _ => &[(2, "nonce"), (3, "key")],
        };
        let constant = |v: &crate::flow::value::Val| v.const_str().is_some_and(|s| !s.is_empty());
        let hit = slots.iter().any(|&(i, name)| {
            site.arg(i).is_some_and(|(_, v)| constant(v))
                || site.kwarg(name).is_some_and(|(_, v)| constant(v))
        });
        if hit {
            cx.report(Report::at(site.span));
        }
    }
}
