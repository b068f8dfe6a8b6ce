use crate::check::{CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::flow::value::ObjKind;
use crate::ir::{Expr, ExprKind, Pattern, Stmt, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data written to a servlet response (`response.getWriter().print/
    /// write/append`, `getOutputStream().write`) without HTML encoding, and HTML built
    /// from request data that a Spring handler returns as the response body (a string
    /// with markup returned from a request-mapping method, or a `text/html`
    /// `ResponseEntity` body, or a JAX-RS method with `@Produces(MediaType.TEXT_HTML)`, or
    /// a JAX-RS `Response` entity typed HTML: `Response.ok(html, MediaType.TEXT_HTML)`,
    /// `Response.ok(html).type("text/html")`);
    /// and the micro-frameworks' bodies: Javalin `ctx.html(text)`, Spark `res.body(text)`
    /// and the markup a Spark route returns, Vert.x `rc.response().end(text)`.
    ///
    /// ## Why is this bad?
    /// The browser runs any script in the value with the site's cookies: a crafted link
    /// steals sessions (reflected XSS, CWE-79).
    ///
    /// ## Example
    /// ```java
    /// response.getWriter().println("<h1>Hello " + request.getParameter("name") + "</h1>");
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// response.getWriter().println("<h1>Hello " + Encode.forHtml(request.getParameter("name")) + "</h1>");
    /// ```
    JavaXss
}

static META: RuleMeta = RuleMeta {
    id: "java/xss",
    title: "Request data written as HTML",
    cwe: &[79],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "request data written to the response without HTML encoding; encode it (OWASP Encoder) or use an escaping template",
    family: Family::Java,
    keywords: &[
        "getWriter",
        "getOutputStream",
        "print",
        "write",
        "Mapping",
        "Produces",
        "html",
        "body",
        "end",
        "spark",
        "TEXT_HTML",
    ],
    calls: &[
        "entity",
        "print",
        "println",
        "write",
        "append",
        "printf",
        "format",
        "body",
        "ok",
        "ResponseEntity",
        "html",
        "end",
    ],
    on: on::RETURN,
};

/// Values assigned to the local `name` in `body`, and the arguments of calls on it
/// (`sb.append(x)`).
fn values_of<'a>(body: &'a [Stmt], name: &str, out: &mut Vec<&'a Expr>) {
    crate::ir::for_each_nested_stmt(body, &mut |s| match &s.kind {
        StmtKind::Assign { target, value } | StmtKind::AugAssign { target, value, .. } => {
            if matches!(target, Pattern::Name(n, _) if n == name) {
                out.push(value);
            }
        }
        StmtKind::Expr(e) => {
            if let ExprKind::Call(c) = &e.kind
                && let ExprKind::Attr(recv, _) = &c.callee.kind
                && recv.as_name() == Some(name)
            {
                out.extend(c.args.iter().map(|a| &a.value));
            }
        }
        _ => {}
    });
}

/// The expression is built from a string literal holding markup, directly or through
/// the locals it reads (a few assignments deep).
fn builds_markup(e: &Expr, body: &[Stmt], depth: u8) -> bool {
    let mut found = false;
    let mut names: Vec<&str> = Vec::new();
    e.walk(&mut |x| {
        if x.as_str().is_some_and(|s| s.contains('<')) {
            found = true;
        }
        if let Some(n) = x.as_name() {
            names.push(n);
        }
    });
    if found || depth == 0 {
        return found;
    }
    names.iter().any(|n| {
        let mut vals = Vec::new();
        values_of(body, n, &mut vals);
        vals.iter().any(|v| builds_markup(v, body, depth - 1))
    })
}

/// The body of a Spring `ResponseEntity`: `new ResponseEntity<>(body, status)`,
/// `ResponseEntity.ok(body)`, `ResponseEntity.ok().body(body)`.
fn response_entity_body<'a>(
    site: &CallSite<'a>,
) -> Option<(&'a Expr, &'a crate::flow::value::Val)> {
    let entity = if site.call.is_new {
        site.name == "ResponseEntity"
    } else if site.name == "ok" {
        site.path.is_some_and(|p| p.ends_with("ResponseEntity.ok"))
    } else if site.name == "body" {
        // ...contentType(MediaType.TEXT_PLAIN).body(x) is not read as HTML.
        let mut other_type = false;
        let mut root = &site.call.callee;
        loop {
            match &root.kind {
                ExprKind::Attr(b, _) => root = b,
                ExprKind::Call(c) => {
                    if let ExprKind::Attr(_, m) = &c.callee.kind
                        && m == "contentType"
                    {
                        other_type |= !c.arg(0).is_some_and(|a| {
                            a.last_name().is_some_and(|n| n.starts_with("TEXT_HTML"))
                                || a.as_str().is_some_and(|s| s.starts_with("text/html"))
                        });
                    }
                    root = &c.callee
                }
                _ => break,
            }
        }
        !other_type && root.as_name() == Some("ResponseEntity")
    } else {
        false
    };
    if entity { site.arg(0) } else { None }
}

