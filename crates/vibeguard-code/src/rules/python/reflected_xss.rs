use crate::check::{AssignSite, CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::flow::value::{Shape, Val};
use crate::ir::{Expr, ExprKind, Pattern, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data sent back as HTML: returned from a Flask (or Quart) view as a
    /// string,
    /// passed to `make_response`, `Response`, Django `HttpResponse`, Starlette
    /// `HTMLResponse`, Pyramid's `Response` and `request.response.text`, Falcon's `resp.text`
    /// after an HTML `content_type`, Tornado's
    /// `self.write`, Sanic's `response.html`, aiohttp's `web.Response(text=...,
    /// content_type="text/html")`, `self.wfile.write` in an `http.server` handler, a
    /// string returned from a Bottle route, a CherryPy exposed method or a web.py class,
    /// a FastAPI route declared with `response_class=HTMLResponse` or a Litestar route
    /// (or `Response`) with an HTML media type, written to a Django `HttpResponse`,
    /// markup an `__html__` method builds from its object's data without escaping,
    /// or marked safe
    /// with `Markup`/`mark_safe` (or Django's `format_html` given an already formatted
    /// string), without HTML escaping;
    /// and HTML markup built from request data passed to a template as a variable
    /// (`context["link"] = '<a href="%s">' % url`), which only renders as markup when the
    /// template marks it safe.
    /// Of a `(body, status, headers)` tuple only the body counts. An AWS Lambda handler's
    /// API Gateway response (`{"statusCode": 200, "body": html, "headers":
    /// {"Content-Type": "text/html"}}`) carrying the event is flagged at its body.
    ///
    /// ## Why is this bad?
    /// The browser runs any `<script>` in the value with the site's cookies and
    /// permissions: a crafted link steals sessions or acts as the user (reflected XSS,
    /// CWE-79).
    ///
    /// ## Example
    /// ```python
    /// @app.route("/hello")
    /// def hello():
    ///     return f"<h1>Hello {request.args['name']}</h1>"
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// return render_template("hello.html", name=request.args["name"])  # autoescaped
    /// # or: f"<h1>Hello {escape(request.args['name'])}</h1>"
    /// ```
    ReflectedXss
}

static META: RuleMeta = RuleMeta {
    id: "python/reflected-xss",
    title: "Request data returned as HTML",
    cwe: &[79, 80, 116],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "request data returned as HTML without escaping; render it through an autoescaping template or escape()",
    family: Family::Python,
    keywords: &[
        "request",
        "Markup",
        "mark_safe",
        "Response",
        "statusCode",
        "cherrypy",
        "import web",
        "litestar",
        "falcon",
        "functions_framework",
        "__html__",
    ],
    calls: &[
        "make_response",
        "Response",
        "HttpResponse",
        "HTMLResponse",
        "Markup",
        "mark_safe",
        "SafeString",
        "SafeText",
        "render",
        "render_to_response",
        "render_template",
        "TemplateResponse",
        "write",
        "writelines",
        "finish",
        "html",
        "format_html",
    ],
    on: on::RETURN | on::ASSIGN,
};

const SINKS: &[&str] = &[
    "flask.make_response",
    "flask.Response",
    "werkzeug.wrappers.Response",
    "werkzeug.Response",
    "django.http.HttpResponse",
    "starlette.responses.HTMLResponse",
    "fastapi.responses.HTMLResponse",
    "starlette.responses.Response",
    "fastapi.Response",
    "pyramid.response.Response",
    "pyramid.request.Response",
    "webob.Response",
    "webob.response.Response",
    "quart.make_response",
    "quart.Response",
    "sanic.response.html",
    "sanic.html",
];

const MARK_SAFE: &[&str] = &[
    "flask.Markup",
    "markupsafe.Markup",
    "jinja2.Markup",
    "django.utils.safestring.mark_safe",
    "django.utils.safestring.SafeString",
    "django.utils.safestring.SafeText",
];

/// Does a response's declared type make it something other than HTML?
fn not_html(site: &CallSite<'_>) -> bool {
    ["mimetype", "content_type", "media_type"].iter().any(|k| {
        site.kwarg(k)
            .is_some_and(|(_, v)| v.const_str().is_some_and(|t| !t.contains("html")))
    })
}

/// `resp = make_response(body)` and, in the same function, `resp.headers["Content-Type"]
/// = "text/plain"` (or `resp.mimetype = ...`, `resp.content_type = ...`) with a type
/// other than HTML: the response is not a page.
fn retyped_later(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    use crate::ir::{Pattern, StmtKind};
    let m = cx.module();
    let body = &m.funcs[cx.func()].body;
    let mut var: Option<&str> = None;
    crate::ir::for_each_nested_stmt(body, &mut |st| {
        if let StmtKind::Assign {
            target: Pattern::Name(n, _),
            value,
        } = &st.kind
            && value.span == site.span
        {
            var = Some(n.as_str());
        }
    });
    let Some(var) = var else { return false };
    let mut retyped = false;
    crate::ir::for_each_nested_stmt(body, &mut |st| {
        let StmtKind::Assign { target, value } = &st.kind else {
            return;
        };
        let other_type = matches!(&value.kind, ExprKind::Str(t) if !t.contains("html"));
        if !other_type {
            return;
        }
        match target {
            Pattern::Attr(o, a, _)
                if o.as_name() == Some(var)
                    && matches!(a.as_str(), "mimetype" | "content_type") =>
            {
                retyped = true;
            }
            Pattern::Index(o, k, _)
                if matches!(&o.kind, ExprKind::Attr(b, h) if h == "headers" && b.as_name() == Some(var))
                    && k.as_str()
                        .is_some_and(|k| k.eq_ignore_ascii_case("content-type")) =>
            {
                retyped = true;
            }
            _ => {}
        }
    });
    retyped
}

/// The body of a Flask return value: a string, or the first element of a tuple.
fn body(v: &Val) -> Option<Val> {
    match &v.shape {
        Shape::Seq(items) => items.first().and_then(body),
        Shape::Map(_) => None,
        _ => Some(v.clone()),
    }
}

/// The dict literal a handler returns: the returned expression or the local it names
/// (its last assignment among the function's top-level statements).
fn returned_dict<'a>(
    m: &'a crate::ir::Module,
    value: &'a Expr,
    func: crate::ir::FuncId,
) -> Option<&'a Expr> {
    match &value.kind {
        ExprKind::Dict(_) => Some(value),
        ExprKind::Name(n) => m.funcs[func].body.iter().rev().find_map(|s| match &s.kind {
            StmtKind::Assign {
                target: Pattern::Name(t, _),
                value,
            } if t == n && matches!(value.kind, ExprKind::Dict(_)) => Some(value),
            _ => None,
        }),
        _ => None,
    }
}

