use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::python::mentions_password;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags passwords hashed with a fast hash (`crypto.createHash(...).update(password)`)
    /// instead of a password hashing function, and the `argon2` package asked for the
    /// Argon2i or Argon2d variant (`argon2.hash(pw, { type: argon2.argon2i })`) where the
    /// password-hashing guidance (RFC 9106, OWASP) is Argon2id: Argon2i gives ground to
    /// time-memory trade-off attacks, Argon2d leaks through side channels.
    ///
    /// ## Why is this bad?
    /// Fast hashes are computed billions of times per second: a leaked table of MD5 or
    /// SHA-256 password hashes is cracked in hours (CWE-916, CWE-759, CWE-328).
    ///
    /// ## Example
    /// ```js
    /// const hash = crypto.createHash("sha256").update(password).digest("hex");
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const hash = await bcrypt.hash(password, 12); // or crypto.scrypt / argon2
    /// ```
    JsWeakPasswordHash
}

static META: RuleMeta = RuleMeta {
    id: "js/weak-password-hash",
    title: "Password hashed with a fast hash",
    cwe: &[916, 759, 328],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "password hashed with a fast hash; use bcrypt, scrypt or argon2",
    family: Family::Js,
    keywords: &["createHash", "argon2"],
    calls: &["update", "hash"],
    on: 0,
};

impl Rule for JsWeakPasswordHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.name == "hash" {
            if site.path == Some("argon2.hash")
                && let Some(t) = site.arg_val(1).and_then(|v| v.field("type"))
            {
                let weak = t
                    .ref_path()
                    .is_some_and(|p| p.ends_with(".argon2i") || p.ends_with(".argon2d"))
                    || matches!(t.as_const(), Some(crate::flow::value::Const::Num(n)) if *n == 0.0 || *n == 1.0);
                if weak && let Some((e, _)) = site.arg(1) {
                    cx.report(Report::at(e.span).message(
                        "argon2 hashes passwords with the Argon2i/Argon2d variant; use argon2.argon2id",
                    ));
                }
            }
            return;
        }
        // crypto.createHash(alg).update(data)
        let crate::ir::ExprKind::Attr(recv, _) = &site.call.callee.kind else {
            return;
        };
        let Some(inner) = recv.as_call() else { return };
        if inner.callee.last_name() != Some("createHash") {
            return;
        }
        if let Some((e, _)) = site.arg(0)
            && mentions_password(cx.text(e.span))
        {
            cx.report(Report::at(site.span));
        }
    }
}
