use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::cors::{self, Grant};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags CORS that accepts any origin without credentials: `cors()` with its default,
    /// `cors({ origin: "*" })`, and `Access-Control-Allow-Origin: *` set by hand.
    ///
    /// ## Why is this bad?
    /// Any website can call the API from its visitors' browsers and read the answers:
    /// fine for public data, a leak for anything behind a network boundary (CWE-942).
    ///
    /// ## Example
    /// ```js
    /// app.use(cors());
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// app.use(cors({ origin: ["https://app.example.com"] }));
    /// ```
    JsCorsWildcard
}

static META: RuleMeta = RuleMeta {
    id: "js/cors-wildcard",
    title: "CORS allows any origin",
    cwe: &[942],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "CORS allows any origin; list the origins that need access",
    family: Family::Js,
    keywords: &["cors", "access-control-allow-origin"],
    calls: cors::JS_CALLS,
    on: on::MODULE,
};

impl Rule for JsCorsWildcard {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        cors::report_call(cx, site, Grant::AnyOrigin);
    }
    /// Headers listed as `{ key, value }` objects (Next.js `headers()` in next.config.js):
    /// `{ key: "Access-Control-Allow-Origin", value: "*" }`.
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let m = cx.module();
        let mut spans = Vec::new();
        for f in &m.funcs {
            crate::flow::walk_exprs(&f.body, &mut |e| {
                e.walk(&mut |x| {
                    if matches!(x.kind, crate::ir::ExprKind::Dict(_))
                        && x.prop("key")
                            .and_then(|k| k.as_str())
                            .is_some_and(|k| k.eq_ignore_ascii_case("access-control-allow-origin"))
                        && x.prop("value").and_then(|v| v.as_str()) == Some("*")
                    {
                        spans.push(x.span);
                    }
                });
            });
        }
        spans.sort_by_key(|s| s.start);
        spans.dedup();
        for s in spans {
            cx.report(Report::at(s));
        }
    }
}
