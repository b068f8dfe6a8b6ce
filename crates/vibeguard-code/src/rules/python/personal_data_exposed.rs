use crate::check::{CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::rule_doc;
use crate::rules::python::error_disclosure::RESPONSES;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a request handler that sends a full social security or payment card number
    /// to the client: a value read from a field named `ssn`, `social_security_number`,
    /// `card_number`, `credit_card`, `cvv` (from the session, a record, a form) that
    /// reaches what the handler returns, directly or through a helper that builds the
    /// page, or a response or template it renders (`jsonify`, `render_template`). A slice of it (`ssn[-4:]`) is the masked form and is not flagged.
    ///
    /// ## Why is this bad?
    /// Pages are cached by browsers and proxies, shown over shoulders, and read by
    /// whoever takes over a session: the whole number is enough for identity theft or a
    /// card payment, the last four digits are what the user needs to recognise it
    /// (CWE-359, CWE-200).
    ///
    /// ## Example
    /// ```python
    /// @app.route("/account")
    /// def account():
    ///     return render_page(session["username"], session["ssn"])
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// @app.route("/account")
    /// def account():
    ///     return render_page(session["username"], session["ssn"][-4:])
    /// ```
    PersonalDataExposed
}

static META: RuleMeta = RuleMeta {
    id: "python/personal-data-exposed",
    title: "Full personal identifier sent to the client",
    cwe: &[359, 200],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "a full social security or card number is sent to the client; show only its last digits",
    family: Family::Python,
    keywords: &["ssn", "social", "card", "cvv", "cvc"],
    calls: &[
        "jsonify",
        "make_response",
        "Response",
        "HttpResponse",
        "JsonResponse",
        "HTMLResponse",
        "PlainTextResponse",
        "JSONResponse",
        "render_template",
        "render",
    ],
    on: on::RETURN,
};

/// Template renderers: what they are given is shown on the page.
const RENDERERS: &[&str] = &["flask.render_template", "django.shortcuts.render"];

impl Rule for PersonalDataExposed {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !cx.is_handler(cx.func()) || !(site.is(RESPONSES) || site.is(RENDERERS)) {
            return;
        }
        for v in site.args {
            if cx.flow(site.span, v, sink::HTML, accept::PERSONAL) {
                return;
            }
        }
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        if cx.is_handler(site.func) {
            cx.flow(site.span, site.val, sink::HTML, accept::PERSONAL);
        }
    }
}
