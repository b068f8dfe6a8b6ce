use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::Val;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags keys, secrets and IVs written into the code: literal keys and IVs passed to
    /// `crypto.createCipheriv`/`createHmac`, JWT signing and verification secrets
    /// (`jwt.sign(payload, "secret")`, `jwt.verify(token, "secret")`, jose's
    /// `JWT.sign`/`JWT.verify` with a literal or a `JWK.asKey("secret")` key, and
    /// `new SignJWT(...).sign(key)` / `jwtVerify(token, key)` with
    /// `new TextEncoder().encode("secret")`), session or cookie-parser secrets, Passport
    /// strategy secrets (`secretOrKey`, OAuth `clientSecret`/`consumerSecret`),
    /// express-jwt's `secret`, and literal keys or passphrases given to Node's key objects
    /// and private-key operations (`createSecretKey`, `createPrivateKey`,
    /// `privateDecrypt`/`privateEncrypt`, `createSign(alg).sign(key)`, `crypto.sign`).
    ///
    /// ## Why is this bad?
    /// A key in the source is in every copy of the repository and every build: anyone
    /// with read access can decrypt data or forge sessions and tokens; a fixed IV makes
    /// equal messages encrypt identically (CWE-321, CWE-798, CWE-1204).
    ///
    /// ## Example
    /// ```js
    /// const token = jwt.sign({ sub: user.id }, "supersecret");
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET);
    /// ```
    JsHardcodedKey
}

static META: RuleMeta = RuleMeta {
    id: "js/hardcoded-crypto-key",
    title: "Cryptographic key or secret in the code",
    cwe: &[321, 798, 1204],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "key or secret is a constant in the code; load it from the environment or a secret store",
    family: Family::Js,
    keywords: &[
        "createCipheriv",
        "createHmac",
        "sign",
        "verify",
        "session",
        "cookieParser",
        "cookie-parser",
        "secret",
        "passport",
        "express-jwt",
        "private",
    ],
    calls: &[
        "createSecretKey",
        "createPrivateKey",
        "privateDecrypt",
        "privateEncrypt",
        "createCipheriv",
        "createDecipheriv",
        "createHmac",
        "sign",
        "verify",
        "jwtVerify",
        "jwtDecrypt",
        "session",
        "cookieParser",
        "cookieSession",
        "Strategy",
        "jwt",
        "expressjwt",
        "express-jwt",
    ],
    on: 0,
};

fn literal(v: &Val) -> bool {
    v.const_str().is_some_and(|s| s.len() >= 4) && v.is_const()
}

/// `Buffer.from("...")` / `new TextEncoder().encode("...")` of a literal, inline or in a
/// variable assigned once (`const secret = new TextEncoder().encode("...")`).
fn literal_buffer(cx: &Cx<'_, '_>, site: &CallSite<'_>, i: usize) -> bool {
    site.arg(i)
        .is_some_and(|(e, v)| literal(v) || encoded_literal(cx, e))
}

fn encoded_literal(cx: &Cx<'_, '_>, e: &crate::ir::Expr) -> bool {
    let Some(e) = crate::rules::support::inline_or_single_def(cx, e) else {
        return false;
    };
    e.as_call().is_some_and(|c| {
        matches!(c.callee.last_name(), Some("from" | "encode"))
            && c.arg(0)
                .and_then(|a| a.as_str())
                .is_some_and(|s| s.len() >= 4)
    })
}

/// A key argument of Node's crypto given as a literal: the key itself
/// (`createSecretKey("...")`) or in its options object (`{ key: "...", passphrase:
/// "..." }`).
fn literal_key(cx: &Cx<'_, '_>, site: &CallSite<'_>, i: usize) -> bool {
    literal_buffer(cx, site, i)
        || ["key", "passphrase"].iter().any(|k| {
            site.option(i, k)
                .is_some_and(|(e, v)| literal(&v) || encoded_literal(cx, e))
        })
}

