use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::flow::value::ObjKind;
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags CORS that lets any site read responses: Spring's `@CrossOrigin` without
    /// origins or with `*`, `allowedOrigins("*")` / `addAllowedOrigin("*")` /
    /// `allowedOriginPatterns("*")`, and an `Access-Control-Allow-Origin` header set to
    /// `*` or to the request's own `Origin`.
    ///
    /// ## Why is this bad?
    /// Any web site the user visits can then call this API in the user's browser and read
    /// the answers; with credentials allowed it reads the user's data (CWE-942).
    ///
    /// ## Example
    /// ```java
    /// @CrossOrigin(origins = "*", allowCredentials = "true")
    /// public class AccountController { ... }
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// @CrossOrigin(origins = "https://app.example.com", allowCredentials = "true")
    /// ```
    JavaCors
}

static META: RuleMeta = RuleMeta {
    id: "java/cors",
    title: "CORS allows any origin",
    cwe: &[942, 346],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "CORS allows any origin; list the origins that may call this API",
    family: Family::Java,
    keywords: &["CrossOrigin", "Origin"],
    calls: &[
        "CrossOrigin",
        "allowedOrigins",
        "addAllowedOrigin",
        "allowedOriginPatterns",
        "addAllowedOriginPattern",
        "setAllowedOrigins",
        "setHeader",
        "addHeader",
    ],
    on: 0,
};

/// Does the expression name the `*` origin (a string or an array of strings)?
fn has_star(e: &Expr) -> bool {
    let mut star = false;
    e.walk(&mut |x| {
        if x.as_str() == Some("*") {
            star = true;
        }
    });
    star
}

impl Rule for JavaCors {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        match site.name {
            // An annotation (lowered as a call): no origins means every origin.
            "CrossOrigin" => {
                let origins: Vec<&Expr> = ["origins", "value", "originPatterns"]
                    .iter()
                    .filter_map(|k| site.kwarg(k).map(|(e, _)| e))
                    .chain(site.arg(0).map(|(e, _)| e))
                    .collect();
                if origins.is_empty() || origins.iter().any(|e| has_star(e)) {
                    cx.report(Report::at(site.span));
                }
            }
            "setHeader" | "addHeader" => {
                if !site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response)) {
                    return;
                }
                let named = site
                    .arg(0)
                    .and_then(|(_, v)| v.const_str())
                    .is_some_and(|h| h.eq_ignore_ascii_case("Access-Control-Allow-Origin"));
                let Some((e, v)) = site.arg(1) else { return };
                if !named {
                    return;
                }
                // `"*"`, or a local or constant holding it.
                if matches!(&e.kind, ExprKind::Str(s) if s == "*")
                    || v.is_const() && v.const_str() == Some("*")
                {
                    cx.report(Report::at(site.span));
                } else {
                    cx.flow(site.span, v, sink::URL, accept::REQUEST);
                }
            }
            _ => {
                if site.args.iter().any(|v| v.const_str() == Some("*"))
                    || site.call.args.iter().any(|a| has_star(&a.value))
                {
                    cx.report(Report::at(site.span));
                }
            }
        }
    }
}