/// An API Gateway proxy response, `{"statusCode": 200, "body": html, "headers":
/// {"Content-Type": "text/html"}}`, returned by a Lambda handler: the body is the page.
fn lambda_html_body(cx: &Cx<'_, '_>, site: &ReturnSite<'_>) -> Option<(crate::ir::Span, Val)> {
    let dict = returned_dict(cx.module(), site.value, site.func)?;
    dict.prop("statusCode")?;
    let body = dict.prop("body")?;
    let headers = dict.prop("headers")?;
    let html = ["Content-Type", "content-type", "Content-type"]
        .iter()
        .find_map(|k| headers.prop(k))
        .and_then(|v| v.as_str())
        .is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("text/html"));
    if !html {
        return None;
    }
    let val = match &site.val.shape {
        Shape::Map(items) => items
            .iter()
            .find(|(k, _)| &**k == "body")
            .map(|(_, v)| v.clone())?,
        _ => return None,
    };
    Some((body.span, val))
}

/// A string built from values that starts as HTML markup (`'<a href="%s">' % x`,
/// `f"<b>{x}</b>"`): the program means it to be rendered as HTML.
fn markup(v: &Val) -> bool {
    v.built
        && v.prefix.as_deref().is_some_and(|p| {
            let mut cs = p.trim_start().chars();
            cs.next() == Some('<')
                && cs
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
        })
}

/// `self.wfile.write(...)` in a method of an `http.server` request handler that does not
/// declare a non-HTML content type (`send_header("Content-Type", "application/json")`).
fn stdlib_handler_body(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    let ExprKind::Attr(obj, stream) = &recv.kind else {
        return false;
    };
    if stream != "wfile" || obj.as_name() != Some("self") {
        return false;
    }
    let m = cx.module();
    let f = &m.funcs[cx.func()];
    let Some(cls) = f.class.as_deref() else {
        return false;
    };
    if !crate::flow::stdlib_http_handler_class(m, cls) {
        return false;
    }
    let mut other_type = false;
    crate::flow::walk_calls(&f.body, &mut |c| {
        if c.callee.last_name() == Some("send_header")
            && c.arg(0)
                .and_then(|a| a.as_str())
                .is_some_and(|h| h.eq_ignore_ascii_case("content-type"))
            && c.arg(1)
                .and_then(|a| a.as_str())
                .is_some_and(|t| !t.contains("html"))
        {
            other_type = true;
        }
    });
    !other_type
}

