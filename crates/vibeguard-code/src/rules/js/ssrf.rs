use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags outgoing HTTP requests (`fetch`, axios, got, undici, node-fetch, `http(s)
    /// .get/request`, superagent, needle (also `needle(method, url)`), urllib, the
    /// functions bent makes, phin, request-promise, wreck, ofetch, undici's `Client`/`Pool`,
    /// `http2.connect`, WebSocket clients of `ws`) and raw TCP or TLS connections
    /// (`net.connect`, `tls.connect`, `new net.Socket().connect(port, host)`) whose URL or
    /// host comes from input, unless the
    /// program fixed the scheme and host in front of it or checked the host against an
    /// allowlist. A fixed host with an input path is reported as partial SSRF with low
    /// confidence. Headless browsers count as clients: a phantom, puppeteer or
    /// playwright page told to open a URL (`page.open`, `openUrl`, `goto`), render markup
    /// (`setContent`, `page.property('content', html)`) or run script
    /// (`evaluateJavaScript`, `evaluate` of a string) from input loads whatever that
    /// names from the server.
    ///
    /// ## Why is this bad?
    /// The server makes the request from inside the network: a user who picks the URL
    /// reaches cloud metadata (`169.254.169.254`), admin services and localhost-only ports
    /// (server-side request forgery, CWE-918).
    ///
    /// ## Example
    /// ```js
    /// const r = await fetch(req.body.webhookUrl);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const url = new URL(req.body.webhookUrl);
    /// if (!ALLOWED_HOSTS.has(url.hostname)) return res.status(400).end();
    /// const r = await fetch(url);
    /// ```
    JsSsrf
}

/// The names of the request functions and methods.
const CALLS: &[&str] = &[
    "fetch",
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "request",
    "axios",
    "got",
    "stream",
    "open",
    "openUrl",
    "goto",
    "setContent",
    "property",
    "evaluateJavaScript",
    "evaluate",
    "connect",
    "createConnection",
    "create",
    "needle",
    // undici's connection objects: `new Client(origin)`, `new Pool(origin)`
    "Client",
    "Pool",
    // ofetch / Nuxt's `$fetch`
    "ofetch",
    "$fetch",
];

static META: RuleMeta = RuleMeta {
    id: "js/ssrf",
    title: "Request to a URL from input",
    cwe: &[918],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "outgoing request to a URL or host from input; check the host against an allowlist",
    family: Family::Js,
    keywords: &[
        "fetch",
        "axios",
        "got",
        "undici",
        "http",
        "request",
        "superagent",
        "needle",
        "phantom",
        "puppeteer",
        "playwright",
        "urllib",
        "net",
        "bent",
        "phin",
        "wreck",
        "WebSocket",
        "tls",
        "http2",
    ],
    // any call: a function bent made is called by whatever name it was given (the
    // method names below are checked first thing)
    calls: &["*"],
    on: 0,
};

const CLIENTS: &[&str] = &[
    "axios",
    "got",
    "undici",
    "node-fetch",
    "http",
    "https",
    "node:http",
    "node:https",
    "http2",
    "node:http2",
    "superagent",
    "needle",
    "request",
    "ky",
    "cross-fetch",
    "urllib",
    "phin",
    "request-promise",
    "request-promise-native",
    "@hapi/wreck",
    "wreck",
    "ofetch",
    "isomorphic-fetch",
    "make-fetch-happen",
    "simple-get",
    "centra",
    // a WebSocket client: `new WebSocket(url)` from the `ws` package
    "ws",
];

