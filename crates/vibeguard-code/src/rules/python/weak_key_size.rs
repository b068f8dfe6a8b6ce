use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::const_num;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags RSA and DSA keys generated with fewer than 2048 bits and elliptic curves
    /// under 224 bits (`cryptography`, PyCryptodome, `rsa`).
    ///
    /// ## Why is this bad?
    /// 1024-bit RSA and DSA are within reach of well-funded attackers and deprecated by
    /// every standards body; small curves likewise (CWE-326).
    ///
    /// ## Example
    /// ```python
    /// key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    /// ```
    WeakKeySize
}

static META: RuleMeta = RuleMeta {
    id: "python/weak-key-size",
    title: "Key too short",
    cwe: &[326],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "key is too short; use at least 2048-bit RSA/DSA or a 256-bit curve",
    family: Family::Python,
    keywords: &["generate", "newkeys", "SECP", "SECT"],
    calls: &[
        "generate_private_key",
        "generate",
        "newkeys",
        "generate_parameters",
        "SECP192R1",
        "SECT163K1",
        "SECT163R2",
    ],
    on: 0,
};

impl Rule for WeakKeySize {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        if site.name.starts_with("SEC") && path.contains("ec.") {
            cx.report(Report::at(site.span));
            return;
        }
        let size = if path.ends_with("rsa.generate_private_key")
            || path.ends_with("dsa.generate_private_key")
            || path.ends_with("dsa.generate_parameters")
        {
            site.kwarg("key_size")
                .or_else(|| site.arg(1))
                .or_else(|| site.arg(0))
        } else if path.ends_with("RSA.generate")
            || path.ends_with("DSA.generate")
            || path == "rsa.newkeys"
        {
            site.arg(0).or_else(|| site.kwarg("bits"))
        } else {
            None
        };
        if let Some((_, v)) = size
            && let Some(n) = const_num(v)
            && n > 100.0
            && n < 2048.0
        {
            cx.report(Report::at(site.span));
        }
    }
}
