//! CORS policies, read once for the two rules of each language: `<lang>/cors-wildcard`
//! (any origin, no credentials: low) and `<lang>/cors-wildcard-credentials` (any origin
//! with credentials, or the request's own `Origin` echoed back: high). Each rule file
//! declares its id, documentation and the calls it listens to; what a site grants is
//! decided here, per language.

use crate::check::{AssignSite, CallSite, Cx, Report, accept, sink};
use crate::flow::value::{ObjKind, Val};
use crate::ir::Span;
use crate::rules::support::{const_bool, cors_origins_any, module_flag};
use crate::syntax::Family;

/// The JavaScript calls both JS CORS rules listen to: the `cors()` middleware and every
/// way Express and Node set a response header, one at a time or as an object.
pub const JS_CALLS: &[&str] = &[
    "cors",
    "setHeader",
    "header",
    "set",
    "setHeaders",
    "writeHead",
    "register",
    "enableCors",
];

/// The Python calls both Python CORS rules listen to: flask-cors and the ASGI CORS
/// middlewares (Starlette, FastAPI, Litestar).
pub const PY_CALLS: &[&str] = &[
    "CORS",
    "cross_origin",
    "add_middleware",
    "CORSMiddleware",
    "Middleware",
    // Headers set by hand: `self.send_header(name, value)` (http.server),
    // `resp.headers.add/set/setdefault(name, value)`, `resp.headers.update({...})`,
    // and responses built with a `headers` mapping.
    "send_header",
    "set_header",
    "HTTPResponse",
    "add",
    "set",
    "setdefault",
    "add_header",
    "update",
    "HttpResponse",
    "JsonResponse",
    "StreamingHttpResponse",
    "FileResponse",
    "Response",
    "HTMLResponse",
    "JSONResponse",
    "ORJSONResponse",
    "UJSONResponse",
    "PlainTextResponse",
    "StreamingResponse",
    "json_response",
    "make_response",
];

/// Reports `site` when the CORS call there grants exactly `want`.
pub fn report_call(cx: &mut Cx<'_, '_>, site: &CallSite<'_>, want: Grant) {
    if at_call(cx, site) == Some(want) {
        cx.report(Report::at(site.span));
    }
}

/// Reports `site` when the header assignment there grants exactly `want`.
pub fn report_assign(cx: &mut Cx<'_, '_>, site: &AssignSite<'_>, want: Grant) {
    if at_assign(cx, site) == Some(want) {
        cx.report(Report::at(site.span));
    }
}

/// Reports the module's CORS settings when they grant exactly `want`.
pub fn report_module(cx: &mut Cx<'_, '_>, want: Grant) {
    if let Some((span, got)) = at_module(cx)
        && got == want
    {
        cx.report(Report::at(span));
    }
}

/// What a CORS setting lets other sites do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// Any origin may read responses, without the user's cookies.
    AnyOrigin,
    /// Any origin may read responses made with the user's cookies.
    AnyOriginWithCredentials,
}

const ALLOW_ORIGIN: &str = "access-control-allow-origin";

/// A call that configures CORS: flask-cors, Starlette/FastAPI middleware (Python); the
/// `cors()` middleware and headers set by hand on a response (JavaScript).
pub fn at_call(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> Option<Grant> {
    match cx.family() {
        Family::Python => match cors_origins_any(cx, site) {
            Some((any, creds)) => any.then_some(grant(creds)),
            None => py_header_call(cx, site),
        },
        Family::Js => js_call(cx, site),
        _ => None,
    }
}

/// The `Access-Control-Allow-Origin` entry of a header mapping (`{"Access-Control-Allow-Origin": "*"}`).
fn allow_origin_entry(v: &Val) -> Option<Val> {
    match &v.shape {
        crate::flow::value::Shape::Map(items) => items
            .iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case(ALLOW_ORIGIN))
            .map(|(_, v)| v.clone()),
        _ => None,
    }
}

