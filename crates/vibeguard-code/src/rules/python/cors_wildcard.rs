use crate::check::{AssignSite, CallSite, Cx, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::cors::{self, Grant};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags CORS that accepts any origin (without credentials): flask-cors `CORS(app)`
    /// with its default or `origins="*"`, `CORSMiddleware(allow_origins=["*"])`,
    /// `CORS_ALLOW_ALL_ORIGINS = True`, and `Access-Control-Allow-Origin: *` set by hand
    /// (`response.headers[...]`, `headers.set(...)`, `send_header(...)`, or a response
    /// built with a `headers` mapping).
    ///
    /// ## Why is this bad?
    /// Any website can call the API from its visitors' browsers and read the answers:
    /// fine for public data, a leak for anything behind a network boundary or an IP
    /// allowlist (CWE-942).
    ///
    /// ## Example
    /// ```python
    /// CORS(app)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// CORS(app, origins=["https://app.example.com"])
    /// ```
    PythonCorsWildcard
}

static META: RuleMeta = RuleMeta {
    id: "python/cors-wildcard",
    title: "CORS allows any origin",
    cwe: &[942],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "CORS allows any origin; list the origins that need access",
    family: Family::Python,
    keywords: &["cors", "Access-Control-Allow-Origin"],
    calls: cors::PY_CALLS,
    on: on::ASSIGN | on::MODULE,
};

impl Rule for PythonCorsWildcard {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        cors::report_call(cx, site, Grant::AnyOrigin);
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        cors::report_assign(cx, site, Grant::AnyOrigin);
    }
    fn module(&self, cx: &mut Cx<'_, '_>) {
        cors::report_module(cx, Grant::AnyOrigin);
    }
}
