use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::rules::support::made_for_a_secret;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `new Random()`, `Math.random()`, `ThreadLocalRandom` and commons-lang
    /// `RandomStringUtils.random*` used for a token, key, session id, password or code: a
    /// call whose assigned name or enclosing method says the value protects something,
    /// or whose value (or text made from it) becomes a cookie's value or a session
    /// attribute, where it identifies or authenticates a user.
    ///
    /// ## Why is this bad?
    /// `java.util.Random` is a 48-bit linear congruential generator: two outputs give
    /// away every later one, so the token can be predicted (CWE-338).
    ///
    /// ## Example
    /// ```java
    /// Random random = new Random();
    /// String sessionId = Long.toHexString(random.nextLong());
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// SecureRandom random = new SecureRandom();
    /// ```
    JavaInsecureRandom
}

static META: RuleMeta = RuleMeta {
    id: "java/insecure-random",
    title: "Predictable random value for a secret",
    cwe: &[330, 338],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "java.util.Random is predictable; use SecureRandom for tokens, keys and codes",
    family: Family::Java,
    keywords: &["Random"],
    calls: &[
        "Random",
        "random",
        "current",
        "randomAlphanumeric",
        "randomAlphabetic",
        "randomNumeric",
        "Cookie",
        "setAttribute",
        "putValue",
    ],
    on: 0,
};

impl Rule for JavaInsecureRandom {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // new Cookie("rememberMe", value) / session.setAttribute("token", value)
        let stores = site.call.is_new && site.name == "Cookie"
            || site.recv.is_some() && matches!(site.name, "setAttribute" | "putValue");
        if stores {
            if let Some((_, v)) = site.arg(1) {
                cx.flow(site.span, v, sink::ALL, accept::RANDOM);
            }
            return;
        }
        let weak = site.call.is_new && site.name == "Random"
            || site.path.is_some_and(|p| {
                p == "Math.random"
                    || p.ends_with("ThreadLocalRandom.current")
                    || p.contains("RandomStringUtils.random")
            });
        if !weak {
            return;
        }
        if made_for_a_secret(cx, site.span) {
            cx.report(Report::at(site.span));
        }
    }
}
