//! Which functions are web request handlers, and of which framework: route decorators
//! (Flask, FastAPI, DRF), Django views, functions registered on an Express/Koa/Hono/
//! Fastify router, Next.js route handlers, pages and server actions. A handler's
//! parameters are where request data enters.

use super::engine::Engine;
use crate::ir::*;
use crate::syntax::Family;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framework {
    Flask,
    FastApi,
    /// Django, DRF, aiohttp, Starlette, Pyramid and Falcon: the request is the first
    /// parameter.
    Django,
    Express,
    Koa,
    Hono,
    Fastify,
    /// hapi: `server.route({ method, path, handler(request, h) })`; a string the handler
    /// returns is sent as HTML.
    Hapi,
    /// A GraphQL resolver (`Query: { user: (parent, args, context) => ... }`): `args`
    /// holds the arguments the client sent.
    JsGraphQl,
    /// `export async function GET(request, { params })` in a Next.js route file.
    NextRoute,
    /// A page component receiving `{ params, searchParams }`.
    NextPage,
    /// An exported function of a `'use server'` module.
    ServerAction,
    /// A `message` listener (`socket.addEventListener("message", fn)`, `ws.on("message",
    /// fn)`, `worker.onmessage = fn`): the event's data comes from the other end.
    MessageListener,
    /// A listener for the members of an archive (`zip.on("entry", (entry) => ...)` of
    /// unzipper, tar-stream, yauzl): the member's name and data come from whoever made
    /// the archive.
    ArchiveEntry,
    /// A `data` listener on a socket of `net`/`tls` (`socket.on("data", (buf) => ...)`):
    /// bytes from the other end of the connection.
    SocketData,
    /// A `line` listener of `readline` (`rl.on("line", (line) => ...)`): a line typed
    /// on (or piped to) standard input.
    ReadLine,
    /// The callback of a Node `fs.readFile(name, [options], (err, data) => ...)` (and
    /// fs-extra's, graceful-fs's), registered only under the `local` threat model: its
    /// `data` is the file's contents.
    FileRead,
    /// An h3 / Nitro / Nuxt server route (`defineEventHandler((event) => ...)`,
    /// `eventHandler`, `defineCachedEventHandler`, the `{ handler }` object form): its
    /// `event` is the request, read with `getQuery(event)`, `readBody(event)`,
    /// `getRouterParam(event, "id")`, `getHeader`, `getCookie`, ...
    H3,
    /// A tRPC procedure's resolver (`publicProcedure.input(schema).mutation(({ input,
    /// ctx }) => ...)`, `.query`, `.subscription`): `input` is what the client sent,
    /// parsed by the procedure's schema when it has one.
    Rpc,
    /// An Electron main-process IPC listener (`ipcMain.on("ch", (event, ...args) =>
    /// ...)`, `ipcMain.handle`, `handleOnce`): the arguments after the event are what a
    /// renderer process sent, and a renderer shows web content.
    IpcMain,
    /// An AWS Lambda entry point exported as `handler` (`exports.handler = async (event,
    /// context) => ...`, `export const handler = ...`), or under a `...Handler` name with
    /// an `event` parameter (`export const lambdaHandler = async (event) => ...`); in
    /// Python a top-level `def handler(event, context)` or `def *handler(event, ...)`:
    /// `event` is the invocation's payload (an API Gateway request, a queue message).
    Lambda,
    /// An HTTP-verb method (`get`, `post`, ...) of a Tornado `RequestHandler` subclass:
    /// its parameters after `self` are the URL's path groups, `self.request` and
    /// `self.get_argument(...)` read the request.
    Tornado,
    /// A closure registered on Laravel's router (`Route::get('/u/{name}', function
    /// ($name) {...})`): its untyped parameters are route segments.
    LaravelRoute,
    /// A Sinatra route block (`get "/hello/:name" do |name| ... end`): its block
    /// parameters are the path's captures.
    SinatraRoute,
    /// A Roda application's `route do |r| ... end` block: its parameter is the request.
    RodaRoute,
    /// A GraphQL resolver (graphene `resolve_*` / `mutate`, a strawberry
    /// `@strawberry.field` / `mutation`, an ariadne `@query.field("x")` function): the
    /// parameters after the parent object and `info` are the query's arguments.
    PyGraphQl,
    /// A websocket / Socket.IO event handler (Flask-SocketIO `@socketio.on("x")`,
    /// python-socketio `@sio.on("x")`, a Django Channels consumer's `receive` /
    /// `receive_json`): its parameters (after `self` and the session id) are the
    /// client's message.
    SocketEvent,
    /// A Java lambda registered as a route handler of Javalin (`app.get("/p", ctx ->
    /// ...)`), Spark (`get("/p", (req, res) -> ...)`) or Vert.x (`router.get("/p")
    /// .handler(rc -> ...)`): its first parameter is the request (Javalin's `Context`,
    /// Spark's `Request`, Vert.x's `RoutingContext`), a second one the response.
    JavaRoute,
}

#[derive(Debug, Clone)]
pub struct HandlerInfo {
    pub framework: Framework,
    /// Flask route variables, as written (`name`, `int:id`).
    pub route_params: Vec<String>,
    /// Every route of this Flask handler is a constant path without variables, so the
    /// request's path is chosen by the program, not by the client.
    pub fixed_route: bool,
}

pub(crate) const ROUTE_METHODS: &[&str] = &[
    "route",
    "get",
    "post",
    "put",
    "delete",
    "patch",
    "head",
    "options",
    "api_route",
    "websocket",
    "all",
    "use",
];

const HTTP_VERBS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

const DJANGO_DECORATORS: &[&str] = &[
    "api_view",
    "require_http_methods",
    "require_GET",
    "require_POST",
    "require_safe",
    "csrf_exempt",
    "login_required",
    "permission_required",
    // Pyramid's `@view_config(route_name=...)`: a view called with the request.
    "view_config",
];

const CBV_METHODS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "list",
    "create",
    "retrieve",
    "update",
    "partial_update",
    "destroy",
    "dispatch",
];

pub(crate) fn detect(e: &Engine<'_>) -> Vec<Option<HandlerInfo>> {
    let m = e.module;
    let mut out: Vec<Option<HandlerInfo>> = vec![None; m.funcs.len()];
    match e.family {
        Family::Python => python(e, m, &mut out),
        Family::Js => js(e, m, &mut out),
        Family::Php => php(m, &mut out),
        Family::Ruby => ruby(m, &mut out),
        Family::Java => java(e, m, &mut out),
        _ => {}
    }
    out
}

