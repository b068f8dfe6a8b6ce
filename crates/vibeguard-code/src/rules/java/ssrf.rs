use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::rules::support::{host_is_fixed, java_receiver_declared};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags outgoing requests whose URL comes from input: `new URL(x).openConnection()`/
    /// `openStream()`/`getContent()` (or through a proxy whose host is input), Spring `RestTemplate` (every request
    /// method) and `WebClient` (and its base URL), `HttpRequest.newBuilder(URI)`, Apache's fluent `Request.Get(url)`,
    /// `Jsoup.connect`, Apache HttpClient `new HttpGet(url)` (and the other methods),
    /// `ImageIO.read(new URL(x))`, Commons IO's `FileUtils.copyURLToFile(url, f)` and
    /// `IOUtils.toString(new URL(x))`, and raw connections to a host from input
    /// (`new Socket(host, port)`, `SocketChannel.open(new InetSocketAddress(host, port))`),
    /// unless the host was fixed or checked against an allowlist.
    ///
    /// ## Why is this bad?
    /// The server makes the request from inside the network: a user who picks the URL
    /// reaches cloud metadata and internal services (server-side request forgery, CWE-918).
    ///
    /// ## Example
    /// ```java
    /// InputStream in = new URL(request.getParameter("url")).openStream();
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// URI uri = URI.create(request.getParameter("url"));
    /// if (!ALLOWED_HOSTS.contains(uri.getHost())) throw new IllegalArgumentException();
    /// ```
    JavaSsrf
}

static META: RuleMeta = RuleMeta {
    id: "java/ssrf",
    title: "Request to a URL from input",
    cwe: &[918],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "outgoing request to a URL from input; check the host against an allowlist",
    family: Family::Java,
    keywords: &[
        "URL",
        "RestTemplate",
        "HttpRequest",
        "WebClient",
        "Jsoup",
        "uri",
        "okhttp3",
        "HttpGet",
        "HttpPost",
        "HttpPut",
        "HttpDelete",
        "HttpPatch",
        "HttpHead",
        "fluent",
    ],
    calls: &[
        "openConnection",
        "openStream",
        "getContent",
        "getForObject",
        "getForEntity",
        "postForObject",
        "postForEntity",
        "exchange",
        "newBuilder",
        "uri",
        "connect",
        "create",
        "url",
        "HttpGet",
        "HttpPost",
        "HttpPut",
        "HttpDelete",
        "HttpPatch",
        "HttpHead",
        "Socket",
        "open",
        "read",
        "execute",
        "headForHeaders",
        "delete",
        "put",
        "patchForObject",
        "postForLocation",
        "optionsForAllow",
        "baseUrl",
        "Get",
        "Post",
        "Put",
        "Delete",
        "Patch",
        "Head",
        "Options",
        "copyURLToFile",
        "toString",
        "toByteArray",
    ],
    on: 0,
};

