use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::const_num;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags RSA and DSA keys generated with fewer than 2048 bits:
    /// `OpenSSL::PKey::RSA.new(1024)`, `OpenSSL::PKey::RSA.generate(512)`,
    /// `OpenSSL::PKey::DSA.generate(1024)`,
    /// `OpenSSL::PKey.generate_key("rsa", rsa_keygen_bits: 1024)`, when the size is a
    /// constant.
    ///
    /// ## Why is this bad?
    /// 512-bit RSA keys are factored in hours and 1024-bit keys are within reach of
    /// well-funded attackers: signatures can be forged and traffic decrypted (CWE-326).
    ///
    /// ## Example
    /// ```ruby
    /// key = OpenSSL::PKey::RSA.new(1024)
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// key = OpenSSL::PKey::RSA.new(3072)
    /// ```
    RubyWeakKeySize
}

static META: RuleMeta = RuleMeta {
    id: "ruby/weak-key-size",
    title: "RSA or DSA key shorter than 2048 bits",
    cwe: &[326],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "key shorter than 2048 bits; generate RSA keys of 2048 bits or more (3072 recommended)",
    family: Family::Ruby,
    keywords: &["RSA", "DSA", "rsa_keygen_bits"],
    calls: &["new", "generate", "generate_key"],
    on: 0,
};

impl Rule for RubyWeakKeySize {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        // OpenSSL::PKey.generate_key("rsa", rsa_keygen_bits: 1024)
        if path == "OpenSSL.PKey.generate_key" {
            if let Some((_, v)) = site.kwarg("rsa_keygen_bits")
                && const_num(v).is_some_and(|bits| bits < 2048.0)
            {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let key_class = ["OpenSSL.PKey.RSA.", "OpenSSL.PKey.DSA."].iter().any(|p| {
            path.strip_prefix(p)
                .is_some_and(|m| m == "new" || m == "generate")
        });
        if !key_class {
            return;
        }
        if let Some((_, v)) = site.arg(0)
            && const_num(v).is_some_and(|bits| bits < 2048.0)
        {
            cx.report(Report::at(site.span));
        }
    }
}