/// Sinatra: blocks given to a bare `get/post/put/patch/delete "/path"` call.
fn ruby(m: &Module, out: &mut [Option<HandlerInfo>]) {
    let mut visit = |c: &Call| {
        let ExprKind::Name(verb) = &c.callee.kind else {
            return;
        };
        if !matches!(
            verb.as_str(),
            "get" | "post" | "put" | "patch" | "delete" | "options"
        ) || !c
            .arg(0)
            .and_then(|a| a.as_str())
            .is_some_and(|p| p.starts_with('/'))
        {
            return;
        }
        mark_closures(c, out, Framework::SinatraRoute);
    };
    for f in &m.funcs {
        walk_calls(&f.body, &mut visit);
    }
    // Roda: `class App < Roda; route do |r| ... end`. The block gets the request; the
    // blocks of its routing methods (`r.on "posts", String do |slug|`, `r.get`,
    // `r.is Integer do |id|`) get the path segments their matchers captured.
    if !m
        .classes
        .iter()
        .any(|c| c.bases.iter().any(|b| b == "Roda"))
    {
        return;
    }
    let mut requests: Vec<String> = Vec::new();
    let mut visit = |c: &Call| {
        if matches!(&c.callee.kind, ExprKind::Name(n) if n == "route") {
            for a in &c.args {
                if let ExprKind::Func(id) = a.value.kind {
                    out[id] = Some(HandlerInfo {
                        framework: Framework::RodaRoute,
                        route_params: Vec::new(),
                        fixed_route: false,
                    });
                    if let Some(p) = m.funcs[id].params.first().and_then(|p| p.name()) {
                        requests.push(p.to_string());
                    }
                }
            }
        }
    };
    for f in &m.funcs {
        walk_calls(&f.body, &mut visit);
    }
    let mut visit = |c: &Call| {
        if let ExprKind::Attr(b, verb) = &c.callee.kind
            && matches!(
                verb.as_str(),
                "on" | "is" | "get" | "post" | "put" | "patch" | "delete" | "root"
            )
            && matches!(&b.kind, ExprKind::Name(n) if requests.contains(n))
        {
            mark_closures(c, out, Framework::SinatraRoute);
        }
    };
    for f in &m.funcs {
        walk_calls(&f.body, &mut visit);
    }
}

/// Laravel: closures passed to `Route::get/post/put/patch/delete/any/match(...)`.
/// Java micro-frameworks: lambdas passed to a route registration (`app.get(path, ctx
/// -> ...)`, Spark's statically imported `get(path, (req, res) -> ...)`, Vert.x's
/// `route.handler(rc -> ...)`), in a file that imports Javalin, Spark or Vert.x Web.
fn java(e: &Engine<'_>, m: &Module, out: &mut [Option<HandlerInfo>]) {
    if ![
        "io.javalin",
        "spark",
        "io.vertx.ext.web",
        "io.vertx.core.http",
    ]
    .iter()
    .any(|p| e.imports_prefix(p))
    {
        return;
    }
    let mut visit = |c: &Call| {
        let verb = match &c.callee.kind {
            ExprKind::Attr(_, v) => v.as_str(),
            ExprKind::Name(n) => n.as_str(),
            _ => return,
        };
        if matches!(
            verb,
            "get"
                | "post"
                | "put"
                | "patch"
                | "delete"
                | "head"
                | "options"
                | "before"
                | "after"
                | "afterAfter"
                | "path"
                | "handler"
                | "blockingHandler"
                | "requestHandler"
                | "addHandler"
        ) {
            mark_closures(c, out, Framework::JavaRoute);
        }
    };
    for f in &m.funcs {
        walk_calls(&f.body, &mut visit);
    }
}

fn php(m: &Module, out: &mut [Option<HandlerInfo>]) {
    let mut visit = |c: &Call| {
        let ExprKind::Attr(recv, verb) = &c.callee.kind else {
            return;
        };
        let verb_ok = matches!(
            verb.as_str(),
            "get" | "post" | "put" | "patch" | "delete" | "options" | "any" | "match" | "map"
        );
        if !verb_ok {
            return;
        }
        // Laravel's `Route::get(...)`; Slim's `$app->get('/u/{id}', function (Request
        // $request, Response $response, array $args) {...})` (a PSR-7 request parameter).
        let on_route = matches!(&recv.kind, ExprKind::Name(n) if n == "Route");
        let psr7_closure = c.args.iter().any(|a| {
            matches!(a.value.kind, ExprKind::Func(id) if m.funcs[id].params.iter().any(|p| {
                p.annotation.as_deref().is_some_and(|t| {
                    t.ends_with("Request") || t.ends_with("RequestInterface")
                })
            }))
        });
        if !on_route && !psr7_closure {
            return;
        }
        mark_closures(c, out, Framework::LaravelRoute);
    };
    for f in &m.funcs {
        walk_calls(&f.body, &mut visit);
    }
}

