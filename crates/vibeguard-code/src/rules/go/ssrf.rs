use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::rules::sinks::{Sink, sink as s};
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags outgoing HTTP requests (`http.Get`/`Post`/`Head`/`PostForm`, `http.NewRequest`,
    /// the same methods of an `http.Client` or a resty request)
    /// whose URL comes from input, unless the program fixed the scheme and host in front of
    /// it or checked the host against an allowlist.
    ///
    /// ## Why is this bad?
    /// The server makes the request from inside the network: a user who picks the URL
    /// reaches cloud metadata and internal services (server-side request forgery, CWE-918).
    ///
    /// ## Example
    /// ```go
    /// resp, err := http.Get(r.URL.Query().Get("url"))
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// u, err := url.Parse(r.URL.Query().Get("url"))
    /// if err != nil || !allowedHosts[u.Hostname()] {
    ///     http.Error(w, "bad url", 400)
    ///     return
    /// }
    /// resp, err := http.Get(u.String())
    /// ```
    GoSsrf
}

static META: RuleMeta = RuleMeta {
    id: "go/ssrf",
    title: "Request to a URL from input",
    cwe: &[918],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "outgoing request to a URL from input; check the host against an allowlist",
    family: Family::Go,
    keywords: &["http."],
    calls: &[
        "Get",
        "Post",
        "Head",
        "PostForm",
        "NewRequest",
        "NewRequestWithContext",
    ],
    on: 0,
};

const SINKS: &[Sink] = &[
    s("net/http.Get", 0),
    s("net/http.Post", 0),
    s("net/http.Head", 0),
    s("net/http.PostForm", 0),
    s("net/http.NewRequest", 1),
    s("net/http.NewRequestWithContext", 2),
];

impl Rule for GoSsrf {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // http.DefaultClient.Get(u), client.Get(u), s.httpClient.Post(u, ...), and
        // resty's client.R().Get(u): a client's request methods.
        let client_method = matches!(site.name, "Get" | "Post" | "Head" | "PostForm")
            && match &site.call.callee.kind {
                crate::ir::ExprKind::Attr(recv, _) => {
                    site.path
                        .is_some_and(|p| p.starts_with("net/http.DefaultClient."))
                        || recv
                            .last_name()
                            .is_some_and(|n| n.to_ascii_lowercase().ends_with("client"))
                        || recv.as_call().is_some_and(|c| {
                            c.callee.last_name() == Some("R")
                                && cx.imports("github.com/go-resty/resty")
                        })
                }
                _ => false,
            };
        let matched = if client_method {
            site.arg(0).map(|(_, v)| v)
        } else {
            crate::rules::sinks::matched(site, SINKS)
        };
        let Some(v) = matched else {
            return;
        };
        if host_is_fixed(v) {
            return;
        }
        cx.flow(site.span, v, sink::URL, accept::REQUEST);
    }
}
