use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::weak_algorithms;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags broken ciphers and modes in Node's `crypto`: DES, 3DES, RC2, RC4, Blowfish,
    /// ECB mode, and the deprecated `createCipher`/`createDecipher` (key from a password
    /// with MD5, no IV); RSA/DSA key pairs under 2048 bits (`generateKeyPairSync`); and
    /// TLS options that allow SSLv3, TLS 1.0 or 1.1 (`minVersion: "TLSv1"`,
    /// `secureProtocol: "TLSv1_method"`).
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
    keywords: &[
        "createCipher",
        "createDecipher",
        "crypto-js",
        "generateKeyPair",
        "minVersion",
        "secureProtocol",
    ],
    calls: &[
        "encrypt",
        "createCipheriv",
        "createDecipheriv",
        "createCipher",
        "createDecipher",
        "generateKeyPair",
        "generateKeyPairSync",
        "createServer",
        "connect",
        "createSecureContext",
        "Agent",
        "Server",
        "request",
        "get",
    ],
    on: 0,
};

impl Rule for JsWeakCipher {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // crypto-js: `CryptoJS.DES.encrypt(...)`, `CryptoJS.RC4.encrypt(...)`, and AES in
        // ECB mode (`{ mode: CryptoJS.mode.ECB }`).
        // (Also a module of its own, `require("crypto-js/rc4").encrypt(...)`, and the
        // namespace imported by name, `import { CryptoJS } from "crypto-js"`.)
        if site.name == "encrypt"
            && let Some(p) = site.path
            && let Some(rest) = p
                .strip_prefix("crypto-js.")
                .map(|r| r.strip_prefix("CryptoJS.").unwrap_or(r))
                .or_else(|| p.strip_prefix("crypto-js/"))
        {
            let weak_alg = matches!(
                rest,
                "DES.encrypt"
                    | "TripleDES.encrypt"
                    | "RC4.encrypt"
                    | "RC4Drop.encrypt"
                    | "rc4.encrypt"
                    | "rc4-drop.encrypt"
                    | "tripledes.encrypt"
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
        // TLS options that allow a broken protocol version: `minVersion: "TLSv1"` /
        // `"TLSv1.1"`, `secureProtocol: "TLSv1_method"` (SSLv3, TLS 1.0 and 1.1 fixed).
        if site.path.is_some_and(|p| {
            ["tls.", "https.", "node:tls.", "node:https."]
                .iter()
                .any(|m| p.starts_with(m))
        }) {
            for i in 0..2 {
                let weak_min = site
                    .option(i, "minVersion")
                    .and_then(|(_, v)| v.const_str().map(|s| matches!(s, "TLSv1" | "TLSv1.1")))
                    .unwrap_or(false);
                let weak_method = site
                    .option(i, "secureProtocol")
                    .and_then(|(_, v)| {
                        v.const_str().map(|s| {
                            matches!(
                                s,
                                "SSLv2_method"
                                    | "SSLv3_method"
                                    | "TLSv1_method"
                                    | "TLSv1_1_method"
                                    | "TLSv1_client_method"
                                    | "TLSv1_server_method"
                                    | "TLSv1_1_client_method"
                                    | "TLSv1_1_server_method"
                            )
                        })
                    })
                    .unwrap_or(false);
                if weak_min || weak_method {
                    cx.report(Report::at(site.span).message(
                        "TLS options allow a broken protocol version (SSLv3, TLS 1.0 or 1.1); require TLS 1.2 or later (minVersion: \"TLSv1.2\")",
                    ));
                    return;
                }
            }
            return;
        }
        if !site
            .path
            .is_some_and(|p| p.starts_with("crypto.") || p.starts_with("node:crypto."))
        {
            return;
        }
        // `generateKeyPairSync("rsa", { modulusLength: 1024 })`: an RSA or DSA key too short
        // to resist factoring (NIST: 2048 bits or more).
        if matches!(site.name, "generateKeyPair" | "generateKeyPairSync") {
            let kind = site
                .arg(0)
                .and_then(|(_, v)| v.const_str().map(|s| s.to_string()));
            let bits = site
                .option(1, "modulusLength")
                .and_then(|(_, v)| match v.as_const() {
                    Some(crate::flow::value::Const::Num(n)) => Some(*n),
                    _ => None,
                });
            if matches!(kind.as_deref(), Some("rsa" | "rsa-pss" | "dsa"))
                && bits.is_some_and(|b| b < 2048.0)
            {
                cx.report(Report::at(site.span).message(
                    "key pair shorter than 2048 bits; use modulusLength: 2048 or more (or an elliptic curve)",
                ));
            }
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