fn python(e: &Engine<'_>, m: &Module, out: &mut [Option<HandlerInfo>]) {
    // FastAPI and the frameworks whose handlers take typed query and body parameters
    // the same way: Starlette, Litestar, Django Ninja.
    let fastapi = e.imports_prefix("fastapi")
        || e.imports_prefix("starlette")
        || e.imports_prefix("litestar")
        || e.imports_prefix("ninja");
    let cherrypy = e.imports_prefix("cherrypy");
    let graphene = e.imports_prefix("graphene");
    let socketio = e.imports_prefix("flask_socketio") || e.imports_prefix("socketio");
    let channels = e.imports_prefix("channels");
    let ariadne = e.imports_prefix("ariadne");
    // web.py (`import web`): the classes its `urls` table names answer with methods
    // named after the HTTP verbs, called with the URL's regex groups.
    let webpy = m.imports.iter().any(|i| i.path == "web");
    let django = e.imports_prefix("django") || e.imports_prefix("rest_framework");
    let tornado = e.imports_prefix("tornado");
    let falcon = e.imports_prefix("falcon");
    let bottle = e.imports_prefix("bottle");
    let flask = e.imports_prefix("flask");
    // aiohttp's server is `aiohttp.web`; a bare `import aiohttp` next to another web
    // framework is its HTTP client (`aiohttp.ClientSession`), and the handlers are that
    // framework's.
    let aiohttp = e.imports_prefix("aiohttp.web")
        || e.imports_prefix("aiohttp")
            && !(fastapi || django || flask || tornado || falcon || bottle || cherrypy);
    // Handlers registered by call: aiohttp `app.router.add_get("/x/{name}", view)`,
    // Starlette `Route("/x", endpoint)`, Django `path("x/", view)`. Each takes the
    // request as its first parameter.
    if aiohttp || fastapi || django {
        let mut visit = |c: &Call| {
            let Some(name) = c.callee.last_name() else {
                return;
            };
            let registers = matches!(
                name,
                "add_get"
                    | "add_post"
                    | "add_put"
                    | "add_patch"
                    | "add_delete"
                    | "add_route"
                    | "add_view"
                    | "Route"
                    | "WebSocketRoute"
                    | "path"
                    | "re_path"
            );
            if !registers || c.arg(0).and_then(|a| a.as_str()).is_none() {
                return;
            }
            for a in &c.args {
                if let ExprKind::Name(n) = &a.value.kind
                    && let Some(id) = top_level_function(m, n)
                    && !m.funcs[id].params.is_empty()
                {
                    // Django's `path("item/<int:pk>/", view)`: the converters.
                    let route_params = if name == "path" && django {
                        c.arg(0)
                            .and_then(|a| a.as_str())
                            .map(flask_route_params)
                            .unwrap_or_default()
                    } else if name != "re_path" && name != "path" {
                        // Starlette `Route("/items/{id:int}", ...)`, aiohttp
                        // `add_get("/items/{id:\d+}", ...)`: the typed variables.
                        c.arg(0)
                            .and_then(|a| a.as_str())
                            .map(brace_route_params)
                            .unwrap_or_default()
                    } else {
                        Vec::new()
                    };
                    out[id] = Some(HandlerInfo {
                        framework: Framework::Django,
                        route_params,
                        fixed_route: false,
                    });
                }
            }
        };
        for f in &m.funcs {
            walk_calls(&f.body, &mut visit);
        }
    }
    // Connection handlers of the standard library's and websockets' servers:
    // `asyncio.start_server(handle, host, port)` calls `handle(reader, writer)`,
    // `websockets.serve(handler, host, port)` calls `handler(websocket)`; what they
    // read is the client's.
    if e.imports_prefix("asyncio") || e.imports_prefix("websockets") {
        let mut visit = |c: &Call| {
            let serves = e.path_of(&c.callee).is_some_and(|p| {
                matches!(
                    p.as_str(),
                    "asyncio.start_server"
                        | "asyncio.start_unix_server"
                        | "websockets.serve"
                        | "websockets.unix_serve"
                        | "websockets.server.serve"
                        | "websockets.asyncio.server.serve"
                        | "websockets.sync.server.serve"
                )
            });
            if serves
                && let Some(ExprKind::Name(n)) = c.arg(0).map(|a| &a.kind)
                && let Some(id) = top_level_function(m, n)
                && !m.funcs[id].params.is_empty()
            {
                out[id] = Some(HandlerInfo {
                    framework: Framework::SocketData,
                    route_params: Vec::new(),
                    fixed_route: false,
                });
            }
        };
        for f in &m.funcs {
            walk_calls(&f.body, &mut visit);
        }
    }
    for (id, f) in m.funcs.iter().enumerate() {
        for d in &f.decorators {
            let (callee, call) = match &d.kind {
                ExprKind::Call(c) => (&c.callee, Some(c.as_ref())),
                _ => (d, None),
            };
            let Some(name) = callee.last_name() else {
                continue;
            };
            // Bottle's module-level `@route("/x/<name>")`, `@get(...)`.
            // Litestar's module-level `@get("/x")`, `@post(...)`.
            let on_object = matches!(callee.kind, ExprKind::Attr(..))
                || bottle && e.path_of(callee).is_some_and(|p| p.starts_with("bottle."))
                || e.path_of(callee)
                    .is_some_and(|p| p.starts_with("litestar."));
            // strawberry: `@strawberry.field` / `@strawberry.mutation` resolvers; ariadne:
            // `@query.field("name")` on a `QueryType()` / `MutationType()` /
            // `ObjectType("Name")`.
            let dpath = e.path_of(callee);
            let strawberry = dpath.as_deref().is_some_and(|p| {
                matches!(
                    p,
                    "strawberry.field" | "strawberry.mutation" | "strawberry.subscription"
                )
            });
            let ariadne_field = ariadne
                && name == "field"
                && call.is_some_and(|c| c.arg(0).and_then(|a| a.as_str()).is_some());
            // Socket.IO: `@socketio.on("event")`, `@sio.event`, `@socketio.on_event(...)`.
            if socketio
                && matches!(callee.kind, ExprKind::Attr(..))
                && matches!(name, "on" | "event" | "on_event")
            {
                out[id] = Some(HandlerInfo {
                    framework: Framework::SocketEvent,
                    route_params: Vec::new(),
                    fixed_route: false,
                });
                continue;
            }
            if strawberry || ariadne_field {
                out[id] = Some(HandlerInfo {
                    framework: Framework::PyGraphQl,
                    route_params: Vec::new(),
                    fixed_route: false,
                });
                continue;
            }
            // Google Cloud Functions: `@functions_framework.http` gets the Flask request.
            if e.path_of(callee).as_deref() == Some("functions_framework.http") {
                out[id] = Some(HandlerInfo {
                    framework: Framework::Flask,
                    route_params: Vec::new(),
                    fixed_route: true,
                });
                continue;
            }
            // CherryPy: an exposed method is called with the query and form fields as
            // keyword arguments.
            if cherrypy
                && e.path_of(callee).as_deref() == Some("cherrypy.expose")
                && f.kind == FuncKind::Method
            {
                out[id] = Some(HandlerInfo {
                    framework: Framework::FastApi,
                    route_params: Vec::new(),
                    fixed_route: false,
                });
                continue;
            }
            if on_object && ROUTE_METHODS.contains(&name) {
                let framework = if aiohttp {
                    Framework::Django
                } else if fastapi && name != "route" {
                    Framework::FastApi
                } else {
                    Framework::Flask
                };
                let route = call.and_then(|c| c.arg(0)).and_then(|a| a.as_str());
                let route_params = route.map(flask_route_params).unwrap_or_default();
                let fixed_route = framework == Framework::Flask
                    && route.is_some_and(|r| !r.contains('<'))
                    && out[id].as_ref().is_none_or(|h| h.fixed_route);
                out[id] = Some(HandlerInfo {
                    framework,
                    route_params,
                    fixed_route,
                });
            } else if on_object && (flask || fastapi) && error_handler_param(f).is_some() {
                // `@app.errorhandler(Exception)`: what it returns is the response.
                out[id] = Some(HandlerInfo {
                    framework: if fastapi {
                        Framework::FastApi
                    } else {
                        Framework::Flask
                    },
                    route_params: Vec::new(),
                    fixed_route: true,
                });
            } else if DJANGO_DECORATORS.contains(&name) {
                out[id] = Some(HandlerInfo {
                    framework: Framework::Django,
                    route_params: Vec::new(),
                    fixed_route: false,
                });
            }
        }
        if out[id].is_some() {
            continue;
        }
        // Flask class views: `MethodView` and Flask-RESTful / RESTX `Resource` methods named
        // after HTTP verbs, called with the URL rule's variables.
        if flask
            && f.kind == FuncKind::Method
            && TORNADO_VERBS.contains(&f.name.as_str())
            && f.class.as_deref().is_some_and(|c| {
                m.classes.iter().any(|k| {
                    k.name == c
                        && k.bases.iter().any(|b| {
                            let last = b.rsplit('.').next().unwrap_or(b);
                            matches!(last, "MethodView" | "View" | "Resource")
                        })
                })
            })
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::Flask,
                route_params: Vec::new(),
                fixed_route: false,
            });
            continue;
        }
        // graphene: `resolve_<field>(root, info, **args)` and `mutate(root, info, **args)`
        // of an `ObjectType` / `Mutation` subclass.
        if graphene
            && f.kind == FuncKind::Method
            && (f.name.starts_with("resolve_") || f.name == "mutate")
            && f.class.as_deref().is_some_and(|c| {
                derives_from(m, c, &|b| {
                    matches!(
                        b,
                        "ObjectType" | "Mutation" | "ClientIDMutation" | "DjangoObjectType"
                    )
                })
            })
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::PyGraphQl,
                route_params: Vec::new(),
                fixed_route: false,
            });
            continue;
        }
        // Django Channels consumers: what the client sent.
        if channels
            && f.kind == FuncKind::Method
            && matches!(
                f.name.as_str(),
                "receive" | "receive_json" | "websocket_receive" | "decode_json"
            )
            && f.class.as_deref().is_some_and(|c| {
                derives_from(m, c, &|b| {
                    b.ends_with("WebsocketConsumer") || b.ends_with("Consumer")
                })
            })
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::SocketEvent,
                route_params: Vec::new(),
                fixed_route: false,
            });
            continue;
        }
        if webpy && f.kind == FuncKind::Method && HTTP_VERBS.contains(&f.name.as_str()) {
            out[id] = Some(HandlerInfo {
                framework: Framework::Flask,
                route_params: Vec::new(),
                fixed_route: false,
            });
            continue;
        }
        // Falcon responders: `def on_get(self, req, resp, **fields)` of a resource class.
        if falcon
            && f.kind == FuncKind::Method
            && f.name.strip_prefix("on_").is_some_and(|v| {
                TORNADO_VERBS
                    .iter()
                    .any(|verb| v == *verb || v.starts_with(&format!("{verb}_")))
            })
            && f.params.iter().filter_map(|p| p.name()).nth(1) == Some("req")
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::Django,
                route_params: Vec::new(),
                fixed_route: false,
            });
            continue;
        }
        if tornado
            && f.kind == FuncKind::Method
            && TORNADO_VERBS.contains(&f.name.as_str())
            && f.class.as_deref().is_some_and(|c| tornado_class(m, c))
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::Tornado,
                route_params: Vec::new(),
                fixed_route: false,
            });
            continue;
        }
        // AWS Lambda: a top-level `def handler(event, context)` (any name with exactly
        // those two parameters, or `*handler` whose first parameter is `event`).
        let names: Vec<&str> = f.params.iter().filter_map(|p| p.name()).collect();
        if f.kind == FuncKind::Function
            && f.parent == Some(0)
            && names.len() == f.params.len()
            && (names == ["event", "context"]
                || f.name.ends_with("handler") && names.first() == Some(&"event"))
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::Lambda,
                route_params: Vec::new(),
                fixed_route: false,
            });
            continue;
        }
        let first = f
            .params
            .iter()
            .filter_map(|p| p.name())
            .find(|n| *n != "self" && *n != "cls");
        if first != Some("request") {
            continue;
        }
        if f.kind == FuncKind::Function && f.parent == Some(0) && (django || aiohttp) {
            out[id] = Some(HandlerInfo {
                framework: Framework::Django,
                route_params: Vec::new(),
                fixed_route: false,
            });
        }
        if f.kind == FuncKind::Method && CBV_METHODS.contains(&f.name.as_str()) {
            let cbv = f.class.as_ref().is_some_and(|c| {
                m.classes.iter().any(|k| {
                    &k.name == c
                        && k.bases.iter().any(|b| {
                            b.contains("View") || b.contains("Mixin") || b.contains("Endpoint")
                        })
                })
            });
            if cbv {
                out[id] = Some(HandlerInfo {
                    framework: Framework::Django,
                    route_params: Vec::new(),
                    fixed_route: false,
                });
            }
        }
    }
}

