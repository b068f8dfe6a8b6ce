use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags outgoing HTTP requests (requests, httpx, urllib, urllib3 and its pools,
    /// aiohttp, httplib2, tornado, http.client, `urlretrieve` and openers, pycurl), socket
    /// connections and FTP/SMTP/IMAP/POP/Telnet clients whose URL, host, proxy or client
    /// base URL comes from input, unless the program fixed the scheme and host in front of it
    /// or checked the host against an allowlist.
    ///
    /// ## Why is this bad?
    /// The server makes the request from inside the network: a user who picks the URL
    /// reaches cloud metadata (`169.254.169.254`), internal admin services and
    /// localhost-only ports (server-side request forgery, CWE-918). The "test these
    /// integration credentials" endpoint that calls whatever base URL was typed is the
    /// classic case.
    ///
    /// ## Example
    /// ```python
    /// requests.get(request.args["url"], timeout=5)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// url = request.args["url"]
    /// if urlparse(url).hostname not in ALLOWED_HOSTS:
    ///     abort(400)
    /// requests.get(url, timeout=5)
    /// ```
    Ssrf
}

static META: RuleMeta = RuleMeta {
    id: "python/ssrf",
    title: "Request to a URL from input",
    cwe: &[918],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "outgoing request to a URL or host from input; check the host against an allowlist",
    family: Family::Python,
    keywords: &[
        "requests",
        "httpx",
        "urllib",
        "urlopen",
        "aiohttp",
        "http.client",
        "HTTPConnection",
        "create_connection",
        "httplib",
        "tornado",
        "socket",
        "pycurl",
        "ftplib",
        "smtplib",
        "telnetlib",
        "imaplib",
        "poplib",
    ],
    calls: &[
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
        "request",
        "urlopen",
        "Request",
        "stream",
        "HTTPConnection",
        "HTTPSConnection",
        "create_connection",
        "fetch",
        "send",
        "putrequest",
        "set_tunnel",
        "request_chunked",
        "Client",
        "AsyncClient",
        "ClientSession",
        "ProxyManager",
        "proxy_from_url",
        "HTTPConnectionPool",
        "HTTPSConnectionPool",
        "connection_from_url",
        "connection_from_host",
        "HTTPRequest",
        "urlretrieve",
        "open",
        "connect",
        "connect_ex",
        "setopt",
        "FTP",
        "FTP_TLS",
        "SMTP",
        "SMTP_SSL",
        "Telnet",
        "IMAP4",
        "IMAP4_SSL",
        "POP3",
        "POP3_SSL",
    ],
    on: 0,
};

const PARTIAL: &str = "the path of a request to a fixed host comes from input (partial SSRF); encode it with quote() or check it";

