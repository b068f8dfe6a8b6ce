use crate::check::{CallSite, Cx, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::cors::{self, Grant};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags CORS that accepts any origin *with credentials*: `cors({ origin: true |
    /// "*", credentials: true })`, and `Access-Control-Allow-Origin` set from the
    /// request (its `Origin` header, a query or body field), one header at a time
    /// (`res.setHeader`, `res.header`, `res.set`) or in a headers object
    /// (`res.set({...})`, `res.writeHead(200, {...})`).
    ///
    /// ## Why is this bad?
    /// Any website a logged-in user visits can call the API with their cookies and read
    /// the answers (CWE-942, CWE-346).
    ///
    /// ## Example
    /// ```js
    /// app.use(cors({ origin: true, credentials: true }));
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// app.use(cors({ origin: ["https://app.example.com"], credentials: true }));
    /// ```
    JsCorsWildcardCredentials
}

static META: RuleMeta = RuleMeta {
    id: "js/cors-wildcard-credentials",
    title: "CORS allows any origin with credentials",
    cwe: &[942, 346],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "CORS allows any origin with credentials; list the allowed origins",
    family: Family::Js,
    keywords: &["cors", "access-control-allow-origin"],
    calls: cors::JS_CALLS,
    on: 0,
};

impl Rule for JsCorsWildcardCredentials {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        cors::report_call(cx, site, Grant::AnyOriginWithCredentials);
    }
}
