use crate::check::{Cx, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a request handler that loads or changes a record by an id taken from the
    /// request and never refers to the current user, when other handlers in the same file
    /// do check ownership.
    ///
    /// ## Why is this bad?
    /// Any logged-in user can change the id in the URL and read or modify other users'
    /// records (insecure direct object reference, the cross-tenant bug agents write when
    /// they copy one handler from another, CWE-639).
    ///
    /// ## Example
    /// ```python
    /// @app.route("/invoices/<int:invoice_id>")
    /// @login_required
    /// def invoice(invoice_id):
    ///     return jsonify(Invoice.query.get_or_404(invoice_id).to_dict())
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// inv = Invoice.query.filter_by(id=invoice_id, owner_id=current_user.id).first_or_404()
    /// ```
    MissingOwnershipCheck
}

static META: RuleMeta = RuleMeta {
    id: "python/missing-ownership-check",
    title: "Record loaded by id without an ownership check",
    cwe: &[639, 284, 862],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "handler loads a record by a request id without checking it belongs to the current user (sibling handlers do)",
    family: Family::Python,
    keywords: &["route", "request", "def "],
    calls: &[],
    on: on::MODULE,
};

impl Rule for MissingOwnershipCheck {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        crate::rules::ownership::check(cx);
    }
}
