use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags redirects (`http.Redirect`, gin/echo `c.Redirect`) to a URL that comes from
    /// the request, unless the program fixed the host or checked that the URL is a path
    /// on this site (`/` but not `//`).
    ///
    /// ## Why is this bad?
    /// A link to a trusted site that bounces the visitor to a look-alike login page is a
    /// phishing tool (open redirect, CWE-601).
    ///
    /// ## Example
    /// ```go
    /// http.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound)
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// next := r.URL.Query().Get("next")
    /// if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
    ///     next = "/"
    /// }
    /// http.Redirect(w, r, next, http.StatusFound)
    /// ```
    GoOpenRedirect
}

static META: RuleMeta = RuleMeta {
    id: "go/open-redirect",
    title: "Redirect to a URL from input",
    cwe: &[601],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "redirect to a URL from the request; allow only paths on this site or known hosts",
    family: Family::Go,
    keywords: &["Redirect"],
    calls: &["Redirect"],
    on: 0,
};

impl Rule for GoOpenRedirect {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // http.Redirect(w, r, url, code); c.Redirect(code, url) on a gin/echo context.
        // (fiber's `c.Redirect(url, code...)` and iris's `ctx.Redirect(url, code...)` take
        // the URL first: the argument that is not the status code.)
        let arg = if site.is(&["net/http.Redirect"]) {
            site.arg(2)
        } else if site.recv.is_some_and(|r| r.is_obj(&ObjKind::WebContext)) {
            match site.arg(0) {
                Some((e, v)) if !is_status(e, v) => Some((e, v)),
                _ => site.arg(1),
            }
        } else {
            None
        };
        if let Some((_, v)) = arg
            && !host_is_fixed(v)
        {
            cx.flow(site.span, v, sink::REDIRECT, accept::REQUEST);
        }
    }
}

/// A status code argument: a number, `http.StatusFound`, `fiber.StatusSeeOther`.
fn is_status(e: &crate::ir::Expr, v: &crate::flow::value::Val) -> bool {
    crate::rules::support::const_num(v).is_some()
        || matches!(&e.kind, crate::ir::ExprKind::Num(_))
        || e.last_name().is_some_and(|n| n.starts_with("Status"))
}
