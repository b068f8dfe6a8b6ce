use crate::check::{AssignSite, CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::flow::value::{ObjKind, Shape, Val};
use crate::ir::{DictKey, Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data sent back as HTML by a server: `res.send`, `res.write`,
    /// `res.end` with a string (Express and Node send strings as HTML), a string a NestJS
    /// route method returns (Nest sends it with `res.send`), a string a hapi handler
    /// returns or passes to `h.response()` (sent as text/html), Koa `ctx.body = ...`,
    /// `new Response(...)` (or Next.js's `new NextResponse(...)`) with an HTML content
    /// type, and the
    /// response object of an AWS Lambda proxy integration (`{ statusCode, body, headers:
    /// { "Content-Type": "text/html" } }`, written where its `body` is), without
    /// escaping.
    ///
    /// ## Why is this bad?
    /// The browser runs any `<script>` in the value with the site's cookies and
    /// permissions: a crafted link steals sessions or acts as the user (reflected XSS,
    /// CWE-79).
    ///
    /// ## Example
    /// ```js
    /// res.send(`<h1>Hello ${req.query.name}</h1>`);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// res.send(`<h1>Hello ${escapeHtml(req.query.name)}</h1>`); // or res.render with autoescaping
    /// ```
    JsReflectedXss
}

static META: RuleMeta = RuleMeta {
    id: "js/reflected-xss",
    title: "Request data returned as HTML",
    cwe: &[79, 80, 116],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "request data written to the response as HTML without escaping; escape it or render a template",
    family: Family::Js,
    keywords: &[
        "send", "write", "end", "body", "Response", "html", "@nestjs/", "@hapi/",
    ],
    calls: &[
        "send",
        "write",
        "end",
        "Response",
        "NextResponse",
        "html",
        "response",
    ],
    on: on::ASSIGN | on::RETURN,
};

impl Rule for JsReflectedXss {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let hapi = cx.framework() == Some(crate::flow::handlers::Framework::Hapi);
        let res = site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response))
            && (matches!(site.name, "send" | "write" | "end")
                // hapi: `h.response(html)`, a string built here (sent as text/html)
                || hapi && site.name == "response" && site.arg_val(0).is_some_and(|v| v.built))
            // Hono: c.html(...)
            || site.recv.is_some_and(|r| r.is_obj(&ObjKind::WebContext)) && site.name == "html";
        let response = site.is(&["Response", "next/server.NextResponse"]) && site.call.is_new;
        if !(res || response) {
            return;
        }
        if res && non_html_type(cx, site) {
            return;
        }
        if response {
            // Only an explicit HTML content type makes a fetch Response HTML.
            let html = site
                .option(1, "headers")
                .is_some_and(|(e, _)| cx.text(e.span).contains("text/html"));
            if !html {
                return;
            }
        }
        let Some((e, v)) = site.arg(0) else { return };
        // Objects and arrays are sent as JSON.
        if matches!(v.shape, Shape::Map(_) | Shape::Seq(_)) || sent_as_json(cx, e, 2) {
            return;
        }
        cx.flow(site.span, v, sink::HTML, accept::REQUEST);
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        html_response_object(cx, site.value, site.val);
        // A hapi handler's returned string is sent as text/html.
        if site.val.built
            && cx.is_handler(site.func)
            && cx.framework() == Some(crate::flow::handlers::Framework::Hapi)
        {
            cx.flow(site.span, site.val, sink::HTML, accept::REQUEST);
            return;
        }
        // Only a string the method builds (a template or concatenation): what a service
        // call returns is mostly an entity Nest serialises as JSON.
        if site.val.built && nest_html_route(cx, site.func) {
            cx.flow(site.span, site.val, sink::HTML, accept::REQUEST);
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        html_response_object(cx, site.value, site.val);
        // Koa's `ctx.body = ...`, also through the response object (`ctx.response.body`,
        // a destructured `({ response }) => response.body = ...`).
        let koa_body = matches!(
            site.target_path.as_deref(),
            Some("ctx.body" | "ctx.response.body")
        ) || matches!(site.target, crate::ir::Pattern::Attr(obj, attr, _)
                if attr == "body"
                    && cx.framework() == Some(crate::flow::handlers::Framework::Koa)
                    && matches!(cx.value_of(obj).shape, Shape::Obj(ObjKind::Response)));
        if koa_body
            && !matches!(site.val.shape, Shape::Map(_) | Shape::Seq(_))
            && !sent_as_json(cx, site.value, 2)
        {
            cx.flow(site.span, site.val, sink::HTML, accept::REQUEST);
        }
    }
}

