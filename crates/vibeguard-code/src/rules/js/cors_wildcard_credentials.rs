use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags CORS that accepts any origin *with credentials*: `cors({ origin: true |
    /// "*", credentials: true })`, and `Access-Control-Allow-Origin` set from the
    /// request's `Origin` header.
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
    calls: &["cors", "setHeader", "header", "set"],
    on: 0,
};

impl Rule for JsCorsWildcardCredentials {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&["cors"]) {
            let creds = site
                .option(0, "credentials")
                .is_some_and(|(_, v)| const_bool(&v) == Some(true));
            let any = site
                .option(0, "origin")
                .is_some_and(|(_, v)| const_bool(&v) == Some(true) || v.const_str() == Some("*"));
            if creds && any {
                cx.report(Report::at(site.span));
            }
            return;
        }
        if matches!(site.name, "setHeader" | "header" | "set")
            && site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response))
            && site
                .arg(0)
                .and_then(|(_, v)| v.const_str())
                .is_some_and(|h| h.eq_ignore_ascii_case("access-control-allow-origin"))
            && let Some((_, v)) = site.arg(1)
            && cx.is_tainted(v, sink::HEADER, accept::INPUT)
        {
            cx.report(Report::at(site.span));
        }
    }
}
