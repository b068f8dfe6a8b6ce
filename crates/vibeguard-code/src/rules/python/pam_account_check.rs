use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a call to libpam's `pam_authenticate` (through `ctypes` or a binding that
    /// exposes it under that name) in a file that never calls `pam_acct_mgmt`.
    ///
    /// ## Why is this bad?
    /// `pam_authenticate` only checks that the password is right. Whether the account may
    /// log in now (expired, locked, disabled, outside its allowed hours) is answered by
    /// `pam_acct_mgmt`; a login that skips it lets in accounts the administrator shut
    /// (CWE-285, CWE-863).
    ///
    /// ## Example
    /// ```python
    /// ok = pam_authenticate(handle, 0) == 0
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// ok = pam_authenticate(handle, 0) == 0 and pam_acct_mgmt(handle, 0) == 0
    /// ```
    PamAccountCheck
}

static META: RuleMeta = RuleMeta {
    id: "python/pam-no-account-check",
    title: "PAM login without the account check",
    cwe: &[285, 863],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "pam_authenticate checks only the password; call pam_acct_mgmt too so locked or expired accounts are refused",
    family: Family::Python,
    keywords: &["pam_authenticate"],
    calls: &["pam_authenticate"],
    on: 0,
};

impl Rule for PamAccountCheck {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // The account check may sit anywhere in the file (a helper, the same
        // condition): any use of it is taken as the login doing both steps.
        if site.name == "pam_authenticate" && !cx.whole_text().contains("pam_acct_mgmt") {
            cx.report(Report::at(site.span));
        }
    }
}
