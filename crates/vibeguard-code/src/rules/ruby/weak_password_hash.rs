use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::hashes_a_password;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags passwords hashed with a fast digest (`Digest::MD5`, `Digest::SHA1`,
    /// `Digest::SHA256`, `OpenSSL::Digest`, also a digest object fed with `update` or
    /// finished with `digest`, and `OpenSSL::Digest.digest("sha1", data)`): a digest call
    /// whose data, or whose enclosing method, is about a password.
    ///
    /// ## Why is this bad?
    /// Fast digests are computed billions of times a second: a leaked table of them gives
    /// the passwords back by brute force (CWE-916, CWE-327).
    ///
    /// ## Example
    /// ```ruby
    /// def password=(plain)
    ///   self.password_digest = Digest::MD5.hexdigest(plain)
    /// end
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// def password=(plain)
    ///   self.password_digest = BCrypt::Password.create(plain)
    /// end
    /// ```
    RubyWeakPasswordHash
}

static META: RuleMeta = RuleMeta {
    id: "ruby/weak-password-hash",
    title: "Password hashed with a fast digest",
    cwe: &[916, 327, 328],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "password hashed with a fast digest; use has_secure_password / BCrypt or argon2",
    family: Family::Ruby,
    keywords: &["Digest"],
    calls: &["hexdigest", "digest", "base64digest", "update"],
    on: 0,
};

impl Rule for RubyWeakPasswordHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let digest = |p: &str| p.starts_with("Digest.") || p.starts_with("OpenSSL.Digest");
        let data = match site.path {
            // `OpenSSL::Digest.digest("sha1", data)`: the algorithm by name, then the data.
            Some("OpenSSL.Digest.digest") if site.positional() == 2 => site.arg(1),
            // Also a digest object fed or finished on its own (`Digest::SHA1.new.update(pw)`,
            // `d = OpenSSL::Digest::SHA1.new` then `d.digest(pw)`): its path says so.
            Some(p) if digest(p) => site.arg(0),
            _ => None,
        };
        if data.is_some() && hashes_a_password(cx, data.map(|(e, _)| e)) {
            cx.report(Report::at(site.span));
        }
    }
}
