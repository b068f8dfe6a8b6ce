use crate::check::{AssignSite, CallSite, CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::flow::value::Shape;
use crate::ir::{CmpOp, ExprKind};
use crate::rule_doc;
use crate::rules::python::weak_password_hash::mentions_password;
use crate::rules::support::is_sql_text;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags passwords stored or checked in a recoverable form: a raw password written to
    /// the database (`INSERT`/`UPDATE` parameters, `user.password = password`), and a
    /// password compared with a base64-decoded stored value.
    ///
    /// ## Why is this bad?
    /// Whoever reads the table (a backup, an SQL injection, a curious admin) gets every
    /// user's password, which people reuse elsewhere (CWE-256, CWE-522, CWE-261).
    ///
    /// ## Example
    /// ```python
    /// cur.execute("INSERT INTO users (name, password) VALUES (%s, %s)", (name, password))
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// cur.execute("INSERT INTO users (name, password) VALUES (%s, %s)",
    ///             (name, generate_password_hash(password)))
    /// ```
    PlaintextPassword
}

static META: RuleMeta = RuleMeta {
    id: "python/plaintext-password",
    title: "Password stored in a recoverable form",
    cwe: &[256, 522, 261],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "password stored or checked without hashing; store a salted hash (bcrypt, argon2, scrypt)",
    family: Family::Python,
    keywords: &["password", "passwd"],
    calls: &["execute", "executemany"],
    on: on::ASSIGN | on::COMPARE,
};

impl Rule for PlaintextPassword {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some((_, q)) = site.arg(0) else { return };
        let Some(sql) = q.const_str() else { return };
        let lower = sql.to_ascii_lowercase();
        if !(is_sql_text(sql)
            && (lower.contains("insert") || lower.contains("update"))
            && mentions_password(&lower))
        {
            return;
        }
        let Some((params_expr, params)) = site.arg(1) else {
            return;
        };
        let ExprKind::List(items) = &params_expr.kind else {
            return;
        };
        let Shape::Seq(vals) = &params.shape else {
            return;
        };
        for (e, v) in items.iter().zip(vals.iter()) {
            if mentions_password(cx.text(e.span))
                && !v.is_trusted()
                && !cx.text(e.span).contains("hash")
            {
                cx.report(Report::at(site.span));
                return;
            }
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Some(t) = &site.target_path else { return };
        // `self.password = password` keeps a credential the program was given (a client
        // logging in somewhere); storing one a user sent is the defect.
        if !t.contains('.')
            || t.starts_with("self.")
            || !t
                .rsplit('.')
                .next()
                .is_some_and(|a| a == "password" || a == "passwd")
        {
            return;
        }
        if mentions_password(cx.text(site.value.span))
            && !site.val.is_trusted()
            && !cx.text(site.value.span).contains("hash")
            && cx.has_input(
                site.val,
                crate::check::sink::ALL,
                crate::check::accept::REQUEST,
            )
        {
            cx.report(Report::at(site.span));
        }
    }
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !matches!(site.op, CmpOp::Eq | CmpOp::NotEq) {
            return;
        }
        let decoded = |e: &crate::ir::Expr| {
            e.as_call()
                .and_then(|c| c.callee.last_name())
                .is_some_and(|n| n.contains("b64decode") || n == "decodebytes" || n == "unhexlify")
        };
        let pw = |e: &crate::ir::Expr| mentions_password(cx.text(e.span));
        if decoded(site.left) && pw(site.right) || decoded(site.right) && pw(site.left) {
            cx.report(Report::at(site.span));
        }
    }
}
