use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::made_for_a_secret;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `rand`, `Random.rand`, `Random.new` and `Array#shuffle`/`sample` results
    /// used for a token, key, session id, password or code: a call whose assigned name or
    /// enclosing method says the value protects something.
    ///
    /// ## Why is this bad?
    /// Ruby's `rand` is a Mersenne Twister: its state is recovered from a few outputs, so
    /// the next token can be predicted (CWE-338).
    ///
    /// ## Example
    /// ```ruby
    /// self.token = rand(36**24).to_s(36)
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// self.token = SecureRandom.urlsafe_base64(24)
    /// ```
    RubyInsecureRandom
}

static META: RuleMeta = RuleMeta {
    id: "ruby/insecure-random",
    title: "Predictable random value for a secret",
    cwe: &[330, 338],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "rand is predictable; use SecureRandom for tokens, keys and codes",
    family: Family::Ruby,
    keywords: &["rand"],
    calls: &["rand", "new"],
    on: 0,
};

impl Rule for RubyInsecureRandom {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let weak = match site.name {
            "rand" => {
                site.recv.is_none()
                    || site
                        .path
                        .is_some_and(|p| p == "Random.rand" || p == "Kernel.rand")
            }
            "new" => site.path.is_some_and(|p| p == "Random.new"),
            _ => false,
        };
        if !weak {
            return;
        }
        if made_for_a_secret(cx, site.span) {
            cx.report(Report::at(site.span));
        }
    }
}