const TORNADO_VERBS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "options"];

/// Is `cls` a Tornado request handler: a class of this module whose bases include
/// `RequestHandler` (`tornado.web.RequestHandler`, `web.RequestHandler`), directly or
/// through other classes of the module (`class Base(RequestHandler)`)?
pub(crate) fn tornado_class(m: &Module, cls: &str) -> bool {
    derives_from(m, cls, &|b| b == "RequestHandler")
}

/// Is `cls` a request handler of the standard library's `http.server`
/// (`BaseHTTPRequestHandler`, `SimpleHTTPRequestHandler`), directly or through other
/// classes of the module?
pub(crate) fn stdlib_http_handler_class(m: &Module, cls: &str) -> bool {
    derives_from(m, cls, &|b| {
        matches!(
            b,
            "BaseHTTPRequestHandler" | "SimpleHTTPRequestHandler" | "CGIHTTPRequestHandler"
        )
    })
}

/// Is `cls` a request handler of the standard library's `socketserver`
/// (`BaseRequestHandler`, `StreamRequestHandler`, `DatagramRequestHandler`), directly or
/// through other classes of the module? Its `self.request` is the client's connection
/// (or, for datagrams, the client's packet and the socket).
pub(crate) fn socketserver_handler_class(m: &Module, cls: &str) -> bool {
    derives_from(m, cls, &|b| {
        matches!(
            b.rsplit('.').next().unwrap_or(b),
            "BaseRequestHandler" | "StreamRequestHandler" | "DatagramRequestHandler"
        )
    })
}

/// Is `cls` a Django / DRF class-based view: a class of this module whose bases name a
/// view, viewset, mixin or endpoint (`TemplateView`, `APIView`, `ModelViewSet`,
/// `LoginRequiredMixin`), directly or through other classes of the module?
/// A PHP controller class (CakePHP `AppController`, CodeIgniter `CI_Controller` /
/// `BaseController`, Yii `Controller`): one of its bases is named `...Controller`.
pub(crate) fn php_controller_class(m: &Module, cls: &str) -> bool {
    derives_from(m, cls, &|b| {
        b.rsplit(['.', '\\'])
            .next()
            .unwrap_or(b)
            .ends_with("Controller")
    })
}

/// An ActiveRecord model class: it derives (through classes of this module) from
/// `ApplicationRecord` or `ActiveRecord::Base`; its methods and scopes call the query
/// methods (`where`, `order`, `joins`) on the model itself, without a receiver.
pub(crate) fn active_record_class(m: &Module, cls: &str) -> bool {
    m.classes
        .iter()
        .any(|c| c.name == cls && c.bases.iter().any(|b| b.contains("ActiveRecord")))
        || derives_from(m, cls, &|b| b == "ApplicationRecord")
}

pub(crate) fn django_view_class(m: &Module, cls: &str) -> bool {
    derives_from(m, cls, &|b| {
        b.ends_with("View")
            || b.ends_with("ViewSet")
            || b.ends_with("Mixin")
            || b.ends_with("Endpoint")
    })
}

/// Does class `cls` of this module have a base (by its last dotted name) that `is_base`
/// accepts, directly or through other classes of the module (at most four levels)?
fn derives_from(m: &Module, cls: &str, is_base: &dyn Fn(&str) -> bool) -> bool {
    fn walk(m: &Module, cls: &str, is_base: &dyn Fn(&str) -> bool, depth: u8) -> bool {
        let Some(c) = m.classes.iter().find(|c| c.name == cls) else {
            return false;
        };
        c.bases.iter().any(|b| {
            let last = b.rsplit('.').next().unwrap_or(b);
            is_base(last) || depth < 4 && last != cls && walk(m, last, is_base, depth + 1)
        })
    }
    walk(m, cls, is_base, 0)
}

/// The exception parameter of a Flask `@app.errorhandler(E)` or FastAPI / Starlette
/// `@app.exception_handler(E)` function registered for a general exception class (not
/// an HTTP status or an HTTP exception, whose text is the framework's): its text is the
/// error's detail.
pub(crate) fn error_handler_param(f: &Func) -> Option<usize> {
    f.decorators.iter().find_map(|d| {
        let c = d.as_call()?;
        let ExprKind::Attr(_, name) = &c.callee.kind else {
            return None;
        };
        let index = match name.as_str() {
            "errorhandler" | "app_errorhandler" => 0,
            "exception_handler" => 1,
            _ => return None,
        };
        let ty = c.arg(0)?.last_name()?;
        let general = matches!(ty, "Exception" | "BaseException")
            || (ty.ends_with("Error") || ty.ends_with("Exception"))
                && !ty.contains("HTTP")
                && !ty.contains("Http")
                && !ty.contains("Validation")
                && !ty.contains("NotFound");
        (general && f.params.len() > index).then_some(index)
    })
}