impl Rule for JsHardcodedKey {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // jose (v3+): `new SignJWT(claims)....sign(new TextEncoder().encode("secret"))`.
        if site.name == "sign"
            && built_on_sign_jwt(&site.call.callee)
            && literal_buffer(cx, site, 0)
        {
            cx.report(Report::at(site.span));
            return;
        }
        let Some(path) = site.path else { return };
        // Passport strategies (`new JwtStrategy({ secretOrKey })`, OAuth `clientSecret`,
        // `consumerSecret`) and express-jwt (`expressjwt({ secret })`): the options
        // object, literal or built in a variable.
        let option_literal = |keys: &[&str]| {
            site.arg_val(0)
                .is_some_and(|o| keys.iter().any(|k| o.field(k).is_some_and(|v| literal(&v))))
        };
        if path.starts_with("passport-") && site.call.is_new {
            if option_literal(&["secretOrKey", "clientSecret", "consumerSecret"]) {
                cx.report(Report::at(site.span));
            }
            return;
        }
        if matches!(
            path,
            "express-jwt" | "express-jwt.expressjwt" | "express-jwt.expressJwt"
        ) {
            if option_literal(&["secret"]) {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let crypto = path.starts_with("crypto.") || path.starts_with("node:crypto.");
        let hit = match site.name {
            "createCipheriv" | "createDecipheriv" if crypto => {
                literal_buffer(cx, site, 1) || literal_buffer(cx, site, 2) || constant_iv(cx, site)
            }
            "createHmac" if crypto => literal_buffer(cx, site, 1),
            // Key objects and the private-key operations: `createSecretKey(key)`,
            // `createPrivateKey(key | { key, passphrase })`, `privateDecrypt(key, buf)`,
            // `createSign(alg).sign(key)` and the one-shot `crypto.sign(alg, data, key)`.
            "createSecretKey" | "createPrivateKey" | "privateDecrypt" | "privateEncrypt"
                if crypto =>
            {
                literal_key(cx, site, 0)
            }
            "sign" if crypto && path.ends_with(".Sign.sign") => literal_key(cx, site, 0),
            "sign" if matches!(path, "crypto.sign" | "node:crypto.sign") => {
                literal_key(cx, site, 2)
            }
            "sign" | "verify" if path.starts_with("jsonwebtoken") => site
                .arg(1)
                .is_some_and(|(e, v)| literal(v) || fallback_literal(cx, e)),
            // jose (v1-v2): `JWT.sign(payload, key)`, `JWT.verify(token, key)`; the key
            // a literal, or `JWK.asKey(literal)` (the model keeps its text).
            "sign" | "verify" if path.starts_with("jose.") => literal_buffer(cx, site, 1),
            // jose (v3+): `jwtVerify(token, new TextEncoder().encode("secret"))`.
            "jwtVerify" | "jwtDecrypt" if path.starts_with("jose.") => literal_buffer(cx, site, 1),
            "session" | "cookieSession"
                if path == "express-session" || path == "cookie-session" =>
            {
                site.option(0, "secret")
                    .is_some_and(|(e, v)| literal(&v) || fallback_literal(cx, e))
            }
            "cookieParser" if path == "cookie-parser" => {
                site.arg(0).is_some_and(|(_, v)| literal(v))
            }
            _ => {
                path == "cookie-parser" && site.arg(0).is_some_and(|(_, v)| literal(v))
                    || path == "express-session"
                        && site.option(0, "secret").is_some_and(|(_, v)| literal(&v))
            }
        };
        if hit {
            cx.report(Report::at(site.span));
        }
    }
}

/// Is this method called on a chain that starts with `new SignJWT(...)`?
fn built_on_sign_jwt(callee: &crate::ir::Expr) -> bool {
    let mut e = callee;
    loop {
        match &e.kind {
            crate::ir::ExprKind::Attr(base, _) => e = base,
            crate::ir::ExprKind::Call(c) => {
                if c.is_new && c.callee.last_name() == Some("SignJWT") {
                    return true;
                }
                e = &c.callee;
            }
            _ => return false,
        }
    }
}

/// The IV of `createCipheriv(alg, key, iv)` is a buffer of constant bytes made by
/// `Buffer.alloc(16)` / `Buffer.alloc(16, 0)`, inline or in a variable assigned once.
fn constant_iv(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    let Some((e, _)) = site.arg(2) else {
        return false;
    };
    let Some(e) = crate::rules::support::inline_or_single_def(cx, e) else {
        return false;
    };
    e.as_call().is_some_and(|c| {
        c.callee.dotted().as_deref() == Some("Buffer.alloc")
            && !c.args.is_empty()
            && c.args
                .iter()
                .all(|a| matches!(a.value.kind, crate::ir::ExprKind::Num(_)))
    })
}

/// `process.env.JWT_SECRET || "dev-secret"` (or `??`): a literal key used whenever the
/// setting is missing; directly or through a variable assigned once.
fn fallback_literal(cx: &Cx<'_, '_>, e: &crate::ir::Expr) -> bool {
    let Some(e) = crate::rules::support::inline_or_single_def(cx, e) else {
        return false;
    };
    matches!(&e.kind, crate::ir::ExprKind::Or(_, b) if b.as_str().is_some_and(|s| s.len() >= 4))
}
