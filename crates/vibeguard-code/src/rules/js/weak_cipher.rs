use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::weak_algorithms;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags broken ciphers and modes in Node's `crypto`: DES, 3DES, RC2, RC4, Blowfish,
    /// ECB mode, and the deprecated `createCipher`/`createDecipher` (key from a password
    /// with MD5, no IV).
    ///
    /// ## Why is this bad?
    /// These algorithms are broken or too small; ECB encrypts equal blocks identically and
    /// shows the data's structure (CWE-327).
    ///
    /// ## Example
    /// ```js
    /// const c = crypto.createCipheriv("des-ede3-cbc", key, iv);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const c = crypto.createCipheriv("aes-256-gcm", key, crypto.randomBytes(12));
    /// ```
    JsWeakCipher
}

static META: RuleMeta = RuleMeta {
    id: "js/weak-crypto",
    title: "Broken cipher or mode",
    cwe: &[327],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "broken cipher or mode; use aes-256-gcm or chacha20-poly1305",
    family: Family::Js,
    keywords: &["createCipher", "createDecipher", "crypto-js"],
    calls: &[
        "encrypt",
        "createCipheriv",
        "createDecipheriv",
        "createCipher",
        "createDecipher",
    ],
    on: 0,
};

impl Rule for JsWeakCipher {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // crypto-js: `CryptoJS.DES.encrypt(...)`, `CryptoJS.RC4.encrypt(...)`, and AES in
        // ECB mode (`{ mode: CryptoJS.mode.ECB }`).
        if site.name == "encrypt"
            && let Some(p) = site.path
            && let Some(rest) = p.strip_prefix("crypto-js.")
        {
            let weak_alg = matches!(
                rest,
                "DES.encrypt" | "TripleDES.encrypt" | "RC4.encrypt" | "RC4Drop.encrypt"
            );
            let ecb = site
                .option(2, "mode")
                .and_then(|(_, v)| v.ref_path().map(|m| m.ends_with(".mode.ECB")))
                .unwrap_or(false);
            if weak_alg || ecb {
                cx.report(Report::at(site.span));
            }
            return;
        }
        if !site
            .path
            .is_some_and(|p| p.starts_with("crypto.") || p.starts_with("node:crypto."))
        {
            return;
        }
        if matches!(site.name, "createCipher" | "createDecipher") {
            cx.report(Report::at(site.span));
            return;
        }
        let Some(alg) = site.arg(0).and_then(|(_, v)| v.const_str()) else {
            return;
        };
        let weak = weak_algorithms::weak_cipher(alg);
        if weak {
            cx.report(Report::at(site.span));
        }
    }
}
