use crate::check::{CallSite, CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{CmpOp, Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::{about_a_credential, credential_literal as literal, credential_name};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a password, token, secret or API key compared with a string constant written
    /// in the code: `"s3cret!".equals(password)`, `password.equals("admin123")`,
    /// `equalsIgnoreCase`, `Objects.equals(token, "...")`, `StringUtils.equals(...)`, or
    /// `==`. The credential is a variable, field or getter so named (`getPassword()`,
    /// `request.getParameter("password")`).
    ///
    /// ## Why is this bad?
    /// The credential is in every copy of the source and of the compiled classes and
    /// cannot be rotated without a release; anyone who reads either can log in (CWE-798,
    /// CWE-259).
    ///
    /// ## Example
    /// ```java
    /// if ("admin123".equals(request.getParameter("password"))) {
    ///     session.setAttribute("admin", true);
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// if (passwordEncoder.matches(request.getParameter("password"), user.getPasswordHash())) {
    ///     session.setAttribute("admin", true);
    /// }
    /// ```
    JavaHardcodedCredentials
}

static META: RuleMeta = RuleMeta {
    id: "java/hardcoded-credentials",
    title: "Credential checked against a constant",
    cwe: &[798, 259],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "credential compared with a constant in the code; check it against a stored hash",
    family: Family::Java,
    keywords: &[
        "password", "passwd", "pwd", "token", "secret", "api_key", "apikey",
    ],
    calls: &["equals", "equalsIgnoreCase", "contentEquals"],
    on: on::COMPARE,
};

/// A credential: a name Python's rule knows, camel-case `apiKey`, or a getter of one
/// (`getPassword()`, `getApiKey()`).
fn credential(e: &Expr) -> bool {
    if about_a_credential(e) {
        return false;
    }
    if credential_name(e) {
        return true;
    }
    let last = match &e.kind {
        ExprKind::Call(c) if c.args.is_empty() => c.callee.last_name(),
        _ => e.last_name(),
    };
    last.is_some_and(|n| {
        let n = n.to_ascii_lowercase();
        let n = n.strip_prefix("get").unwrap_or(&n);
        n.ends_with("apikey")
            || (n.contains("password") || n.contains("secret") || n.ends_with("token"))
                && !n.contains("hash")
                && !n.contains("confirm")
    })
}

impl Rule for JavaHardcodedCredentials {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
            return;
        };
        let pair = if site.call.args.len() == 2 {
            // Objects.equals(a, b) / StringUtils.equals(a, b)
            match (site.call.arg(0), site.call.arg(1)) {
                (Some(a), Some(b)) => (a, b),
                _ => return,
            }
        } else {
            match site.call.arg(0) {
                Some(a) => (&**recv, a),
                None => return,
            }
        };
        if credential(pair.0) && literal(pair.1) || credential(pair.1) && literal(pair.0) {
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
