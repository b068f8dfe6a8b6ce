use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags JSON Web Tokens decoded without checking the signature: PyJWT
    /// `jwt.decode(..., verify=False)` or `options={"verify_signature": False}` and
    /// python-jose `get_unverified_claims`. (The "none"
    /// algorithm is python/jwt-none-alg's.)
    ///
    /// ## Why is this bad?
    /// An unverified token is just JSON the client wrote: anyone can claim to be any
    /// user or an admin (CWE-347).
    ///
    /// ## Example
    /// ```python
    /// claims = jwt.decode(token, options={"verify_signature": False})
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// claims = jwt.decode(token, key, algorithms=["HS256"])
    /// ```
    JwtUnverified
}

static META: RuleMeta = RuleMeta {
    id: "python/jwt-unverified",
    title: "JWT decoded without verifying its signature",
    cwe: &[347],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "JWT accepted without a signature check; decode with the key and an explicit algorithm list",
    family: Family::Python,
    keywords: &["jwt", "jose"],
    calls: &["decode", "get_unverified_claims", "get_unverified_header"],
    on: 0,
};

impl Rule for JwtUnverified {
    crate::rule_meta!(META);
    /// Django settings: `SIMPLE_JWT = {"ALGORITHM": "none"}` signs and accepts tokens
    /// with no signature (`None` is PyJWT's `"none"` too).
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        if !(path.starts_with("jwt.") || path.starts_with("jose.")) {
            return;
        }
        let bad = match site.name {
            "get_unverified_claims" => true,
            "decode" => {
                site.kwarg("verify")
                    .is_some_and(|(_, v)| const_bool(v) == Some(false))
                    || site.kwarg("options").is_some_and(|(_, v)| {
                        v.field("verify_signature")
                            .is_some_and(|f| const_bool(&f) == Some(false))
                    })
            }
            _ => false,
        };
        if bad {
            cx.report(Report::at(site.span));
        }
    }
}
