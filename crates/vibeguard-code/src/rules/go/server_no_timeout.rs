use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Pattern, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags HTTP servers with no limit on how long a client may take to send its request
    /// headers: the package functions `http.ListenAndServe`, `ListenAndServeTLS`, `Serve`
    /// and `ServeTLS` (their server has no timeouts at all), and an `http.Server{...}`
    /// that sets neither `ReadHeaderTimeout` nor `ReadTimeout`, in the literal or later
    /// in the same function.
    ///
    /// ## Why is this bad?
    /// A client that sends its headers a byte at a time keeps a connection and a goroutine
    /// busy for as long as it likes; a few thousand such clients exhaust the server's
    /// connections or memory (Slowloris, CWE-400).
    ///
    /// ## Example
    /// ```go
    /// log.Fatal(http.ListenAndServe(":8080", mux))
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
    /// log.Fatal(srv.ListenAndServe())
    /// ```
    GoServerNoTimeout
}

static META: RuleMeta = RuleMeta {
    id: "go/server-no-timeout",
    title: "HTTP server without a header read timeout",
    cwe: &[400],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "HTTP server with no ReadHeaderTimeout; slow clients can hold its connections open",
    family: Family::Go,
    keywords: &["net/http"],
    calls: &[
        "ListenAndServe",
        "ListenAndServeTLS",
        "Serve",
        "ServeTLS",
        "Server",
    ],
    on: 0,
};

/// The `http.Server` fields that bound the time spent reading request headers.
const HEADER_TIMEOUTS: &[&str] = &["ReadHeaderTimeout", "ReadTimeout"];

impl Rule for GoServerNoTimeout {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let flagged = match site.path {
            Some(
                "net/http.ListenAndServe"
                | "net/http.ListenAndServeTLS"
                | "net/http.Serve"
                | "net/http.ServeTLS",
            ) => true,
            Some("net/http.Server") if site.call.is_new => {
                !HEADER_TIMEOUTS
                    .iter()
                    .any(|k| site.call.arg(0).is_some_and(|a| a.prop(k).is_some()))
                    && !sets_timeout_later(cx)
            }
            _ => false,
        };
        if flagged {
            cx.report(Report::at(site.span));
        }
    }
}

/// The function assigns a header timeout to a server field
/// (`srv.ReadHeaderTimeout = 5 * time.Second`).
fn sets_timeout_later(cx: &Cx<'_, '_>) -> bool {
    fn walk(body: &[crate::ir::Stmt]) -> bool {
        body.iter().any(|s| match &s.kind {
            StmtKind::Assign {
                target: Pattern::Attr(_, f, _),
                ..
            } => HEADER_TIMEOUTS.contains(&f.as_str()),
            StmtKind::Block(b) => walk(b),
            StmtKind::If { then, els, .. } => walk(then) || walk(els),
            _ => false,
        })
    }
    walk(&cx.module().funcs[cx.func()].body)
}
