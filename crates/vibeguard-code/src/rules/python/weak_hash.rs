use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::python::weak_password_hash::mentions_password;
use crate::rules::support::{assigned_text, const_bool};
use crate::rules::weak_algorithms::weak_hash as weak_name;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags MD5 and SHA-1 used where collisions matter: HMACs and signatures, hashes of
    /// tokens, keys, certificates and session data (names in the call or the function
    /// say so), digests written to a password or credential store further down the
    /// function, and `cryptography` / PyCryptodome `MD5`/`SHA1` primitives. Data fed in
    /// later (`h = hashlib.sha1()` then `h.update(token)`) counts like data passed to the
    /// constructor. A hash marked `usedforsecurity=False` is not flagged.
    ///
    /// ## Why is this bad?
    /// Both are broken for collision resistance: two different documents, certificates
    /// or tokens with the same digest can be forged (CWE-327, CWE-328).
    ///
    /// ## Example
    /// ```python
    /// signature = hmac.new(key, message, hashlib.md5).hexdigest()
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// signature = hmac.new(key, message, hashlib.sha256).hexdigest()
    /// ```
    WeakHash
}

static META: RuleMeta = RuleMeta {
    id: "python/weak-hash",
    title: "MD5 or SHA-1 used for security",
    cwe: &[327, 328],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "MD5/SHA-1 are broken for security uses; use SHA-256 or better",
    family: Family::Python,
    keywords: &["md5", "sha1", "MD5", "SHA1"],
    calls: &["md5", "sha1", "new", "MD5", "SHA1", "update"],
    on: 0,
};

const SECURITY_WORDS: &[&str] = &[
    "token",
    "secret",
    "sign",
    "cert",
    "key",
    "auth",
    "session",
    "nonce",
    "otp",
    "api",
    "hmac",
    "verify",
    "credential",
    "login",
    "integrity",
    "checksum_secure",
];

fn security_context(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    SECURITY_WORDS.iter().any(|w| t.contains(w)) || mentions_password(text)
}

/// Does a function name say its digest identifies content (a cache or dedup key, an
/// ETag, a fingerprint, a shard)?
fn identity_purpose(name: &str) -> bool {
    crate::rules::support::name_words(name).iter().any(|w| {
        matches!(
            w.as_str(),
            "cache" | "etag" | "fingerprint" | "dedup" | "dedupe" | "shard" | "bucket"
        )
    })
}

/// A digest computed here and kept, further down the function, somewhere that names a
/// password or credential store (`open("passwords.txt", "a").write(digest)`, a
/// `user.password_hash` column): the hash protects a secret even though its input is
/// called `data`.
fn stored_as_secret(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    let f = &cx.module().funcs[cx.func()];
    let src = cx.whole_text();
    let (start, end) = (site.span.end as usize, (f.span.end as usize).min(src.len()));
    if start >= end || !src.is_char_boundary(start) || !src.is_char_boundary(end) {
        return false;
    }
    src[start..end].lines().skip(1).take(60).any(|line| {
        let l = line.trim_start();
        !l.starts_with('#')
            && (l.contains(".write(") || l.contains("open(") || l.contains("execute("))
            && (mentions_password(l) || l.to_ascii_lowercase().contains("credential"))
    })
}

/// `h.update(data)` where `h` was made by `hashlib.md5()` / `hashlib.sha1()` /
/// `hashlib.new("sha1")` earlier in the function: the data reaches the broken hash
/// through the object rather than the constructor.
fn updates_weak_hash(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    use crate::ir::ExprKind;
    let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    let ExprKind::Name(name) = &recv.kind else {
        return false;
    };
    let Some(rhs) = assigned_text(cx, name, site.span) else {
        return false;
    };
    let rhs = rhs.trim();
    let Some((callee, args)) = rhs.split_once('(') else {
        return false;
    };
    let callee = callee.trim();
    if !callee.starts_with("hashlib.") {
        return false;
    }
    match callee.rsplit('.').next().unwrap_or("") {
        "new" => args
            .split([',', ')'])
            .next()
            .map(|a| a.trim().trim_matches(['"', '\'']))
            .is_some_and(weak_name),
        last => weak_name(last),
    }
}

