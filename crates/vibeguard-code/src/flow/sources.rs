//! Where attacker-controlled data enters: framework request objects and their data
//! attributes, command-line input, browser input, and handler parameters.

use super::engine::Engine;
use super::handlers::Framework;
use super::value::{Label, ObjKind, Origin, SourceKind, Val, class};
use crate::ir::{FuncId, FuncKind, Param, Span};
use crate::syntax::Family;
use std::sync::Arc;

/// Request attributes that carry client data, across the web frameworks of the
/// supported languages (Flask/Werkzeug, Django, DRF, Starlette/FastAPI, aiohttp,
/// Express, Koa, Fastify, Hono, Next.js).
const REQUEST_DATA: &[&str] = &[
    // Flask / Werkzeug
    "args",
    "form",
    "values",
    "json",
    "data",
    "files",
    "cookies",
    "headers",
    "get_json",
    "get_data",
    "stream",
    "view_args",
    "url",
    "base_url",
    "full_path",
    "path",
    "query_string",
    "environ",
    "host",
    "host_url",
    "url_root",
    "referrer",
    "user_agent",
    "authorization",
    "input_stream",
    // Django / DRF
    "GET",
    "POST",
    "body",
    "COOKIES",
    "META",
    "FILES",
    "content_params",
    "path_info",
    "get_full_path",
    "build_absolute_uri",
    "get_host",
    "query_params",
    // Pyramid / WebOb
    "matchdict",
    // Azure Functions' HttpRequest
    "route_params",
    "get_body",
    // Starlette / FastAPI websockets
    "receive_text",
    "receive_json",
    "receive_bytes",
    "iter_text",
    "iter_json",
    // Falcon
    "get_param",
    "get_param_as_list",
    "get_header",
    "media",
    "get_media",
    "bounded_stream",
    // Tornado's HTTPServerRequest
    "arguments",
    "query_arguments",
    "body_arguments",
    "uri",
    "referer",
    // Starlette / FastAPI / aiohttp
    "path_params",
    "query",
    "match_info",
    "post",
    "text",
    "read",
    "content",
    "rel_url",
    "raw_path",
    "multipart",
    // Express / Koa / Fastify
    "params",
    "signedCookies",
    "file",
    "originalUrl",
    "hostname",
    "header",
    "param",
    "get",
    "querystring",
    "search",
    // Next.js / fetch Request / Hono
    "nextUrl",
    "formData",
    "arrayBuffer",
    "blob",
    "searchParams",
    "queries",
    "parseBody",
    "valid",
    "raw",
    // Go net/http, gin, echo, fiber
    "URL",
    "Form",
    "PostForm",
    "FormValue",
    "PostFormValue",
    "Header",
    "Body",
    "Cookie",
    "Cookies",
    "MultipartForm",
    "PathValue",
    "RequestURI",
    "Host",
    "Query",
    "DefaultQuery",
    "Param",
    "DefaultPostForm",
    "GetHeader",
    "GetQuery",
    "QueryArray",
    "FormFile",
    "GetRawData",
    "QueryParam",
    "QueryParams",
    "Params",
    "BodyParser",
    "ShouldBindJSON",
    "BindJSON",
    "Referer",
    "UserAgent",
    "MultipartReader",
    // Java servlets
    "getParameter",
    "getParameterValues",
    "getParameterMap",
    "getHeader",
    "getHeaders",
    "getHeaderNames",
    "getParameterNames",
    "getQueryString",
    "getCookies",
    "getInputStream",
    "getReader",
    "getRequestURI",
    "getRequestURL",
    "getPathInfo",
    "getPart",
    "getParts",
    // JAX-RS UriInfo / HttpHeaders / ContainerRequestContext
    "getQueryParameters",
    "getPathParameters",
    "getRequestUri",
    "getHeaderString",
    "getRequestHeader",
    "getRequestHeaders",
    "getEntityStream",
    // Spring WebFlux ServerRequest
    "queryParam",
    "queryParams",
    "pathVariable",
    "pathVariables",
    "bodyToMono",
    "bodyToFlux",
    "multipartData",
    // Laravel / Symfony
    "input",
    "all",
    "cookie",
    "getContent",
];

/// Python request readers beyond the names the frameworks share with the other
/// languages: Bottle (`request.forms`, `request.fullpath`, `request.urlparts`,
/// `request.get_cookie(...)`), Pyramid/WebOb (`request.json_body`, `request.path_qs`,
/// `request.path_url`), Sanic (`request.query_args`, `request.raw_url`,
/// `request.get_args()`, `request.get_form()`, `request.get_query_args()`) and Falcon
/// (`req.relative_uri`, `req.forwarded_uri`, `req.get_param_as_json(...)`,
/// `req.get_cookie_values(...)`).
const PYTHON_REQUEST_DATA: &[&str] = &[
    "forms",
    "fullpath",
    "urlparts",
    "get_cookie",
    "json_body",
    "path_qs",
    "path_url",
    "query_args",
    "raw_url",
    "get_args",
    "get_form",
    "get_query_args",
    "relative_uri",
    "forwarded_uri",
    "get_param_as_json",
    "get_cookie_values",
];

/// The request readers of the Go web frameworks' context objects (gin's `*gin.Context`,
/// echo's `echo.Context`, fiber's `*fiber.Ctx`, iris's `iris.Context`, fasthttp's
/// `*fasthttp.RequestCtx`, buffalo's `buffalo.Context`) beyond the names they share
/// with net/http and the other languages (`Query`, `Param`, `FormValue`, ...). Not
/// gin's `Get`/`GetString` (values the handlers stored) nor echo's `Path` (the route).
const GO_CONTEXT_DATA: &[&str] = &[
    // gin
    "GetPostForm",
    "PostFormArray",
    "GetPostFormArray",
    "PostFormMap",
    "GetPostFormMap",
    "QueryMap",
    "GetQueryMap",
    "GetQueryArray",
    // echo
    "FormParams",
    "ParamValues",
    "QueryString",
    // fiber
    "Queries",
    "AllParams",
    "OriginalURL",
    "BodyRaw",
    "GetReqHeaders",
    "Hostname",
    // iris
    "URLParam",
    "URLParamDefault",
    "URLParamTrim",
    "URLParams",
    "URLParamSlice",
    "FormValues",
    "FormValueDefault",
    "PostValue",
    "PostValues",
    "PostValueDefault",
    "PostValueTrim",
    "GetCookie",
    "GetBody",
    "FullRequestURI",
    // beego's `c.Ctx.Input` (`Query`, `Param`, `Header`, `RequestBody`, `Cookie`)
    "Input",
    // fasthttp
    "QueryArgs",
    "PostArgs",
    "PostBody",
    "UserValue",
    "URI",
];

/// Parameter names that hold a request object by convention.
const REQUEST_NAMES: &[&str] = &["request", "req"];

/// Field names that hold a full social security or payment card number, compared
/// without case, `_` or `-` (`ssn`, `credit_card_number`, `cardNumber`).
const PERSONAL_FIELDS: &[&str] = &[
    "ssn",
    "socialsecurity",
    "socialsecuritynumber",
    "creditcard",
    "creditcardnumber",
    "cardnumber",
    "ccnumber",
    "ccnum",
    "cvv",
    "cvv2",
    "cvc",
];