/// Does the current function set `<resp>.content_type` to HTML (`falcon.MEDIA_HTML`,
/// `"text/html"`) among its top-level statements?
fn falcon_html_responder(cx: &Cx<'_, '_>, resp: &str) -> bool {
    let f = &cx.module().funcs[cx.func()];
    f.body.iter().any(|s| {
        let crate::ir::StmtKind::Assign { target, value } = &s.kind else {
            return false;
        };
        let crate::ir::Pattern::Attr(obj, field, _) = target else {
            return false;
        };
        field == "content_type"
            && obj.as_name() == Some(resp)
            && (value.as_str().is_some_and(|t| t.contains("html"))
                || cx.path_of(value).is_some_and(|p| p.ends_with("MEDIA_HTML")))
    })
}

/// Is `func` a route whose decorator says its result is HTML (`@app.get("/",
/// response_class=HTMLResponse)`)?
fn html_response_class(cx: &Cx<'_, '_>, func: crate::ir::FuncId) -> bool {
    cx.module().funcs[func].decorators.iter().any(|d| {
        let Some(c) = d.as_call() else { return false };
        let class = c
            .kwarg("response_class")
            .and_then(|e| cx.path_of(e))
            .is_some_and(|p| {
                matches!(
                    p.as_str(),
                    "fastapi.responses.HTMLResponse" | "starlette.responses.HTMLResponse"
                )
            });
        // Litestar: `@get("/", media_type=MediaType.HTML)` (or `"text/html"`).
        let media = c.kwarg("media_type").is_some_and(|e| {
            e.as_str().is_some_and(|t| t.contains("html"))
                || cx
                    .path_of(e)
                    .is_some_and(|p| p.starts_with("litestar.") && p.ends_with("MediaType.HTML"))
        });
        class || media
    })
}

/// The variables passed to a template: the context dict of Django's `render`,
/// `render_to_response` and `TemplateResponse`, the keyword arguments of Flask's
/// `render_template`.
fn template_variables(site: &CallSite<'_>) -> Vec<Val> {
    let context = if site.is(&[
        "django.shortcuts.render",
        "django.template.response.TemplateResponse",
    ]) {
        site.arg(2).or_else(|| site.kwarg("context"))
    } else if site.is(&["django.shortcuts.render_to_response"]) {
        site.arg(1).or_else(|| site.kwarg("context"))
    } else if site.is(&["flask.render_template"]) {
        return site
            .call
            .args
            .iter()
            .zip(site.args)
            .filter(|(a, _)| a.name.is_some())
            .map(|(_, v)| v.clone())
            .collect();
    } else {
        None
    };
    match context.map(|(_, v)| &v.shape) {
        Some(Shape::Map(items)) => items.iter().map(|(_, v)| v.clone()).collect(),
        _ => Vec::new(),
    }
}

