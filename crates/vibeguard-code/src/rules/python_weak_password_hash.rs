use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `hashlib.md5`, `sha1`, `sha256` and `sha512` applied to passwords: inside a
    /// function whose name mentions password, or hashing a value named like a password.
    ///
    /// ## Why is this bad?
    /// Fast unsalted digests let an attacker who obtains the table test billions of
    /// guesses per second on a GPU; MD5 and SHA-1 are also broken (CWE-327, CWE-916).
    ///
    /// ## Example
    /// ```text
    /// def hash_password(pw):
    ///     return hashlib.md5(pw.encode()).hexdigest()
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// from argon2 import PasswordHasher
    /// def hash_password(pw):
    ///     return PasswordHasher().hash(pw)
    /// ```
    PythonWeakPasswordHash
}

static META: Meta = Meta {
    id: "python/weak-password-hash",
    title: "Password hashed with a fast digest",
    cwe: &[327, 916],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "password hashed with a fast digest; use a password hashing function (argon2, bcrypt, scrypt, PBKDF2)",
    langs: &[Lang::Python],
    keywords: &["hashlib"],
};

impl CodeRule for PythonWeakPasswordHash {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let call = lazy_regex!(r"\bhashlib\.(?:md5|sha1|sha224|sha256|sha384|sha512|new)\s*\(");
        let pw = lazy_regex!(r"(?i)pass(?:word|wd|phrase)?|\bpw\b|\bpwd\b");
        let def = lazy_regex!(r"(?m)^\s*def\s+(\w+)");
        for (start, open, args) in crate::calls::calls(call, file.text) {
            let enclosing = def
                .captures_iter(&file.text[..start])
                .last()
                .map(|c| c.get(1).map_or("", |m| m.as_str()).to_string())
                .unwrap_or_default();
            if pw.is_match(args) || pw.is_match(&enclosing) {
                out.push(crate::calls::hit(start, open, args));
            }
        }
    }
}
