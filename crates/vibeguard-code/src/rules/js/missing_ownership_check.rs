use crate::check::{Cx, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a request handler that loads or changes a record by an id taken from the
    /// request (`req.params.id`) and never refers to the current user, when other handlers
    /// in the same file do check ownership.
    ///
    /// ## Why is this bad?
    /// Any logged-in user can change the id in the URL and read or modify other users'
    /// records (insecure direct object reference, CWE-639).
    ///
    /// ## Example
    /// ```js
    /// app.get("/invoices/:id", auth, async (req, res) => {
    ///   res.json(await Invoice.findById(req.params.id));
    /// });
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// res.json(await Invoice.findOne({ _id: req.params.id, owner: req.user.id }));
    /// ```
    JsMissingOwnershipCheck
}

static META: RuleMeta = RuleMeta {
    id: "js/missing-ownership-check",
    title: "Record loaded by id without an ownership check",
    cwe: &[639, 284, 862],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "handler loads a record by a request id without checking it belongs to the current user (sibling handlers do)",
    family: Family::Js,
    keywords: &["params", "req"],
    calls: &[],
    on: on::MODULE,
};

impl Rule for JsMissingOwnershipCheck {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        crate::rules::ownership::check(cx);
    }
}
