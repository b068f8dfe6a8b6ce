use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `Access-Control-Allow-Origin` set to `*` or to the request's own `Origin`
    /// (reflected without an allowlist check), and gin-contrib `cors.Config` that allows
    /// every origin.
    ///
    /// ## Why is this bad?
    /// Any web site the user visits can then read this API's responses in the user's
    /// browser; reflecting the origin (which also works with credentials) hands over the
    /// user's data (CWE-942, CWE-346).
    ///
    /// ## Example
    /// ```go
    /// w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
    /// w.Header().Set("Access-Control-Allow-Credentials", "true")
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// if origin := r.Header.Get("Origin"); allowedOrigins[origin] {
    ///     w.Header().Set("Access-Control-Allow-Origin", origin)
    /// }
    /// ```
    GoCors
}

static META: RuleMeta = RuleMeta {
    id: "go/cors",
    title: "CORS allows any origin",
    cwe: &[942, 346],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "CORS allows any origin (wildcard or reflected Origin); check the origin against an allowlist",
    family: Family::Go,
    keywords: &["Access-Control-Allow-Origin", "cors"],
    calls: &["Set", "Add", "Header", "Config"],
    on: 0,
};

impl Rule for GoCors {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.call.is_new && site.name == "Config" && cx.imports("github.com/gin-contrib/cors") {
            let all = site
                .option(0, "AllowAllOrigins")
                .is_some_and(|(_, v)| const_bool(&v) == Some(true));
            let star = site
                .option(0, "AllowOrigins")
                .is_some_and(|(e, _)| matches!(&e.kind, ExprKind::List(xs) if xs.iter().any(|x| x.as_str() == Some("*"))));
            if all || star {
                cx.report(Report::at(site.span));
            }
            return;
        }
        // w.Header().Set(name, value) / c.Header(name, value) / c.Writer.Header().Set(...)
        let header_set = match &site.call.callee.kind {
            ExprKind::Attr(b, m) if matches!(m.as_str(), "Set" | "Add") => b
                .as_call()
                .is_some_and(|h| h.callee.last_name() == Some("Header")),
            ExprKind::Attr(_, m) => m == "Header" && site.positional() == 2,
            _ => false,
        };
        if !header_set {
            return;
        }
        let named = site.arg(0).is_some_and(|(_, v)| {
            v.const_str()
                .is_some_and(|s| s.eq_ignore_ascii_case("Access-Control-Allow-Origin"))
        });
        let Some((_, v)) = site.arg(1) else { return };
        if !named {
            return;
        }
        if v.const_str() == Some("*") {
            cx.report(Report::at(site.span));
        } else {
            cx.flow(site.span, v, sink::URL, accept::REQUEST);
        }
    }
}