/// Is `e` an array or a plain object, which Express's `res.send` and Koa's `ctx.body`
/// serialise as JSON (`application/json`, never HTML): a literal, what only arrays
/// answer (`items.map(...)`, `.filter(...)`, `.sort()`), `Object.keys(...)` and its
/// siblings, `Array.from(...)`, or a local every assignment of which is one of those.
/// `depth` bounds how many locals are followed.
fn sent_as_json(cx: &Cx<'_, '_>, e: &Expr, depth: u8) -> bool {
    match &e.kind {
        ExprKind::List(_) | ExprKind::Dict(_) => true,
        ExprKind::Call(c) => {
            let path = cx.path_of(&c.callee);
            matches!(
                path.as_deref(),
                Some(
                    "Object.keys"
                        | "Object.values"
                        | "Object.entries"
                        | "Object.fromEntries"
                        | "Object.assign"
                        | "Object.groupBy"
                        | "Array.from"
                        | "Array.of"
                )
            ) || matches!(&c.callee.kind, ExprKind::Attr(_, m) if matches!(
                m.as_str(),
                "map" | "filter" | "flatMap" | "flat" | "sort" | "reverse" | "splice"
                    | "toSorted" | "toReversed" | "toSpliced"
            ))
        }
        ExprKind::Name(n) if depth > 0 => {
            let mut any = false;
            let mut all = true;
            crate::rules::support::assigned_in_scope(cx, n, |v| {
                any = true;
                all = all && sent_as_json(cx, v, depth - 1);
                false
            });
            any && all
        }
        _ => false,
    }
}

/// A NestJS route method (`@Get()`, `@Post()` ...): Nest sends the string it returns
/// with Express's `res.send`, as `text/html`, unless the method renders a template
/// (`@Render`), redirects, declares another content type with `@Header`, or takes the
/// response itself (`@Res()`), when the returned value is not the response.
fn nest_html_route(cx: &Cx<'_, '_>, f: crate::ir::FuncId) -> bool {
    if !cx.imports("@nestjs") {
        return false;
    }
    let func = &cx.module().funcs[f];
    let mut route = false;
    for d in &func.decorators {
        let text = cx.text(d.span).trim_start_matches('@');
        match text.split('(').next().unwrap_or(text).trim() {
            "Get" | "Post" | "Put" | "Patch" | "Delete" | "All" => route = true,
            "Header" => {
                let lower = text.to_ascii_lowercase();
                if lower.contains("content-type") && !lower.contains("html") {
                    return false;
                }
            }
            "Render" | "Redirect" | "Sse" => return false,
            _ => {}
        }
    }
    route
        && !func.params.iter().any(|p| {
            p.annotation
                .as_deref()
                .is_some_and(|a| a.starts_with("@Res(") || a.starts_with("@Response("))
        })
}

/// `{ statusCode: 200, body: html, headers: { "Content-Type": "text/html" } }`: the
/// response of a Lambda proxy integration (API Gateway, function URLs) served as HTML.
fn html_response_object(cx: &mut Cx<'_, '_>, e: &Expr, v: &Val) {
    let ExprKind::Dict(items) = &e.kind else {
        return;
    };
    let (Some(body), Some(headers)) = (e.prop("body"), e.prop("headers")) else {
        return;
    };
    if e.prop("statusCode").is_none() {
        return;
    }
    let ExprKind::Dict(hs) = &headers.kind else {
        return;
    };
    let html = hs.iter().any(|(k, hv)| {
        matches!(k, DictKey::Const(k) if k.eq_ignore_ascii_case("content-type"))
            && hv
                .as_str()
                .is_some_and(|t| t.to_ascii_lowercase().contains("html"))
    });
    if !html || items.is_empty() {
        return;
    }
    if let Some(bv) = v.field("body") {
        cx.flow(body.span, &bv, sink::HTML, accept::REQUEST);
    }
}

/// The response was given a content type that is not HTML (`res.type("text/plain")`,
/// `res.setHeader("Content-Type", "application/json")`, `reply.type("text")`), on the
/// chain of the call or on the same response earlier in the function: browsers do not
/// parse it as a page.
fn non_html_type(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    fn sets_plain(c: &crate::ir::Call) -> bool {
        let Some(m) = c.callee.last_name() else {
            return false;
        };
        let value = match m {
            "type" | "contentType" => c.arg(0),
            "setHeader" | "set" | "header" => c
                .arg(0)
                .and_then(|h| h.as_str())
                .filter(|h| h.eq_ignore_ascii_case("content-type"))
                .and_then(|_| c.arg(1)),
            "writeHead" => c.args.last().and_then(|a| {
                let ExprKind::Dict(items) = &a.value.kind else {
                    return None;
                };
                items.iter().find_map(|(k, v)| match k {
                    DictKey::Const(k) if k.eq_ignore_ascii_case("content-type") => Some(v),
                    _ => None,
                })
            }),
            _ => None,
        };
        value
            .and_then(|v| v.as_str())
            .is_some_and(|t| !t.is_empty() && !t.to_ascii_lowercase().contains("html"))
    }
    let ExprKind::Attr(first, _) = &site.call.callee.kind else {
        return false;
    };
    let mut cur: &Expr = first;
    // `res.type("text").send(x)`
    while let Some(c) = cur.as_call() {
        if sets_plain(c) {
            return true;
        }
        let ExprKind::Attr(b, _) = &c.callee.kind else {
            return false;
        };
        cur = b.as_ref();
    }
    let Some(root) = cur.as_name() else {
        return false;
    };
    // `res.setHeader("Content-Type", "text/plain")` earlier in the function.
    let mut found = false;
    crate::flow::walk_calls(&cx.module().funcs[cx.func()].body, &mut |c| {
        if found || c.callee.span.start >= site.span.start || !sets_plain(c) {
            return;
        }
        let mut b = &c.callee;
        while let ExprKind::Attr(inner, _) = &b.kind {
            b = inner;
            if let Some(ic) = b.as_call() {
                b = &ic.callee;
            }
        }
        found = b.as_name() == Some(root);
    });
    found
}