/// `/users/<int:id>/<name>` -> `["int:id", "name"]`.
fn flask_route_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else { break };
        out.push(after[..end].trim().to_string());
        rest = &after[end + 1..];
    }
    out
}

/// The typed variables of a Starlette or aiohttp route (`/items/{id:int}`,
/// `/u/{name:[a-z]+}`), as `convertor:name`; an untyped one as `str:name`.
pub(crate) fn brace_route_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'{' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut depth = 1;
        let mut j = start;
        while j < b.len() && depth > 0 {
            match b[j] {
                b'{' => depth += 1,
                b'}' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        if depth != 0 {
            break;
        }
        match path[start..j - 1].split_once(':') {
            Some((name, conv)) => out.push(format!("{}:{}", conv.trim(), name.trim())),
            None => out.push(format!("str:{}", path[start..j - 1].trim())),
        }
        i = j;
    }
    out
}

fn js(e: &Engine<'_>, m: &Module, out: &mut [Option<HandlerInfo>]) {
    let route_file = e.file.ends_with("/route.ts")
        || e.file.ends_with("/route.js")
        || e.file.ends_with("route.tsx")
        || e.file.as_ref() == "route.ts"
        || e.file.as_ref() == "route.js";
    // `const app = require("fastify")({ logger: true })` imports no name.
    let required = |m: &str| {
        let mut hit = false;
        if let Some(top) = m_top(e) {
            walk_calls(top, &mut |c| {
                hit = hit
                    || c.callee.as_name() == Some("require")
                        && c.arg(0).and_then(|a| a.as_str()) == Some(m);
            });
        }
        hit
    };
    let koa = e.imports_prefix("koa") || e.imports_prefix("@koa");
    let hono = e.imports_prefix("hono");
    let fastify = e.imports_prefix("fastify") || required("fastify");
    let hapi = e.imports_prefix("@hapi/hapi") || e.imports_prefix("hapi");
    let socket_io = e.imports_prefix("socket.io") && !e.imports_prefix("socket.io-client");
    let archive = ["unzipper", "tar-stream", "yauzl", "unzip-stream", "tar"]
        .iter()
        .any(|m| e.imports_prefix(m));
    let sockets = ["net", "node:net", "tls", "node:tls"]
        .iter()
        .any(|m| e.imports_prefix(m));
    let readline = e.imports_prefix("readline") || e.imports_prefix("node:readline");
    let file_reads = e.rules.local
        && ["fs", "node:fs", "fs-extra", "graceful-fs"]
            .iter()
            .any(|m| e.imports_prefix(m));
    for (id, f) in m.funcs.iter().enumerate() {
        if f.parent != Some(0) {
            continue;
        }
        if f.exported
            && HTTP_VERBS.contains(&f.name.as_str())
            && (route_file || f.params.len() <= 2)
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::NextRoute,
                route_params: Vec::new(),
                fixed_route: false,
            });
        } else if f.exported && f.params.len() <= 1 && data_loader(e, f) {
            // Next.js `getServerSideProps(context)` (its query, params, req and cookies),
            // Remix / React Router `loader({ request, params })` and `action(...)`,
            // SvelteKit `load({ url, params, request })` in a `+page.server` /
            // `+layout.server` module: run on the server for each request.
            let whole = f.params.first().is_some_and(|p| p.name().is_some());
            out[id] = Some(HandlerInfo {
                framework: if whole {
                    Framework::NextPage
                } else {
                    Framework::NextRoute
                },
                route_params: Vec::new(),
                fixed_route: false,
            });
        } else if m.use_server && f.exported {
            out[id] = Some(HandlerInfo {
                framework: Framework::ServerAction,
                route_params: Vec::new(),
                fixed_route: false,
            });
        } else if f.exported
            && f.params.len() == 1
            && matches!(&f.params[0].pattern, Pattern::Object(props, _)
                if props.iter().any(|(k, _)| matches!(k.as_deref(), Some("searchParams") | Some("params"))))
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::NextPage,
                route_params: Vec::new(),
                fixed_route: false,
            });
        }
    }
    // SvelteKit form actions: `export const actions = { default: async ({ request }) =>
    // ..., login: async (event) => ... }` in a `+page.server` module; each runs for a
    // form post with the request event.
    let file = e.file.rsplit('/').next().unwrap_or(&e.file);
    if (file.starts_with("+page.server.") || e.imports_prefix("@sveltejs/kit"))
        && let Some(top) = m_top(e)
    {
        for st in top {
            if let StmtKind::Assign {
                target: Pattern::Name(n, _),
                value,
            } = &st.kind
                && n == "actions"
                && let ExprKind::Dict(items) = &value.kind
            {
                for (_, v) in items {
                    if let Some(id) = listener(m, v)
                        && m.funcs[id].exported
                        && out[id].is_none()
                    {
                        // The event is a request object (`request`, `url`, `params`,
                        // `cookies`; `locals` is the server's).
                        out[id] = Some(HandlerInfo {
                            framework: Framework::NextRoute,
                            route_params: Vec::new(),
                            fixed_route: false,
                        });
                    }
                }
            }
        }
    }
    // An inline server action: a function whose body opens with `"use server"`.
    for (id, f) in m.funcs.iter().enumerate() {
        if out[id].is_none()
            && e.family == crate::syntax::Family::Js
            && let Some(first) = f.body.first()
            && let StmtKind::Expr(e) = &first.kind
            && matches!(&e.kind, ExprKind::Str(t) if t == "use server")
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::ServerAction,
                route_params: Vec::new(),
                fixed_route: false,
            });
        }
    }
    // Functions registered on a router: app.get('/x', handler), router.post(...),
    // http.createServer((req, res) => ...).
    let framework = if koa {
        Framework::Koa
    } else if hono {
        Framework::Hono
    } else if fastify {
        Framework::Fastify
    } else {
        Framework::Express
    };
    let mut visit = |c: &Call| {
        let Some(name) = c.callee.last_name() else {
            return;
        };
        let stream_input = match c.arg(0).and_then(|a| a.as_str()) {
            Some("entry") if archive => Some(Framework::ArchiveEntry),
            Some("data") if sockets => Some(Framework::SocketData),
            Some("line") if readline => Some(Framework::ReadLine),
            _ => None,
        };
        if file_reads
            && name == "readFile"
            && let Some(id) = c.args.last().and_then(|a| listener(m, &a.value))
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::FileRead,
                route_params: Vec::new(),
                fixed_route: false,
            });
            return;
        }
        if matches!(name, "on" | "once")
            && let Some(framework) = stream_input
            && let Some(id) = c.arg(1).and_then(|a| listener(m, a))
        {
            out[id] = Some(HandlerInfo {
                framework,
                route_params: Vec::new(),
                fixed_route: false,
            });
            return;
        }
        if matches!(name, "addEventListener" | "on" | "once")
            && c.arg(0).and_then(|a| a.as_str()) == Some("message")
            && let Some(id) = c.arg(1).and_then(|a| listener(m, a))
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::MessageListener,
                route_params: Vec::new(),
                fixed_route: false,
            });
            return;
        }
        // socket.io: `socket.on("chat", (data, ack) => ...)`: a client's event; its
        // arguments are what the client sent.
        if socket_io
            && name == "on"
            && c.arg(0).and_then(|a| a.as_str()).is_some_and(|ev| {
                !matches!(
                    ev,
                    "connection"
                        | "connect"
                        | "disconnect"
                        | "disconnecting"
                        | "error"
                        | "new_namespace"
                )
            })
            && let Some(id) = c.arg(1).and_then(|a| listener(m, a))
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::MessageListener,
                route_params: Vec::new(),
                fixed_route: false,
            });
            return;
        }
        // Fastify's `app.setErrorHandler((error, request, reply) => ...)`, Hono's
        // `app.onError((err, c) => ...)`: the error some handler threw, and the request.
        if matches!(name, "setErrorHandler" | "onError")
            && matches!(c.callee.kind, ExprKind::Attr(..))
            && let Some(id) = c.arg(0).and_then(|a| listener(m, a))
            && m.funcs[id].params.len() >= 2
        {
            out[id] = Some(HandlerInfo {
                framework,
                route_params: Vec::new(),
                fixed_route: false,
            });
            return;
        }
        // hapi: `server.route({ method, path, handler })` (or a list of them), the handler
        // also under `options` / `config`.
        if hapi && name == "route" && matches!(c.callee.kind, ExprKind::Attr(..)) {
            for a in &c.args {
                let configs: Vec<&Expr> = match &a.value.kind {
                    ExprKind::List(items) => items.iter().collect(),
                    _ => vec![&a.value],
                };
                for cfg in configs {
                    if let Some(id) = hapi_handler(m, cfg, 0) {
                        out[id] = Some(HandlerInfo {
                            framework: Framework::Hapi,
                            route_params: Vec::new(),
                            fixed_route: false,
                        });
                    }
                }
            }
            return;
        }
        // Express `app.param("id", (req, res, next, id) => ...)` / `router.param(...)`:
        // the callback gets the route parameter's value as its fourth argument.
        if name == "param"
            && matches!(c.callee.kind, ExprKind::Attr(..))
            && c.arg(0).and_then(|a| a.as_str()).is_some()
            && let Some(id) = c.arg(1).and_then(|a| listener(m, a))
            && let Some(value) = m.funcs[id].params.get(3).and_then(|p| p.name())
        {
            out[id] = Some(HandlerInfo {
                framework,
                route_params: vec![value.to_string()],
                fixed_route: false,
            });
            return;
        }
        // h3 / Nitro / Nuxt: `defineEventHandler(fn)` or `defineEventHandler({ handler })`.
        if H3_HANDLER_FACTORIES.contains(&name)
            && let Some(a) = c.arg(0)
            && let Some(id) =
                listener(m, a).or_else(|| object_entry(a, "handler").and_then(|h| listener(m, h)))
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::H3,
                route_params: Vec::new(),
                fixed_route: false,
            });
            return;
        }
        // tRPC: `publicProcedure.input(schema).mutation(fn)`.
        if matches!(name, "query" | "mutation" | "subscription")
            && let ExprKind::Attr(recv, _) = &c.callee.kind
            && is_trpc_procedure(recv)
            && let Some(id) = c.arg(0).and_then(|a| listener(m, a))
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::Rpc,
                route_params: Vec::new(),
                fixed_route: false,
            });
            return;
        }
        // Electron: `ipcMain.on("channel", (event, arg) => ...)`, `ipcMain.handle(...)`.
        if matches!(name, "on" | "once" | "handle" | "handleOnce")
            && let ExprKind::Attr(recv, _) = &c.callee.kind
            && recv.last_name() == Some("ipcMain")
            && let Some(id) = c.arg(1).and_then(|a| listener(m, a))
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::IpcMain,
                route_params: Vec::new(),
                fixed_route: false,
            });
            return;
        }
        let is_route = ROUTE_METHODS.contains(&name) || name == "createServer";
        if !is_route || !matches!(c.callee.kind, ExprKind::Attr(..)) && name != "createServer" {
            return;
        }
        let path_first = c
            .arg(0)
            .and_then(|a| a.as_str())
            .is_some_and(|s| s.starts_with('/') || s == "*");
        for a in &c.args {
            let id = match &a.value.kind {
                ExprKind::Func(id) => Some(*id),
                ExprKind::Name(n) => top_level_function(m, n),
                _ => None,
            };
            let Some(id) = id else { continue };
            let f = &m.funcs[id];
            let first = f.params.first().and_then(|p| p.name()).unwrap_or("");
            // `({ query, body }, res) => ...`, `async ({ request, response }) => ...`: the
            // request's (or the context's) fields destructured in the parameter list.
            let destructured = f.params.first().is_some_and(|p| {
                matches!(&p.pattern, Pattern::Object(props, _) if props.iter().any(|(k, _)| {
                    matches!(
                        k.as_deref(),
                        Some("query" | "body" | "params" | "headers" | "cookies" | "request" | "req")
                    )
                }))
            });
            let looks =
                destructured || matches!(first, "req" | "request" | "ctx" | "context" | "c");
            if looks || path_first && !f.params.is_empty() {
                let route_params = if framework == Framework::Fastify {
                    c.args
                        .iter()
                        .flat_map(|a| fastify_schema_fields(&a.value))
                        .collect()
                } else if framework == Framework::Express && checks_validation(f) {
                    // express-validator chains before the handler, which reads the
                    // outcome (`validationResult(req)`, `matchedData(req)`).
                    c.args
                        .iter()
                        .flat_map(|a| validator_chain_fields(&a.value))
                        .collect()
                } else {
                    Vec::new()
                };
                out[id] = Some(HandlerInfo {
                    framework,
                    route_params,
                    fixed_route: false,
                });
            }
        }
    };
    for f in &m.funcs {
        walk_calls(&f.body, &mut visit);
    }
    // GraphQL resolver maps, in a module that uses a GraphQL server: the functions under
    // `Query` / `Mutation` / `Subscription`, written anywhere at the top level (a
    // `resolvers` variable, `module.exports`, the server's options).
    let graphql = [
        "graphql",
        "@apollo/server",
        "apollo-server",
        "apollo-server-express",
        "graphql-yoga",
        "@graphql-tools/schema",
        "mercurius",
        "express-graphql",
        "graphql-http",
    ]
    .iter()
    .any(|p| e.imports_prefix(p));
    if graphql && let Some(top) = m_top(e) {
        let mut found = Vec::new();
        for st in top {
            crate::rules::support::walk_stmt_exprs(st, &mut |x| {
                if let ExprKind::Dict(items) = &x.kind {
                    for (k, v) in items {
                        if let DictKey::Const(k) = k
                            && matches!(k.as_str(), "Query" | "Mutation" | "Subscription")
                            && let ExprKind::Dict(fields) = &v.kind
                        {
                            found.extend(fields.iter().filter_map(|(_, f)| listener(m, f)));
                        }
                    }
                }
            });
        }
        for id in found {
            if out[id].is_none() {
                out[id] = Some(HandlerInfo {
                    framework: Framework::JsGraphQl,
                    route_params: Vec::new(),
                    fixed_route: false,
                });
            }
        }
    }
    // AWS Lambda: `exports.handler = fn`, `module.exports.handler = fn`,
    // `export const handler = fn`, `export async function handler(event)`.
    let lambda = |id: FuncId, out: &mut [Option<HandlerInfo>]| {
        // `export default function handler(req, res)` is a Next.js API route: its
        // request is modelled as a request, not as an event payload.
        let first = m.funcs[id].params.first().and_then(|p| p.name());
        if out[id].is_none()
            && first.is_some_and(|n| !matches!(n, "req" | "request" | "ctx" | "context" | "c"))
        {
            out[id] = Some(HandlerInfo {
                framework: Framework::Lambda,
                route_params: Vec::new(),
                fixed_route: false,
            });
        }
    };
    // Other exported entry points named for the role (`lambdaHandler` in AWS SAM's
    // templates) count when their first parameter is the event.
    let named_entry = |name: &str, f: &Func| {
        name == "handler"
            || (name.ends_with("Handler") || name.ends_with("_handler"))
                && f.params.first().and_then(|p| p.name()) == Some("event")
    };
    // A method named `handler` (a yargs command class's `handler(args)`) is no Lambda
    // entry point: Lambda calls a module's exported function.
    for (id, f) in m.funcs.iter().enumerate() {
        if f.parent == Some(0) && f.exported && f.class.is_none() && named_entry(&f.name, f) {
            lambda(id, out);
        }
    }
    if let Some(top) = m.funcs.first() {
        for s in &top.body {
            let StmtKind::Assign { target, value } = &s.kind else {
                continue;
            };
            let ExprKind::Func(id) = value.kind else {
                continue;
            };
            let named_handler = match target {
                Pattern::Attr(base, attr, _) => {
                    named_entry(attr, &m.funcs[id])
                        && matches!(base.dotted().as_deref(), Some("exports" | "module.exports"))
                }
                Pattern::Name(n, _) => named_entry(n, &m.funcs[id]) && m.funcs[id].exported,
                _ => false,
            };
            if named_handler {
                lambda(id, out);
            }
        }
    }
    // `socket.onmessage = (event) => ...`
    for f in &m.funcs {
        walk_assigns(&f.body, &mut |target, value| {
            if let Pattern::Attr(_, attr, _) = target
                && attr == "onmessage"
                && let Some(id) = listener(m, value)
            {
                out[id] = Some(HandlerInfo {
                    framework: Framework::MessageListener,
                    route_params: Vec::new(),
                    fixed_route: false,
                });
            }
        });
    }
}

