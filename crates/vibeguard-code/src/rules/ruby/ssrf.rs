use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags outgoing requests whose URL or host comes from input: `Net::HTTP.get/
    /// get_response/post_form/start/new`, `URI.open`, `HTTParty`, `Faraday`, `RestClient`,
    /// `Excon`, `Typhoeus`, `HTTPX` and http.rb (`HTTP.get`),
    /// unless the host was fixed or checked against an allowlist.
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
        "URI",
        "HTTParty",
        "Faraday",
        "RestClient",
        "open-uri",
        "Excon",
        "Typhoeus",
        "HTTPX",
        "HTTP.",
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
    ],
    on: 0,
};

impl Rule for RubySsrf {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        let client = [
            "Net.HTTP",
            "URI.open",
            "HTTParty",
            "Faraday",
            "RestClient",
            "Excon",
            "HTTP.",
            "Typhoeus",
            "HTTPX",
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