/// A string or bytes literal: the program's own text, not a secret it was given.
fn is_literal(text: &str) -> bool {
    let t = text.trim_start_matches(['b', 'B', 'r', 'R']);
    t.starts_with(['"', '\''])
}

impl Rule for WeakHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.name == "update" {
            if cx.imports("hashlib") && updates_weak_hash(cx, site) {
                // The function's name was weighed at the constructor; here only the
                // data fed in says what the digest protects.
                let data_text = site.arg(0).map(|(e, _)| cx.text(e.span)).unwrap_or("");
                let func = &cx.module().funcs[cx.func()].name;
                if security_context(data_text)
                    && (is_literal(data_text) || !mentions_password(data_text))
                    && !security_context(func)
                    && !identity_purpose(func)
                {
                    cx.report(Report::at(site.span));
                }
            }
            return;
        }
        let Some(path) = site.path else { return };
        if site
            .kwarg("usedforsecurity")
            .is_some_and(|(_, v)| const_bool(v) == Some(false))
        {
            return;
        }
        // hmac.new(key, msg, hashlib.md5) / hmac.new(key, msg, "md5")
        if path == "hmac.new" {
            let digest = site.arg(2).or_else(|| site.kwarg("digestmod"));
            if let Some((e, v)) = digest {
                let weak = cx
                    .path_of(e)
                    .is_some_and(|p| p.rsplit('.').next().is_some_and(weak_name))
                    || v.const_str().is_some_and(weak_name);
                if weak {
                    cx.report(Report::at(site.span));
                }
            }
            return;
        }
        if path.starts_with("cryptography.hazmat.primitives.hashes.") && weak_name(site.name) {
            cx.report(Report::at(site.span));
            return;
        }
        if (path.starts_with("Crypto.Hash.") || path.starts_with("Cryptodome.Hash."))
            && site.name == "new"
        {
            let module = path
                .trim_end_matches(".new")
                .rsplit('.')
                .next()
                .unwrap_or("");
            if weak_name(module) {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let weak = match path {
            "hashlib.md5" | "hashlib.sha1" | "md5.new" | "sha.new" => true,
            "hashlib.new" => site
                .arg(0)
                .is_some_and(|(_, v)| v.const_str().is_some_and(weak_name)),
            _ => false,
        };
        if !weak {
            return;
        }
        let data = if path == "hashlib.new" {
            site.arg(1)
        } else {
            site.arg(0)
        };
        let data_text = data.map(|(e, _)| cx.text(e.span)).unwrap_or("");
        let func = &cx.module().funcs[cx.func()].name;
        // Passwords are python/weak-password-hash's (a literal that says "password" is
        // not one: it stays here).
        if (mentions_password(data_text) && !is_literal(data_text)) || mentions_password(func) {
            return;
        }
        // `usedforsecurity=True`: the code itself says the digest protects something.
        if site
            .kwarg("usedforsecurity")
            .is_some_and(|(_, v)| const_bool(v) == Some(true))
        {
            cx.report(Report::at(site.span));
            return;
        }
        // A function named for a cache or content identity (`cache_key`, `etag_for`,
        // `file_fingerprint`): `key` there is a lookup key, not a secret.
        let func_security = security_context(func) && !identity_purpose(func);
        // `fingerprint(public_key)`: the digest names a public key (or whatever a
        // function named for content identity is given); it protects no secret.
        let public = crate::rules::support::name_words(data_text)
            .iter()
            .any(|w| matches!(w.as_str(), "public" | "pub" | "pubkey"));
        let data_security = security_context(data_text) && !public && !identity_purpose(func);
        if data_security || func_security || stored_as_secret(cx, site) {
            cx.report(Report::at(site.span));
        }
    }
}
