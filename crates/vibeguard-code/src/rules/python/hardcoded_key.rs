use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::flow::value::Val;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags cryptographic keys and IVs written into the code: literal keys passed to
    /// ciphers (`AES.new(b"...")`, `Fernet(b"...")`), HMAC and JWT signing keys, Flask
    /// `secret_key`/`SECRET_KEY`, and constant IVs/nonces.
    ///
    /// ## Why is this bad?
    /// A key in the source is in every copy of the repository, every build and every
    /// backup: anyone with read access can decrypt the data or forge signed sessions and
    /// tokens. A fixed IV makes equal messages encrypt identically (CWE-321, CWE-798,
    /// CWE-1204, CWE-329).
    ///
    /// ## Example
    /// ```python
    /// app.secret_key = "dev-secret-123"
    /// cipher = AES.new(b"0123456789abcdef", AES.MODE_CBC, iv=b"\x00" * 16)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// app.secret_key = os.environ["SECRET_KEY"]
    /// cipher = AES.new(key_from_kms, AES.MODE_GCM)  # a fresh random nonce per message
    /// ```
    HardcodedKey
}

static META: RuleMeta = RuleMeta {
    id: "python/hardcoded-crypto-key",
    title: "Cryptographic key or IV in the code",
    cwe: &[321, 798, 1204, 329],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "cryptographic key or IV is a constant in the code; load keys from a secret store and generate IVs randomly",
    family: Family::Python,
    keywords: &["key", "iv", "nonce", "Fernet", "AES", "hmac", "jwt"],
    calls: &[
        "new",
        "Fernet",
        "encode",
        "Cipher",
        "AESGCM",
        "ChaCha20Poly1305",
        "CBC",
        "GCM",
        "CTR",
        "OFB",
        "CFB",
    ],
    on: on::ASSIGN,
};

fn literal(v: &Val) -> bool {
    v.const_str().is_some_and(|s| !s.is_empty()) && v.is_const()
}

impl Rule for HardcodedKey {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        let cipher_new = (path.starts_with("Crypto.Cipher.")
            || path.starts_with("Cryptodome.Cipher."))
            && site.name == "new";
        let key = if cipher_new
            || matches!(path, "cryptography.fernet.Fernet" | "hmac.new")
            || path.ends_with("AESGCM")
            || path.ends_with("ChaCha20Poly1305")
            || path.ends_with("algorithms.AES")
        {
            site.arg(0).or_else(|| site.kwarg("key"))
        } else if path == "jwt.encode" {
            site.arg(1).or_else(|| site.kwarg("key"))
        } else {
            None
        };
        if let Some((_, v)) = key
            && literal(v)
        {
            cx.report(Report::at(site.span));
            return;
        }
        // An empty key (`AES.new(b"", ...)`, `hmac.new(b"", msg)`): no secret at all.
        if let Some((_, v)) = key
            && v.is_const()
            && v.const_str() == Some("")
        {
            cx.report(Report::at(site.span).message(
                "the key is empty: anyone can decrypt, forge or verify; load a random key from a secret store",
            ));
            return;
        }
        // Constant IV / nonce.
        let iv = if cipher_new {
            site.kwarg("iv")
                .or_else(|| site.kwarg("nonce"))
                .or_else(|| site.arg(2))
        } else if path.starts_with("cryptography.hazmat.primitives.ciphers.modes.") {
            site.arg(0)
        } else {
            None
        };
        if let Some((_, v)) = iv
            && literal(v)
        {
            cx.report(Report::at(site.span).message("constant IV/nonce: generate a random one per message (os.urandom / get_random_bytes)"));
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Some(t) = &site.target_path else { return };
        let secret_setting = t.ends_with(".secret_key")
            || t.ends_with("config.SECRET_KEY")
            || t.ends_with("config.JWT_SECRET_KEY");
        if secret_setting && literal(site.val) && cx.imports("flask") {
            cx.report(Report::at(site.span));
        }
    }
}