/// Does a field named `key` hold a full personal identifier?
pub(crate) fn personal_field(key: &str) -> bool {
    // Read on every field access: no allocation, and most names end at the first byte.
    if key.len() > 24 || !key.starts_with(['s', 'S', 'c', 'C']) {
        return false;
    }
    let mut buf = [0u8; 24];
    let mut n = 0;
    for b in key.bytes().filter(|b| *b != b'_' && *b != b'-') {
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    PERSONAL_FIELDS.iter().any(|f| f.as_bytes() == &buf[..n])
}

/// `t` without its [`Origin::Personal`] labels: a slice of an identifier (`ssn[-4:]`) is
/// the masked form meant for display.
pub(crate) fn without_personal(t: super::value::Taint) -> super::value::Taint {
    let t = t?;
    if !t.iter().any(|l| l.origin == Origin::Personal) {
        return Some(t);
    }
    let kept: Vec<Label> = t
        .iter()
        .filter(|l| l.origin != Origin::Personal)
        .cloned()
        .collect();
    (!kept.is_empty()).then(|| Arc::new(kept))
}

impl<'m> Engine<'m> {
    /// `v`, the value of field `key` read at `span`, labelled as a full personal
    /// identifier when the field's name says it is one (Python).
    pub(crate) fn personal_value(&self, v: Val, key: &str, span: Span) -> Val {
        if self.family != Family::Python || !personal_field(key) {
            return v;
        }
        let label = Label {
            origin: Origin::Personal,
            neutral: 0,
            trace: self.hop(
                span,
                format!("`{}`: a full personal identifier", self.quote(span)),
                None,
            ),
            strong: true,
        };
        Val {
            taint: super::value::join_taint(&v.taint, &Some(Arc::new(vec![label]))),
            ..v
        }
    }

    pub(crate) fn source_label(
        &self,
        kind: SourceKind,
        strong: bool,
        span: Span,
        what: &str,
    ) -> Val {
        let note = if span == Span::default() {
            what.to_string()
        } else {
            format!("`{}`: {what}", self.quote(span))
        };
        Val::tainted(Some(Arc::new(vec![Label {
            origin: Origin::Source(kind),
            neutral: 0,
            trace: self.hop(span, note, None),
            strong,
        }])))
    }

    /// Route parameters (`req.params`, `ctx.params`, `request.params`) and header values
    /// of the Node frameworks are always strings: unlike a parsed query string or JSON
    /// body they can never carry a `{"$ne": ...}` operator object into a MongoDB filter.
    fn js_string_input(&self, name: &str, v: Val) -> Val {
        use crate::flow::value::{class, neutralize};
        if self.family != Family::Js {
            return v;
        }
        let v = if self.mongo_sanitized && matches!(name, "body" | "query" | "params") {
            Val {
                taint: neutralize(&v.taint, class::NOSQL),
                ..v
            }
        } else {
            v
        };
        match name {
            "params" | "param" | "headers" | "header" => Val {
                taint: neutralize(&v.taint, class::NOSQL),
                ..v
            },
            // The request line's target as received: an HTTP parser refuses raw line
            // breaks in it, so it cannot forge a log line or a header.
            // Express's `originalUrl`, `path` and `baseUrl` start with `/`: after a fixed
            // origin they cannot change the host.
            "originalUrl" | "path" | "baseUrl" => Val {
                taint: neutralize(&v.taint, class::NOSQL | class::LOG | class::HEADER),
                prefix: Some(Arc::from("/")),
                ..v
            },
            "url" => Val {
                taint: neutralize(&v.taint, class::NOSQL | class::LOG | class::HEADER),
                ..v
            },
            // multer's `req.file`: `filename`, `path` and `destination` are the names multer
            // chose on disk; the client's name is `originalname`.
            "file" => {
                let mut out = Val {
                    shape: crate::flow::value::Shape::Map(Arc::new(Vec::new())),
                    ..v
                };
                for k in ["filename", "path", "destination", "size"] {
                    out = out.with_field(k, Val::trusted());
                }
                out
            }
            _ => v,
        }
    }

    /// A Go archive entry (`*zip.File`, `*tar.Header`): an object whose `Name` (and a
    /// link's `Linkname`) the archive's author chose (`../../etc/cron.d/x`: zip slip);
    /// a check on that field (`filepath.IsLocal(f.Name)`) refines it like any field.
    pub(crate) fn archive_entry(&self, span: Span) -> Val {
        let name = self.source_label(SourceKind::Network, true, span, "an archive member's name");
        Val {
            shape: super::value::Shape::Map(Arc::new(vec![
                (Arc::from("Name"), name.clone()),
                (Arc::from("Linkname"), name),
            ])),
            ..Val::default()
        }
    }

    /// The value of a module-level name (after import resolution).
    /// A Python environment variable read by constant name: the request for the
    /// variables a CGI server sets from it (`QUERY_STRING`, `HTTP_*`), otherwise the
    /// deployment's configuration (a value the program's operator chose).
    /// Under the `local` threat model every other variable is local input, whatever
    /// its name.
    pub(crate) fn environment_value(&self, key: Option<&Val>, span: Span) -> Option<Val> {
        let k = key.and_then(Val::const_str);
        let cgi = k.is_some_and(|k| {
            k.starts_with("HTTP_") && !k.ends_with("_PROXY")
                || matches!(
                    k,
                    "QUERY_STRING" | "REQUEST_URI" | "PATH_INFO" | "PATH_TRANSLATED" | "SCRIPT_URL"
                )
        });
        if cgi {
            return Some(self.source_label(
                SourceKind::Request,
                true,
                span,
                "CGI request variable",
            ));
        }
        if self.rules.local {
            return Some(self.local_source(super::value::LocalOrigin::Environment, span));
        }
        k.map(|_| Val::trusted())
    }

    pub(crate) fn ref_value(&self, path: &str, span: Span) -> Val {
        if self.rules.local
            && let Some(v) = self.local_ref_source(path, span)
        {
            return v;
        }
        // `const { version } = require("../package.json")`, `pkg.name` of `import pkg
        // from "./package.json"`: a data file of the project itself, not input.
        if self.family == Family::Js && path.starts_with('.') && path.contains(".json.") {
            return Val::trusted();
        }
        match (self.family, path) {
            (
                Family::Python,
                "flask.request" | "quart.request" | "bottle.request" | "cherrypy.request",
            ) => Val::obj(ObjKind::Request(true)),
            // A `request` the file never binds, imports or receives: a snippet's (or a
            // star-imported) web framework request, as a handler's `request` parameter.
            (Family::Python, "request" | "req") => Val::obj(ObjKind::Request(false)),
            // Java: a `request` no method, parameter or field of the file declares is a
            // field inherited from a base controller or action (`protected
            // HttpServletRequest request`), or a snippet's servlet request.
            (Family::Java, "request" | "req") => Val::obj(ObjKind::Request(false)),
            // Likewise an unbound `form` in Django code: the form bound to the request's
            // data (`form.data`, `form.cleaned_data`).
            (Family::Python, "form") if self.imports_prefix("django") => {
                self.source_label(SourceKind::Request, false, span, "submitted form")
            }
            (Family::Python, "sys.argv" | "sys.stdin") => {
                self.source_label(SourceKind::Cli, true, span, "command-line input")
            }
            (Family::Js, "process.argv") => {
                self.source_label(SourceKind::Cli, true, span, "command-line input")
            }
            (
                Family::Js,
                "location"
                | "window.location"
                | "document.location"
                | "document.URL"
                | "document.documentURI"
                | "document.baseURI"
                | "document.referrer"
                | "window.name",
            ) => self.source_label(SourceKind::Dom, true, span, "browser input"),
            // Vue Router's current route in a component (`this.$route.query.q`).
            (Family::Js, "this.$route" | "$route") => {
                self.source_label(SourceKind::Dom, true, span, "page address")
            }
            // `$_SESSION` is not request input: the application stored it on the server
            // (a value read from it is of unknown origin, like a file's contents).
            (
                Family::Php,
                "$_GET" | "$_POST" | "$_REQUEST" | "$_COOKIE" | "$_FILES" | "$_SERVER",
            ) => self.source_label(SourceKind::Request, true, span, "request data"),
            (Family::Ruby, "params" | "cookies") => {
                self.source_label(SourceKind::Request, true, span, "request data")
            }
            (Family::Ruby, "request") => Val::obj(ObjKind::Request(true)),
            // Laravel's `Request` facade: `Request::input('q')`; Yii's
            // `Yii::$app->request`.
            (Family::Php, "Illuminate.Support.Facades.Request" | "Yii.app.request") => {
                Val::obj(ObjKind::Request(true))
            }
            (Family::Ruby, "ARGV" | "STDIN")
            | (Family::Go, "os.Args")
            | (Family::Java, "System.in") => {
                self.source_label(SourceKind::Cli, true, span, "command-line input")
            }
            // `reader.File`: the entries of a zip archive.
            (Family::Go, "archive/zip.Reader.File") => Val {
                shape: super::value::Shape::Seq(Arc::new(vec![self.archive_entry(span)])),
                ..Val::default()
            },
            // The platform's path separator (`filepath.Separator`, `File.separator`,
            // `DIRECTORY_SEPARATOR`, `os.sep`): a constant, so `".." + sep` is still a
            // parent-directory prefix and `base + sep` still a base folder.
            (Family::Go, "path/filepath.Separator" | "os.PathSeparator")
            | (Family::Java, "File.separator" | "java.io.File.separator")
            | (Family::Php, "DIRECTORY_SEPARATOR")
            | (Family::Python, "os.sep" | "os.path.sep")
            | (Family::Js, "path.sep" | "node:path.sep") => Val::str("/"),
            // PHP: a bare upper-case name is a constant (`const TABLE = '...'`,
            // `define('TABLE', ...)`, `PHP_EOL`); PHP variables always carry `$`, so it
            // is no value of the request's choosing.
            (Family::Php, _) if is_php_constant_name(path) => Val::trusted(),
            // Go: a member of an imported package used as a value (`http.StatusOK`,
            // `config.TableName`) is a constant or a variable the program set.
            (Family::Go, _)
                if path
                    .rsplit('/')
                    .next()
                    .is_some_and(|last| last.contains('.')) =>
            {
                Val {
                    trusted: true,
                    ..Val::reference(path)
                }
            }
            _ => Val::reference(path),
        }
    }

    /// A member of a beego controller (a struct embedding `beego.Controller` or, in beego
    /// v2, `web.Controller`): its request readers (`c.GetString("q")`, `c.Input()`,
    /// `c.GetFile("f")`) and its context `c.Ctx` (`c.Ctx.Input.Query("q")`,
    /// `c.Ctx.Request`, `c.Ctx.ResponseWriter`).
    pub(crate) fn beego_controller_attr(&self, cls: &str, name: &str, span: Span) -> Option<Val> {
        if !(self.imports_prefix("github.com/beego/beego")
            || self.imports_prefix("github.com/astaxie/beego"))
        {
            return None;
        }
        let class = self.module.classes.iter().find(|c| c.name == cls)?;
        if !class
            .bases
            .iter()
            .any(|b| b == "beego.Controller" || b == "web.Controller")
        {
            return None;
        }
        match name {
            "Ctx" => Some(Val::obj(ObjKind::WebContext)),
            "GetString" | "GetStrings" | "GetFile" | "GetFiles" | "Input" => {
                Some(self.source_label(SourceKind::Request, true, span, "request data"))
            }
            _ => None,
        }
    }

    /// `request.<name>`.
    pub(crate) fn request_attr(&self, strong: bool, name: &str, span: Span) -> Val {
        // The path of a request to a Flask route without variables is that route.
        if name == "path"
            && self.family == Family::Python
            && self
                .handlers
                .get(self.current_func())
                .and_then(Option::as_ref)
                .is_some_and(|h| h.fixed_route)
        {
            return Val::trusted();
        }
        if self.family == Family::Php {
            match name {
                // Laravel's typed readers convert (or fall back to a default): no text of
                // the request's choosing is left.
                "integer" | "boolean" | "float" | "date" | "enum" | "has" | "filled"
                | "missing" | "isMethod" | "ajax" | "wantsJson" | "expectsJson" | "method" => {
                    return Val::trusted();
                }
                "post" | "header" | "route" | "string" | "str" | "only" | "except" | "collect"
                | "fullUrl" | "userAgent" | "bearerToken" | "getUri" | "getRequestUri"
                | "segment" | "segments" | "json" | "fullUrlWithQuery"
                | "getPathInfo" | "getQueryString" | "server" | "attributes" | "files"
                | "headers" | "cookies" | "payload" | "getPayload" | "toArray"
                // PSR-7 (Slim, Mezzio)
                | "getQueryParams" | "getParsedBody" | "getCookieParams" | "getUploadedFiles"
                | "getServerParams" | "getHeader" | "getHeaderLine" | "getHeaders" | "getBody"
                // CakePHP
                | "getQuery" | "getData" | "getParam" | "getCookie"
                // CodeIgniter 4
                | "getGet" | "getPost" | "getVar" | "getGetPost" | "getPostGet" | "getJSON"
                | "getJsonVar" | "getRawInput" | "getRawInputVar" | "getFile" | "getFiles"
                // CodeIgniter 3 (`$this->input`)
                | "get_post" | "post_get" | "input_stream" | "request_headers"
                | "get_request_header" | "user_agent"
                // Yii
                | "getQueryParam" | "getBodyParam" | "getBodyParams" | "getRawBody"
                | "getCookies" | "getUrl" | "getAbsoluteUrl" | "getReferrer" | "getUserAgent" => {
                    return self.source_label(SourceKind::Request, strong, span, "request data");
                }
                _ => {}
            }
        }
        if self.family == Family::Java {
            match name {
                // Vert.x: `rc.response()` is the response being built.
                "response" => return Val::obj(ObjKind::Response),
                // Servlet readers that return a number the client sent (the declared
                // body length, a header as a number): no text to inject, but a size of
                // the client's choosing (see SourceKind::Count).
                "getContentLength" | "getContentLengthLong" | "getIntHeader"
                | "getDateHeader" => {
                    return self.source_label(SourceKind::Count, strong, span, "number sent by the client");
                }
                // Javalin `Context`, Spark `Request`, Vert.x `RoutingContext` /
                // `HttpServerRequest`: what they read from the request.
                "pathParam" | "pathParams" | "pathParamMap" | "formParam" | "formParams"
                | "formParamMap" | "queryParamMap" | "queryParamsMap" | "queryMap"
                | "queryParamsValues" | "header" | "headers" | "headerMap" | "cookie"
                | "cookies" | "cookieMap" | "getCookie" | "body" | "bodyAsClass"
                | "bodyAsBytes" | "bodyAsInputStream" | "bodyStreamAsClass" | "uploadedFile"
                | "uploadedFiles" | "uploadedFileMap" | "fileUploads" | "queryString"
                | "fullUrl" | "url" | "uri" | "absoluteURI" | "path" | "splat" | "params"
                | "getParam" | "getBody" | "getBodyAsString" | "getBodyAsJson"
                | "getBodyAsJsonArray" | "userAgent" | "host"
                // Spring WebFlux ServerHttpRequest / ServerWebExchange
                | "getQueryParams" | "getURI" | "getFormData" | "getMultipartData" => {
                    return self.source_label(SourceKind::Request, strong, span, "request data");
                }
                _ => {}
            }
        }
        // Starlette's `request.path_params`, aiohttp's `request.match_info`: a variable
        // the route types as a number or UUID (`{id:int}`), or matches against a strict
        // pattern (`{id:\d+}`), is no text to inject.
        if self.family == Family::Python
            && matches!(name, "path_params" | "match_info")
            && let Some(h) = self
                .handlers
                .get(self.current_func())
                .and_then(Option::as_ref)
            && !h.route_params.is_empty()
        {
            // Every variable of the route is known: a map of them, each its own value.
            let mut v = Val::default();
            for r in &h.route_params {
                let Some((conv, var)) = r.split_once(':') else {
                    continue;
                };
                let typed = match conv {
                    "int" | "float" | "uuid" => true,
                    "str" | "path" => false,
                    // aiohttp: a regular expression the whole segment matched
                    regex => super::guards::is_strict_validator(regex, true),
                };
                let fv = if typed {
                    Val::trusted()
                } else {
                    self.source_label(SourceKind::Request, strong, span, "URL parameter")
                };
                v = v.with_field(var, fv);
            }
            return v;
        }
        // hapi: the parsed body (`request.payload`) and the cookies (`request.state`).
        if self.family == Family::Js
            && matches!(name, "payload" | "state")
            && self
                .handlers
                .get(self.current_func())
                .and_then(Option::as_ref)
                .is_some_and(|h| h.framework == Framework::Hapi)
        {
            return self.source_label(SourceKind::Request, strong, span, "request data");
        }
        // Fastify: a route whose schema restricts some fields of the query string, the
        // path parameters, the body or the headers (see `fastify_schema_fields`):
        // those fields are validated values, the others request data.
        if self.family == Family::Js
            && matches!(name, "query" | "params" | "body" | "headers" | "cookies")
            && let Some(h) = self
                .handlers
                .get(self.current_func())
                .and_then(Option::as_ref)
            && matches!(
                h.framework,
                super::handlers::Framework::Fastify | super::handlers::Framework::Express
            )
            && h.route_params
                .iter()
                .any(|r| r.split_once(':').is_some_and(|(part, _)| part == name))
        {
            let v = self.source_label(SourceKind::Request, strong, span, "request data");
            let mut v = self.js_string_input(name, v);
            for r in &h.route_params {
                if let Some((part, field)) = r.split_once(':')
                    && part == name
                {
                    v = v.with_field(field, Val::trusted());
                }
            }
            return v;
        }
        if REQUEST_DATA.contains(&name)
            || self.family == Family::Python && PYTHON_REQUEST_DATA.contains(&name)
            || self.family == Family::Ruby
                && matches!(
                    name,
                    // ActionDispatch::Request
                    "parameters"
                        | "query_parameters"
                        | "request_parameters"
                        | "path_parameters"
                        | "GET"
                        | "POST"
                        | "raw_post"
                        | "fullpath"
                        | "original_url"
                        | "original_fullpath"
                        | "referer"
                        | "query_string"
                        | "filtered_parameters"
                        // Headers by name: the host and its parts, the origin, the
                        // content type, the languages.
                        | "x_forwarded_host"
                        | "host_with_port"
                        | "raw_host_with_port"
                        | "domain"
                        | "subdomain"
                        | "subdomains"
                        | "origin"
                        | "content_type"
                        | "media_type"
                        | "accept_language"
                        // The Rack environment: headers (`HTTP_*`), query string, path
                        // and body, as a Rack application's `call(env)` receives it.
                        | "env"
                )
        {
            let v = self.source_label(SourceKind::Request, strong, span, "request data");
            return self.js_string_input(name, v);
        }
        match name {
            "request" | "req" => Val::obj(ObjKind::Request(strong)),
            _ => Val::unknown(),
        }
    }

    /// `ctx.<name>` (Koa) / `c.<name>` (Hono).
    pub(crate) fn context_attr(&self, name: &str, span: Span) -> Val {
        match name {
            "request" | "req" => Val::obj(ObjKind::Request(true)),
            // Go: gin's `c.Request` field and echo's, fiber's, iris's and buffalo's
            // `c.Request()` hold the request; fasthttp's `ctx.Request` too.
            "Request" if self.family == Family::Go => Val::obj(ObjKind::Request(true)),
            // gin's `c.Writer` is the http.ResponseWriter; echo's `c.Response()`.
            "response" | "res" | "Writer" => Val::obj(ObjKind::Response),
            // (beego's `c.Ctx.ResponseWriter`.)
            "Response" | "ResponseWriter" if self.family == Family::Go => {
                Val::obj(ObjKind::Response)
            }
            _ if REQUEST_DATA.contains(&name)
                || self.family == Family::Go && GO_CONTEXT_DATA.contains(&name) =>
            {
                let v = self.source_label(SourceKind::Request, true, span, "request data");
                self.js_string_input(name, v)
            }
            _ => Val::unknown(),
        }
    }

    /// The value a parameter starts with: input for handler parameters that carry it,
    /// a request object, or a symbolic label the callers resolve.
    pub(crate) fn param_value(&self, f: FuncId, i: usize, p: &Param) -> Val {
        let func = &self.module.funcs[f];
        let name = p.name().unwrap_or("");
        // Flask `@app.errorhandler(Exception)` / FastAPI exception handlers, and
        // Express error middleware `(err, req, res, next) => ...`: the parameter is the
        // error some handler raised.
        let python_error_handler = self.family == Family::Python
            && self.handlers[f].is_some()
            && super::handlers::error_handler_param(func) == Some(i);
        let express_error_handler = self.family == Family::Js
            && i == 0
            && matches!(name, "err" | "error" | "e")
            && (func.params.len() == 4
                && matches!(func.params[1].name(), Some("req" | "request"))
                && matches!(func.params[2].name(), Some("res" | "response"))
                // a registered error handler (`setErrorHandler`, `onError`)
                || self.handlers[f].is_some() && func.params.len() >= 2);
        // A NestJS exception filter's `catch(exception, host)` (its class decorated
        // `@Catch(...)`): the exception some handler threw.
        let nest_exception_filter = self.family == Family::Js
            && i == 0
            && func.name == "catch"
            && func.class.as_deref().is_some_and(|cls| {
                self.module.classes.iter().any(|c| {
                    c.name == cls
                        && c.decorators.iter().any(|d| {
                            d.as_call().map_or(d, |c| &c.callee).last_name() == Some("Catch")
                        })
                })
            });
        if python_error_handler || express_error_handler || nest_exception_filter {
            return Val {
                taint: Some(Arc::new(vec![Label {
                    origin: Origin::ErrorDetail,
                    neutral: 0,
                    trace: self.hop(p.span, "the exception being handled".into(), None),
                    strong: true,
                }])),
                shape: super::value::Shape::Obj(ObjKind::Exception),
                ..Val::default()
            };
        }
        if let Some(h) = &self.handlers[f]
            && let Some(v) = self.handler_param(h.framework, &h.route_params, f, i, p)
        {
            return v;
        }
        // A Django form view's `form_valid(self, form)` / `form_invalid(self, form)`: the
        // form is bound to the submitted request data (`form.data`, `form.cleaned_data`);
        // a DRF view's `perform_create(self, serializer)` / `perform_update`: the
        // serializer holds the request's validated data.
        if self.family == Family::Python
            && i == 1
            && matches!(
                func.name.as_str(),
                "form_valid" | "form_invalid" | "perform_create" | "perform_update"
            )
            && (self.imports_prefix("django") || self.imports_prefix("rest_framework"))
            && func
                .class
                .as_deref()
                .is_some_and(|c| super::handlers::django_view_class(self.module, c))
        {
            let what = if func.name.starts_with("form_") {
                "submitted form"
            } else {
                "validated request data"
            };
            return self.source_label(SourceKind::Request, true, p.span, what);
        }
        // The AWS Lambda Ruby runtime calls `def handler(event:, context:)`: the event is
        // the invocation's payload (API Gateway request, queue message, ...).
        if self.family == Family::Ruby
            && name == "event"
            && self.text(p.span).ends_with(':')
            && func.params.iter().any(|q| q.name() == Some("context"))
        {
            return self.source_label(SourceKind::Request, true, p.span, "Lambda event");
        }
        // A Rack application's `def call(env)`: the environment holds the request
        // (query string, headers, body stream).
        if self.family == Family::Ruby
            && i == 0
            && name == "env"
            && func.name == "call"
            && func.params.len() == 1
            && func.class.is_some()
        {
            return self.source_label(SourceKind::Request, true, p.span, "Rack environment");
        }
        if i == 0
            && matches!(name, "self" | "cls" | "this")
            && (func.kind == FuncKind::Method || func.class.is_some())
        {
            let mut v = Val::obj(ObjKind::Instance(func.class.clone().unwrap_or_default()));
            // A Python method reads what its object was built from (`self.request` set
            // in `__init__`): `self` carries the data its callers' object carries.
            if self.family == Family::Python && name == "self" {
                let note = format!("the object `{}()` is called on", func.name);
                v.taint = Some(Arc::new(vec![Label {
                    origin: Origin::Param(0),
                    neutral: 0,
                    trace: self.hop(p.span, note, None),
                    strong: false,
                }]));
            }
            return v;
        }
        // A Yii controller's `actionView($id)`: Yii binds each parameter of an action
        // from the query string of the same name.
        if self.family == Family::Php
            && func.name.len() > 6
            && func.name.starts_with("action")
            && func.name[6..].starts_with(|c: char| c.is_ascii_uppercase())
            && p.annotation
                .as_deref()
                .is_none_or(|t| matches!(t.trim(), "string" | "?string" | "array"))
            && (self.imports_prefix("yii") || self.imports_prefix("Yii"))
            && func
                .class
                .as_deref()
                .is_some_and(|c| super::handlers::php_controller_class(self.module, c))
        {
            return self.source_label(SourceKind::Request, true, p.span, "action parameter");
        }
        // A message handler: a WebSocket endpoint's `@OnMessage` (JSR 356), Spring's
        // `@MessageMapping` (STOMP) and the listeners of Kafka, RabbitMQ, JMS and SQS
        // (`@KafkaListener`, `@RabbitListener`, `@JmsListener`, `@SqsListener`): its
        // text, bytes or payload parameters carry what the other end sent.
        if self.family == Family::Java
            && let Some(ty) = p.annotation.as_deref().map(str::trim)
            && func.decorators.iter().any(|d| {
                matches!(
                    d.last_name(),
                    Some(
                        "OnMessage"
                            | "MessageMapping"
                            | "KafkaListener"
                            | "RabbitListener"
                            | "JmsListener"
                            | "SqsListener"
                    )
                )
            })
        {
            let base = ty.rsplit(' ').next().unwrap_or(ty);
            let base = base.split('<').next().unwrap_or(base);
            if matches!(
                base,
                "String" | "byte[]" | "ByteBuffer" | "Reader" | "InputStream" | "JsonNode" | "Map"
            ) || ty.contains("@Payload")
            {
                return self.source_label(SourceKind::Request, true, p.span, "message payload");
            }
        }
        // A JAX-RS resource method's one unannotated parameter is the request entity
        // (`@POST public Object load(InputStream body)`, `String body`).
        if self.family == Family::Java
            && let Some(ty) = p.annotation.as_deref().map(str::trim)
            && !ty.contains('@')
            && (self.imports_prefix("javax.ws.rs") || self.imports_prefix("jakarta.ws.rs"))
            && func
                .decorators
                .iter()
                .any(|d| matches!(d.last_name(), Some("POST" | "PUT" | "PATCH" | "DELETE")))
        {
            let base = ty.split('<').next().unwrap_or(ty).trim();
            if matches!(
                base,
                "String"
                    | "InputStream"
                    | "Reader"
                    | "byte[]"
                    | "Map"
                    | "MultivaluedMap"
                    | "JsonNode"
                    | "JsonObject"
            ) {
                return self.source_label(SourceKind::Request, true, p.span, "request entity");
            }
        }
        if let Some(v) = self.typed_param(p) {
            return v;
        }
        if REQUEST_NAMES.contains(&name) && self.family != Family::Go {
            return Val::obj(ObjKind::Request(false));
        }
        if self.family == Family::Js && matches!(name, "res" | "reply" | "response") {
            return Val::obj(ObjKind::Response);
        }
        let note = format!("parameter `{}` of `{}()`", self.quote(p.span), func.name);
        Val::tainted(Some(Arc::new(vec![Label {
            origin: Origin::Param(i as u16),
            neutral: 0,
            trace: self.hop(p.span, note, None),
            strong: false,
        }])))
    }

    fn handler_param(
        &self,
        fw: Framework,
        route_params: &[String],
        f: FuncId,
        i: usize,
        p: &Param,
    ) -> Option<Val> {
        let name = p.name().unwrap_or("");
        let ann = p.annotation.as_deref().unwrap_or("").trim();
        let input = |what: &str| self.source_label(SourceKind::Request, true, p.span, what);
        let numeric = numeric_type;
        match fw {
            Framework::Flask => {
                if let Some(rp) = route_params
                    .iter()
                    .find(|r| r.ends_with(&format!(":{name}")) || *r == name)
                {
                    let conv = rp.split(':').next().unwrap_or("");
                    return Some(
                        if rp.contains(':') && matches!(conv, "int" | "float" | "uuid") {
                            Val::trusted()
                        } else {
                            input("route parameter")
                        },
                    );
                }
                // Flask calls a view with the variables of the URL rule that matched (a
                // rule registered elsewhere, `add_url_rule`, or another decorator): a
                // plain parameter without a default is one of them. Other decorators may
                // pass their own arguments (`@token_required` handing over the user).
                let only_routes = self.module.funcs[f].decorators.iter().all(|d| {
                    let callee = match &d.kind {
                        crate::ir::ExprKind::Call(c) => &c.callee,
                        _ => d,
                    };
                    let name = callee.last_name().unwrap_or("");
                    matches!(callee.kind, crate::ir::ExprKind::Attr(..))
                        && super::handlers::ROUTE_METHODS.contains(&name)
                        || matches!(name, "login_required" | "cross_origin" | "cached" | "limit")
                });
                // Sanic and other Flask-style routers hand the view the request.
                if REQUEST_NAMES.contains(&name) && i == self.first_non_self(f) {
                    return Some(Val::obj(ObjKind::Request(true)));
                }
                if only_routes
                    && !REQUEST_NAMES.contains(&name)
                    && p.kind == crate::ir::ParamKind::Plain
                    && p.default.is_none()
                    && !matches!(name, "self" | "cls" | "")
                    && (ann.is_empty() || ann == "str")
                {
                    return Some(input("route parameter"));
                }
                None
            }
            Framework::FastApi => {
                if matches!(name, "self" | "cls") {
                    return None;
                }
                // `request: Request`, `ws: WebSocket`, `r: starlette.requests.Request`,
                // `req: StarletteRequest` (an alias imported from starlette or fastapi);
                // not a model named for what it carries (`class LoginRequest(BaseModel)`).
                let last = ann.rsplit('.').next().unwrap_or("");
                let request_type = matches!(last, "Request" | "WebSocket" | "HTTPConnection")
                    || (ann.ends_with("Request") || ann.ends_with("WebSocket"))
                        && self.imports.get(ann).is_some_and(|imp| {
                            imp.path.ends_with(".Request") || imp.path.ends_with(".WebSocket")
                        });
                if request_type
                    // Django Ninja passes the `HttpRequest` first (unannotated by
                    // convention).
                    || ann.is_empty() && i == 0 && REQUEST_NAMES.contains(&name)
                {
                    return Some(Val::obj(ObjKind::Request(true)));
                }
                let default = p.default.as_ref();
                let dependency = default.is_some_and(|d| {
                    d.as_call()
                        .and_then(|c| c.callee.last_name())
                        .is_some_and(|n| n == "Depends" || n == "Security")
                });
                if dependency
                    || ann.contains("Session")
                    || ann.contains("BackgroundTasks")
                    || ann.contains("Response")
                    || ann.contains("Depends")
                {
                    return Some(Val::unknown());
                }
                let base = ann.split(['[', '|']).next().unwrap_or("").trim();
                if numeric(base) || ann.starts_with("Annotated[int") {
                    return Some(Val::trusted());
                }
                // `name: str = Path(..., pattern=r"^[a-z0-9-]+$")`: FastAPI rejects any
                // value the anchored pattern does not match.
                if let Some(c) = default.and_then(|d| d.as_call())
                    && c.callee.last_name().is_some_and(|n| {
                        matches!(n, "Query" | "Path" | "Header" | "Cookie" | "Form" | "Body")
                    })
                    && c.args
                        .iter()
                        .find(|a| matches!(a.name.as_deref(), Some("pattern" | "regex")))
                        .and_then(|a| a.value.as_str())
                        .is_some_and(|p| super::guards::is_strict_validator(p, false))
                {
                    return Some(Val::trusted());
                }
                if self.closed_type(base) {
                    return Some(closed_value());
                }
                // A pydantic model of this file: each field validated to its declared
                // type (numbers, enums and literals are no text to inject).
                if let Some(c) =
                    self.module.classes.iter().find(|c| {
                        c.name == base && c.bases.iter().any(|b| b.ends_with("BaseModel"))
                    })
                    && !c.fields.is_empty()
                {
                    let mut v = input("request body");
                    let body = input("request body");
                    for (field, verdict) in self.model_field_verdicts(c) {
                        v = v.with_field(&field, verdict.value(&body));
                    }
                    return Some(v);
                }
                // A pydantic model imported from another module of the project: its
                // fields as that module declares and validates them.
                if let Some(fields) = self.imported_model_fields(base) {
                    let mut v = input("request body");
                    let body = input("request body");
                    for (field, verdict) in fields.iter() {
                        v = v.with_field(field, verdict.value(&body));
                    }
                    return Some(v);
                }
                Some(input("request parameter"))
            }
            Framework::Django => {
                if matches!(name, "self" | "cls") {
                    return None;
                }
                if REQUEST_NAMES.contains(&name) || i == self.first_non_self(f) {
                    return Some(Val::obj(ObjKind::Request(true)));
                }
                // Falcon's `on_get(self, req, resp)`: the response being built.
                if matches!(name, "resp" | "response") {
                    return Some(Val::unknown());
                }
                if p.kind != crate::ir::ParamKind::Plain {
                    return Some(input("URL parameters"));
                }
                if numeric(ann) {
                    return Some(Val::trusted());
                }
                // `<int:pk>`, `<uuid:id>`, `<slug:s>`: Django matched it against a pattern
                // of digits, a UUID or `[-a-zA-Z0-9_]+`.
                if route_params.iter().any(|r| {
                    r.split_once(':').is_some_and(|(conv, n)| {
                        n == name && matches!(conv, "int" | "uuid" | "slug")
                    })
                }) {
                    return Some(Val::trusted());
                }
                Some(input("URL parameter"))
            }
            Framework::Express | Framework::Koa | Framework::Hono | Framework::Fastify => {
                // The value an `app.param(name, (req, res, next, value) => ...)` callback
                // is given.
                if route_params.iter().any(|r| r == name) {
                    return Some(input("route parameter"));
                }
                // A destructured first parameter: `({ query, body }, res) => ...` takes
                // the fields of Express's and Fastify's request, `({ request, params }) =>`
                // those of Koa's and Hono's context.
                if i == 0 && matches!(p.pattern, crate::ir::Pattern::Object(..)) {
                    return Some(match fw {
                        Framework::Koa | Framework::Hono => Val::obj(ObjKind::WebContext),
                        _ => Val::obj(ObjKind::Request(true)),
                    });
                }
                match name {
                    "req" | "request" => Some(Val::obj(ObjKind::Request(true))),
                    "res" | "reply" | "response" => Some(Val::obj(ObjKind::Response)),
                    "ctx" | "context" | "c" => Some(Val::obj(ObjKind::WebContext)),
                    "next" => Some(Val::unknown()),
                    _ => None,
                }
            }
            // `(parent, args, context, info)`: the client's arguments.
            Framework::JsGraphQl => (i == 1).then(|| input("GraphQL argument")),
            // `handler(request, h)`: the request and the response toolkit.
            Framework::Hapi => match i {
                0 => Some(Val::obj(ObjKind::Request(true))),
                1 => Some(Val::obj(ObjKind::Response)),
                _ => None,
            },
            Framework::NextRoute => {
                if i == 0 {
                    return Some(Val::obj(ObjKind::Request(true)));
                }
                Some(input("route parameters"))
            }
            Framework::NextPage => {
                // `{ params, searchParams }`
                Some(input("page parameters"))
            }
            Framework::ServerAction => Some(input("server action argument")),
            Framework::LaravelRoute => {
                if ann.contains("Request") {
                    return Some(Val::obj(ObjKind::Request(true)));
                }
                if matches!(ann, "int" | "float" | "bool") {
                    return Some(Val::trusted());
                }
                // Slim's `array $args`: the route's arguments.
                if ann == "array" {
                    return Some(input("route arguments"));
                }
                if !ann.is_empty() {
                    // A model bound from the route (`function (User $user)`).
                    return None;
                }
                Some(input("route parameter"))
            }
            Framework::SinatraRoute => Some(input("route parameter")),
            Framework::RodaRoute => Some(if i == 0 {
                Val::obj(ObjKind::Request(true))
            } else {
                Val::unknown()
            }),
            Framework::JavaRoute => match i {
                0 => Some(Val::obj(ObjKind::Request(true))),
                1 => Some(Val::obj(ObjKind::Response)),
                _ => None,
            },
            Framework::ArchiveEntry => Some(if i == 0 {
                self.source_label(SourceKind::Request, true, p.span, "archive member")
            } else {
                Val::unknown()
            }),
            Framework::SocketData => Some(if i == 0 {
                self.source_label(SourceKind::Network, true, p.span, "data from a socket")
            } else {
                Val::unknown()
            }),
            Framework::ReadLine => Some(if i == 0 {
                self.source_label(SourceKind::Cli, true, p.span, "a line of standard input")
            } else {
                Val::unknown()
            }),
            // `(err, data) => ...`: the error is the runtime's.
            Framework::FileRead => Some(if i == 1 {
                self.local_source(super::value::LocalOrigin::File, p.span)
            } else {
                Val::unknown()
            }),
            Framework::MessageListener => {
                Some(self.source_label(SourceKind::Dom, true, p.span, "message from the other end"))
            }
            Framework::Tornado => {
                if matches!(name, "self" | "cls") {
                    return None;
                }
                Some(input("URL path group"))
            }
            Framework::SocketEvent => {
                if matches!(name, "self" | "cls" | "sid" | "environ") {
                    return Some(Val::unknown());
                }
                Some(input("message from the client"))
            }
            Framework::PyGraphQl => {
                // The parent object (`self`, `root`, `obj`, `_`) and the resolve info are
                // the server's; the rest are the query's arguments.
                // graphene (`resolve_x(root, info, ...)`, `mutate`) and ariadne functions
                // (`resolve(obj, info, ...)`) take two; a strawberry method only `self`.
                let func = &self.module.funcs[f];
                let graphene_style = func.name.starts_with("resolve_")
                    || func.name == "mutate"
                    || func.class.is_none();
                let server_side = if graphene_style { 2 } else { 1 };
                if i < server_side
                    || name == "info"
                    || ann.ends_with("Info")
                    || ann.starts_with("Info[")
                    || matches!(name, "self" | "cls")
                {
                    return Some(Val::unknown());
                }
                let base = ann.split(['[', '|']).next().unwrap_or("").trim();
                if numeric(base) {
                    return Some(Val::trusted());
                }
                Some(input("GraphQL argument"))
            }
            // `(event) => ...`: the request, read through h3's functions.
            Framework::H3 => (i == 0).then(|| Val::obj(ObjKind::Request(true))),
            // `({ input, ctx })` / `(opts) => opts.input`: the client's input, as the
            // procedure's schema parsed it.
            Framework::Rpc => (i == 0).then(|| {
                let input = self.trpc_input(f, p.span);
                Val::default()
                    .with_field("input", input.clone())
                    .with_field(
                        "rawInput",
                        self.source_label(SourceKind::Request, true, p.span, "tRPC input"),
                    )
            }),
            // `(event, ...args)`: the event is Electron's, the arguments a renderer's.
            Framework::IpcMain => Some(if i == 0 {
                Val::unknown()
            } else {
                self.source_label(
                    SourceKind::Dom,
                    true,
                    p.span,
                    "message from a renderer process",
                )
            }),
            Framework::Lambda => {
                if i == 0 {
                    Some(input("Lambda event"))
                } else {
                    Some(Val::unknown())
                }
            }
        }
    }

    /// Parameters whose declared type or annotation says what they are: Go's
    /// `*http.Request`, Java's `HttpServletRequest` and Spring's `@RequestParam`.
    fn typed_param(&self, p: &Param) -> Option<Val> {
        let ann = p.annotation.as_deref()?;
        let input = || self.source_label(SourceKind::Request, true, p.span, "request parameter");
        match self.family {
            Family::Go => {
                // (Before `http.Request`, which `*fasthttp.RequestCtx` contains.)
                if [
                    "gin.Context",
                    "echo.Context",
                    "fiber.Ctx",
                    "iris.Context",
                    "fasthttp.RequestCtx",
                    "buffalo.Context",
                ]
                .iter()
                .any(|t| ann.contains(t))
                {
                    Some(Val::obj(ObjKind::WebContext))
                } else if ann.contains("httprouter.Params") {
                    // julienschmidt/httprouter's path parameters (`ps.ByName("id")`).
                    Some(self.source_label(SourceKind::Request, true, p.span, "path parameters"))
                } else if ann.contains("http.Request") {
                    Some(Val::obj(ObjKind::Request(true)))
                } else if ann.contains("ResponseWriter") {
                    Some(Val::obj(ObjKind::Response))
                } else if self.imports_prefix("github.com/aws/aws-lambda-go/events")
                    && ann
                        .trim_start_matches('*')
                        .strip_prefix("events.")
                        .is_some_and(lambda_request_event)
                {
                    // A Lambda function behind API Gateway, an ALB or a function URL
                    // gets the HTTP request as its event (`req.Body`,
                    // `req.QueryStringParameters`, `req.Headers`, ...).
                    Some(self.source_label(SourceKind::Request, true, p.span, "Lambda event"))
                } else if let Some(c) = self
                    .module
                    .classes
                    .iter()
                    .find(|c| c.name == ann.trim_start_matches('*'))
                {
                    // A value of a type of this file whose methods are here:
                    // `repo.ByStatus(x)` runs this file's `ByStatus`.
                    Some(Val::obj(ObjKind::Instance(c.name.clone())))
                } else if ann.ends_with("zip.File") && self.imports_prefix("archive/zip")
                    || ann.ends_with("tar.Header") && self.imports_prefix("archive/tar")
                {
                    // An archive entry handed to a helper (`extractFile(f *zip.File, dest)`).
                    Some(self.archive_entry(p.span))
                } else {
                    None
                }
            }
            Family::Java => {
                if [
                    "@RequestParam",
                    "@PathVariable",
                    "@RequestBody",
                    "@RequestHeader",
                    "@CookieValue",
                    "@ModelAttribute",
                    "@RequestPart",
                    "@QueryParam",
                    "@PathParam",
                    "@FormParam",
                    "@HeaderParam",
                    "@CookieParam",
                    "@MatrixParam",
                    "@BeanParam",
                    // Micronaut
                    "@QueryValue",
                    "@Header",
                    "@Body",
                    "@Part",
                    // Quarkus REST (RESTEasy Reactive)
                    "@RestQuery",
                    "@RestPath",
                    "@RestForm",
                    "@RestHeader",
                    "@RestCookie",
                    "@RestMatrix",
                ]
                .iter()
                .any(|a| ann.contains(a))
                {
                    // `@PathVariable Long id`: Spring converts it (or rejects the request).
                    // A whole number still has the size the client chose (see
                    // SourceKind::Count).
                    let ty = ann.rsplit(' ').next().unwrap_or("");
                    if matches!(ty, "int" | "long" | "short" | "Integer" | "Long" | "Short") {
                        return Some(self.source_label(
                            SourceKind::Count,
                            true,
                            p.span,
                            "request parameter (a number)",
                        ));
                    }
                    if matches!(
                        ty,
                        "int"
                            | "long"
                            | "short"
                            | "double"
                            | "float"
                            | "boolean"
                            | "Integer"
                            | "Long"
                            | "Short"
                            | "Double"
                            | "Float"
                            | "Boolean"
                            | "UUID"
                            | "java.util.UUID"
                            | "LocalDate"
                            | "LocalDateTime"
                            | "Instant"
                    ) {
                        return Some(Val::trusted());
                    }
                    Some(input())
                } else if ann.ends_with("HttpServletRequest")
                    || ann.ends_with("ServletRequest")
                    || ann.ends_with("WebRequest")
                    // Spring WebFlux: the functional `ServerRequest`, the annotated
                    // controllers' `ServerHttpRequest` and `ServerWebExchange`.
                    || ann.ends_with("ServerRequest")
                    || ann.ends_with("ServerHttpRequest")
                    || ann.ends_with("ServerWebExchange")
                    || ann.contains("@Context")
                        && ["UriInfo", "HttpHeaders", "ContainerRequestContext"]
                            .iter()
                            .any(|t| ann.ends_with(t))
                {
                    Some(Val::obj(ObjKind::Request(true)))
                } else if ann.ends_with("HttpServletResponse") || ann.ends_with("ServletResponse") {
                    Some(Val::obj(ObjKind::Response))
                } else if let Some(v) = self.java_micro_param(ann) {
                    Some(v)
                } else if ann.ends_with("Exception") || ann.ends_with("Throwable") {
                    // An `@ExceptionHandler`'s parameter: its text is error detail.
                    Some(Val {
                        taint: Some(Arc::new(vec![Label {
                            origin: Origin::ErrorDetail,
                            neutral: 0,
                            trace: self.hop(p.span, "caught exception".into(), None),
                            strong: true,
                        }])),
                        shape: super::value::Shape::Obj(ObjKind::Exception),
                        ..Val::default()
                    })
                } else {
                    None
                }
            }
            // Laravel / Symfony `Request`, PSR-7 `ServerRequestInterface` (Slim, Mezzio);
            // a PSR-7 response being built.
            Family::Php => {
                if ann.ends_with("Request") || ann.ends_with("RequestInterface") {
                    Some(Val::obj(ObjKind::Request(true)))
                } else if ann == "Response" || ann.ends_with("ResponseInterface") {
                    Some(Val::obj(ObjKind::Response))
                } else {
                    None
                }
            }
            Family::Js => self.js_typed_param(ann, p.span),
            // A parameter declared as Django's request (`request: HttpRequest`) or an
            // Azure Functions request (`req: func.HttpRequest`).
            Family::Python => {
                let last = ann.trim().rsplit('.').next().unwrap_or("");
                matches!(last, "HttpRequest" | "WSGIRequest" | "ASGIRequest")
                    .then(|| Val::obj(ObjKind::Request(true)))
            }
            _ => None,
        }
    }

    /// Java micro-frameworks' request and response types: Javalin's `Context` (both),
    /// Spark's `Request` / `Response`, Vert.x's `RoutingContext` / `HttpServerRequest` /
    /// `HttpServerResponse`, in a file that imports the framework.
    fn java_micro_param(&self, ann: &str) -> Option<Val> {
        let ty = ann.rsplit(' ').next().unwrap_or(ann);
        let short = ty.rsplit('.').next().unwrap_or(ty);
        let request = Some(Val::obj(ObjKind::Request(true)));
        let response = Some(Val::obj(ObjKind::Response));
        match short {
            "Context" if self.imports_prefix("io.javalin") => request,
            "Request" if self.imports_prefix("spark") => request,
            "Response" if self.imports_prefix("spark") => response,
            "RoutingContext" | "HttpServerRequest" if self.imports_prefix("io.vertx") => request,
            "HttpServerResponse" if self.imports_prefix("io.vertx") => response,
            _ => None,
        }
    }

    /// TypeScript parameters whose decorators or type say what they hold: NestJS's
    /// `@Query("q")`, `@Param("id")`, `@Body()`, `@Headers("h")` take the value from the
    /// request (unless a `Parse*Pipe` converts it, or rejects the request); `@Req()` /
    /// `@Res()` and a declared `Request` / `Response` type (Express, Next.js, Fastify,
    /// the Fetch API) are the request being handled and its response.
    pub(crate) fn js_typed_param(&self, ann: &str, span: Span) -> Option<Val> {
        const INPUT: &[&str] = &[
            "@Query(",
            "@Param(",
            "@Body(",
            "@Headers(",
            "@HostParam(",
            "@UploadedFile(",
            "@UploadedFiles(",
            // GraphQL arguments: NestJS `@Args("id")`, type-graphql `@Arg("id")`
            "@Args(",
            "@Arg(",
        ];
        const CONVERTING_PIPES: &[&str] = &[
            "ParseIntPipe",
            "ParseFloatPipe",
            "ParseBoolPipe",
            "ParseUUIDPipe",
            "ParseEnumPipe",
        ];
        if let Some(d) = INPUT.iter().find(|d| ann.starts_with(*d)) {
            if CONVERTING_PIPES.iter().any(|pipe| ann.contains(pipe)) {
                return Some(Val::trusted());
            }
            if let Some(v) = self.nest_dto(ann, d, span) {
                return Some(v);
            }
            // A GraphQL argument of a scalar type the schema checks (`Int`, `Float`,
            // `Boolean`; also when the type is inferred from `number` / `boolean`).
            if d.starts_with("@Arg")
                && ["=> Int", "=> Float", "=> Boolean", ": number", ": boolean"]
                    .iter()
                    .any(|t| ann.contains(t))
            {
                return Some(Val::trusted());
            }
            let what = format!("{} parameter", d.trim_end_matches('('));
            return Some(self.source_label(SourceKind::Request, true, span, &what));
        }
        if ann.starts_with("@Req(") || ann.starts_with("@Request(") {
            return Some(Val::obj(ObjKind::Request(true)));
        }
        if ann.starts_with("@Res(") || ann.starts_with("@Response(") {
            return Some(Val::obj(ObjKind::Response));
        }
        if ann.starts_with('@') {
            return None;
        }
        let base = ann.split('<').next().unwrap_or(ann).trim();
        // Angular's `ActivatedRoute`: the page address (its params, query and fragment).
        if base.rsplit('.').next() == Some("ActivatedRoute") {
            return Some(self.source_label(SourceKind::Dom, true, span, "page address"));
        }
        match base.rsplit('.').next().unwrap_or(base) {
            "Request" | "NextRequest" | "FastifyRequest" | "IncomingMessage" => {
                Some(Val::obj(ObjKind::Request(true)))
            }
            "Response" | "NextApiResponse" | "FastifyReply" | "ServerResponse"
            // hapi's response toolkit (`h.redirect`, `h.response`)
            | "ResponseToolkit" => {
                Some(Val::obj(ObjKind::Response))
            }
            "NextApiRequest" => Some(Val::obj(ObjKind::Request(true))),
            _ => None,
        }
    }

    /// NestJS `@Body() dto: CreateUserDto` / `@Query() q: ListDto` with a ValidationPipe
    /// applying (the parameter's own, the handler's `@UsePipes`, or a global one): the
    /// request object, each field its class-validator decorators restrict (`@IsInt()`,
    /// `@IsIn([...])`, `@Matches(/^[a-z0-9-]+$/)`) validated to what they admit.
    fn nest_dto(&self, ann: &str, d: &str, span: Span) -> Option<Val> {
        if !matches!(d, "@Body(" | "@Query(") {
            return None;
        }
        // The whole body or query (`@Body()`, `@Body(new ValidationPipe())`), not one key.
        let rest = &ann[d.len()..];
        if rest.starts_with(['"', '\'', '`']) {
            return None;
        }
        let (decorators, ty) = ann.rsplit_once(") ")?;
        let ty = ty.trim();
        if ty.is_empty()
            || !ty
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        {
            return None;
        }
        let fields = self.nest_dto_fields(ty, 0)?;
        if fields.is_empty()
            || !(decorators.contains("ValidationPipe") || self.nest_validates(span))
        {
            return None;
        }
        // As a zod schema's parse gives it: the declared fields, each validated.
        let base = self.source_label(
            SourceKind::Request,
            true,
            span,
            &format!("{} parameter", d.trim_end_matches('(')),
        );
        let mut v = Val {
            shape: super::value::Shape::Map(Arc::new(Vec::new())),
            ..Val::default()
        };
        for (field, verdict) in fields {
            v = v.with_field(&field, verdict.value(&base));
        }
        Some(v)
    }

    /// The validated fields of NestJS DTO class `ty`: its own decorated fields, and those
    /// it inherits (`extends BaseDto`) or derives with `@nestjs/mapped-types` /
    /// `@nestjs/swagger` (`PartialType(X)`, `PickType(X, ["a"])`, `OmitType(X, ["b"])`,
    /// `IntersectionType(X, Y)`), which copy the source class's validation decorators.
    pub(crate) fn nest_dto_fields(
        &self,
        ty: &str,
        depth: u8,
    ) -> Option<Vec<(String, FieldVerdict)>> {
        if depth > 4 {
            return None;
        }
        let Some(c) = self.module.classes.iter().find(|c| c.name == ty) else {
            return self.imported_model_fields(ty).map(|f| f.as_ref().clone());
        };
        let mut out: Vec<(String, FieldVerdict)> = Vec::new();
        for base in &c.bases {
            let Some(derived) = MappedType::parse(base) else {
                continue;
            };
            for source in &derived.sources {
                let Some(fields) = self.nest_dto_fields(source, depth + 1) else {
                    continue;
                };
                out.extend(fields.into_iter().filter(|(f, _)| derived.keeps(f)));
            }
        }
        if c.fields
            .iter()
            .any(|(_, t)| t.starts_with(crate::ir::DTO_MARK))
        {
            let own = self.dto_field_verdicts(c, depth);
            out.retain(|(f, _)| !own.iter().any(|(o, _)| o == f));
            out.extend(own);
        }
        (!out.is_empty()).then_some(out)
    }

    /// Whether a NestJS ValidationPipe checks the handler whose parameter is at `span`:
    /// its own or its class's `@UsePipes(ValidationPipe)`, or a global pipe
    /// (`app.useGlobalPipes(new ValidationPipe())`) in this module or the project's
    /// `main.ts`.
    fn nest_validates(&self, span: Span) -> bool {
        let names_pipe = |e: &crate::ir::Expr| {
            let inner = e.as_call().map(|c| &c.callee).unwrap_or(e);
            inner.last_name() == Some("ValidationPipe")
        };
        let handler = self
            .module
            .funcs
            .iter()
            .find(|f| f.params.iter().any(|p| p.span == span));
        if let Some(f) = handler {
            let uses = |ds: &[crate::ir::Expr]| {
                ds.iter().any(|d| {
                    d.as_call().is_some_and(|c| {
                        c.callee.last_name() == Some("UsePipes")
                            && c.args.iter().any(|a| names_pipe(&a.value))
                    })
                })
            };
            if uses(&f.decorators) {
                return true;
            }
            if let Some(class) = f.class.as_deref()
                && self
                    .module
                    .classes
                    .iter()
                    .any(|c| c.name == class && uses(&c.decorators))
            {
                return true;
            }
        }
        if global_validation_pipe(self.module) {
            return true;
        }
        self.project
            .is_some_and(|p| p.nest_global_validation(&self.file, self.rules))
    }

    /// A field of a Java class of this file, by its declared type (a field holding the
    /// `HttpServletRequest` is the request).
    pub(crate) fn field_value(&self, class: &str, name: &str, span: Span) -> Option<Val> {
        if self.family == Family::Php {
            return self.php_field_value(class, name);
        }
        // TypeScript: `constructor(private route: ActivatedRoute)` (or a constructor
        // parameter so named and typed): the field holds what that type says.
        if self.family == Family::Js {
            let ctor = self
                .module
                .funcs
                .iter()
                .find(|f| f.name == "constructor" && f.class.as_deref() == Some(class))?;
            let ann = ctor
                .params
                .iter()
                .find(|p| p.name() == Some(name))?
                .annotation
                .as_deref()?;
            return self.js_typed_param(ann.trim(), span);
        }
        if self.family != Family::Java {
            return None;
        }
        let c = self.module.classes.iter().find(|c| c.name == class)?;
        let (_, ty) = c.fields.iter().find(|(n, _)| n == name)?;
        // A Struts 2 action's property: the framework sets it from the request
        // parameter of the same name through its setter before `execute()` runs.
        if (self.imports_prefix("com.opensymphony.xwork2")
            || self.imports_prefix("org.apache.struts2"))
            && c.bases
                .iter()
                .any(|b| b.rsplit('.').next() == Some("ActionSupport"))
        {
            let setter = format!(
                "set{}{}",
                name.get(..1).unwrap_or("").to_ascii_uppercase(),
                name.get(1..).unwrap_or("")
            );
            let base = ty.rsplit(' ').next().unwrap_or(ty);
            let base = base.split('<').next().unwrap_or(base);
            if c.methods
                .iter()
                .any(|&m| self.module.funcs[m].name == setter)
                && matches!(base, "String" | "String[]" | "List" | "Map")
            {
                return Some(self.source_label(
                    SourceKind::Request,
                    true,
                    span,
                    "action property set from the request",
                ));
            }
        }
        let p = Param {
            pattern: crate::ir::Pattern::Name(name.to_string(), span),
            default: None,
            annotation: Some(ty.clone()),
            kind: crate::ir::ParamKind::Plain,
            span,
        };
        self.typed_param(&p)
    }

    /// `$this->name` of a PHP class whose methods set it from request data
    /// (`$this->input = $_GET['q']` in the constructor): that data.
    fn php_field_value(&self, class: &str, name: &str) -> Option<Val> {
        let exprs = self.php_fields.get(&(class, name))?;
        exprs.iter().fold(None, |acc: Option<Val>, value| {
            let mut root = *value;
            while let crate::ir::ExprKind::Index(b, _) = &root.kind {
                root = b;
            }
            let v = self.ref_value(root.as_name()?, value.span);
            Some(match acc {
                Some(o) => o.join(&v),
                None => v,
            })
        })
    }

    /// What the pydantic validators of `class` for `field` (`@field_validator("name")`,
    /// `@validator("name")`) vouch for in the value they return: the sink classes their
    /// summaries show the value neutralised for (`if v not in SERVICES: raise ...;
    /// return v` gives all of them), 0 when there is none.
    /// A pydantic model's fields (`class M(BaseModel)` of this module): what each
    /// admits once validated.
    pub(crate) fn model_field_verdicts(&self, c: &crate::ir::Class) -> Vec<(String, FieldVerdict)> {
        self.dto_field_verdicts(c, 0)
    }

    /// [`Self::model_field_verdicts`], `depth` DTOs deep in nested objects.
    fn dto_field_verdicts(&self, c: &crate::ir::Class, depth: u8) -> Vec<(String, FieldVerdict)> {
        let mut out = Vec::new();
        for (field, ty) in &c.fields {
            if let Some(checks) = ty.strip_prefix(crate::ir::DTO_MARK) {
                let verdict = self
                    .nested_dto(checks, depth)
                    .unwrap_or_else(|| dto_field_verdict(checks));
                out.push((field.clone(), verdict));
                continue;
            }
            let ty = ty.trim();
            let fbase = ty.split(['[', '|']).next().unwrap_or("").trim();
            // `name: str = Field(pattern=r"^[a-z0-9-]+$")` (see the lowering).
            let pattern = ty
                .split_once(crate::ir::PATTERN_MARK)
                .is_some_and(|(_, p)| super::guards::is_strict_validator(p, false));
            let checked = self.validator_verdict(c, field);
            let verdict = if numeric_type(fbase) || pattern || checked == class::ALL {
                FieldVerdict::Trusted
            } else if self.closed_type(fbase) {
                FieldVerdict::Closed
            } else {
                FieldVerdict::Input(checked)
            };
            out.push((field.clone(), verdict));
        }
        out
    }

    /// A field class-validator checks as a nested object (`@ValidateNested()` with
    /// class-transformer's `@Type(() => Address)`): the ValidationPipe validates it as
    /// an `Address`, so its fields are `Address`'s, each as that DTO validates it.
    fn nested_dto(&self, checks: &str, depth: u8) -> Option<FieldVerdict> {
        let mut nested = false;
        let mut class = None;
        for c in checks.split('\0') {
            match c.split_once('=') {
                Some(("Type", cls)) => class = Some(cls),
                _ if c == "ValidateNested" => nested = true,
                _ => {}
            }
        }
        let fields = self.nest_dto_fields(class.filter(|_| nested)?, depth + 1)?;
        Some(FieldVerdict::Nested(Arc::new(fields)))
    }

    /// The fields of pydantic model `name` imported from another module of the project.
    fn imported_model_fields(&self, name: &str) -> Option<Arc<Vec<(String, FieldVerdict)>>> {
        let project = self.project?;
        let imp = self.imports.get(name)?;
        let path = if imp.level > 0 && !imp.path.starts_with('.') {
            format!("{}{}", ".".repeat(imp.level as usize), imp.path)
        } else {
            imp.path.clone()
        };
        let (rel, class) = project.resolve(&self.file, &path, self.family)?;
        project.model_fields(&rel, &class, self.rules)
    }

    fn validator_verdict(&self, class: &crate::ir::Class, field: &str) -> u32 {
        let mut bits = 0;
        for &m in &class.methods {
            let f = &self.module.funcs[m];
            let for_field = f.decorators.iter().any(|d| {
                d.as_call().is_some_and(|c| {
                    matches!(c.callee.last_name(), Some("field_validator" | "validator"))
                        && c.args.iter().any(|a| a.value.as_str() == Some(field))
                })
            });
            if !for_field {
                continue;
            }
            let Some(vi) = f
                .params
                .iter()
                .position(|p| !matches!(p.name(), Some("cls" | "self")))
            else {
                continue;
            };
            let Some(summary) = self.summaries.get(m).and_then(|s| s.as_ref()) else {
                // (Read as it stands: whether it was computed yet depends on the order.)
                self.order_sensitive.set(true);
                continue;
            };
            let own: Vec<u32> = summary
                .ret
                .all_taint()
                .iter()
                .flat_map(|t| t.iter())
                .filter(|l| matches!(l.origin, Origin::Param(j) if j as usize == vi))
                .map(|l| l.neutral)
                .collect();
            // The field holds what the validator returns: with no trace of the value
            // passed in, nothing of the request's choosing.
            bits |= own.iter().fold(class::ALL, |a, b| a & b);
        }
        bits
    }

    /// A type that admits only values the program lists: `Literal["a", "b"]`, or an
    /// `Enum` class of this file.
    fn closed_type(&self, base: &str) -> bool {
        matches!(base, "Literal" | "typing.Literal")
            || self.module.classes.iter().any(|c| {
                c.name == base
                    && c.bases.iter().any(|b| {
                        matches!(
                            b.rsplit('.').next().unwrap_or(""),
                            "Enum" | "IntEnum" | "StrEnum"
                        )
                    })
            })
    }

    fn first_non_self(&self, f: FuncId) -> usize {
        let func = &self.module.funcs[f];
        match func.params.first().and_then(|p| p.name()) {
            Some("self") | Some("cls") => 1,
            _ => 0,
        }
    }
}

/// Keys of PHP's `$_SERVER` whose values the server chooses (its paths, addresses,
/// software, the request time, and the environment variables the web server or
/// FastCGI configuration passes on, `$_SERVER['APP_ENV']`): not request input. The keys
/// that carry what the client sent are a known set: the `HTTP_*` headers (and their
/// `REDIRECT_*` copies), the request line (`REQUEST_URI`, `QUERY_STRING`, `PHP_SELF`,
/// `PATH_INFO`, `REQUEST_METHOD`, `SERVER_PROTOCOL`), `SERVER_NAME` from the Host
/// header, the body's `CONTENT_*`, the credentials (`PHP_AUTH_*`, `REMOTE_USER`), the
/// client's reverse DNS name and the command line (`argv`).
pub(crate) fn php_server_chosen(key: &str) -> bool {
    !php_server_from_client(key)
}

fn php_server_from_client(key: &str) -> bool {
    let k = key.to_ascii_uppercase();
    k.starts_with("HTTP_")
        || k.starts_with("REDIRECT_")
        || matches!(
            k.as_str(),
            "REQUEST_URI"
                | "QUERY_STRING"
                | "PHP_SELF"
                | "PATH_INFO"
                | "ORIG_PATH_INFO"
                | "PATH_TRANSLATED"
                | "SCRIPT_NAME"
                | "SCRIPT_URL"
                | "SCRIPT_URI"
                | "UNENCODED_URL"
                | "SERVER_NAME"
                | "REQUEST_METHOD"
                | "SERVER_PROTOCOL"
                | "CONTENT_TYPE"
                | "CONTENT_LENGTH"
                | "PHP_AUTH_USER"
                | "PHP_AUTH_PW"
                | "PHP_AUTH_DIGEST"
                | "AUTH_TYPE"
                | "REMOTE_USER"
                | "REMOTE_HOST"
                | "ARGV"
                | "ARGC"
        )
}

/// PHP: the values of `$this->field = $_GET[...]` (a superglobal, or an element of one)
/// in the methods of each class, by (class, field).
pub(crate) fn php_this_fields(
    module: &crate::ir::Module,
) -> std::collections::HashMap<(&str, &str), Vec<&crate::ir::Expr>> {
    let mut out: std::collections::HashMap<(&str, &str), Vec<&crate::ir::Expr>> =
        std::collections::HashMap::new();
    for c in &module.classes {
        for &m in &c.methods {
            crate::ir::for_each_nested_stmt(&module.funcs[m].body, &mut |st| {
                if let crate::ir::StmtKind::Assign {
                    target: crate::ir::Pattern::Attr(obj, field, _),
                    value,
                } = &st.kind
                    && obj.as_name() == Some("this")
                {
                    let mut root = value;
                    while let crate::ir::ExprKind::Index(b, _) = &root.kind {
                        root = b;
                    }
                    if root.as_name().is_some_and(|g| g.starts_with("$_")) {
                        out.entry((c.name.as_str(), field.as_str()))
                            .or_default()
                            .push(value);
                    }
                }
            });
        }
    }
    out
}

/// A value of a closed type (an enum member, a literal): trusted, and so are its
/// `value` and `name`.
/// A type whose values carry no text: numbers, booleans, UUIDs, dates.
fn numeric_type(t: &str) -> bool {
    matches!(
        t,
        "int"
            | "float"
            | "bool"
            | "UUID"
            | "uuid.UUID"
            | "datetime"
            | "date"
            | "number"
            | "boolean"
    )
}

/// What a validated model field admits.
#[derive(Debug, Clone)]
pub(crate) enum FieldVerdict {
    /// A number, or text matching a strict pattern or checked by a validator.
    Trusted,
    /// One of the values an enum or `Literal` lists.
    Closed,
    /// Request text, made safe for these sink classes by its validators.
    Input(u32),
    /// A nested object validated as its own DTO (`@ValidateNested() @Type(() => Address)`):
    /// its fields, each with its verdict.
    Nested(Arc<Vec<(String, FieldVerdict)>>),
}

impl FieldVerdict {
    /// The value of a field so judged, `input` being what unchecked request text is.
    pub(crate) fn value(&self, input: &Val) -> Val {
        match self {
            FieldVerdict::Trusted => Val::trusted(),
            FieldVerdict::Closed => closed_value(),
            FieldVerdict::Input(checked) => {
                let mut fv = input.clone();
                fv.taint = super::value::neutralize(&fv.taint, *checked);
                fv
            }
            FieldVerdict::Nested(fields) => {
                let mut v = Val {
                    shape: super::value::Shape::Map(Arc::new(Vec::new())),
                    ..Val::default()
                };
                for (f, verdict) in fields.iter() {
                    v = v.with_field(f, verdict.value(input));
                }
                v
            }
        }
    }
}

fn closed_value() -> Val {
    let mut v = Val::trusted()
        .with_field("value", Val::trusted())
        .with_field("name", Val::trusted());
    v.trusted = true;
    v
}

/// aws-lambda-go's event types that carry an HTTP request (API Gateway REST, HTTP and
/// WebSocket APIs, an Application Load Balancer, a function URL).
fn lambda_request_event(ty: &str) -> bool {
    matches!(
        ty,
        "APIGatewayProxyRequest"
            | "APIGatewayV2HTTPRequest"
            | "APIGatewayWebsocketProxyRequest"
            | "APIGatewayCustomAuthorizerRequest"
            | "APIGatewayCustomAuthorizerRequestTypeRequest"
            | "APIGatewayV2CustomAuthorizerV2Request"
            | "ALBTargetGroupRequest"
            | "LambdaFunctionURLRequest"
    )
}

/// What a class-validator field admits, by its decorators (see the JS lowering's
/// `field_checks`): a number, boolean, date, UUID or text of safe characters is no text
/// to inject; `@IsIn` / `@IsEnum` one of the listed values; `@IsUrl` with a host
/// allowlist an address that cannot lead elsewhere. `@IsEmail`, `@IsString`, `@Length`
/// leave text of the request's choosing.
/// A class heritage entry of a NestJS DTO, as written: a plain base class (`BaseDto`)
/// or a mapped type (`PartialType(CreateDto)`, `PickType(CreateDto, ["name"] as
/// const)`, `OmitType(CreateDto, ["id"])`, `IntersectionType(A, B)`).
struct MappedType<'a> {
    sources: Vec<&'a str>,
    pick: Option<Vec<&'a str>>,
    omit: Vec<&'a str>,
}

