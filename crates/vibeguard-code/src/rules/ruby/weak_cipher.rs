use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::weak_algorithms::weak_cipher;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags broken ciphers and modes where they are built: `OpenSSL::Cipher.new` of DES,
    /// 3DES, RC2, RC4, Blowfish, IDEA, CAST or any `-ecb` mode, the cipher classes
    /// `OpenSSL::Cipher::DES.new` / `::RC4.new` / `::BF.new` and `::AES.new(..., :ECB)`,
    /// and the pure-Ruby gems `RC4.new` (ruby-rc4) and `Crypt::Blowfish.new` (crypt).
    ///
    /// ## Why is this bad?
    /// DES keys are brute-forced in hours, RC4's keystream is biased, 64-bit block
    /// ciphers (3DES, Blowfish) leak plaintext after a few gigabytes (Sweet32), and ECB
    /// encrypts equal blocks equally, so the data's patterns show (CWE-327).
    ///
    /// ## Example
    /// ```ruby
    /// cipher = OpenSSL::Cipher.new("des-ede3-cbc")
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// cipher = OpenSSL::Cipher.new("aes-256-gcm")
    /// ```
    RubyWeakCipher
}

static META: RuleMeta = RuleMeta {
    id: "ruby/weak-crypto",
    title: "Broken cipher or mode",
    cwe: &[327],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "broken cipher or mode; use aes-256-gcm or chacha20-poly1305",
    family: Family::Ruby,
    keywords: &["Cipher", "RC4", "Blowfish"],
    calls: &["new"],
    on: 0,
};

impl Rule for RubyWeakCipher {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(class) = site.path.and_then(|p| p.strip_suffix(".new")) else {
            return;
        };
        let weak = match class {
            // OpenSSL::Cipher.new("des-ede3-cbc"), OpenSSL::Cipher::Cipher.new (Ruby 1.8).
            "OpenSSL.Cipher" | "OpenSSL.Cipher.Cipher" => site
                .arg(0)
                .and_then(|(_, v)| v.const_str())
                .is_some_and(weak_cipher),
            // OpenSSL::Cipher::AES.new(128, :ECB) / AES128.new(:ECB).
            c if c.starts_with("OpenSSL.Cipher.AES") => site.call.args.iter().any(|a| {
                a.value
                    .as_str()
                    .is_some_and(|m| m.eq_ignore_ascii_case("ecb"))
            }),
            // OpenSSL::Cipher::DES.new, ::RC4.new, ::BF.new, ...
            c if c.starts_with("OpenSSL.Cipher.") => {
                weak_cipher(c.trim_start_matches("OpenSSL.Cipher."))
            }
            "RC4" | "Crypt.Blowfish" | "Crypt.RC4" | "Crypt.IDEA" => true,
            _ => false,
        };
        if weak {
            cx.report(Report::at(site.span));
        }
    }
}
