use crate::check::{AssignSite, Cx, Rule, RuleMeta, accept, on, sink};
use crate::ir::Pattern;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data stored in the server-side session as is
    /// (`session["role"] = request.form["role"]`), or under a key the request names
    /// (`session[request.args["flag"]] = True`), escaped or not.
    ///
    /// ## Why is this bad?
    /// Code later trusts what is in the session (it was "put there by the server"), so a
    /// value the client chose crosses the trust boundary unchecked: roles, user ids and
    /// flags become client-controlled (CWE-501).
    ///
    /// ## Example
    /// ```python
    /// session["user_id"] = request.args["user_id"]
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// user = authenticate(request.form["name"], request.form["password"])
    /// session["user_id"] = user.id
    /// ```
    TrustBoundary
}

static META: RuleMeta = RuleMeta {
    id: "python/trust-boundary",
    title: "Request data stored in the session",
    cwe: &[501],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "request data stored in the session unchecked; store values the server established",
    family: Family::Python,
    keywords: &["session"],
    calls: &[],
    on: on::ASSIGN,
};

impl Rule for TrustBoundary {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Pattern::Index(obj, _, _) = site.target else {
            return;
        };
        let t = cx.text(obj.span);
        if !(t == "session" || t.ends_with(".session")) {
            return;
        }
        if cx.flow(site.span, site.val, sink::ALL, accept::REQUEST) {
            return;
        }
        // `session[name] = "1"`, `session[request.args["k"]] = v`: the client chooses which
        // session entry is set. The engine evaluates a computed key for the hook.
        if let Some(key) = &site.key {
            cx.flow(site.span, key, sink::ALL, accept::REQUEST);
        }
    }
}
