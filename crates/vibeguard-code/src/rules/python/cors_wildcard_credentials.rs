use crate::check::{AssignSite, CallSite, Cx, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::cors::{self, Grant};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags CORS set up to accept any origin *with credentials*: flask-cors
    /// `CORS(..., supports_credentials=True)` without explicit origins, Starlette/FastAPI
    /// `CORSMiddleware(allow_origins=["*"], allow_credentials=True)`, django-cors-headers
    /// `CORS_ALLOW_ALL_ORIGINS` with `CORS_ALLOW_CREDENTIALS`, and a hand-set
    /// `Access-Control-Allow-Origin` that echoes the request's `Origin`.
    ///
    /// ## Why is this bad?
    /// With credentials allowed, these libraries echo the caller's origin back: any
    /// website a logged-in user visits can read their data from the API with their
    /// cookies (CWE-942, CWE-346).
    ///
    /// ## Example
    /// ```python
    /// CORS(app, supports_credentials=True)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// CORS(app, origins=["https://app.example.com"], supports_credentials=True)
    /// ```
    PythonCorsWildcardCredentials
}

static META: RuleMeta = RuleMeta {
    id: "python/cors-wildcard-credentials",
    title: "CORS allows any origin with credentials",
    cwe: &[942, 346],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "CORS allows any origin with credentials; list the allowed origins",
    family: Family::Python,
    keywords: &["cors", "Access-Control-Allow-Origin"],
    calls: cors::PY_CALLS,
    on: on::ASSIGN | on::MODULE,
};

impl Rule for PythonCorsWildcardCredentials {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        cors::report_call(cx, site, Grant::AnyOriginWithCredentials);
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        cors::report_assign(cx, site, Grant::AnyOriginWithCredentials);
    }
    fn module(&self, cx: &mut Cx<'_, '_>) {
        cors::report_module(cx, Grant::AnyOriginWithCredentials);
    }
}
