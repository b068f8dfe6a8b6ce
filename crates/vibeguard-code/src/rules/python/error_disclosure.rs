use crate::check::{CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags exception details (`str(e)`, `e.args`, `traceback.format_exc()`) sent to the
    /// client: returned from a request handler or passed to a response (`jsonify`,
    /// `make_response`, `Response`, `HttpResponse`, `JsonResponse`), including the
    /// exception an `@app.errorhandler(Exception)` / `@app.exception_handler(...)`
    /// function is given.
    ///
    /// ## Why is this bad?
    /// Error text names files, tables, queries, library versions and sometimes secrets:
    /// a map for the next attack (CWE-209, CWE-497).
    ///
    /// ## Example
    /// ```python
    /// except Exception as e:
    ///     return jsonify(error=str(e)), 500
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// except Exception:
    ///     app.logger.exception("order failed")
    ///     return jsonify(error="internal error"), 500
    /// ```
    ErrorDisclosure
}

static META: RuleMeta = RuleMeta {
    id: "python/error-disclosure",
    title: "Error details sent to the client",
    cwe: &[209, 497, 200],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "exception details sent to the client; log them and return a generic message",
    family: Family::Python,
    keywords: &["except", "traceback"],
    calls: &[
        "jsonify",
        "make_response",
        "Response",
        "HttpResponse",
        "JsonResponse",
        "HTMLResponse",
        "PlainTextResponse",
        "JSONResponse",
        "abort",
        "HTTPException",
    ],
    on: on::RETURN,
};

pub(crate) const RESPONSES: &[&str] = &[
    "flask.jsonify",
    "flask.make_response",
    "flask.Response",
    "flask.abort",
    "django.http.HttpResponse",
    "django.http.JsonResponse",
    "starlette.responses.HTMLResponse",
    "starlette.responses.PlainTextResponse",
    "starlette.responses.JSONResponse",
    "fastapi.responses.HTMLResponse",
    "fastapi.responses.JSONResponse",
    "fastapi.responses.PlainTextResponse",
    "werkzeug.wrappers.Response",
    "fastapi.HTTPException",
    "fastapi.exceptions.HTTPException",
    "starlette.exceptions.HTTPException",
    "rest_framework.exceptions.APIException",
    "rest_framework.exceptions.ValidationError",
];

impl Rule for ErrorDisclosure {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.is(RESPONSES) {
            return;
        }
        for v in site.args {
            if cx.flow(site.span, v, sink::HTML, accept::ERROR) {
                return;
            }
        }
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        if cx.is_handler(site.func) {
            cx.flow(site.span, site.val, sink::HTML, accept::ERROR);
        }
    }
}
