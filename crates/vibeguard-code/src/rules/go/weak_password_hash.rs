use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::hashes_a_password;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags passwords hashed with a fast digest (`crypto/md5`, `crypto/sha1`,
    /// `crypto/sha256`, `crypto/sha512`): a digest call whose data, or whose enclosing
    /// function, is about a password.
    ///
    /// ## Why is this bad?
    /// Fast digests are made to be computed billions of times a second: a leaked table of
    /// them gives the passwords back by brute force. MD5 and SHA-1 are also broken
    /// (CWE-916, CWE-327).
    ///
    /// ## Example
    /// ```go
    /// sum := md5.Sum([]byte(password))
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
    /// ```
    GoWeakPasswordHash
}

static META: RuleMeta = RuleMeta {
    id: "go/weak-password-hash",
    title: "Password hashed with a fast digest",
    cwe: &[916, 327, 328],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "password hashed with a fast digest; use bcrypt, scrypt or argon2",
    family: Family::Go,
    keywords: &["crypto/md5", "crypto/sha"],
    calls: &[
        "Sum", "Sum224", "Sum256", "Sum384", "Sum512", "New", "New224", "New384",
    ],
    on: 0,
};

impl Rule for GoWeakPasswordHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.is(&[
            "crypto/md5.*",
            "crypto/sha1.*",
            "crypto/sha256.*",
            "crypto/sha512.*",
        ]) {
            return;
        }
        if hashes_a_password(cx, site.arg(0).map(|(e, _)| e)) {
            cx.report(Report::at(site.span));
        }
    }
}
