use crate::check::{AssignSite, CallSite, Cx, Rule, RuleMeta, accept, on, sink};
use crate::flow::value::{Shape, Val};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags outgoing requests whose URL or host comes from input: `Net::HTTP.get/
    /// get_response/post_form/start/new`, `URI.open`, `HTTParty`, `Faraday`, `RestClient`,
    /// `Excon` (also `Excon::Connection.new(host: ...)`), `Net::FTP.new/open(host)`,
    /// `Typhoeus`, `HTTPX`, http.rb
    /// (`HTTP.get`) and Curb (`Curl.get`, `Curl.http`, `Curl::Easy.new/perform`,
    /// `easy.url = ...` on any handle Curb made, `Curl::Multi.get/http`), clients
    /// configured with their server (`Faraday.new(url: ...)`,
    /// `RestClient::Request.execute(url: ...)`,
    /// `Patron::Session.new(base_url: ...)`), HTTPClient, Mechanize, and open-uri
    /// (`URI.parse(url).open`, `OpenURI.open_uri`, `open(url)` in a file that requires
    /// it), unless the host was fixed or checked against an allowlist.
    ///
    /// ## Why is this bad?
    /// The server makes the request from inside the network: a user who picks the URL
    /// reaches cloud metadata and internal services (server-side request forgery, CWE-918).
    ///
    /// ## Example
    /// ```ruby
    /// Net::HTTP.get(URI(params[:url]))
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// uri = URI(params[:url])
    /// raise ArgumentError unless ALLOWED_HOSTS.include?(uri.host)
    /// Net::HTTP.get(uri)
    /// ```
    RubySsrf
}

static META: RuleMeta = RuleMeta {
    id: "ruby/ssrf",
    title: "Request to a URL from input",
    cwe: &[918],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "outgoing request to a URL from input; check the host against an allowlist",
    family: Family::Ruby,
    keywords: &[
        "Net::HTTP",
        "Net::FTP",
        "URI",
        "HTTParty",
        "Faraday",
        "RestClient",
        "open-uri",
        "Excon",
        "Typhoeus",
        "HTTPX",
        "HTTP.",
        "Curl",
        "HTTPClient",
        "Mechanize",
        "Patron",
        "OpenURI",
        "open",
    ],
    calls: &[
        "get",
        "get_response",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "post_form",
        "start",
        "open",
        "new",
        "http",
        "perform",
        "http_get",
        "http_post",
        "http_put",
        "http_delete",
        "http_head",
        "execute",
        "open_uri",
        "get_content",
        "post_content",
    ],
    on: on::ASSIGN,
};

impl Rule for RubySsrf {
    crate::rule_meta!(META);
    /// Curb: `easy = Curl::Easy.new; easy.url = url` sets where `perform` goes.
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        if let crate::ir::Pattern::Attr(obj, attr, _) = site.target
            && attr == "url"
            && made_by_curb(cx, obj)
            && !host_is_fixed(site.val)
        {
            cx.flow(site.span, site.val, sink::URL, accept::REQUEST);
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // open-uri: `URI.parse(url).open`, `URI(url).open`, and `Kernel#open(url)` in a
        // file that requires it, fetch the URL.
        if site.name == "open" {
            let target = match &site.call.callee.kind {
                ExprKind::Attr(b, _) if parses_uri(b) => site.recv,
                ExprKind::Name(_) if cx.imports("open-uri") => site.arg_val(0),
                _ => None,
            };
            if let Some(v) = target {
                if !host_is_fixed(v) {
                    cx.flow(site.span, v, sink::URL, accept::REQUEST);
                }
                return;
            }
        }
        let Some(path) = site.path else { return };
        // A client configured with its server: `Faraday.new(url: u)`,
        // `RestClient::Request.execute(method: :get, url: u)`,
        // `Patron::Session.new(base_url: u)`.
        if matches!(
            path,
            "Faraday.new"
                | "RestClient.Request.execute"
                | "RestClient.Request.new"
                | "Patron.Session.new"
        ) {
            for k in ["url", "base_url"] {
                if let Some((_, v)) = site.kwarg(k)
                    && !host_is_fixed(v)
                    && cx.flow(site.span, v, sink::URL, accept::REQUEST)
                {
                    return;
                }
            }
        }
        // Curb: `Curl.get(url)`, `Curl.http("GET", url)`, `Curl::Easy.new(url)`,
        // `Curl::Easy.perform(url)`, `Curl::Multi.get([url, ...])`,
        // `Curl::Multi.http([{url: url, ...}])`.
        if path.starts_with("Curl.") {
            let urls: Vec<Val> = if path.starts_with("Curl.Multi.") {
                let items: Vec<Val> = match site.arg_val(0).map(|v| &v.shape) {
                    Some(Shape::Seq(xs)) => xs.to_vec(),
                    _ => Vec::new(),
                };
                items
                    .into_iter()
                    .map(|x| x.field("url").unwrap_or(x))
                    .collect()
            } else if path == "Curl.http" {
                site.arg_val(1).cloned().into_iter().collect()
            } else {
                site.arg_val(0).cloned().into_iter().collect()
            };
            for v in urls {
                if !host_is_fixed(&v) && cx.flow(site.span, &v, sink::URL, accept::REQUEST) {
                    return;
                }
            }
            return;
        }
        // `Excon::Connection.new(host: h)` / `hostname:`: the server is the input's.
        if path == "Excon.Connection.new" {
            for k in ["host", "hostname"] {
                if let Some((_, v)) = site.kwarg(k)
                    && cx.flow(site.span, v, sink::URL, accept::REQUEST)
                {
                    return;
                }
            }
        }
        let client = [
            "Net.HTTP",
            "Net.FTP.new",
            "Net.FTP.open",
            "URI.open",
            "HTTParty",
            "Faraday",
            "RestClient",
            "Excon",
            "HTTP.",
            "Typhoeus",
            "HTTPX",
            "OpenURI.open_uri",
            "HTTPClient",
            "Mechanize",
        ]
        .iter()
        .any(|c| path.starts_with(c));
        if !client {
            return;
        }
        let Some((_, v)) = site.arg(0) else { return };
        if host_is_fixed(v) {
            return;
        }
        cx.flow(site.span, v, sink::URL, accept::REQUEST);
    }
}

/// `easy` of `easy.url = ...` is a Curb handle: its value is one of Curb's (`Curl::Easy`
/// named bare), or the name is assigned once from a Curb call, with its arguments and
/// block (`easy = Curl::Easy.new(url) { |c| ... }`), whose value is the call's result.
fn made_by_curb(cx: &Cx<'_, '_>, obj: &Expr) -> bool {
    cx.value_of(obj)
        .ref_path()
        .is_some_and(|p| p.starts_with("Curl."))
        || crate::rules::support::inline_or_single_def(cx, obj)
            .and_then(Expr::as_call)
            .and_then(|c| c.callee.dotted())
            .is_some_and(|p| p.starts_with("Curl."))
}

/// `URI(url)`, `URI.parse(url)`, `URI.join(base, url)`: a URI object, which open-uri
/// gives an `open` that fetches it.
fn parses_uri(e: &Expr) -> bool {
    let Some(c) = e.as_call() else { return false };
    match &c.callee.kind {
        ExprKind::Name(n) => n == "URI",
        ExprKind::Attr(b, m) => {
            matches!(m.as_str(), "parse" | "join") && b.as_name() == Some("URI")
        }
        _ => false,
    }
}
