use crate::check::{CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{CmpOp, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a password, token or API key compared with a string constant written in the
    /// code (`if password == "admin123"`).
    ///
    /// ## Why is this bad?
    /// The credential is in every copy of the source and cannot be rotated without a
    /// release; anyone who reads the code can log in (CWE-798, CWE-259).
    ///
    /// ## Example
    /// ```python
    /// if username == "admin" and password == "s3cret!":
    ///     grant_admin()
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// user = User.query.filter_by(name=username).first()
    /// if user and check_password_hash(user.password_hash, password):
    ///     ...
    /// ```
    HardcodedCredentials
}

static META: RuleMeta = RuleMeta {
    id: "python/hardcoded-credentials",
    title: "Credential checked against a constant",
    cwe: &[798, 259],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "credential compared with a constant in the code; check it against a stored hash",
    family: Family::Python,
    keywords: &["password", "passwd", "pwd", "token", "secret", "api_key"],
    calls: &[],
    on: on::COMPARE,
};

fn credential_name(e: &crate::ir::Expr) -> bool {
    let n = match &e.kind {
        ExprKind::Name(n) => n.as_str(),
        ExprKind::Attr(_, a) => a.as_str(),
        ExprKind::Index(_, k) => k.as_str().unwrap_or(""),
        ExprKind::Call(c) => c.arg(0).and_then(|a| a.as_str()).unwrap_or(""),
        _ => "",
    };
    let n = n.to_ascii_lowercase();
    (n.contains("password")
        || n.contains("passwd")
        || n == "pwd"
        || n.contains("secret")
        || n.contains("api_key")
        || n.ends_with("token"))
        && !n.contains("hash")
        && !n.contains("confirm")
}

impl Rule for HardcodedCredentials {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !matches!(site.op, CmpOp::Eq | CmpOp::NotEq) {
            return;
        }
        let literal = |v: &crate::flow::value::Val| {
            v.const_str().is_some_and(|s| s.len() >= 3) && v.is_const()
        };
        let hit = credential_name(site.left) && literal(site.rval)
            || credential_name(site.right) && literal(site.lval);
        if hit {
            cx.report(Report::at(site.span));
        }
    }
}
