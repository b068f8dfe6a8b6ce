use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags private keys protected by a pass phrase written in the code: loading a
    /// key with one (`OpenSSL::PKey::RSA.new(pem, "secret")`) or exporting it encrypted
    /// with one (`key.export(cipher, "secret")`, `key.to_pem(cipher, pass)` where `pass`
    /// is a string constant).
    ///
    /// ## Why is this bad?
    /// The pass phrase is the only thing between a copied key file and the key: anyone
    /// who reads the source or the repository decrypts it (CWE-798, CWE-321).
    ///
    /// ## Example
    /// ```ruby
    /// key = OpenSSL::PKey::RSA.new(File.read("key.pem"), "s3cret")
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// key = OpenSSL::PKey::RSA.new(File.read("key.pem"), ENV.fetch("KEY_PASSPHRASE"))
    /// ```
    RubyHardcodedKeyPassphrase
}

static META: RuleMeta = RuleMeta {
    id: "ruby/hardcoded-key-passphrase",
    title: "Private key pass phrase written in the code",
    cwe: &[798, 321],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "private key pass phrase is a constant in the code; read it from the environment or a secret store",
    family: Family::Ruby,
    keywords: &["OpenSSL"],
    calls: &["new", "read", "export", "to_pem", "to_s"],
    on: 0,
};

impl Rule for RubyHardcodedKeyPassphrase {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let pass = match (site.path, site.name) {
            (Some(p), "new" | "read")
                if [
                    "OpenSSL.PKey.RSA.",
                    "OpenSSL.PKey.DSA.",
                    "OpenSSL.PKey.EC.",
                    "OpenSSL.PKey.",
                ]
                .iter()
                .any(|k| p.strip_prefix(k).is_some_and(|m| m == "new" || m == "read")) =>
            {
                site.arg(1)
            }
            // key.export(cipher, pass): the first argument names a cipher.
            (_, "export" | "to_pem" | "to_s") if site.recv.is_some() && site.positional() == 2 => {
                let cipher = site
                    .arg(0)
                    .is_some_and(|(e, _)| cx.text(e.span).to_ascii_lowercase().contains("cipher"));
                if cipher { site.arg(1) } else { None }
            }
            _ => None,
        };
        if let Some((_, v)) = pass
            && v.const_str().is_some_and(|s| !s.is_empty())
            && v.all_taint().is_none()
        {
            cx.report(Report::at(site.span));
        }
    }
}
