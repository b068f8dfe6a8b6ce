use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::{assigned_text, const_num};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags passwords hashed with a fast general-purpose hash (`hashlib.md5`, `sha1`,
    /// `sha256`, `sha512`, `hashlib.new(...)`) instead of a password hashing function,
    /// and password hashing functions set up too weak: PBKDF2 under 10,000 iterations
    /// (`hashlib.pbkdf2_hmac`, `cryptography`'s `PBKDF2HMAC`), a bcrypt cost under 10
    /// (`bcrypt.gensalt(8)`), and argon2-cffi's Argon2i/Argon2d variants
    /// (`PasswordHasher(type=Type.I)`) where the guidance (RFC 9106, OWASP) is Argon2id.
    ///
    /// ## Why is this bad?
    /// Fast hashes are built to be computed billions of times per second: a leaked table
    /// of MD5 or SHA-256 password hashes is cracked in hours, and without a salt identical
    /// passwords share a hash (CWE-916, CWE-759, CWE-328).
    ///
    /// ## Example
    /// ```python
    /// stored = hashlib.sha256(password.encode()).hexdigest()
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// stored = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    /// # or hashlib.scrypt / argon2-cffi / werkzeug.security.generate_password_hash
    /// ```
    PythonWeakPasswordHash
}

static META: RuleMeta = RuleMeta {
    id: "python/weak-password-hash",
    title: "Password hashed with a fast hash",
    cwe: &[916, 759, 328],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "password hashed with a fast hash; use bcrypt, scrypt, argon2 or PBKDF2 with a salt",
    family: Family::Python,
    keywords: &["hashlib", "md5", "sha", "pbkdf2", "bcrypt", "argon2"],
    calls: &[
        "md5",
        "sha1",
        "sha224",
        "sha256",
        "sha384",
        "sha512",
        "sha3_256",
        "sha3_512",
        "blake2b",
        "blake2s",
        "new",
        "update",
        "pbkdf2_hmac",
        "PBKDF2HMAC",
        "gensalt",
        "hash",
        "hash_secret",
        "hash_secret_raw",
    ],
    on: 0,
};

/// Does the text of an expression mention a password?
pub fn mentions_password(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .map(|w| w.to_ascii_lowercase())
        .any(|w| {
            w.contains("password")
                || w.contains("passwd")
                || w.contains("passwort")
                || w.contains("pwd")
                || w.contains("passphrase")
                || w == "pw"
                || w == "pass"
                || w.starts_with("pass_")
                || w.ends_with("_pass")
                || w.ends_with("_pw")
        })
}

/// PBKDF2 iterations and bcrypt cost below which guessing is not slowed enough (the
/// same thresholds as js/weak-password-hash).
const MIN_PBKDF2_ITERATIONS: f64 = 10_000.0;
const MIN_BCRYPT_COST: f64 = 10.0;

/// A work factor set too low: `hashlib.pbkdf2_hmac(alg, pw, salt, 1000)`,
/// `PBKDF2HMAC(..., iterations=1000)`, `bcrypt.gensalt(8)` / `gensalt(rounds=8)`.
fn weak_work_factor(site: &CallSite<'_>) -> bool {
    let num =
        |a: Option<(&crate::ir::Expr, &crate::flow::value::Val)>| a.and_then(|(_, v)| const_num(v));
    match site.path {
        Some("hashlib.pbkdf2_hmac") => num(site.arg(3).or_else(|| site.kwarg("iterations")))
            .is_some_and(|n| n < MIN_PBKDF2_ITERATIONS),
        Some(p) if p.starts_with("cryptography.") && site.name == "PBKDF2HMAC" => {
            num(site.kwarg("iterations").or_else(|| site.arg(3)))
                .is_some_and(|n| n < MIN_PBKDF2_ITERATIONS)
        }
        Some("bcrypt.gensalt") => {
            num(site.arg(0).or_else(|| site.kwarg("rounds"))).is_some_and(|n| n < MIN_BCRYPT_COST)
        }
        _ => false,
    }
}

/// An argon2-cffi variant other than Argon2id: `type=Type.I` / `Type.D` passed to
/// `hash_secret(...)`, or to the `PasswordHasher(...)` whose `hash(password)` this is.
fn argon2_weak_variant(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    let weak = |text: &str| {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .any(|w| w.ends_with("Type.I") || w.ends_with("Type.D"))
    };
    match site.path {
        Some("argon2.low_level.hash_secret" | "argon2.low_level.hash_secret_raw") => site
            .kwarg("type")
            .or_else(|| site.arg(6))
            .is_some_and(|(e, _)| weak(cx.text(e.span))),
        _ if site.name == "hash" && cx.imports("argon2") => {
            let crate::ir::ExprKind::Attr(recv, _) = &site.call.callee.kind else {
                return false;
            };
            recv.as_name()
                .and_then(|n| assigned_text(cx, n, site.span))
                .is_some_and(|rhs| rhs.contains("PasswordHasher(") && weak(rhs))
        }
        _ => false,
    }
}

impl Rule for PythonWeakPasswordHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if weak_work_factor(site) {
            cx.report(Report::at(site.span).message(
                "password hash work factor too low (PBKDF2 under 10,000 iterations, bcrypt cost under 10); raise it",
            ));
            return;
        }
        // Slow password hashes with their work factor in range.
        if matches!(site.name, "pbkdf2_hmac" | "PBKDF2HMAC" | "gensalt") {
            return;
        }
        if matches!(site.name, "hash" | "hash_secret" | "hash_secret_raw") {
            // Only what is hashed decides whether it is a password (`ph.hash(email)` is not).
            let hashed = site.arg(0).or_else(|| site.kwarg("secret"));
            if argon2_weak_variant(cx, site)
                && hashed.is_some_and(|(e, v)| !v.is_const() && mentions_password(cx.text(e.span)))
            {
                cx.report(Report::at(site.span).message(
                    "password hashed with the Argon2i/Argon2d variant; use Argon2id (argon2's default)",
                ));
            }
            return;
        }
        let data = if site.path.is_some_and(|p| p.starts_with("hashlib.")) {
            if site.name == "new" {
                site.arg(1)
            } else {
                site.arg(0)
            }
        } else if site.name == "update" && site.recv.is_some() && cx.imports("hashlib") {
            site.arg(0)
        } else {
            None
        };
        let Some((e, v)) = data else { return };
        // A constant (`b"password"`, a test vector): the program's own text, not a
        // user's password; a hard-coded one is python/hardcoded-credentials'.
        if v.is_const() {
            return;
        }
        let func = &cx.module().funcs[cx.func()].name;
        let text = cx.text(e.span);
        // `salted = username + password` then `sha256(salted.encode())`: the variable
        // hashed was built from the password one assignment earlier.
        let root = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap_or("");
        let via_local =
            !root.is_empty() && assigned_text(cx, root, site.span).is_some_and(mentions_password);
        if mentions_password(text) || mentions_password(func) || via_local {
            cx.report(Report::at(site.span));
        }
    }
}
