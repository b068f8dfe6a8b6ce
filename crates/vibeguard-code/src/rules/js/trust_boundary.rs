use crate::check::{AssignSite, Cx, Rule, RuleMeta, accept, on, sink};
use crate::ir::Pattern;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data stored in the server-side session as is
    /// (`req.session.role = req.body.role`), or under a key the request names
    /// (`req.session[req.query.flag] = true`).
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

/// The session objects of Express (`express-session`), Koa and Fastify handlers.
const SESSIONS: &[&str] = &["req.session", "request.session", "ctx.session"];

impl Rule for JsTrustBoundary {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        if let Some(t) = &site.target_path {
            if SESSIONS
                .iter()
                .any(|s| t.strip_prefix(s).is_some_and(|r| r.starts_with('.')))
            {
                cx.flow(site.span, site.val, sink::ALL, accept::REQUEST);
            }
            return;
        }
        // `req.session[key] = v` with a computed key: the value, or the client choosing
        // which session entry is written.
        let Pattern::Index(obj, _, _) = site.target else {
            return;
        };
        if !SESSIONS.contains(&cx.text(obj.span)) {
            return;
        }
        if cx.flow(site.span, site.val, sink::ALL, accept::REQUEST) {
            return;
        }
        if let Some(key) = &site.key {
            cx.flow(site.span, key, sink::ALL, accept::REQUEST);
        }
    }
}
