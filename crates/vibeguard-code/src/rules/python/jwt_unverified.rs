use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::rules::support::names_alg_none;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags JSON Web Tokens decoded without checking the signature: PyJWT
    /// `jwt.decode(..., verify=False)` or `options={"verify_signature": False}`, an
    /// algorithm list that allows `"none"`, python-jose `get_unverified_claims`, and
    /// tokens signed with `algorithm="none"`, also as djangorestframework-simplejwt's
    /// `SIMPLE_JWT = {"ALGORITHM": "none"}` (or `None`) setting.
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
    keywords: &["jwt", "jose", "SIMPLE_JWT"],
    calls: &[
        "decode",
        "get_unverified_claims",
        "get_unverified_header",
        "encode",
    ],
    on: on::ASSIGN,
};

impl Rule for JwtUnverified {
    crate::rule_meta!(META);
    /// Django settings: `SIMPLE_JWT = {"ALGORITHM": "none"}` signs and accepts tokens
    /// with no signature (`None` is PyJWT's `"none"` too).
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        use crate::ir::{DictKey, ExprKind};
        if !site.top_level || site.target_path.as_deref() != Some("SIMPLE_JWT") {
            return;
        }
        let ExprKind::Dict(items) = &site.value.kind else {
            return;
        };
        for (k, v) in items {
            let DictKey::Const(k) = k else { continue };
            if k != "ALGORITHM" {
                continue;
            }
            let none = match &v.kind {
                ExprKind::Null => true,
                ExprKind::Str(s) => s.eq_ignore_ascii_case("none"),
                _ => false,
            };
            if none {
                cx.report(Report::at(v.span));
            }
        }
    }
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
                    || site
                        .kwarg("algorithms")
                        .is_some_and(|(_, v)| names_alg_none(v))
            }
            "encode" => site
                .kwarg("algorithm")
                .is_some_and(|(_, v)| names_alg_none(v)),
            _ => false,
        };
        if bad {
            cx.report(Report::at(site.span));
        }
    }
}
