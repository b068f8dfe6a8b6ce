use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::weak_algorithms::weak_cipher;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags broken ciphers and modes: DES, 3DES, RC2, RC4, Blowfish, IDEA, CAST5, XOR
    /// (PyCryptodome, `cryptography`, pyDes), ECB mode, and SSL 2/3 / TLS 1.0/1.1
    /// protocol constants, also as an `SSLContext`'s `minimum_version` or
    /// `maximum_version` (`ssl.TLSVersion.TLSv1_1`), and pyOpenSSL's equivalents
    /// (`SSL.Context(SSL.TLSv1_METHOD)`, `set_min_proto_version(SSL.TLS1_VERSION)`).
    ///
    /// ## Why is this bad?
    /// These algorithms are broken or too small (64-bit blocks, weak keys, keystream
    /// biases); ECB encrypts equal blocks to equal ciphertext and shows the data's
    /// structure; old protocol versions have practical attacks (CWE-327).
    ///
    /// ## Example
    /// ```python
    /// cipher = DES.new(key, DES.MODE_ECB)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// cipher = AES.new(key, AES.MODE_GCM)
    /// ```
    WeakCipher
}

static META: RuleMeta = RuleMeta {
    id: "python/weak-crypto",
    title: "Broken cipher, mode or protocol",
    cwe: &[327],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "broken cipher, mode or protocol version; use AES-GCM or ChaCha20-Poly1305 and TLS 1.2+",
    family: Family::Python,
    keywords: &[
        "DES",
        "ARC",
        "Blowfish",
        "ECB",
        "PROTOCOL_",
        "IDEA",
        "CAST",
        "pyDes",
        "XOR",
        "TLSVersion",
        "_METHOD",
        "_VERSION",
    ],
    calls: &["*"],
    on: on::ASSIGN,
};

const WEAK_PROTOCOLS: &[&str] = &[
    "PROTOCOL_SSLv2",
    "PROTOCOL_SSLv3",
    "PROTOCOL_TLSv1",
    "PROTOCOL_TLSv1_1",
];

/// pyOpenSSL context methods of broken protocol versions (`SSL.Context(SSL.TLSv1_METHOD)`).
const WEAK_PYOPENSSL_METHODS: &[&str] = &[
    "SSLv2_METHOD",
    "SSLv3_METHOD",
    "TLSv1_METHOD",
    "TLSv1_1_METHOD",
];

/// pyOpenSSL protocol versions, as `set_min_proto_version`/`set_max_proto_version` take
/// them.
const WEAK_PYOPENSSL_VERSIONS: &[&str] = &["SSL3_VERSION", "TLS1_VERSION", "TLS1_1_VERSION"];

/// `ssl.TLSVersion` members of broken protocol versions.
const WEAK_TLS_VERSIONS: &[&str] = &["SSLv3", "TLSv1", "TLSv1_1"];

impl Rule for WeakCipher {
    crate::rule_meta!(META);
    /// `ctx.minimum_version = ssl.TLSVersion.TLSv1` lets a connection fall back to a
    /// broken version; `maximum_version` set to one forces it.
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Some(t) = site.target_path.as_deref() else {
            return;
        };
        let field = t.rsplit('.').next().unwrap_or(t);
        if !matches!(field, "minimum_version" | "maximum_version") || !t.contains('.') {
            return;
        }
        if let Some(p) = cx.path_of(site.value)
            && let Some(v) = p.strip_prefix("ssl.TLSVersion.")
            && WEAK_TLS_VERSIONS.contains(&v)
        {
            cx.report(Report::at(site.span));
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let sets_version = matches!(site.name, "set_min_proto_version" | "set_max_proto_version");
        // `ctx.set_min_proto_version(...)` on a context in a variable: the method's
        // receiver has no import path, its argument does.
        let Some(path) = site.path.or(sets_version.then_some("")) else {
            return;
        };
        let last = path.rsplit('.').next().unwrap_or(path);
        let module = path.rsplit('.').nth(1).unwrap_or("");
        let weak = ((path.starts_with("Crypto.Cipher.") || path.starts_with("Cryptodome.Cipher."))
            && site.name == "new"
            && weak_cipher(module))
            || path.starts_with("cryptography.hazmat.")
                && path.contains(".ciphers.algorithms.")
                && weak_cipher(last)
            || path.starts_with("pyDes.")
            || path.starts_with("cryptography.hazmat.primitives.ciphers.modes.") && last == "ECB";
        if weak {
            cx.report(Report::at(site.span));
            return;
        }
        if path == "ssl.wrap_socket" {
            cx.report(Report::at(site.span).message(
                "ssl.wrap_socket is deprecated and insecure by default (no certificate or hostname check); use an SSLContext from ssl.create_default_context()",
            ));
            return;
        }
        // AES.new(key, AES.MODE_ECB) / ssl.SSLContext(ssl.PROTOCOL_TLSv1) /
        // pyOpenSSL's SSL.Context(SSL.TLSv1_METHOD), ctx.set_min_proto_version(SSL.TLS1_VERSION)
        for a in &site.call.args {
            if let Some(p) = cx.path_of(&a.value) {
                let l = p.rsplit('.').next().unwrap_or("");
                let pyopenssl = p.starts_with("OpenSSL.SSL.")
                    && (WEAK_PYOPENSSL_METHODS.contains(&l)
                        || sets_version && WEAK_PYOPENSSL_VERSIONS.contains(&l));
                if l == "MODE_ECB"
                    || p.starts_with("ssl.") && WEAK_PROTOCOLS.contains(&l)
                    || pyopenssl
                {
                    cx.report(Report::at(site.span));
                    return;
                }
            }
        }
    }
}
