use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags java-jwt's `Algorithm.none()`: tokens signed or verified with the "none"
    /// algorithm; and jjwt's generic `parse(token)` on a parser of the pre-0.12 API
    /// (`Jwts.parser().setSigningKey(k)`, `parserBuilder()...build()`) or one that allows
    /// `unsecured()` tokens, which returns an unsigned token as readily as a signed one.
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
    keywords: &["Algorithm", "Jwts"],
    calls: &["none", "parse"],
    on: 0,
};

impl Rule for JavaJwtNoneAlg {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.name == "parse" {
            if jjwt_parse_accepts_unsigned(site) {
                cx.report(Report::at(site.span).message(
                    "jjwt parse() also accepts a token without a signature (\"alg\": \"none\"); use parseClaimsJws / parseSignedClaims",
                ));
            }
            return;
        }
        if site.args.is_empty()
            && site
                .path
                .is_some_and(|p| p == "com.auth0.jwt.algorithms.Algorithm.none")
        {
            cx.report(Report::at(site.span));
        }
    }
}

/// `Jwts.parser().setSigningKey(k).parse(t)`: the methods called on the way from
/// `Jwts.parser()` / `Jwts.parserBuilder()` to `parse`. Before jjwt 0.12 (keys set with
/// `setSigningKey`/`setSigningKeyResolver`) and with `unsecured()` in 0.12, `parse`
/// accepts a token without a signature; `parseClaimsJws` / `parseSignedClaims` do not.
fn jjwt_parse_accepts_unsigned(site: &CallSite<'_>) -> bool {
    let mut cur = &site.call.callee;
    let (mut old_api, mut unsecured, mut built) = (false, false, false);
    while let ExprKind::Attr(b, _) = &cur.kind {
        let Some(c) = b.as_call() else { return false };
        let ExprKind::Attr(r, m) = &c.callee.kind else {
            return false;
        };
        match m.as_str() {
            "setSigningKey" | "setSigningKeyResolver" => old_api = true,
            "unsecured" => unsecured = true,
            "build" => built = true,
            // `Jwts.parser().parse(t)` with no `build()`: the pre-0.12 parser, which
            // takes unsigned tokens (0.12's `parser()` is a builder without `parse`).
            "parser" | "parserBuilder" if r.last_name() == Some("Jwts") => {
                return old_api || unsecured || m == "parserBuilder" || !built;
            }
            _ => {}
        }
        cur = &c.callee;
    }
    false
}