impl Rule for JavaXss {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // return new ResponseEntity<>("<img src=" + param + ">", HttpStatus.OK): Spring
        // writes a String body with the type the browser accepts, text/html.
        if let Some((e, v)) = response_entity_body(site) {
            let body = &cx.module().funcs[cx.func()].body;
            if builds_markup(e, body, 3) {
                cx.flow(e.span, v, sink::HTML, accept::REQUEST);
                return;
            }
        }
        // Javalin `ctx.html(text)`: the response body, sent as text/html.
        if site.name == "html"
            && site.recv.is_some_and(|r| r.is_obj(&ObjKind::Request(true)))
            && cx.imports("io.javalin")
        {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::HTML, accept::REQUEST);
            }
            return;
        }
        // JAX-RS: `Response.ok(html, MediaType.TEXT_HTML)`, `Response.ok(html).type("text/html")`,
        // `Response.status(200).entity(html).type(MediaType.TEXT_HTML)`.
        if matches!(site.name, "ok" | "entity")
            && (cx.imports("javax.ws.rs") || cx.imports("jakarta.ws.rs"))
            && jaxrs_html_entity(cx, site)
        {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::HTML, accept::REQUEST);
            }
            return;
        }
        // ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html); Spark's
        // `res.body(html)` (text/html unless the program says otherwise).
        if site.name == "body" && !site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response)) {
            if let crate::ir::ExprKind::Attr(chain, _) = &site.call.callee.kind {
                let t = cx.text(chain.span);
                if (t.contains("TEXT_HTML") || t.contains("text/html"))
                    && let Some((_, v)) = site.arg(0)
                {
                    cx.flow(site.span, v, sink::HTML, accept::REQUEST);
                }
            }
            return;
        }
        if !site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response)) {
            return;
        }
        for v in site.args {
            if cx.flow(site.span, v, sink::HTML, accept::REQUEST) {
                return;
            }
        }
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        // @GetMapping ... return "<p>" + name + "</p>";  (@RestController / @ResponseBody)
        let f = &cx.module().funcs[site.func];
        // A JAX-RS resource method declared to produce HTML: `@Produces(MediaType.TEXT_HTML)`.
        let mapped = f.decorators.iter().any(|d| {
            d.last_name().is_some_and(|n| {
                n.ends_with("Mapping")
                    || n == "ResponseBody"
                    || n == "Produces" && {
                        let t = cx.text(d.span);
                        t.contains("TEXT_HTML") || t.contains("text/html")
                    }
            })
        });
        // A Spark route's return value is the response body, text/html by default.
        let spark_route = cx.is_handler(site.func) && cx.imports("spark");
        if !mapped && !spark_route {
            return;
        }
        let mut markup = false;
        site.value.walk(&mut |x| {
            if x.as_str().is_some_and(|s| s.contains('<')) {
                markup = true;
            }
        });
        if markup {
            cx.flow(site.span, site.val, sink::HTML, accept::REQUEST);
        }
    }
}

/// Names the HTML media type: `MediaType.TEXT_HTML` (or `TEXT_HTML_TYPE`), `"text/html"`.
fn names_html(text: &str) -> bool {
    text.contains("TEXT_HTML") || text.contains("text/html")
}

/// A JAX-RS response entity sent as HTML: `Response.ok(entity, MediaType.TEXT_HTML)`, or
/// an `ok(entity)` / `entity(entity)` link whose chain goes on to `.type(TEXT_HTML)` in
/// the same statement (the builder is rarely kept in a variable).
fn jaxrs_html_entity(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    let on_response = cx.text(recv.span).contains("Response");
    if !on_response {
        return false;
    }
    if site.name == "ok"
        && site
            .arg(1)
            .is_some_and(|(e, _)| names_html(cx.text(e.span)))
    {
        return true;
    }
    let whole = cx.whole_text();
    let rest = whole.get(site.span.end as usize..).unwrap_or("");
    let statement = rest.split(';').next().unwrap_or("");
    statement
        .split(".type(")
        .skip(1)
        .any(|t| names_html(t.split(')').next().unwrap_or("")))
}