impl Rule for Ssrf {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        let client = [
            "requests.",
            "httpx.",
            "aiohttp.",
            "urllib3.",
            "tornado.httpclient.",
            "httplib2.",
        ]
        .iter()
        .any(|p| path.starts_with(p));
        // `http.client` connections: the host is given to the constructor (or to
        // `set_tunnel`); `request`/`putrequest` send a path to that fixed host.
        let conn = path.starts_with("http.client.HTTPConnection.");
        // pycurl: `c.setopt(pycurl.URL, url)` (also `c.URL`).
        if site.name == "setopt" {
            if path.starts_with("pycurl.")
                && site
                    .arg(0)
                    .and_then(|(e, _)| cx.path_of(e))
                    .is_some_and(|p| p.ends_with(".URL") || p.ends_with(".PROXY"))
                && let Some((_, v)) = site.arg(1)
                && !host_is_fixed(v)
            {
                cx.flow(site.span, v, sink::URL, accept::REQUEST);
            }
            return;
        }
        // A socket connected to `(host, port)`: the host is the first item.
        if site.is(&[
            "socket.socket.connect",
            "socket.socket.connect_ex",
            "socket.create_connection",
        ]) {
            if let Some((_, addr)) = site.arg(0).or_else(|| site.kwarg("address")) {
                let host = match &addr.shape {
                    crate::flow::value::Shape::Seq(items) => items.first().cloned(),
                    _ => Some(addr.clone()),
                };
                if let Some(h) = host {
                    cx.flow(site.span, &h, sink::URL, accept::REQUEST);
                }
            }
            return;
        }
        let url = if site.is(&[
            "urllib.request.urlretrieve",
            "urllib.request.OpenerDirector.open",
            "urllib.request.urlopen",
            "urllib.request.Request",
            "urllib2.urlopen",
            "urllib2.Request",
            "tornado.httpclient.HTTPRequest",
        ]) {
            site.arg(0).or_else(|| site.kwarg("url"))
        } else if site.is(&[
            "http.client.HTTPConnection",
            "http.client.HTTPSConnection",
            "httplib.HTTPConnection",
            "httplib.HTTPSConnection",
            // Mail, file-transfer and terminal clients connect to the host they are given.
            "ftplib.FTP",
            "ftplib.FTP_TLS",
            "ftplib.FTP.connect",
            "smtplib.SMTP",
            "smtplib.SMTP_SSL",
            "smtplib.SMTP.connect",
            "telnetlib.Telnet",
            "imaplib.IMAP4",
            "imaplib.IMAP4_SSL",
            "poplib.POP3",
            "poplib.POP3_SSL",
            "urllib3.HTTPConnectionPool",
            "urllib3.HTTPSConnectionPool",
            "urllib3.connectionpool.HTTPConnectionPool",
            "urllib3.connectionpool.HTTPSConnectionPool",
            "urllib3.connection.HTTPConnection",
            "urllib3.connection.HTTPSConnection",
            "urllib3.PoolManager.connection_from_host",
            "http.client.HTTPConnection.set_tunnel",
            "urllib3.connection.HTTPConnection.set_tunnel",
        ]) {
            site.arg(0).or_else(|| site.kwarg("host"))
        } else if conn {
            if let "request" | "putrequest" = site.name
                && let Some((_, v)) = site.arg(1).or_else(|| site.kwarg("url"))
                && cx.has_input(v, sink::URL, accept::REQUEST)
            {
                cx.report(
                    Report::at(site.span)
                        .confidence(Confidence::Low)
                        .message(PARTIAL),
                );
            }
            return;
        } else if site.is(&[
            "urllib3.ProxyManager",
            "urllib3.poolmanager.ProxyManager",
            "urllib3.proxy_from_url",
        ]) {
            site.arg(0).or_else(|| site.kwarg("proxy_url"))
        } else if site.is(&[
            "urllib3.connection_from_url",
            "urllib3.connectionpool.connection_from_url",
            "urllib3.PoolManager.connection_from_url",
        ]) {
            site.arg(0).or_else(|| site.kwarg("url"))
        } else if site.is(&["httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession"]) {
            // The base URL every relative request of the client goes to.
            site.kwarg("base_url").or_else(|| {
                (path == "aiohttp.ClientSession")
                    .then(|| site.arg(0))
                    .flatten()
            })
        } else if client {
            match site.name {
                // httplib2: `Http().request(uri, method)`.
                "request" if path.starts_with("httplib2.") => {
                    site.arg(0).or_else(|| site.kwarg("uri"))
                }
                "request" | "stream" | "urlopen" | "request_chunked" | "Request"
                    if site.positional() >= 2 =>
                {
                    site.arg(1)
                }
                "get" | "post" | "put" | "patch" | "delete" | "head" | "options" | "request"
                | "stream" | "fetch" | "urlopen" | "request_chunked" | "Request" => {
                    site.arg(0).or_else(|| site.kwarg("url"))
                }
                _ => None,
            }
        } else {
            None
        };
        let Some((_, v)) = url else { return };
        if host_is_fixed(v) {
            // Partial SSRF: the host is fixed, the path comes from input (`../admin`).
            if cx.has_input(v, sink::URL, accept::REQUEST) {
                cx.report(
                    Report::at(site.span)
                        .confidence(Confidence::Low)
                        .message(PARTIAL),
                );
            }
            return;
        }
        cx.flow(site.span, v, sink::URL, accept::REQUEST);
    }
}
