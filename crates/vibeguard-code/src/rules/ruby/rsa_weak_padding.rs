use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::Shape;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags RSA encryption and decryption with PKCS#1 v1.5 padding (the default of
    /// `public_encrypt`/`private_decrypt` and of `PKey#encrypt`), with SSLv23 padding,
    /// or with no padding at all (`NO_PADDING`, `rsa_padding_mode: "none"`), and raw RSA
    /// signatures without padding.
    ///
    /// ## Why is this bad?
    /// PKCS#1 v1.5 encryption padding is open to Bleichenbacher's padding-oracle attack:
    /// a server that reveals whether decryption failed lets an attacker decrypt
    /// messages. Unpadded ("textbook") RSA is deterministic and malleable (CWE-780,
    /// CWE-327).
    ///
    /// ## Example
    /// ```ruby
    /// key = OpenSSL::PKey::RSA.new(pem)
    /// secret = key.public_encrypt(token)
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// secret = key.public_encrypt(token, OpenSSL::PKey::RSA::PKCS1_OAEP_PADDING)
    /// secret = key.encrypt(token, rsa_padding_mode: "oaep")
    /// ```
    RubyRsaWeakPadding
}

static META: RuleMeta = RuleMeta {
    id: "ruby/rsa-weak-padding",
    title: "RSA without OAEP padding",
    cwe: &[780, 327],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "RSA with PKCS#1 v1.5 or no padding; use OAEP (PKCS1_OAEP_PADDING, rsa_padding_mode: \"oaep\")",
    family: Family::Ruby,
    keywords: &["RSA", "PKey", "_encrypt", "_decrypt", "rsa_padding_mode"],
    calls: &[
        "public_encrypt",
        "private_decrypt",
        "private_encrypt",
        "public_decrypt",
        "encrypt",
        "decrypt",
        "sign",
        "verify",
        "sign_raw",
        "verify_raw",
    ],
    on: 0,
};

impl Rule for RubyRsaWeakPadding {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(recv) = site.recv else { return };
        match site.name {
            // The OpenSSL::PKey::RSA methods: the padding is a constant second argument,
            // PKCS1_PADDING when left out.
            "public_encrypt" | "private_decrypt" | "private_encrypt" | "public_decrypt" => {
                let weak = match site.arg(1) {
                    None => true,
                    Some((e, _)) => match e.last_name() {
                        Some("PKCS1_OAEP_PADDING") | None => false,
                        Some(n) => matches!(n, "PKCS1_PADDING" | "NO_PADDING" | "SSLV23_PADDING"),
                    },
                };
                if weak {
                    cx.report(Report::at(site.span));
                }
            }
            // OpenSSL::PKey::PKey#encrypt(data, options): `rsa_padding_mode` in the
            // options, "pkcs1" when left out; #sign/#verify(_raw) with "none" are raw RSA.
            "encrypt" | "decrypt" | "sign" | "verify" | "sign_raw" | "verify_raw" => {
                if !is_rsa_key(&recv.shape) {
                    return;
                }
                let mode = padding_mode(site);
                let weak = match site.name {
                    "encrypt" | "decrypt" => match mode.as_deref() {
                        None => true,
                        Some(m) => matches!(m, "pkcs1" | "none" | "sslv23"),
                    },
                    _ => mode.as_deref() == Some("none"),
                };
                if weak {
                    cx.report(Report::at(site.span));
                }
            }
            _ => {}
        }
    }
}

/// An RSA key object: `OpenSSL::PKey::RSA.new/generate`, `OpenSSL::PKey.generate_key`,
/// `OpenSSL::PKey.read`.
fn is_rsa_key(shape: &Shape) -> bool {
    matches!(shape, Shape::Ref(c) if c.as_ref() == "OpenSSL.PKey.RSA" || c.as_ref() == "OpenSSL.PKey.PKey")
}

/// The constant `rsa_padding_mode` option of a PKey call, lower-cased (symbol, string or
/// `"rsa_padding_mode" => "..."` keys).
fn padding_mode(site: &CallSite<'_>) -> Option<String> {
    site.call.args.iter().find_map(|a| {
        let key = a.name.as_deref()?.trim_matches(['"', '\'']);
        (key == "rsa_padding_mode")
            .then(|| a.value.as_str().map(str::to_ascii_lowercase))
            .flatten()
    })
}