/// Python response headers set by hand: `self.send_header(name, value)` in an
/// `http.server` handler, `resp.headers.add/set/setdefault(name, value)` and
/// `resp.headers.update({...})` (Flask/Werkzeug, Starlette, aiohttp), and a response
/// built with a header mapping (`HttpResponse(headers={...})`, `JSONResponse(...,
/// headers=...)`, aiohttp's `web.json_response(..., headers=...)`, Flask's
/// `make_response(body, status, headers)`).
fn py_header_call(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> Option<Grant> {
    use crate::ir::ExprKind;
    // `x.headers.<method>(...)`: a method of a response's header collection.
    let on_headers = match &site.call.callee.kind {
        ExprKind::Attr(recv, _) => matches!(&recv.kind, ExprKind::Attr(_, h) if h == "headers"),
        _ => false,
    };
    let named = |i: usize| {
        site.arg(i)
            .and_then(|(_, v)| v.const_str())
            .is_some_and(|h| h.eq_ignore_ascii_case(ALLOW_ORIGIN))
    };
    let value: Val = match site.name {
        "send_header" | "add_header" | "set_header" if site.recv.is_some() && named(0) => {
            site.arg(1)?.1.clone()
        }
        "add" | "set" | "setdefault" if on_headers && named(0) => site.arg(1)?.1.clone(),
        "update" if on_headers => allow_origin_entry(site.arg(0)?.1)?,
        _ => {
            let last = site
                .path
                .and_then(|p| p.rsplit('.').next())
                .unwrap_or(site.name);
            let response = last.ends_with("Response") || last == "json_response";
            if response {
                allow_origin_entry(site.kwarg("headers")?.1)?
            } else if last == "make_response" && site.path.is_some_and(|p| p.starts_with("flask")) {
                let n = site.positional();
                (0..n)
                    .find_map(|i| allow_origin_entry(site.arg(i)?.1))
                    .or_else(|| {
                        site.kwarg("headers")
                            .and_then(|(_, v)| allow_origin_entry(v))
                    })?
            } else {
                return None;
            }
        }
    };
    if value.const_str() == Some("*") {
        Some(Grant::AnyOrigin)
    } else if cx.is_tainted(&value, sink::HEADER, accept::INPUT) {
        Some(Grant::AnyOriginWithCredentials)
    } else {
        None
    }
}

fn grant(credentials: bool) -> Grant {
    if credentials {
        Grant::AnyOriginWithCredentials
    } else {
        Grant::AnyOrigin
    }
}

fn js_call(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> Option<Grant> {
    // `cors(opts)` (express `cors`, `@koa/cors`, `hono/cors`); NestJS's
    // `app.enableCors(opts)` (the same `cors` package underneath); Fastify's
    // `fastify.register(require("@fastify/cors"), opts)`.
    let opts = if site.is(&["cors", "@koa/cors", "kcors", "hono/cors.cors"])
        || site.name == "enableCors" && site.recv.is_some()
    {
        Some(0)
    } else if site.name == "register"
        && site.arg(0).is_some_and(|(e, v)| {
            let plugin = |p: &str| {
                let p = p.strip_suffix(".default").unwrap_or(p);
                matches!(p, "@fastify/cors" | "fastify-cors")
            };
            let required = e.as_call().is_some_and(|c| {
                c.callee.as_name() == Some("require")
                    && c.arg(0).and_then(|a| a.as_str()).is_some_and(plugin)
            });
            required || matches!(&v.shape, crate::flow::value::Shape::Ref(p) if plugin(p))
        })
    {
        Some(1)
    } else {
        None
    };
    if let Some(i) = opts {
        let creds = site
            .option(i, "credentials")
            .is_some_and(|(_, v)| const_bool(&v) == Some(true));
        return match site.option(i, "origin") {
            // The package's default origin is `*`, which browsers refuse with credentials.
            None => (!creds).then_some(Grant::AnyOrigin),
            Some((_, v)) if v.const_str() == Some("*") => Some(grant(creds)),
            // `origin: true` reflects the request's Origin.
            Some((_, v)) if const_bool(&v) == Some(true) && creds => {
                Some(Grant::AnyOriginWithCredentials)
            }
            // `origin: (origin) => origin` reflects it too.
            Some((e, _)) if creds && reflects_argument(cx, e) => {
                Some(Grant::AnyOriginWithCredentials)
            }
            Some(_) => None,
        };
    }
    // Koa's `ctx.set(name, value)` and Hono's `c.header(name, value)` set a header of
    // the response the context holds.
    let response = site.recv.is_some_and(|r| {
        r.is_obj(&ObjKind::Response)
            || r.is_obj(&ObjKind::WebContext) && matches!(site.name, "set" | "header")
    });
    // Headers given as an object: `res.set({...})`, `res.header({...})`,
    // `res.setHeaders(map)`, `res.writeHead(200, {...})`.
    let in_object = match site.name {
        "set" | "header" | "setHeaders" if response => site.arg(0),
        "writeHead" if response => site.arg(site.positional().saturating_sub(1)),
        _ => None,
    }
    .and_then(|(_, v)| allow_origin_entry(v));
    let header_call = matches!(site.name, "setHeader" | "header" | "set")
        && response
        && site
            .arg(0)
            .and_then(|(_, v)| v.const_str())
            .is_some_and(|h| h.eq_ignore_ascii_case(ALLOW_ORIGIN));
    let value;
    let v = if let Some(obj) = in_object {
        value = obj;
        &value
    } else if header_call {
        site.arg(1)?.1
    } else {
        return None;
    };
    if v.const_str() == Some("*") {
        Some(Grant::AnyOrigin)
    } else if cx.is_tainted(v, sink::HEADER, accept::INPUT) {
        Some(Grant::AnyOriginWithCredentials)
    } else {
        None
    }
}

/// `response.headers["Access-Control-Allow-Origin"] = value` (Python).
pub fn at_assign(cx: &Cx<'_, '_>, site: &AssignSite<'_>) -> Option<Grant> {
    let t = site.target_path.as_ref()?;
    if !t.to_ascii_lowercase().ends_with(ALLOW_ORIGIN) {
        return None;
    }
    if site.val.const_str() == Some("*") {
        Some(Grant::AnyOrigin)
    } else if cx.is_tainted(site.val, sink::HEADER, accept::INPUT) {
        // Echoing the request's Origin header is a wildcard that also works with
        // credentials.
        Some(Grant::AnyOriginWithCredentials)
    } else {
        None
    }
}

/// django-cors-headers settings: `CORS_ALLOW_ALL_ORIGINS = True`, with or without
/// `CORS_ALLOW_CREDENTIALS = True`.
pub fn at_module(cx: &Cx<'_, '_>) -> Option<(Span, Grant)> {
    let all = module_flag(cx, &["CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"])?;
    let creds = module_flag(cx, &["CORS_ALLOW_CREDENTIALS"]).is_some();
    Some((all, grant(creds)))
}

/// `(origin) => origin`, `function (o) { return o; }`: a callback that gives back its
/// first argument unchanged.
fn reflects_argument(cx: &Cx<'_, '_>, e: &crate::ir::Expr) -> bool {
    let crate::ir::ExprKind::Func(id) = e.kind else {
        return false;
    };
    let f = &cx.module().funcs[id];
    let Some(p) = f.params.first().and_then(|p| p.name()) else {
        return false;
    };
    let [stmt] = f.body.as_slice() else {
        return false;
    };
    let (crate::ir::StmtKind::Return(Some(r)) | crate::ir::StmtKind::Expr(r)) = &stmt.kind else {
        return false;
    };
    if r.as_name() == Some(p) {
        return true;
    }
    // Koa's `(ctx) => ctx.get("Origin")` / `ctx.request.header.origin`: the request's
    // own Origin header handed back.
    if reads_origin_header(r, p) {
        return true;
    }
    // `(origin, callback) => callback(null, true)` (or `callback(null, origin)`): every
    // origin allowed, whatever it is.
    let cb = f.params.get(1).and_then(|p| p.name());
    r.as_call().is_some_and(|c| {
        cb.is_some()
            && c.callee.as_name() == cb
            && c.arg(0)
                .is_some_and(|a| matches!(a.kind, crate::ir::ExprKind::Null))
            && c.arg(1)
                .is_some_and(|a| a.is_true() || a.as_name() == Some(p))
    })
}

/// `ctx.get("Origin")`, `ctx.headers.origin`, `ctx.request.header.origin`: the Origin
/// request header read from the context parameter `p`.
fn reads_origin_header(e: &crate::ir::Expr, p: &str) -> bool {
    use crate::ir::ExprKind;
    let rooted = |mut b: &crate::ir::Expr| loop {
        match &b.kind {
            ExprKind::Name(n) => return n == p,
            ExprKind::Attr(inner, _) => b = inner,
            _ => return false,
        }
    };
    match &e.kind {
        ExprKind::Attr(b, f) => f.eq_ignore_ascii_case("origin") && rooted(b),
        ExprKind::Index(b, k) => {
            k.as_str().is_some_and(|k| k.eq_ignore_ascii_case("origin")) && rooted(b)
        }
        _ => e.as_call().is_some_and(|c| {
            matches!(&c.callee.kind, ExprKind::Attr(b, m)
                if matches!(m.as_str(), "get" | "header" | "headers") && rooted(b))
                && c.arg(0)
                    .and_then(|a| a.as_str())
                    .is_some_and(|h| h.eq_ignore_ascii_case("origin"))
        }),
    }
}
