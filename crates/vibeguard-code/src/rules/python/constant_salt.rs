use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::Val;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags password-hashing functions given a salt written in the code:
    /// `hashlib.pbkdf2_hmac(.., salt=b"...")`, `hashlib.scrypt(.., salt=...)`,
    /// `cryptography`'s `PBKDF2HMAC`/`Scrypt` and `bcrypt.hashpw` with a literal salt.
    ///
    /// ## Why is this bad?
    /// A salt exists to make every stored hash different. One salt for every user lets an
    /// attacker crack the whole table at once and spot users who share a password
    /// (CWE-760).
    ///
    /// ## Example
    /// ```python
    /// hashlib.pbkdf2_hmac("sha256", password, b"salt", 600_000)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// salt = os.urandom(16)
    /// hashlib.pbkdf2_hmac("sha256", password, salt, 600_000)  # store the salt with the hash
    /// ```
    ConstantSalt
}

static META: RuleMeta = RuleMeta {
    id: "python/constant-salt",
    title: "Password hashed with a constant salt",
    cwe: &[760],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "the salt is a constant in the code; generate a random salt per password (os.urandom(16)) and store it with the hash",
    family: Family::Python,
    keywords: &["salt", "pbkdf2", "scrypt", "hashpw"],
    calls: &["pbkdf2_hmac", "scrypt", "PBKDF2HMAC", "Scrypt", "hashpw"],
    on: 0,
};

fn literal(v: &Val) -> bool {
    v.is_const() && v.const_str().is_some_and(|s| !s.is_empty())
}

impl Rule for ConstantSalt {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        let salt = match path {
            "hashlib.pbkdf2_hmac" => site.kwarg("salt").or_else(|| site.arg(2)),
            "hashlib.scrypt" => site.kwarg("salt"),
            p if p.ends_with("kdf.pbkdf2.PBKDF2HMAC") || p.ends_with("kdf.scrypt.Scrypt") => site
                .kwarg("salt")
                .or_else(|| site.arg(if p.ends_with("PBKDF2HMAC") { 2 } else { 0 })),
            "bcrypt.hashpw" => site.arg(1).or_else(|| site.kwarg("salt")),
            _ => None,
        };
        if let Some((_, v)) = salt
            && literal(v)
        {
            cx.report(Report::at(site.span));
        }
    }
}