/// The function an argument or assigned value names: an inline function or a
/// top-level one by name.
/// A server-side data function a framework calls per request, by its exported name and
/// module (see the caller).
fn data_loader(e: &Engine<'_>, f: &Func) -> bool {
    let destructures_request = f.params.first().is_some_and(|p| {
        matches!(&p.pattern, Pattern::Object(props, _)
            if props.iter().any(|(k, _)| matches!(k.as_deref(), Some("request" | "params" | "url"))))
    });
    let file = e.file.rsplit('/').next().unwrap_or(&e.file);
    match f.name.as_str() {
        "getServerSideProps" => true,
        "loader" | "action" => {
            destructures_request
                || e.imports_prefix("@remix-run")
                || e.imports_prefix("react-router")
        }
        "load" => {
            destructures_request
                && (file.starts_with("+page.server.") || file.starts_with("+layout.server."))
        }
        _ => false,
    }
}

/// The `handler` of a hapi route configuration (`{ handler }`, `{ options: { handler } }`).
fn hapi_handler(m: &Module, cfg: &Expr, depth: u32) -> Option<FuncId> {
    let ExprKind::Dict(items) = &cfg.kind else {
        return None;
    };
    items.iter().find_map(|(k, v)| match k {
        DictKey::Const(k) if k == "handler" => listener(m, v),
        DictKey::Const(k) if depth == 0 && (k == "options" || k == "config") => {
            hapi_handler(m, v, depth + 1)
        }
        _ => None,
    })
}

