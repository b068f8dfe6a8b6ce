use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::hashes_a_password;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags passwords hashed with a fast digest: `md5($password)`, `sha1(...)`,
    /// `hash("sha256", ...)`, `crypt` with no cost, where the hashed value, or the
    /// function around the call, is about a password.
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
    keywords: &["md5", "sha1", "hash("],
    calls: &["md5", "sha1", "hash"],
    on: 0,
};

impl Rule for PhpWeakPasswordHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        let data = match site.name {
            "md5" | "sha1" => site.arg(0),
            "hash" => site.arg(1),
            _ => None,
        };
        let Some((e, _)) = data else { return };
        if hashes_a_password(cx, Some(e)) {
            cx.report(Report::at(site.span));
        }
    }
}
