use crate::check::{AssignSite, CallSite, Cx, Rule, RuleMeta, accept, on, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags response headers set from request data without removing line breaks
    /// (`resp.headers[name] = value`, `headers.add`, `set_header`, `send_header` in an
    /// `http.server` handler, Django `response[name] = value`).
    ///
    /// Runtimes differ. `http.server`'s `send_header` writes the line as given: a real
    /// response split. Werkzeug (Flask) refuses a header value with a newline
    /// (`ValueError`) and Django raises `BadHeaderError`, so there the request can at worst
    /// make the response fail; the finding stays (the value still needs cleaning) and its
    /// message says so. Tornado's `set_header`/`add_header` refuse control characters and
    /// are not flagged.
    ///
    /// ## Why is this bad?
    /// A value with `\r\n` ends the header block: the client adds headers of its choice or
    /// a whole second response (HTTP response splitting, CWE-113).
    ///
    /// ## Example
    /// ```python
    /// resp.headers["X-Name"] = request.args["name"]
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// resp.headers["X-Name"] = request.args["name"].replace("\r", "").replace("\n", "")
    /// ```
    HeaderInjection
}

static META: RuleMeta = RuleMeta {
    id: "python/header-injection",
    title: "Response header from request data",
    cwe: &[113],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "response header set from request data; remove CR and LF first",
    family: Family::Python,
    keywords: &["header"],
    calls: &[
        "add",
        "set",
        "add_header",
        "set_header",
        "setdefault",
        "send_header",
    ],
    on: on::ASSIGN,
};

impl Rule for HeaderInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(crate::ir::ExprKind::Attr(b, _)) = Some(&site.call.callee.kind) else {
            return;
        };
        let recv = cx.text(b.span);
        // `http.server`: `self.send_header(name, value)` writes the line as given.
        let stdlib = site.name == "send_header" && cx.imports("http.server");
        if !recv.ends_with("headers")
            && !matches!(site.name, "add_header" | "set_header")
            && !stdlib
        {
            return;
        }
        // CORS and redirect headers are judged by their own rules; Tornado's
        // `set_header`/`add_header` refuse control characters.
        if site.name == "send_header" && !stdlib
            || site
                .arg(0)
                .and_then(|(_, v)| v.const_str())
                .is_some_and(|h| {
                    h.eq_ignore_ascii_case("access-control-allow-origin")
                        || h.eq_ignore_ascii_case("location")
                })
            || matches!(site.name, "set_header" | "add_header")
                && crate::rules::support::on_tornado_handler(cx, site)
        {
            return;
        }
        if let Some((_, v)) = site.arg(1) {
            report(cx, site.span, v, !stdlib);
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let crate::ir::Pattern::Index(obj, key, _) = site.target else {
            return;
        };
        if key.as_str().is_some_and(|k| {
            k.eq_ignore_ascii_case("access-control-allow-origin")
                || k.eq_ignore_ascii_case("location")
        }) {
            return;
        }
        let t = cx.text(obj.span);
        if t.ends_with("headers") && !t.starts_with("request") {
            report(cx, site.span, site.val, true);
        }
    }
}

/// Report `val` reaching a header; on a framework whose runtime refuses CR/LF in header
/// values (`framework_checked`), the message says the effect is a failed response.
fn report(
    cx: &mut Cx<'_, '_>,
    span: crate::ir::Span,
    val: &crate::flow::value::Val,
    framework_checked: bool,
) {
    match framework_checked.then(|| crlf_checked_by(cx)).flatten() {
        Some(fw) => {
            let message = format!(
                "response header set from request data; {fw} refuses CR/LF in header values, \
                 so this makes the response fail rather than split it: remove CR and LF first"
            );
            cx.flow_message(span, val, sink::HEADER, accept::REQUEST, message);
        }
        None => {
            cx.flow(span, val, sink::HEADER, accept::REQUEST);
        }
    }
}

/// The framework of this file when its header store rejects line breaks at run time
/// (Werkzeug's `Headers`: `ValueError`; Django's `HttpResponse`: `BadHeaderError`).
fn crlf_checked_by(cx: &Cx<'_, '_>) -> Option<&'static str> {
    if cx.imports("flask") || cx.imports("werkzeug") {
        Some("Werkzeug")
    } else if cx.imports("django") {
        Some("Django")
    } else {
        None
    }
}