/// The functions of h3 (and Nitro / Nuxt, which re-export them) that wrap a request
/// handler.
const H3_HANDLER_FACTORIES: &[&str] = &[
    "defineEventHandler",
    "eventHandler",
    "defineCachedEventHandler",
    "cachedEventHandler",
];

/// Is `e` a tRPC procedure builder: a chain (`t.procedure.input(s).use(mw)`) through
/// a name or property called `procedure` or ending in `Procedure` (`publicProcedure`,
/// `protectedProcedure`)?
pub(crate) fn is_trpc_procedure(e: &Expr) -> bool {
    let mut cur = e;
    loop {
        match &cur.kind {
            ExprKind::Call(c) => match &c.callee.kind {
                ExprKind::Attr(b, _) => cur = b,
                _ => return false,
            },
            ExprKind::Attr(b, n) => {
                if n == "procedure" || n.ends_with("Procedure") {
                    return true;
                }
                cur = b;
            }
            ExprKind::Name(n) => return n == "procedure" || n.ends_with("Procedure"),
            _ => return false,
        }
    }
}

fn listener(m: &Module, e: &Expr) -> Option<FuncId> {
    match &e.kind {
        ExprKind::Func(id) => Some(*id),
        ExprKind::Name(n) => top_level_function(m, n),
        _ => None,
    }
}

/// Visit every assignment of a block, recursively into nested blocks.
fn walk_assigns(b: &[Stmt], f: &mut dyn FnMut(&Pattern, &Expr)) {
    for s in b {
        match &s.kind {
            StmtKind::Assign { target, value } => f(target, value),
            StmtKind::If { then, els, .. } => {
                walk_assigns(then, f);
                walk_assigns(els, f);
            }
            StmtKind::While { body, .. } | StmtKind::For { body, .. } => walk_assigns(body, f),
            StmtKind::Try {
                body,
                handlers,
                finally,
            } => {
                walk_assigns(body, f);
                for h in handlers {
                    walk_assigns(&h.body, f);
                }
                walk_assigns(finally, f);
            }
            _ => {}
        }
    }
}

fn top_level_function(m: &Module, name: &str) -> Option<FuncId> {
    m.funcs
        .iter()
        .position(|f| f.parent == Some(0) && f.name == name)
}

/// Visit every call in a block (not inside nested function bodies, which are visited
/// as functions of their own).
pub(crate) fn walk_calls(b: &[Stmt], visit: &mut dyn FnMut(&Call)) {
    let mut on_expr = |e: &Expr| {
        e.walk(&mut |x| {
            if let ExprKind::Call(c) = &x.kind {
                visit(c);
            }
        })
    };
    walk_exprs(b, &mut on_expr);
}

