use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::support::names_alg_none;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags JSON Web Tokens with the "none" algorithm: PyJWT / python-jose tokens signed
    /// with `algorithm="none"`, a `decode` whose algorithm list allows `"none"`, and
    /// djangorestframework-simplejwt's `SIMPLE_JWT = {"ALGORITHM": "none"}` (or `None`)
    /// setting.
    ///
    /// ## Why is this bad?
    /// A token with `"alg": "none"` carries no signature: anyone can write one with any
    /// claims (another user, an admin role), and a verifier that allows the algorithm
    /// accepts it (CWE-347, CWE-327).
    ///
    /// ## Example
    /// ```python
    /// token = jwt.encode({"sub": user_id}, None, algorithm="none")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// token = jwt.encode({"sub": user_id}, signing_key, algorithm="HS256")
    /// ```
    JwtNoneAlg
}

static META: RuleMeta = RuleMeta {
    id: "python/jwt-none-alg",
    title: "JWT without a signature",
    cwe: &[347, 327],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "JWT with the \"none\" algorithm: anyone can forge it; sign with HMAC, RSA or ECDSA",
    family: Family::Python,
    keywords: &["jwt", "jose", "SIMPLE_JWT"],
    calls: &["decode", "encode"],
    on: on::ASSIGN,
};

impl Rule for JwtNoneAlg {
    crate::rule_meta!(META);
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
        let none = match site.name {
            "decode" => site
                .kwarg("algorithms")
                .is_some_and(|(_, v)| names_alg_none(v)),
            "encode" => site
                .kwarg("algorithm")
                .is_some_and(|(_, v)| names_alg_none(v)),
            _ => false,
        };
        if none {
            cx.report(Report::at(site.span));
        }
    }
}
