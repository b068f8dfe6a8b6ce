use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::flow::value::{Shape, Val};
use crate::ir::Expr;
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags outgoing requests whose URL comes from input: `curl_init($url)`,
    /// `curl_setopt($ch, CURLOPT_URL, $url)`, `file_get_contents`/`fopen` of a URL, and the
    /// HTTP client libraries: Guzzle (`base_uri`, verb methods), Laravel `Http`, Symfony
    /// HttpClient, WordPress Requests and HTTP API (`wp_remote_get`, `wp_remote_post`,
    /// `wp_remote_request`, `download_url`), raw connections (`fsockopen`,
    /// `stream_socket_client`, FTP's `ftp_connect` / `ftp_ssl_connect`), `get_headers`, a `SoapClient`'s WSDL address, Buzz, Laminas/Zend, pecl_http, PSR-7 requests
    /// (`new Request('GET', $url)`, `createRequest`) and SendGrid's client, unless the
    /// host was fixed or checked.
    ///
    /// ## Why is this bad?
    /// The server makes the request from inside the network: a user who picks the URL
    /// reaches cloud metadata and internal services (server-side request forgery, CWE-918).
    ///
    /// ## Example
    /// ```php
    /// $ch = curl_init($_GET['url']);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $host = parse_url($_GET['url'], PHP_URL_HOST);
    /// if (!in_array($host, ALLOWED_HOSTS, true)) { http_response_code(400); exit; }
    /// ```
    PhpSsrf
}

static META: RuleMeta = RuleMeta {
    id: "php/ssrf",
    title: "Request to a URL from input",
    cwe: &[918],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "outgoing request to a URL from input; check the host against an allowlist",
    family: Family::Php,
    keywords: &[
        "curl",
        "sockopen",
        "stream_socket_client",
        "ftp_",
        "get_headers",
        "SoapClient",
        "wp_remote",
        "download_url",
        "file_get_contents",
        "fopen",
        "Guzzle",
        "Http::",
        "HttpClient",
        "Requests",
        "Buzz",
        "Laminas",
        "Zend",
        "http\\Client",
        "SendGrid",
        "createRequest",
        "new Request",
    ],
    calls: &[
        "curl_init",
        "curl_setopt",
        "fsockopen",
        "pfsockopen",
        "stream_socket_client",
        "ftp_connect",
        "ftp_ssl_connect",
        "get_headers",
        "SoapClient",
        "wp_remote_get",
        "wp_remote_post",
        "wp_remote_head",
        "wp_remote_request",
        "download_url",
        "file_get_contents",
        "fopen",
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
        "trace",
        "getAsync",
        "postAsync",
        "putAsync",
        "patchAsync",
        "deleteAsync",
        "headAsync",
        "optionsAsync",
        "submitForm",
        "setUri",
        "request",
        "requestAsync",
        "request_multiple",
        "createRequest",
        "Request",
        "Client",
        "Session",
        "Zend_Http_Client",
        "Requests_Session",
    ],
    on: 0,
};