impl<'a> MappedType<'a> {
    fn parse(base: &'a str) -> Option<Self> {
        let base = base.trim();
        let is_name = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        };
        let Some((func, rest)) = base.split_once('(') else {
            return is_name(base).then(|| MappedType {
                sources: vec![base],
                pick: None,
                omit: Vec::new(),
            });
        };
        let inner = rest.strip_suffix(')')?;
        let (first, keys) = match inner.split_once(',') {
            Some((a, b)) => (a.trim(), b),
            None => (inner.trim(), ""),
        };
        let quoted =
            |s: &'a str| -> Vec<&'a str> { s.split(['"', '\'', '`']).skip(1).step_by(2).collect() };
        let func = func.rsplit('.').next().unwrap_or(func).trim();
        let out = match func {
            "PartialType" => MappedType {
                sources: vec![first],
                pick: None,
                omit: Vec::new(),
            },
            "PickType" => MappedType {
                sources: vec![first],
                pick: Some(quoted(keys)),
                omit: Vec::new(),
            },
            "OmitType" => MappedType {
                sources: vec![first],
                pick: None,
                omit: quoted(keys),
            },
            "IntersectionType" => MappedType {
                sources: inner.split(',').map(str::trim).collect(),
                pick: None,
                omit: Vec::new(),
            },
            _ => return None,
        };
        out.sources.iter().all(|s| is_name(s)).then_some(out)
    }

    fn keeps(&self, field: &str) -> bool {
        self.pick.as_ref().is_none_or(|p| p.contains(&field)) && !self.omit.contains(&field)
    }
}

