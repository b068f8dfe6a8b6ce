use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{Expr, ExprKind, Pattern};
use crate::rule_doc;
use crate::rules::python::mentions_password;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags passwords hashed with a fast hash (`crypto.createHash(...).update(password)`,
    /// `createHmac(...)` likewise, crypto-js `CryptoJS.SHA256(password)` / `HmacSHA1`)
    /// instead of a password hashing function, a fast-hash digest stored as a password
    /// (`user.setPassword(digest)`, `user.password = digest`), and the `argon2` package asked for the
    /// Argon2i or Argon2d variant (`argon2.hash(pw, { type: argon2.argon2i })`) where the
    /// password-hashing guidance (RFC 9106, OWASP) is Argon2id: Argon2i gives ground to
    /// time-memory trade-off attacks, Argon2d leaks through side channels. Also work
    /// factors too low to slow guessing: bcrypt cost under 10 (`bcrypt.hash(pw, 8)`,
    /// `genSalt(8)`) and PBKDF2 under 10,000 iterations.
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
    keywords: &[
        "createHash",
        "createHmac",
        "argon2",
        "bcrypt",
        "pbkdf2",
        "CryptoJS",
        "crypto-js",
    ],
    calls: &[
        "MD5",
        "SHA1",
        "SHA224",
        "SHA256",
        "SHA384",
        "SHA512",
        "SHA3",
        "RIPEMD160",
        "HmacMD5",
        "HmacSHA1",
        "HmacSHA224",
        "HmacSHA256",
        "HmacSHA384",
        "HmacSHA512",
        "HmacSHA3",
        "HmacRIPEMD160",
        "update",
        "hash",
        "setPassword",
        "set_password",
        "hashSync",
        "genSalt",
        "genSaltSync",
        "pbkdf2",
        "pbkdf2Sync",
    ],
    on: on::ASSIGN,
};

impl Rule for JsWeakPasswordHash {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        // `user.password = digest`
        if let Pattern::Attr(_, attr, _) = site.target
            && matches!(attr.as_str(), "password" | "passwordHash" | "password_hash")
            && fast_digest(cx, site.value, 0)
        {
            cx.report(Report::at(site.span));
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if matches!(site.name, "setPassword" | "set_password") {
            if site.recv.is_some()
                && let Some((e, _)) = site.arg(0)
                && fast_digest(cx, e, 0)
            {
                cx.report(Report::at(site.span));
            }
            return;
        }
        // Work factors too low to slow down guessing: bcrypt cost under 10
        // (`bcrypt.hash(pw, 8)`, `genSalt(8)`), PBKDF2 under 10,000 iterations.
        let num = |i: usize| match site.arg_val(i).and_then(|v| v.as_const()) {
            Some(crate::flow::value::Const::Num(n)) => Some(*n),
            _ => None,
        };
        let bcrypt = site
            .path
            .is_some_and(|p| p.starts_with("bcrypt.") || p.starts_with("bcryptjs."));
        let weak_factor = match site.name {
            "hash" | "hashSync" if bcrypt => num(1).is_some_and(|n| n < 10.0),
            "genSalt" | "genSaltSync" if bcrypt => num(0).is_some_and(|n| n < 10.0),
            "pbkdf2" | "pbkdf2Sync"
                if site
                    .path
                    .is_some_and(|p| p.starts_with("crypto.") || p.starts_with("node:crypto.")) =>
            {
                num(2).is_some_and(|n| n < 10_000.0)
            }
            _ => false,
        };
        if weak_factor {
            cx.report(Report::at(site.span).message(
                "password hash work factor too low (bcrypt cost under 10, PBKDF2 under 10,000 iterations); raise it",
            ));
            return;
        }
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
        // crypto-js hashers and HMACs (`CryptoJS.SHA256(pw)`, the global of its browser
        // build, or imported): one fast pass, whatever the digest size.
        if site.name != "update" {
            let crypto_js = site
                .path
                .is_some_and(|p| match p.strip_prefix("crypto-js.") {
                    Some(rest) => {
                        rest == site.name || rest.strip_prefix("CryptoJS.") == Some(site.name)
                    }
                    None => p.strip_prefix("CryptoJS.") == Some(site.name),
                });
            if crypto_js
                && let Some((e, _)) = site.arg(0)
                && (mentions_password(cx.text(e.span)) || password_function_param(cx, e))
            {
                cx.report(Report::at(site.span));
            }
            return;
        }
        // crypto.createHash(alg).update(data), createHmac(alg, key).update(data)
        let crate::ir::ExprKind::Attr(recv, _) = &site.call.callee.kind else {
            return;
        };
        let Some(inner) = recv.as_call() else { return };
        if !matches!(inner.callee.last_name(), Some("createHash" | "createHmac")) {
            return;
        }
        if let Some((e, _)) = site.arg(0)
            && (mentions_password(cx.text(e.span)) || password_function_param(cx, e))
        {
            cx.report(Report::at(site.span));
        }
    }
}

/// `function checkPassword(input, stored) { ... update(input) ... }`: a parameter of a
/// function named for hashing or checking a password.
fn password_function_param(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    let Some(n) = e.as_name() else { return false };
    let funcs = &cx.module().funcs;
    let mut f = cx.func();
    while funcs[f].name.starts_with('<')
        && let Some(p) = funcs[f].parent
    {
        f = p;
    }
    let func = &funcs[f];
    let name = func.name.to_ascii_lowercase().replace('_', "");
    let named = ["hash", "check", "verify", "compare", "validate", "encrypt"]
        .iter()
        .any(|v| name == format!("{v}password") || name == format!("{v}userpassword"));
    named && func.params.first().and_then(|p| p.name()) == Some(n)
}

/// Is `e` the digest of a fast hash (`crypto.createHash(alg)....digest(...)`), directly or
/// through a local variable the function (or one enclosing it) assigns one?
fn fast_digest(cx: &Cx<'_, '_>, e: &Expr, depth: u32) -> bool {
    match &e.kind {
        ExprKind::Call(c) => {
            let ExprKind::Attr(recv, m) = &c.callee.kind else {
                return false;
            };
            let mut recv: &Expr = recv;
            if m != "digest" {
                return false;
            }
            // Walk the chain down to `createHash(...)`.
            loop {
                let Some(inner) = recv.as_call() else {
                    return false;
                };
                match &inner.callee.kind {
                    _ if inner.callee.last_name() == Some("createHash") => return true,
                    ExprKind::Attr(b, _) => recv = b,
                    _ => return false,
                }
            }
        }
        ExprKind::Name(n) if depth < 2 => {
            crate::rules::support::assigned_in_scope(cx, n, |v| fast_digest(cx, v, depth + 1))
        }
        _ => false,
    }
}