/// A variable or key named for a URL (`$url`, `$feedUrl`, `$_GET["endpoint"]`).
fn names_url(e: &crate::ir::Expr) -> bool {
    let name = match &e.kind {
        crate::ir::ExprKind::Name(n) => n.as_str(),
        crate::ir::ExprKind::Index(_, k) => k.as_str().unwrap_or(""),
        _ => "",
    };
    let lower = name.to_ascii_lowercase();
    [
        "url", "uri", "link", "endpoint", "webhook", "feed", "callback",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// PHP HTTP client libraries: a file that imports one of them makes requests with the
/// verb methods (`$client->get($url)`) of the clients it builds.
const HTTP_LIBRARIES: &[&str] = &[
    "GuzzleHttp",
    "Buzz",
    "WpOrg.Requests",
    "Laminas.Http",
    "Zend.Http",
    "http.Client",
    "Http.Client",
    "Http.Discovery",
    "Symfony.Contracts.HttpClient",
    "Symfony.Component.HttpClient",
    "Illuminate.Support.Facades.Http",
    "Unirest",
];

/// Classes whose constructor takes the URL (or base URL) first.
const URL_CONSTRUCTORS: &[&str] = &[
    "Laminas.Http.Client",
    "Zend.Http.Client",
    "Zend_Http_Client",
    "WpOrg.Requests.Session",
    "Requests_Session",
    "SendGrid.Client",
];

/// Verb methods of HTTP clients whose first argument is the URL.
fn url_first(name: &str) -> bool {
    matches!(
        name,
        "get"
            | "post"
            | "put"
            | "patch"
            | "delete"
            | "head"
            | "options"
            | "trace"
            | "getAsync"
            | "postAsync"
            | "putAsync"
            | "patchAsync"
            | "deleteAsync"
            | "headAsync"
            | "optionsAsync"
            | "submitForm"
            | "setUri"
    )
}

/// The class a method call's receiver variable was built from in this function
/// (`$c = new Client(...)`; `Foo` after `use Bar\Foo`), when it was built with `new`.
fn receiver_class(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> Option<String> {
    let crate::ir::ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return None;
    };
    let name = recv.as_name()?;
    let body = &cx.module().funcs.get(cx.func())?.body;
    let mut class = None;
    crate::ir::find_assignments(body, name, &mut |value| {
        if class.is_none()
            && let Some(c) = value.as_call()
            && c.is_new
        {
            class = cx
                .path_of(&c.callee)
                .or_else(|| c.callee.last_name().map(str::to_string));
        }
    });
    class
}

/// A constant HTTP method name (`'GET'`, `"post"`).
fn is_verb(v: &Val) -> bool {
    v.const_str().is_some_and(|s| {
        matches!(
            s.to_ascii_uppercase().as_str(),
            "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "TRACE"
        )
    })
}

/// `Requests::request_multiple([['url' => $u, ...], ...])`: the `url` of each request.
fn multiple_urls(v: &Val) -> Vec<Val> {
    let items: Vec<&Val> = match &v.shape {
        Shape::Seq(xs) => xs.iter().collect(),
        Shape::Map(kv) => kv.iter().map(|(_, x)| x).collect(),
        _ => Vec::new(),
    };
    items.into_iter().filter_map(|x| x.field("url")).collect()
}

impl Rule for PhpSsrf {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let path = site.path.unwrap_or("");
        let url: Option<(&Expr, &Val)> = match site.name {
            "curl_init" => site.arg(0),
            // Raw connections and URL probes: `fsockopen($host, $port)`,
            // `stream_socket_client("tcp://$host:80")`, `ftp_connect($host)`,
            // `get_headers($url)`, a SOAP client's WSDL address.
            "fsockopen"
            | "pfsockopen"
            | "stream_socket_client"
            | "ftp_connect"
            | "ftp_ssl_connect"
            | "get_headers"
                if site.recv.is_none() && !site.call.is_new =>
            {
                site.arg(0)
            }
            "SoapClient" if site.call.is_new => site.arg(0),
            // WordPress's HTTP API (`wp_safe_remote_*` refuses local and private hosts).
            "wp_remote_get" | "wp_remote_post" | "wp_remote_head" | "wp_remote_request"
            | "download_url"
                if site.recv.is_none() =>
            {
                site.arg(0)
            }
            "curl_setopt"
                if site
                    .arg(1)
                    .is_some_and(|(e, _)| cx.text(e.span) == "CURLOPT_URL") =>
            {
                site.arg(2)
            }
            // A URL: an http(s) prefix, or a whole value that the program calls a URL.
            "file_get_contents" | "fopen" => site.arg(0).filter(|(e, v)| {
                v.prefix.as_deref().is_some_and(|p| p.starts_with("http"))
                    || v.prefix.is_none() && names_url(e)
            }),
            // PSR-7 and pecl_http requests: `new Request('GET', $url)`,
            // `$factory->createRequest('GET', $url)`.
            "Request" | "createRequest"
                if (site.call.is_new || site.name == "createRequest")
                    && site.arg_val(0).is_some_and(is_verb) =>
            {
                site.arg(1)
            }
            // Guzzle's `new Client(['base_uri' => $url])`.
            "Client" if site.call.is_new && path == "GuzzleHttp.Client" => {
                if let Some(v) = site.arg_val(0).and_then(|o| o.field("base_uri"))
                    && !host_is_fixed(&v)
                {
                    cx.flow(site.span, &v, sink::URL, accept::REQUEST);
                }
                return;
            }
            _ if site.call.is_new && URL_CONSTRUCTORS.contains(&path) => site.arg(0),
            "request_multiple" if site.recv.is_some() => {
                if let Some(list) = site.arg_val(0) {
                    for v in multiple_urls(list) {
                        if !host_is_fixed(&v) && cx.flow(site.span, &v, sink::URL, accept::REQUEST)
                        {
                            return;
                        }
                    }
                }
                return;
            }
            "request" | "requestAsync" if site.recv.is_some() => {
                if site.arg_val(0).is_some_and(is_verb) {
                    site.arg(1)
                } else {
                    site.arg(0)
                }
            }
            n if site.recv.is_some() && url_first(n) => site.arg(0),
            _ => None,
        };
        let Some((_, v)) = url else { return };
        if host_is_fixed(v) || !cx.is_tainted(v, sink::URL, accept::REQUEST) {
            return;
        }
        // A verb method is a request only on an HTTP client: in a file that uses an HTTP
        // client library, or called on a class of one (`Requests::get`).
        let method = !matches!(
            site.name,
            "curl_init"
                | "curl_setopt"
                | "file_get_contents"
                | "fopen"
                | "fsockopen"
                | "pfsockopen"
                | "stream_socket_client"
                | "ftp_connect"
                | "ftp_ssl_connect"
                | "get_headers"
                | "wp_remote_get"
                | "wp_remote_post"
                | "wp_remote_head"
                | "wp_remote_request"
                | "download_url"
        ) && !site.call.is_new
            && site.name != "createRequest";
        let client = if method {
            receiver_class(cx, site)
        } else {
            None
        };
        if let Some(cls) = &client {
            // The receiver was built here with `new`: it must be an HTTP client class.
            let last = cls.rsplit('.').next().unwrap_or(cls);
            let http = HTTP_LIBRARIES
                .iter()
                .any(|l| cls.starts_with(l) && cls[l.len()..].starts_with('.'))
                || matches!(last, "Client" | "Browser" | "Session" | "HttpClient");
            if !http {
                return;
            }
        } else if method
            && !HTTP_LIBRARIES.iter().any(|l| cx.imports(l))
            && !path.starts_with("WpOrg.Requests.")
            && !path.starts_with("Requests.")
            && !path.starts_with("Http.")
            && !path.starts_with("Illuminate.Support.Facades.Http.")
        {
            return;
        }
        cx.flow(site.span, v, sink::URL, accept::REQUEST);
    }
}
