use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags java-jwt's `Algorithm.none()`: tokens signed or verified with the "none"
    /// algorithm.
    ///
    /// ## Why is this bad?
    /// A token with `"alg": "none"` carries no signature, so anyone can write one with any
    /// claims (a different user, an admin role) and a verifier built on `Algorithm.none()`
    /// accepts it (CWE-347, CWE-327).
    ///
    /// ## Example
    /// ```java
    /// String token = JWT.create().withSubject(user).sign(Algorithm.none());
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// String token = JWT.create().withSubject(user).sign(Algorithm.HMAC256(secretFromVault));
    /// ```
    JavaJwtNoneAlg
}

static META: RuleMeta = RuleMeta {
    id: "java/jwt-none-alg",
    title: "JWT without a signature",
    cwe: &[347, 327],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "JWT with the \"none\" algorithm: anyone can forge it; sign with HMAC, RSA or ECDSA",
    family: Family::Java,
    keywords: &["Algorithm"],
    calls: &["none"],
    on: 0,
};

impl Rule for JavaJwtNoneAlg {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.args.is_empty()
            && site
                .path
                .is_some_and(|p| p == "com.auth0.jwt.algorithms.Algorithm.none")
        {
            cx.report(Report::at(site.span));
        }
    }
}