fn dto_field_verdict(checks: &str) -> FieldVerdict {
    let mut verdict = FieldVerdict::Input(0);
    for c in checks.split('\0').filter(|c| !c.is_empty()) {
        let (name, arg) = c.split_once('=').unwrap_or((c, ""));
        match name {
            "IsInt" | "IsNumber" | "IsBoolean" | "IsDate" | "IsUUID" | "IsNumberString"
            | "IsPositive" | "IsNegative" | "IsBooleanString" | "IsMongoId" | "IsHexadecimal"
            | "IsAlphanumeric" | "IsAlpha" | "IsNumeric" | "IsISO8601" | "IsDateString"
            | "IsPort" | "IsHexColor" | "IsLatitude" | "IsLongitude" | "IsLatLong"
            | "IsMilitaryTime" | "IsDecimal" | "IsHash" | "IsCurrency" | "IsISBN" => {
                return FieldVerdict::Trusted;
            }
            "Matches" if super::guards::is_strict_validator(arg, false) => {
                return FieldVerdict::Trusted;
            }
            // A pattern that also spells `../`: safe for every sink but paths.
            "Matches" if matches!(verdict, FieldVerdict::Input(_)) => {
                let bits = super::guards::strict_validator_bits(arg, false);
                if let FieldVerdict::Input(b) = &mut verdict {
                    *b |= bits;
                }
            }
            "IsIn" | "IsEnum" => verdict = FieldVerdict::Closed,
            "IsUrl" if arg == "hosts" && matches!(verdict, FieldVerdict::Input(_)) => {
                verdict = FieldVerdict::Input(class::URL | class::REDIRECT);
            }
            _ => {}
        }
    }
    verdict
}

/// `app.useGlobalPipes(new ValidationPipe(...))` anywhere in `module`.
pub(crate) fn global_validation_pipe(module: &crate::ir::Module) -> bool {
    let mut found = false;
    for f in &module.funcs {
        super::handlers::walk_calls(&f.body, &mut |c: &crate::ir::Call| {
            if c.callee.last_name() == Some("useGlobalPipes")
                && c.args.iter().any(|a| {
                    let inner = a.value.as_call().map(|c| &c.callee).unwrap_or(&a.value);
                    inner.last_name() == Some("ValidationPipe")
                })
            {
                found = true;
            }
        });
        if found {
            break;
        }
    }
    found
}

/// `TABLE`, `MAX_ROWS`, `App.Config.TABLE`: a PHP constant's name (upper case, digits and
/// underscores in its last segment), as the PHP lowering names a bare constant.
fn is_php_constant_name(path: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.starts_with(|c: char| c.is_ascii_uppercase())
        && last
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}
