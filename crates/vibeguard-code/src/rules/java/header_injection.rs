use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::flow::value::ObjKind;
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::rules::support::{java_receiver_declared, single_def};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags response headers and cookies whose value comes from the request with its
    /// line breaks left in: servlet `response.setHeader/addHeader(name, value)` (also on
    /// a `HttpServletResponseWrapper`), `new Cookie(name, value)` / `cookie.setValue(value)`,
    /// JAX-RS `new NewCookie(name, value)`, Spring `HttpHeaders.add/set(name, value)` and
    /// `ResponseEntity...header(name, value)`, JAX-RS `Response...header(name, value)`,
    /// Spark `res.header`, Javalin `ctx.header(name, value)`, Vert.x `putHeader`.
    /// CORS headers are left to their own rule, and so is a `Location` the request may
    /// point anywhere (open redirect); a `Location` with a fixed start is judged here.
    ///
    /// ## Why is this bad?
    /// A value with `\r\n` in it ends the header it is written into: the client sees
    /// headers of the attacker's choice (a session cookie, a cache directive) or a whole
    /// second response (HTTP response splitting, CWE-113).
    ///
    /// ## Example
    /// ```java
    /// response.addHeader("X-User", request.getParameter("user"));
    /// response.addCookie(new Cookie("lang", request.getParameter("lang")));
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// response.addHeader("X-User", request.getParameter("user").replaceAll("[\\r\\n]", ""));
    /// response.addCookie(new Cookie("lang", URLEncoder.encode(lang, StandardCharsets.UTF_8)));
    /// ```
    JavaHeaderInjection
}

static META: RuleMeta = RuleMeta {
    id: "java/header-injection",
    title: "Response header or cookie from request data",
    cwe: &[113],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "response header or cookie set from request data; remove CR and LF or URL-encode it first",
    family: Family::Java,
    keywords: &["Header", "header", "Cookie"],
    calls: &[
        "setHeader",
        "addHeader",
        "header",
        "putHeader",
        "add",
        "set",
        "Cookie",
        "NewCookie",
        "setValue",
    ],
    on: 0,
};

/// Servlet response types a header is written to (the wrappers pass it on).
const RESPONSE_TYPES: &[&str] = &[
    "HttpServletResponse",
    "ServletResponse",
    "HttpServletResponseWrapper",
    "ServletResponseWrapper",
];

impl Rule for JavaHeaderInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let value = match site.name {
            "setHeader" | "addHeader" if servlet_response(cx, site) => header_value(site),
            // Spring's `HttpHeaders` / `ResponseEntity.BodyBuilder.header`, JAX-RS's
            // `ResponseBuilder.header`: the same header line, written by the container.
            "header" | "add" | "set"
                if site.recv.is_some()
                    && site.call.args.len() == 2
                    && (cx.imports("org.springframework.http")
                        || cx.imports("javax.ws.rs")
                        || cx.imports("jakarta.ws.rs"))
                    && (site.name == "header"
                        || java_receiver_declared(cx, site, &["HttpHeaders"])) =>
            {
                header_value(site)
            }
            // Spark `res.header(name, value)`, Vert.x `response.putHeader(name, value)`,
            // Javalin `ctx.header(name, value)` (with one argument it reads a request
            // header).
            "header" | "putHeader"
                if site.call.args.len() == 2
                    && site.recv.is_some_and(|r| {
                        r.is_obj(&ObjKind::Response)
                            || r.is_obj(&ObjKind::Request(true)) && cx.imports("io.javalin")
                    }) =>
            {
                header_value(site)
            }
            // `new Cookie(name, value)` / `new NewCookie(name, value)`: the value goes into
            // a `Set-Cookie` line.
            "Cookie" | "NewCookie" if site.call.is_new => site.arg(1),
            "setValue" if on_cookie(cx, site) => site.arg(0),
            _ => None,
        };
        if let Some((_, v)) = value {
            cx.flow(site.span, v, sink::HEADER, accept::REQUEST);
        }
    }
}

/// The value of `setHeader(name, value)`, unless the header is one another rule judges:
/// `Access-Control-Allow-Origin` (CORS), and a `Location` whose whole target the request
/// may choose (open redirect). A `Location` that starts with constant text
/// (`"/author.jsp?lang=" + lang`) fixes where it goes, so the redirect rule is silent,
/// but a line break in the tail still splits the response: judged here.
fn header_value<'a>(
    site: &CallSite<'a>,
) -> Option<(&'a crate::ir::Expr, &'a crate::flow::value::Val)> {
    let (name_e, name_v) = site.arg(0)?;
    let is = |h: &str, constant: &str| {
        name_v
            .const_str()
            .is_some_and(|n| n.eq_ignore_ascii_case(h))
            || name_e.last_name() == Some(constant)
    };
    let value = site.arg(1)?;
    if is("access-control-allow-origin", "ACCESS_CONTROL_ALLOW_ORIGIN")
        || is("location", "LOCATION") && !fixed_start(value.1)
    {
        return None;
    }
    Some(value)
}

/// A built string that starts with constant text naming its target: not a bare `/`,
/// `//` or scheme (`"https://" + host` is the request's target, judged as a redirect).
fn fixed_start(v: &crate::flow::value::Val) -> bool {
    v.prefix
        .as_deref()
        .is_some_and(|p| !p.is_empty() && p != "/" && !p.ends_with("//"))
}

/// The receiver is the servlet response: a handler's response object, or a variable
/// declared with a servlet response (wrapper) type.
fn servlet_response(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response))
        || java_receiver_declared(cx, site, RESPONSE_TYPES)
        || receiver_made_by(cx, site, |c| c.ends_with("ResponseWrapper"))
}

/// The receiver is a cookie: declared `Cookie c` or assigned `new Cookie(..)`.
fn on_cookie(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    java_receiver_declared(cx, site, &["Cookie"])
        || receiver_made_by(cx, site, |c| matches!(c, "Cookie" | "NewCookie"))
}

/// The receiver is a local assigned once from `new C(..)` with `class(C)` true
/// (`var c = new Cookie(..)`, which leaves no type to read).
fn receiver_made_by(cx: &Cx<'_, '_>, site: &CallSite<'_>, class: impl Fn(&str) -> bool) -> bool {
    let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    let Some(name) = recv.as_name() else {
        return false;
    };
    single_def(cx, name).is_some_and(|d| {
        d.as_call()
            .is_some_and(|c| c.is_new && c.callee.last_name().is_some_and(&class))
    })
}
