use crate::check::{CallSite, CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{CmpOp, Expr};
use crate::rule_doc;
use crate::rules::support::{about_a_credential, credential_literal as literal, credential_name};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a password, token, secret or API key compared with a string constant written
    /// in the code: `$password == 'admin123'`, `$_POST['password'] === 's3cret'`,
    /// `strcmp($token, '...') == 0`, `hash_equals('...', $apiKey)`.
    ///
    /// ## Why is this bad?
    /// The credential is in every copy of the source and cannot be rotated without a
    /// release; anyone who reads the code can log in (CWE-798, CWE-259).
    ///
    /// ## Example
    /// ```php
    /// if ($_POST['password'] === 'admin123') {
    ///     $_SESSION['admin'] = true;
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// if (password_verify($_POST['password'], $user['password_hash'])) {
    ///     $_SESSION['admin'] = true;
    /// }
    /// ```
    PhpHardcodedCredentials
}

static META: RuleMeta = RuleMeta {
    id: "php/hardcoded-credentials",
    title: "Credential checked against a constant",
    cwe: &[798, 259],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "credential compared with a constant in the code; check it against a stored hash (password_verify)",
    family: Family::Php,
    keywords: &[
        "password", "passwd", "pwd", "token", "secret", "api_key", "apikey",
    ],
    calls: &["strcmp", "strcasecmp", "hash_equals"],
    on: on::COMPARE,
};

/// A credential by name (`$password`, `$_POST['api_key']`, `$this->secret`), or
/// camel-case `$apiKey`.
fn credential(e: &Expr) -> bool {
    !about_a_credential(e) && credential_name(e)
        || e.last_name()
            .is_some_and(|n| n.to_ascii_lowercase().ends_with("apikey"))
}

impl Rule for PhpHardcodedCredentials {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        if let (Some(a), Some(b)) = (site.call.arg(0), site.call.arg(1))
            && (credential(a) && literal(b) || credential(b) && literal(a))
        {
            cx.report(Report::at(site.span));
        }
    }
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !matches!(site.op, CmpOp::Eq | CmpOp::NotEq) {
            return;
        }
        if credential(site.left) && literal(site.right)
            || credential(site.right) && literal(site.left)
        {
            cx.report(Report::at(site.span));
        }
    }
}