impl Rule for JsSsrf {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.path.is_none() && site.recv.is_some() && CALLS.contains(&site.name) && headless(cx)
        {
            // A headless browser page (phantom, puppeteer, playwright) that loads a URL,
            // markup or script from input fetches whatever that names from the server.
            let arg = match site.name {
                "open" | "openUrl" | "goto" | "setContent" | "evaluateJavaScript" => site.arg(0),
                "evaluate" => site
                    .arg(0)
                    .filter(|(e, _)| !matches!(e.kind, crate::ir::ExprKind::Func(_))),
                "property" if site.call.arg(0).and_then(|a| a.as_str()) == Some("content") => {
                    site.arg(1)
                }
                _ => None,
            };
            if let Some((_, v)) = arg {
                cx.flow(site.span, v, sink::URL, accept::REQUEST);
            }
            return;
        }
        // bent: `const getJSON = bent("json"); getJSON(url)`: the function bent made
        // requests the URL it is called with (unless bent was given a base URL).
        if site.recv.is_none()
            && let Some(n) = site.call.callee.as_name()
            && !CALLS.contains(&n)
            && cx.imports("bent")
            && let Some(def) = crate::rules::support::single_def(cx, n)
            && let Some(c) = def.as_call()
            && cx.path_of(&c.callee).as_deref() == Some("bent")
        {
            let base = c.args.iter().any(|a| {
                a.value
                    .as_str()
                    .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://"))
            });
            if !base && let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::URL, accept::REQUEST);
            }
            return;
        }
        // A client module that is itself the request function (`phin(url)`,
        // `rp(url)` from request-promise, `new WebSocket(url)` from ws), by any name.
        let callable_module = site.path.is_some_and(|p| CLIENTS.contains(&p));
        if !callable_module
            && !CALLS.contains(&site.name)
            && !site
                .path
                .and_then(|p| p.rsplit('.').next())
                .is_some_and(|r| CALLS.contains(&r))
        {
            return;
        }
        let Some(path) = site.path else { return };
        // Raw TCP connections: `net.connect(port, host)`, `net.createConnection(...)`,
        // `new net.Socket().connect(port, host)` (or the `{ host }` options form).
        if matches!(
            path,
            "net.connect"
                | "net.createConnection"
                | "net.Socket.connect"
                | "node:net.connect"
                | "node:net.createConnection"
                | "node:net.Socket.connect"
                | "tls.connect"
                | "node:tls.connect"
        ) {
            let host = match site.arg(0) {
                Some((e, v)) if matches!(e.kind, crate::ir::ExprKind::Dict(_)) => v.field("host"),
                _ => site.arg(1).map(|(_, v)| v.clone()),
            };
            if let Some(v) = host {
                cx.flow(site.span, &v, sink::URL, accept::REQUEST);
            }
            return;
        }
        let root = path.split('.').next().unwrap_or(path);
        let is_client = path == "fetch" || path == "window.fetch" || CLIENTS.contains(&root);
        if !is_client {
            return;
        }
        // `needle("get", url)` / `needle.request("post", url, data)`: the method comes
        // first.
        let method_first = matches!(path, "needle" | "needle.request")
            && site.call.arg(0).and_then(|a| a.as_str()).is_some();
        // axios({ url }) / axios.request({ url })
        let url = match site.arg(0) {
            _ if method_first => site.arg(1).map(|(_, v)| v.clone()),
            Some((e, v)) if matches!(e.kind, crate::ir::ExprKind::Dict(_)) => v
                .field("url")
                .or_else(|| v.field("baseURL"))
                .or_else(|| v.field("host"))
                .or_else(|| v.field("hostname")),
            // `axios.create(config)`: only its literal options name a URL.
            _ if site.name == "create" => None,
            Some((_, v)) => Some(v.clone()),
            None => None,
        };
        let Some(v) = url else { return };
        if host_is_fixed(&v) {
            // A relative URL (`/api/posts/${id}`): the page's own site, from the browser.
            let relative = v.prefix.as_deref().is_some_and(|p| p.starts_with('/'));
            if !relative && cx.has_input(&v, sink::URL, accept::REQUEST) {
                cx.report(
                    Report::at(site.span)
                        .confidence(Confidence::Low)
                        .message("the path of a request to a fixed host comes from input (partial SSRF); encode it with encodeURIComponent or check it"),
                );
            }
            return;
        }
        cx.flow(site.span, &v, sink::URL, accept::REQUEST);
    }
}

/// Does the file drive a headless browser?
fn headless(cx: &Cx<'_, '_>) -> bool {
    ["phantom", "puppeteer", "playwright", "@playwright"]
        .iter()
        .any(|m| cx.imports(m))
}
