use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::made_for_a_secret;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `rand()`, `mt_rand()`, `uniqid()`, `lcg_value()` and `str_shuffle()` used
    /// for a token, key, session id, password or code: a call whose assigned name or
    /// enclosing function says the value protects something.
    ///
    /// ## Why is this bad?
    /// These generators are predictable (Mersenne Twister state, the clock), so the token
    /// can be guessed; hashing the output with `md5` does not add entropy (CWE-338).
    ///
    /// ## Example
    /// ```php
    /// $token = md5(rand());
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $token = bin2hex(random_bytes(32));
    /// ```
    PhpInsecureRandom
}

static META: RuleMeta = RuleMeta {
    id: "php/insecure-random",
    title: "Predictable random value for a secret",
    cwe: &[330, 338],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "rand()/mt_rand()/uniqid() are predictable; use random_bytes() or random_int()",
    family: Family::Php,
    keywords: &["rand", "uniqid", "lcg_value", "str_shuffle"],
    calls: &["rand", "mt_rand", "uniqid", "lcg_value", "str_shuffle"],
    on: 0,
};

impl Rule for PhpInsecureRandom {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        if made_for_a_secret(cx, site.span) {
            cx.report(Report::at(site.span));
        }
    }
}
