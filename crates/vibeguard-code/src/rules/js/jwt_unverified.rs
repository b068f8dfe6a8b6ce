use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::names_alg_none;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags JSON Web Tokens read without a signature check: jsonwebtoken `jwt.decode()`
    /// (which never verifies), jose `decodeJwt`, `jwt.verify` with an algorithm list that
    /// allows `"none"`, jose's `JWT.verify(token, JWK.None)`, and tokens signed with
    /// `algorithm: "none"`.
    ///
    /// ## Why is this bad?
    /// An unverified token is just JSON the client wrote: anyone can claim to be any user
    /// or an admin (CWE-347).
    ///
    /// ## Example
    /// ```js
    /// const user = jwt.decode(req.headers.authorization.slice(7));
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ["HS256"] });
    /// ```
    JsJwtUnverified
}

static META: RuleMeta = RuleMeta {
    id: "js/jwt-unverified",
    title: "JWT read without verifying its signature",
    cwe: &[347],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "JWT read without a signature check; use jwt.verify with the key and an algorithm list",
    family: Family::Js,
    keywords: &["jwt", "jose"],
    calls: &["decode", "decodeJwt", "verify", "sign"],
    on: 0,
};

impl Rule for JsJwtUnverified {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        if !(path.starts_with("jsonwebtoken")
            || path.starts_with("jose")
            || path.starts_with("jwt-decode"))
        {
            return;
        }
        let bad = match site.name {
            // Decoding to pick the key (`decode(token, { complete: true }).header.kid`)
            // before the function verifies the token is no use of unverified claims.
            "decode" | "decodeJwt" => !verifies_in_function(cx),
            // jose v1/v2 `JWT.verify(token, JWK.None)`: the "none" key accepts unsigned
            // tokens.
            "verify" => {
                site.option(2, "algorithms")
                    .is_some_and(|(_, v)| names_alg_none(&v))
                    || site.arg(0).is_some()
                        && site
                            .call
                            .arg(1)
                            .and_then(|k| cx.path_of(k))
                            .is_some_and(|k| k == "jose.JWK.None")
            }
            "sign" => site
                .option(2, "algorithm")
                .is_some_and(|(_, v)| names_alg_none(&v)),
            _ => path == "jwt-decode",
        };
        if bad {
            cx.report(Report::at(site.span));
        }
    }
}

/// Does the function the call is in also verify a token (`jwt.verify`, jose's
/// `jwtVerify`)?
fn verifies_in_function(cx: &Cx<'_, '_>) -> bool {
    let mut found = false;
    crate::flow::walk_calls(&cx.module().funcs[cx.func()].body, &mut |c| {
        found = found
            || matches!(c.callee.last_name(), Some("verify" | "jwtVerify"))
                && cx
                    .path_of(&c.callee)
                    .is_some_and(|p| p.starts_with("jsonwebtoken") || p.starts_with("jose"));
    });
    found
}
