use crate::check::{CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::CmpOp;
use crate::rule_doc;
use crate::rules::support::{credential_constant, credential_name};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a password, token, secret or API key compared with a string constant written
    /// in the code (`if password != "s3cret!"`, `apiKey == "ak_live_..."`).
    ///
    /// ## Why is this bad?
    /// The credential is in every copy of the source and of the binary (Go keeps string
    /// constants readable in it) and cannot be rotated without a release; anyone who
    /// reads either can log in (CWE-798, CWE-259).
    ///
    /// ## Example
    /// ```go
    /// if r.FormValue("password") == "hunter2!" {
    ///     grantAdmin(w)
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// if bcrypt.CompareHashAndPassword(user.PasswordHash, []byte(r.FormValue("password"))) == nil {
    ///     grantAdmin(w)
    /// }
    /// ```
    GoHardcodedCredentials
}

static META: RuleMeta = RuleMeta {
    id: "go/hardcoded-credentials",
    title: "Credential checked against a constant",
    cwe: &[798, 259],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "credential compared with a constant in the code; check it against a stored hash",
    family: Family::Go,
    keywords: &[
        "password", "passwd", "pwd", "token", "secret", "api_key", "apikey",
    ],
    calls: &[],
    on: on::COMPARE,
};

impl Rule for GoHardcodedCredentials {
    crate::rule_meta!(META);
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !matches!(site.op, CmpOp::Eq | CmpOp::NotEq) {
            return;
        }
        if go_credential(site.left) && credential_constant(site.rval)
            || go_credential(site.right) && credential_constant(site.lval)
        {
            cx.report(Report::at(site.span));
        }
    }
}

/// Python's credential names, and Go's camel-case `apiKey` / `APIKey`.
fn go_credential(e: &crate::ir::Expr) -> bool {
    credential_name(e)
        || e.last_name()
            .is_some_and(|n| n.to_ascii_lowercase().ends_with("apikey"))
}
