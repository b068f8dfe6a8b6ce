use crate::check::{CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::flow::value::ObjKind;
use crate::ir::{BinOp, ExprKind};
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags redirects to a URL from the request: `response.sendRedirect(url)`, a
    /// `Location` header, Spring's `"redirect:" + url` view name (returned, built in a
    /// variable first, or given to `new ModelAndView(view)` / `setViewName(view)`) and
    /// `new RedirectView(url)`, a `ResponseEntity`/`HttpHeaders` location and JAX-RS
    /// `Response.seeOther`/`temporaryRedirect`/`location`, a `Location` header set on a
    /// Spring `ResponseEntity` builder or `HttpHeaders` (`.header("Location", url)`,
    /// `headers.add(HttpHeaders.LOCATION, url)`) or a JAX-RS response builder, Javalin's `ctx.redirect(url)`,
    /// Spark's `res.redirect(url)` and Vert.x's `rc.redirect(url)` /
    /// `putHeader("Location", url)`, unless the program checked that the URL is a path on this site
    /// (`/` but not `//`) or fixed its host.
    ///
    /// ## Why is this bad?
    /// A link to a trusted site that bounces the visitor to a look-alike login page is a
    /// phishing tool (open redirect, CWE-601).
    ///
    /// ## Example
    /// ```java
    /// resp.sendRedirect(req.getParameter("next"));
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// String next = req.getParameter("next");
    /// if (next == null || !next.startsWith("/") || next.startsWith("//")) {
    ///     next = "/";
    /// }
    /// resp.sendRedirect(next);
    /// ```
    JavaOpenRedirect
}

static META: RuleMeta = RuleMeta {
    id: "java/open-redirect",
    title: "Redirect to a URL from input",
    cwe: &[601],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "redirect to a URL from the request; allow only paths on this site or known hosts",
    family: Family::Java,
    keywords: &[
        "redirect",
        "Location",
        "location",
        "seeOther",
        "temporaryRedirect",
    ],
    calls: &[
        "sendRedirect",
        "redirect",
        "setHeader",
        "addHeader",
        "putHeader",
        "RedirectView",
        "header",
        "add",
        "set",
        "ModelAndView",
        "setViewName",
        "location",
        "setLocation",
        "seeOther",
        "temporaryRedirect",
    ],
    on: on::RETURN,
};

impl Rule for JavaOpenRedirect {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let to_response = site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response));
        let arg = match site.name {
            "sendRedirect" if to_response => site.arg(0),
            // Spark `res.redirect(url)`; Javalin `ctx.redirect(url)`, Vert.x
            // `rc.redirect(url)` on the request context.
            "redirect"
                if to_response
                    || site.recv.is_some_and(|r| r.is_obj(&ObjKind::Request(true)))
                        && (cx.imports("io.javalin") || cx.imports("io.vertx")) =>
            {
                site.arg(0)
            }
            "setHeader" | "addHeader" | "putHeader"
                if to_response
                    && site
                        .arg(0)
                        .and_then(|(_, v)| v.const_str())
                        .is_some_and(|h| h.eq_ignore_ascii_case("Location")) =>
            {
                site.arg(1)
            }
            // Spring's `ResponseEntity.status(FOUND).header("Location", url)` and
            // `HttpHeaders.add/set(HttpHeaders.LOCATION, url)`, JAX-RS's
            // `Response.status(302).header("Location", url)`.
            "header" | "add" | "set"
                if site.recv.is_some()
                    && (cx.imports("org.springframework.http")
                        || cx.imports("javax.ws.rs")
                        || cx.imports("jakarta.ws.rs"))
                    && site.arg(0).is_some_and(|(e, v)| {
                        v.const_str()
                            .is_some_and(|h| h.eq_ignore_ascii_case("Location"))
                            || e.last_name() == Some("LOCATION")
                    }) =>
            {
                site.arg(1)
            }
            "RedirectView" if site.call.is_new => site.arg(0),
            // A Spring view name that starts with "redirect:".
            "ModelAndView" if site.call.is_new => site.arg(0).filter(|(_, v)| redirect_view(v)),
            "setViewName" => site.arg(0).filter(|(_, v)| redirect_view(v)),
            // Spring `ResponseEntity.status(FOUND).location(uri)`, `HttpHeaders.setLocation`,
            // JAX-RS `Response.seeOther(uri)` / `temporaryRedirect(uri)` / `.location(uri)`.
            "location" | "setLocation" | "seeOther" | "temporaryRedirect"
                if matches!(site.call.callee.kind, ExprKind::Attr(..))
                    && site.call.args.len() == 1 =>
            {
                site.arg(0)
            }
            _ => None,
        };
        if let Some((e, v)) = arg
            && !host_is_fixed(v)
            && !local_path(e, v)
        {
            cx.flow(site.span, v, sink::REDIRECT, accept::REQUEST);
        }
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        // return "redirect:" + next;  (a Spring MVC view name)
        // The engine's value of the whole string carries the URL part's taint.
        // A view name built before the return (`String view = "redirect:" + next;`) is
        // known by the constant text it starts with.
        let literal = matches!(&site.value.kind, ExprKind::Binary(BinOp::Add, l, _)
            if l.as_str() == Some("redirect:"));
        let variable = matches!(site.value.kind, ExprKind::Name(_)) && redirect_view(site.val);
        if literal || variable {
            cx.flow(site.span, site.val, sink::REDIRECT, accept::REQUEST);
        }
    }
}

/// A path on this site: the URL's constant start is `/` and a character other than `/`
/// or `\\` (seen through `new URI(..)` / `URI.create(..)`).
fn local_path(e: &crate::ir::Expr, v: &crate::flow::value::Val) -> bool {
    // `"/" + x` is not enough: `x` = `/evil.example` makes `//evil.example`.
    let local = |p: &str| {
        let mut c = p.chars();
        c.next() == Some('/') && c.next().is_some_and(|d| d != '/' && d != '\\')
    };
    if v.prefix.as_deref().is_some_and(local) {
        return true;
    }
    let mut e = e;
    while let Some(c) = e.as_call()
        && matches!(c.callee.last_name(), Some("URI" | "create"))
        && c.args.len() == 1
    {
        e = &c.args[0].value;
    }
    while let ExprKind::Binary(BinOp::Add, l, _) = &e.kind {
        e = l;
    }
    e.as_str().is_some_and(local)
}

/// A Spring view name that redirects: a string built from `"redirect:"` and more.
fn redirect_view(v: &crate::flow::value::Val) -> bool {
    v.built
        && v.prefix
            .as_deref()
            .is_some_and(|p| p.starts_with("redirect:"))
}
