use crate::check::{AssignSite, Cx, Rule, RuleMeta, accept, on, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data stored in the server-side session as is
    /// (`req.session.role = req.body.role`).
    ///
    /// ## Why is this bad?
    /// Code later trusts what is in the session, so a value the client chose crosses the
    /// trust boundary unchecked: roles and user ids become client-controlled (CWE-501).
    ///
    /// ## Example
    /// ```js
    /// req.session.userId = req.query.userId;
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const user = await authenticate(req.body.name, req.body.password);
    /// req.session.userId = user.id;
    /// ```
    JsTrustBoundary
}

static META: RuleMeta = RuleMeta {
    id: "js/trust-boundary",
    title: "Request data stored in the session",
    cwe: &[501],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "request data stored in the session unchecked; store values the server established",
    family: Family::Js,
    keywords: &["session"],
    calls: &[],
    on: on::ASSIGN,
};

impl Rule for JsTrustBoundary {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Some(t) = &site.target_path else { return };
        if t.starts_with("req.session.")
            || t.starts_with("request.session.")
            || t.starts_with("ctx.session.")
        {
            cx.flow(site.span, site.val, sink::ALL, accept::REQUEST);
        }
    }
}