impl Rule for ReflectedXss {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // HTML markup built from request data and handed to a template: it shows as
        // markup only when the template turns escaping off for it (`|safe`), which is
        // what building markup in the view is for.
        for v in template_variables(site) {
            if markup(&v) {
                cx.flow(site.span, &v, sink::HTML, accept::REQUEST);
            }
        }
        let content = if site.is(MARK_SAFE) {
            site.arg(0)
        } else if site.is(&["django.utils.html.format_html"])
            && site.call.args.len() == 1
            && site.positional() == 1
        {
            // `format_html(f"<b>{x}</b>")`: formatted before format_html sees it, so
            // nothing is escaped and the result is marked safe.
            site.arg(0)
        } else if matches!(site.name, "write" | "finish")
            && crate::rules::support::on_tornado_handler(cx, site)
        {
            // Tornado's `self.write(html)` (a dict is sent as JSON).
            site.arg(0).or_else(|| site.kwarg("chunk"))
        } else if site.name == "write" && stdlib_handler_body(cx, site) {
            // `http.server`: `self.wfile.write(page)` sends the response body.
            site.arg(0)
        } else if site.is(&["django.http.HttpResponse.write"]) {
            // A Django `HttpResponse` written like a file: each write is part of the page.
            site.arg(0).or_else(|| site.kwarg("content"))
        } else if site.is(&["django.http.HttpResponse.writelines"]) {
            if let Some((_, lines)) = site.arg(0).or_else(|| site.kwarg("lines")) {
                cx.flow(site.span, lines, sink::HTML, accept::REQUEST);
            }
            return;
        } else if site.is(&["azure.functions.HttpResponse"]) {
            // Azure Functions send `text/plain` unless told otherwise.
            let html = site
                .kwarg("mimetype")
                .is_some_and(|(_, v)| v.const_str().is_some_and(|t| t.contains("html")));
            if html {
                site.arg(0).or_else(|| site.kwarg("body"))
            } else {
                None
            }
        } else if site.is(&["litestar.Response", "litestar.response.Response"]) {
            // Litestar sends JSON unless the response says HTML.
            let html = site.kwarg("media_type").is_some_and(|(e, v)| {
                v.const_str().is_some_and(|t| t.contains("html"))
                    || cx.path_of(e).is_some_and(|p| p.ends_with("MediaType.HTML"))
            });
            if html {
                site.arg(0).or_else(|| site.kwarg("content"))
            } else {
                None
            }
        } else if site.is(&["aiohttp.web.Response", "aiohttp.web_response.Response"]) {
            // aiohttp sends `text=` as text/plain unless told otherwise.
            let html = site
                .kwarg("content_type")
                .is_some_and(|(_, v)| v.const_str().is_some_and(|t| t.contains("html")));
            if html {
                site.kwarg("text").or_else(|| site.kwarg("body"))
            } else {
                None
            }
        } else if site.is(SINKS) && !not_html(site) && !retyped_later(cx, site) {
            site.arg(0)
                .or_else(|| site.kwarg("response"))
                .or_else(|| site.kwarg("content"))
        } else {
            None
        };
        // make_response((body, headers)): only the body is the page.
        if let Some(b) = content.and_then(|(_, v)| body(v)) {
            cx.flow(site.span, &b, sink::HTML, accept::REQUEST);
        }
    }
    /// Pyramid / WebOb: `request.response.text = html` writes the page (HTML unless the
    /// view sets another content type).
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Some(t) = &site.target_path else { return };
        // Falcon: `resp.text = html` (or `resp.body`, `resp.data`) in a responder that
        // set `resp.content_type` to HTML (Falcon's default is JSON).
        if let crate::ir::Pattern::Attr(obj, field, _) = site.target
            && matches!(field.as_str(), "text" | "body" | "data")
            && cx.imports("falcon")
            && let Some(resp) = obj.as_name()
            && falcon_html_responder(cx, resp)
        {
            cx.flow(site.span, site.val, sink::HTML, accept::REQUEST);
            return;
        }
        if (t.ends_with("request.response.body") || t.ends_with("request.response.text"))
            && cx.imports("pyramid")
        {
            cx.flow(site.span, site.val, sink::HTML, accept::REQUEST);
        }
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        use crate::flow::handlers::Framework;
        // A Socket.IO acknowledgement or a GraphQL field value is data, not a page.
        if matches!(
            cx.framework(),
            Some(Framework::SocketEvent | Framework::PyGraphQl)
        ) {
            return;
        }
        // `__html__()`: Django, Jinja and MarkupSafe insert what it returns without
        // escaping. Markup built there from the object's data must escape it.
        if cx.module().funcs[site.func].name == "__html__" {
            if site.val.built && cx.is_tainted(site.val, sink::HTML, accept::REQUEST) {
                cx.report(
                    crate::check::Report::at(site.span)
                        .confidence(vibeguard_core::Confidence::Low)
                        .message(
                            "__html__ returns markup built from the object's data without escaping; the template inserts it as is (use format_html or escape())",
                        ),
                );
            }
            return;
        }
        if cx.is_handler(site.func)
            && let Some((body, val)) = lambda_html_body(cx, site)
        {
            cx.flow(body, &val, sink::HTML, accept::REQUEST);
            return;
        }
        // A FastAPI route declared with `response_class=HTMLResponse` sends the string it
        // returns as the page.
        if cx.is_handler(site.func) && html_response_class(cx, site.func) {
            if let Some(b) = body(site.val) {
                cx.flow(site.span, &b, sink::HTML, accept::REQUEST);
            }
            return;
        }
        // A string returned by a Flask, Quart, Bottle or CherryPy view (or a web.py
        // class's `GET`/`POST`) is sent as HTML.
        if !cx.is_handler(site.func)
            || !(cx.imports("flask")
                || cx.imports("quart")
                || cx.imports("bottle")
                || cx.imports("cherrypy")
                || cx.imports("functions_framework")
                || cx.module().imports.iter().any(|i| i.path == "web"))
        {
            return;
        }
        if let Some(b) = body(site.val) {
            cx.flow(site.span, &b, sink::HTML, accept::REQUEST);
        }
    }
}
