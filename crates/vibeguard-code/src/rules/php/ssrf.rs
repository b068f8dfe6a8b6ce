use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags outgoing requests whose URL comes from input: `curl_init($url)`,
    /// `curl_setopt($ch, CURLOPT_URL, $url)`, `file_get_contents`/`fopen` of a URL, Guzzle and
    /// Laravel `Http` clients, unless the host was fixed or checked.
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
        "file_get_contents",
        "fopen",
        "Guzzle",
        "Http::",
        "HttpClient",
    ],
    calls: &[
        "curl_init",
        "curl_setopt",
        "file_get_contents",
        "fopen",
        "get",
        "post",
        "request",
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

impl Rule for PhpSsrf {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let url = match site.name {
            "curl_init" => site.arg(0),
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
            "get" | "post" | "request"
                if site.recv.is_some()
                    && (cx.whole_text().contains("GuzzleHttp")
                        || cx.whole_text().contains("Http::")
                        || cx.imports("Symfony.Contracts.HttpClient")
                        || cx.imports("Symfony.Component.HttpClient")) =>
            {
                if site.name == "request" {
                    site.arg(1)
                } else {
                    site.arg(0)
                }
            }
            _ => None,
        };
        let Some((_, v)) = url else { return };
        if host_is_fixed(v) {
            return;
        }
        cx.flow(site.span, v, sink::URL, accept::REQUEST);
    }
}
