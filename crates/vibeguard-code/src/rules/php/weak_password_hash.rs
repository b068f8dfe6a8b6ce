use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::hashes_a_password;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags passwords hashed with a fast digest: `md5($password)`, `sha1(...)`,
    /// `hash("sha256", ...)`, `hash_hmac(...)`, `hash_update($ctx, ...)`, `crypt` with no
    /// cost, where the hashed value, or the
    /// function around the call, is about a password; and an MD5 or SHA-1 digest passed
    /// to a password setter (`$user->setPassword(md5($p))`, directly or through a variable).
    ///
    /// ## Why is this bad?
    /// Fast digests are computed billions of times a second: a leaked table of them gives
    /// the passwords back by brute force (CWE-916, CWE-327).
    ///
    /// ## Example
    /// ```php
    /// $hash = md5($_POST["password"]);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $hash = password_hash($_POST["password"], PASSWORD_DEFAULT);
    /// ```
    PhpWeakPasswordHash
}

static META: RuleMeta = RuleMeta {
    id: "php/weak-password-hash",
    title: "Password hashed with a fast digest",
    cwe: &[916, 327, 328],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "password hashed with a fast digest; use password_hash() (bcrypt/argon2)",
    family: Family::Php,
    keywords: &["md5", "sha1", "hash(", "hash_hmac", "hash_update"],
    calls: &[
        "md5",
        "sha1",
        "hash",
        "hash_hmac",
        "hash_update",
        "setPassword",
        "set_password",
        "updatePassword",
        "setPasswordHash",
    ],
    on: 0,
};

impl Rule for PhpWeakPasswordHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // $user->setPassword($digest) where $digest = md5(...): the fast digest is what
        // gets stored as the password.
        if site.name.to_ascii_lowercase().contains("password") {
            if let Some((e, _)) = site.arg(0)
                && fast_digest(cx, e, 0)
            {
                cx.report(Report::at(site.span));
            }
            return;
        }
        if site.recv.is_some() {
            return;
        }
        let data = match site.name {
            "md5" | "sha1" => site.arg(0),
            // A keyed or incremental fast digest is as fast: `hash_hmac($alg, $pw, $key)`,
            // `hash_update($ctx, $pw)` after `hash_init`.
            "hash" | "hash_hmac" | "hash_update" => site.arg(1),
            _ => None,
        };
        let Some((e, _)) = data else { return };
        if hashes_a_password(cx, Some(e)) {
            cx.report(Report::at(site.span));
        }
    }
}

/// `md5(...)`, `sha1(...)`, `hash('md5'|'sha1', ...)`, or a variable assigned
/// once from one.
fn fast_digest(cx: &Cx<'_, '_>, e: &Expr, depth: u8) -> bool {
    match &e.kind {
        ExprKind::Call(c) => match &c.callee.kind {
            ExprKind::Name(n) => match n.as_str() {
                "md5" | "sha1" => true,
                "hash" => c
                    .arg(0)
                    .and_then(|a| a.as_str())
                    .is_some_and(|alg| matches!(alg.to_ascii_lowercase().as_str(), "md5" | "sha1")),
                _ => false,
            },
            _ => false,
        },
        ExprKind::Name(n) if depth == 0 => {
            crate::rules::support::single_def(cx, n).is_some_and(|d| fast_digest(cx, d, 1))
        }
        _ => false,
    }
}