/// Visit every top-level expression of every statement in a block, recursively.
pub(crate) fn walk_exprs(b: &[Stmt], f: &mut dyn FnMut(&Expr)) {
    for s in b {
        match &s.kind {
            StmtKind::Expr(e) | StmtKind::Raise(Some(e)) | StmtKind::Return(Some(e)) => f(e),
            StmtKind::Assign { value, target } | StmtKind::AugAssign { value, target, .. } => {
                f(value);
                if let Pattern::Attr(o, _, _) | Pattern::Index(o, _, _) = target {
                    f(o);
                }
            }
            StmtKind::If { cond, then, els } => {
                f(cond);
                walk_exprs(then, f);
                walk_exprs(els, f);
            }
            StmtKind::While { cond, body } => {
                f(cond);
                walk_exprs(body, f);
            }
            StmtKind::For { iter, body, .. } => {
                f(iter);
                walk_exprs(body, f);
            }
            StmtKind::Try {
                body,
                handlers,
                finally,
            } => {
                walk_exprs(body, f);
                for h in handlers {
                    walk_exprs(&h.body, f);
                }
                walk_exprs(finally, f);
            }
            StmtKind::With { items, body } => {
                for (e, _) in items {
                    f(e);
                }
                walk_exprs(body, f);
            }
            StmtKind::Switch { subject, cases } => {
                f(subject);
                for (vals, b) in cases {
                    for v in vals {
                        f(v);
                    }
                    walk_exprs(b, f);
                }
            }
            StmtKind::Block(b) => walk_exprs(b, f),
            _ => {}
        }
    }
}

/// Every function literal passed to `c` (a route's block or closure) is a handler of
/// `framework`, with no route parameters known.
fn mark_closures(c: &Call, out: &mut [Option<HandlerInfo>], framework: Framework) {
    for a in &c.args {
        if let ExprKind::Func(id) = a.value.kind {
            out[id] = Some(HandlerInfo {
                framework,
                route_params: Vec::new(),
                fixed_route: false,
            });
        }
    }
}

/// The module's top-level statements.
fn m_top<'a>(e: &'a Engine<'_>) -> Option<&'a [Stmt]> {
    e.module.funcs.first().map(|f| f.body.as_slice())
}

/// The value of property `key` of an object literal.
fn object_entry<'a>(e: &'a Expr, key: &str) -> Option<&'a Expr> {
    let ExprKind::Dict(items) = &e.kind else {
        return None;
    };
    items.iter().rev().find_map(|(k, v)| match k {
        DictKey::Const(k) if k == key => Some(v),
        _ => None,
    })
}

/// A Fastify route's options `{ schema: { querystring: { properties: { period: { type:
/// "string", enum: [...] } } } } }`: the request fields its JSON schema restricts to
/// values that carry no text of the client's choosing (an `enum` or `const` of
/// constants, a number, integer or boolean, a `uuid` / `date` format, a strict
/// `pattern`), as `query:period` (`params:`, `body:`, `headers:`). Fastify validates
/// (and coerces) the request against the schema before the handler runs.
fn fastify_schema_fields(opts: &Expr) -> Vec<String> {
    let mut out = Vec::new();
    let Some(schema) = object_entry(opts, "schema") else {
        return out;
    };
    for (part, field) in [
        ("querystring", "query"),
        ("query", "query"),
        ("params", "params"),
        ("body", "body"),
        ("headers", "headers"),
    ] {
        let Some(props) = object_entry(schema, part).and_then(|p| object_entry(p, "properties"))
        else {
            continue;
        };
        let ExprKind::Dict(items) = &props.kind else {
            continue;
        };
        for (k, v) in items {
            let DictKey::Const(name) = k else { continue };
            if schema_restricts(v) {
                out.push(format!("{field}:{name}"));
            }
        }
    }
    out
}

fn schema_restricts(prop: &Expr) -> bool {
    let constants = |e: &Expr| match &e.kind {
        ExprKind::List(xs) => {
            !xs.is_empty()
                && xs.iter().all(|x| {
                    matches!(
                        x.kind,
                        ExprKind::Str(_) | ExprKind::Num(_) | ExprKind::Bool(_)
                    )
                })
        }
        _ => false,
    };
    if object_entry(prop, "enum").is_some_and(constants) {
        return true;
    }
    if object_entry(prop, "const").is_some_and(|c| {
        matches!(
            c.kind,
            ExprKind::Str(_) | ExprKind::Num(_) | ExprKind::Bool(_)
        )
    }) {
        return true;
    }
    if let Some(ExprKind::Str(t)) = object_entry(prop, "type").map(|t| &t.kind)
        && matches!(t.as_str(), "integer" | "number" | "boolean")
    {
        return true;
    }
    if let Some(ExprKind::Str(f)) = object_entry(prop, "format").map(|t| &t.kind)
        && matches!(f.as_str(), "uuid" | "date" | "date-time" | "time")
    {
        return true;
    }
    if let Some(ExprKind::Str(p)) = object_entry(prop, "pattern").map(|t| &t.kind) {
        return super::guards::is_strict_validator(p, true);
    }
    false
}

/// The handler reads express-validator's verdict: `validationResult(req)` (to refuse
/// the request) or `matchedData(req)` (only the validated fields).
fn checks_validation(f: &Func) -> bool {
    let mut found = false;
    walk_calls(&f.body, &mut |c: &Call| {
        if matches!(
            c.callee.last_name(),
            Some("validationResult" | "matchedData")
        ) {
            found = true;
        }
    });
    found
}

/// express-validator chains (`query("sort").isIn(["name", "date"])`, `param("id").isInt()`,
/// `body("id").isUUID()`, an array of them): the fields they restrict to values with no
/// text of the client's choosing, as `query:sort` (`params:`, `body:`, `headers:`,
/// `cookies:`; `check(...)` looks in all of body, query and params).
fn validator_chain_fields(e: &Expr) -> Vec<String> {
    let mut out = Vec::new();
    if let ExprKind::List(items) = &e.kind {
        for it in items {
            out.extend(validator_chain_fields(it));
        }
        return out;
    }
    let mut restricts = false;
    let mut cur = e;
    while let Some(c) = cur.as_call() {
        match &c.callee.kind {
            ExprKind::Attr(inner, m) => {
                let strict = match m.as_str() {
                    "isInt" | "isFloat" | "isNumeric" | "isDecimal" | "isBoolean" | "isUUID"
                    | "isMongoId" | "isAlphanumeric" | "isAlpha" | "isHexadecimal"
                    | "isISO8601" | "toInt" | "toFloat" | "toBoolean" | "toDate" => true,
                    "isIn" => c.arg(0).is_some_and(crate::ir::Expr::is_literal_list),
                    _ => false,
                };
                restricts |= strict;
                cur = inner;
            }
            ExprKind::Name(n) => {
                let parts: &[&str] = match n.as_str() {
                    "query" => &["query"],
                    "param" => &["params"],
                    "body" => &["body"],
                    "header" => &["headers"],
                    "cookie" => &["cookies"],
                    "check" => &["body", "query", "params"],
                    _ => &[],
                };
                if restricts && let Some(field) = c.arg(0).and_then(|a| a.as_str()) {
                    for p in parts {
                        out.push(format!("{p}:{field}"));
                    }
                }
                break;
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn brace_route_variables() {
        assert_eq!(
            super::brace_route_params("/i/{id:int}/{name}/{n:\\d{1,5}}"),
            vec![
                "int:id".to_string(),
                "str:name".to_string(),
                "\\d{1,5}:n".to_string()
            ]
        );
    }

    #[test]
    fn flask_route_variables() {
        assert_eq!(
            super::flask_route_params("/u/<int:id>/<name>"),
            vec!["int:id".to_string(), "name".to_string()]
        );
    }
}
