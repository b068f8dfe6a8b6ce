use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::assigned_text;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags passwords hashed with a fast general-purpose hash (`hashlib.md5`, `sha1`,
    /// `sha256`, `sha512`, `hashlib.new(...)`) instead of a password hashing function.
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
    keywords: &["hashlib", "md5", "sha"],
    calls: &[
        "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "sha3_512", "blake2b",
        "blake2s", "new", "update",
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

impl Rule for PythonWeakPasswordHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
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