impl Rule for JavaSsrf {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // `url.openConnection(proxy)`: the connection goes through the proxy's host, so a
        // proxy built from input (`new Proxy(HTTP, new InetSocketAddress(host, port))`)
        // sends the request where the input says.
        if site.name == "openConnection"
            && let Some(proxy) = site.arg_val(0)
            && cx.flow(site.span, proxy, sink::URL, accept::REQUEST)
        {
            return;
        }
        let target = match site.name {
            "openConnection" | "openStream" => site.recv.cloned(),
            // `getContent()` is also a mail part's or a response's: only a URL's fetches.
            "getContent" if receiver_is_new_url(cx, site) => site.recv.cloned(),
            "getForObject" | "getForEntity" | "postForObject" | "postForEntity" | "exchange"
            | "uri" | "connect" | "newBuilder" => site.arg(0).map(|(_, v)| v.clone()),
            // Spring's `RestTemplate`: the other request methods, on a receiver declared
            // as one (the names are common elsewhere).
            "execute" | "headForHeaders" | "delete" | "put" | "patchForObject"
            | "postForLocation" | "optionsForAllow"
                if java_receiver_declared(cx, site, REST_CLIENTS) =>
            {
                site.arg(0).map(|(_, v)| v.clone())
            }
            // `WebClient.create(base)`, `WebClient.builder().baseUrl(base)`: every request
            // of the client goes to that host.
            "create" if site.path.is_some_and(|p| p.ends_with("WebClient.create")) => {
                site.arg(0).map(|(_, v)| v.clone())
            }
            "baseUrl" if cx.whole_text().contains("WebClient") => {
                site.arg(0).map(|(_, v)| v.clone())
            }
            // Apache HttpClient's fluent API: `Request.Get(url).execute()`.
            "Get" | "Post" | "Put" | "Delete" | "Patch" | "Head" | "Options"
                if site.path.is_some_and(|p| p.contains("fluent.Request.")) =>
            {
                site.arg(0).map(|(_, v)| v.clone())
            }
            // OkHttp: new Request.Builder().url(u)
            "url" if cx.imports("okhttp3") => site.arg(0).map(|(_, v)| v.clone()),
            // Apache HttpClient: new HttpGet(url), new HttpPost(url), ...
            "HttpGet" | "HttpPost" | "HttpPut" | "HttpDelete" | "HttpPatch" | "HttpHead"
                if site.call.is_new =>
            {
                site.arg(0).map(|(_, v)| v.clone())
            }
            // A raw connection to a host from input: `new Socket(host, port)`, or an
            // address opened by a channel (`SocketChannel.open(new InetSocketAddress(host,
            // port))`; a socket's `connect(address)` is above).
            "Socket" if site.call.is_new && site.positional() >= 2 => {
                site.arg(0).map(|(_, v)| v.clone())
            }
            "open" if site.path.is_some_and(|p| p.ends_with("SocketChannel.open")) => {
                site.arg(0).map(|(_, v)| v.clone())
            }
            // Commons IO: `FileUtils.copyURLToFile(url, file)` always fetches;
            // `IOUtils.toString(new URL(u), cs)` / `toByteArray(URI.create(u))` fetch when
            // handed a URL or URI (a stream is the common, harmless case).
            "copyURLToFile"
                if site
                    .path
                    .is_some_and(|p| p.ends_with("FileUtils.copyURLToFile")) =>
            {
                site.arg(0).map(|(_, v)| v.clone())
            }
            "toString" | "toByteArray"
                if site.path.is_some_and(|p| {
                    p.ends_with("IOUtils.toString") || p.ends_with("IOUtils.toByteArray")
                }) && site.arg(0).is_some_and(|(e, _)| names_url(e)) =>
            {
                site.arg(0).map(|(_, v)| v.clone())
            }
            // `ImageIO.read(url)` fetches what a URL names.
            "read"
                if site.path.is_some_and(|p| p.ends_with("ImageIO.read"))
                    && site.arg(0).is_some_and(|(e, _)| {
                        e.as_call()
                            .is_some_and(|c| c.is_new && c.callee.last_name() == Some("URL"))
                    }) =>
            {
                site.arg(0).map(|(_, v)| v.clone())
            }
            _ => None,
        };
        let Some(v) = target else { return };
        if host_is_fixed(&v) {
            return;
        }
        cx.flow(site.span, &v, sink::URL, accept::REQUEST);
    }
}

/// `new URL(..)`, `new URI(..)` or `URI.create(..)`: an expression that is a URL.
fn names_url(e: &crate::ir::Expr) -> bool {
    e.as_call().is_some_and(|c| {
        (c.is_new && matches!(c.callee.last_name(), Some("URL" | "URI")))
            || matches!(&c.callee.kind, crate::ir::ExprKind::Attr(b, m) if m == "create" && b.last_name() == Some("URI"))
    })
}

/// Spring's HTTP clients declared by type (see `java_receiver_declared`).
pub(crate) const REST_CLIENTS: &[&str] = &["RestTemplate", "RestOperations", "TestRestTemplate"];

/// The receiver of a method call is a `java.net.URL` built here: `new URL(x).m()`, or a
/// local assigned `new URL(x)` in this function.
fn receiver_is_new_url(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    let crate::ir::ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    let new_url = |e: &crate::ir::Expr| {
        e.as_call()
            .is_some_and(|c| c.is_new && c.callee.last_name() == Some("URL"))
    };
    if new_url(recv) {
        return true;
    }
    let Some(name) = recv.as_name() else {
        return false;
    };
    let mut found = false;
    crate::ir::find_assignments(&cx.module().funcs[cx.func()].body, name, &mut |v| {
        found |= new_url(v);
    });
    found
}
