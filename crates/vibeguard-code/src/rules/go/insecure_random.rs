use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::{made_for_a_secret, security_purpose};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `math/rand` (and `math/rand/v2`) used for a token, key, session id, password
    /// or code: a call whose assigned name or enclosing function says the value protects
    /// something, and `rand.Read(buf)` filling a buffer named for one (`key`, `iv`, `nonce`).
    ///
    /// ## Why is this bad?
    /// `math/rand` is a deterministic generator: its output can be predicted from a few
    /// samples or from the seed, so the token can be guessed (CWE-338).
    ///
    /// ## Example
    /// ```go
    /// b := make([]byte, 32)
    /// mrand.Read(b) // a reset token
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// b := make([]byte, 32)
    /// if _, err := rand.Read(b); err != nil { ... } // crypto/rand
    /// ```
    GoInsecureRandom
}

static META: RuleMeta = RuleMeta {
    id: "go/insecure-random",
    title: "Predictable random value for a secret",
    cwe: &[330, 338],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "math/rand is predictable; use crypto/rand for tokens, keys and codes",
    family: Family::Go,
    keywords: &["math/rand"],
    calls: &["*"],
    on: 0,
};

impl Rule for GoInsecureRandom {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.is(&["math/rand.*", "math/rand/v2.*"]) {
            return;
        }
        if made_for_a_secret(cx, site.span) || fills_a_secret(cx, site) {
            cx.report(Report::at(site.span));
        }
    }
}

/// `rand.Read(key)`: math/rand's `Read` returns only a count, the bytes go to the buffer
/// it is given, so the buffer's name (`key`, `iv`, `nonce`, `token[:]`) tells what the
/// bytes are for.
fn fills_a_secret(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    site.path == Some("math/rand.Read")
        && site
            .arg(0)
            .is_some_and(|(e, _)| security_purpose(cx.text(e.span)))
}
