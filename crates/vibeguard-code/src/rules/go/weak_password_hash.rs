use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::hashes_a_password;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags passwords hashed with a fast digest (`crypto/md5`, `crypto/sha1`,
    /// `crypto/sha256`, `crypto/sha512`): a digest call whose data, or whose enclosing
    /// function, is about a password; and an MD5 or SHA-1 digest passed to a password
    /// setter (`user.SetPassword(md5.Sum(data))`, or `h.Sum(nil)` of `h := md5.New()`).
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
        "Sum",
        "Sum224",
        "Sum256",
        "Sum384",
        "Sum512",
        "New",
        "New224",
        "New384",
        "setPassword",
        "SetPassword",
        "UpdatePassword",
        "SetPasswordHash",
    ],
    on: 0,
};

impl Rule for GoWeakPasswordHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // user.SetPassword(md5.Sum(data)) / h := md5.New(); ...; user.SetPassword(h.Sum(nil)):
        // the fast digest is what gets stored as the password.
        if site.name.to_ascii_lowercase().contains("password") {
            if let Some((e, _)) = site.arg(0)
                && fast_digest(cx, e, 0)
            {
                cx.report(Report::at(site.span));
            }
            return;
        }
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

/// A digest of `crypto/md5` or `crypto/sha1`: `md5.Sum(x)`,
/// `h.Sum(nil)` of a hash `h := md5.New()`, or a variable assigned once from one.
fn fast_digest(cx: &Cx<'_, '_>, e: &Expr, depth: u8) -> bool {
    // Only the broken digests: a setter's argument says nothing of a salt or of how
    // the SHA-2 value was stretched.
    const FAST: &[&str] = &["crypto/md5.", "crypto/sha1."];
    if depth > 2 {
        return false;
    }
    match &e.kind {
        ExprKind::Call(c) => {
            if cx
                .path_of(&c.callee)
                .is_some_and(|p| FAST.iter().any(|f| p.starts_with(f)))
            {
                return true;
            }
            // h.Sum(nil) on a hash from md5.New()
            match &c.callee.kind {
                ExprKind::Attr(r, m) if m == "Sum" => fast_digest(cx, r, depth + 1),
                _ => false,
            }
        }
        ExprKind::Name(n) => {
            crate::rules::support::single_def(cx, n).is_some_and(|d| fast_digest(cx, d, depth + 1))
        }
        _ => false,
    }
}
