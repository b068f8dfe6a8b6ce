use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{Expr, ExprKind, Pattern};
use crate::rule_doc;
use crate::rules::support::{self, hashes_a_password};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags passwords hashed with a fast digest (`Digest::MD5`, `Digest::SHA1`,
    /// `Digest::SHA256`, `OpenSSL::Digest`, also a digest object fed with `update` or
    /// `<<` or finished with `digest`, kept in a local or not, and
    /// `OpenSSL::Digest.digest("sha1", data)`): a digest call
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
    calls: &["hexdigest", "digest", "base64digest", "update", "<<"],
    on: on::ASSIGN,
};

impl Rule for RubyWeakPasswordHash {
    crate::rule_meta!(META);
    /// `d = OpenSSL::Digest.new("sha1")` then `d << password`: the digest object fed.
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        if site.augmented
            && let Pattern::Name(n, _) = site.target
            && support::assigned_in_scope(cx, n, builds_digest)
            && hashes_a_password(cx, Some(site.value))
        {
            cx.report(Report::at(site.span));
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let digest = |p: &str| p.starts_with("Digest.") || p.starts_with("OpenSSL.Digest");
        // A digest object in a local, made with the algorithm's name
        // (`d = OpenSSL::Digest.new("md5")`) or without (`d = Digest::SHA1.new`).
        let digest_local = || {
            matches!(&site.call.callee.kind, ExprKind::Attr(b, _)
                if matches!(&b.kind, ExprKind::Name(n)
                    if support::assigned_in_scope(cx, n, builds_digest)))
        };
        let data = match site.path {
            // `OpenSSL::Digest.digest("sha1", data)`: the algorithm by name, then the data.
            Some("OpenSSL.Digest.digest") if site.positional() == 2 => site.arg(1),
            // Also a digest object fed or finished on its own (`Digest::SHA1.new.update(pw)`,
            // `Digest::MD5.new << pw`, `d = OpenSSL::Digest::SHA1.new` then `d.digest(pw)`):
            // its path says so.
            Some(p) if digest(p) => site.arg(0),
            // (The password test, on the text, before the walk for the local's origin.)
            _ if hashes_a_password(cx, site.arg(0).map(|(e, _)| e)) && digest_local() => {
                site.arg(0)
            }
            _ => None,
        };
        if data.is_some() && hashes_a_password(cx, data.map(|(e, _)| e)) {
            cx.report(Report::at(site.span));
        }
    }
}

/// `Digest::MD5.new`, `OpenSSL::Digest.new("sha1")`, `OpenSSL::Digest::SHA1.new`: a new
/// digest object.
fn builds_digest(e: &Expr) -> bool {
    let Some(c) = e.as_call() else { return false };
    let ExprKind::Attr(b, m) = &c.callee.kind else {
        return false;
    };
    m == "new"
        && b.dotted()
            .is_some_and(|p| p.starts_with("Digest.") || p.starts_with("OpenSSL.Digest"))
}
