use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::ir::{Expr, ExprKind, Pattern, Stmt, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data stored in the HTTP session: the name or the value of
    /// `session.setAttribute(name, value)` / `putValue(name, value)` on a session from
    /// `request.getSession()`, unless the value was validated on the way.
    ///
    /// ## Why is this bad?
    /// The rest of the application reads session attributes as facts it established
    /// itself (who is logged in, which role, which cart). Writing unvalidated input
    /// there mixes trusted and untrusted data: a later check that reads the attribute
    /// trusts what the client sent (trust boundary violation, CWE-501).
    ///
    /// ## Example
    /// ```java
    /// request.getSession().setAttribute("userid", request.getParameter("id"));
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// String id = request.getParameter("id");
    /// if (id != null && id.matches("[0-9]{1,10}")) {
    ///     request.getSession().setAttribute("userid", id);
    /// }
    /// ```
    JavaTrustBoundary
}

static META: RuleMeta = RuleMeta {
    id: "java/trust-boundary",
    title: "Request data stored in the session",
    cwe: &[501],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "request data stored in the session unvalidated; validate it before the application trusts it",
    family: Family::Java,
    keywords: &["getSession", "HttpSession"],
    calls: &["setAttribute", "putValue"],
    on: 0,
};

/// Is `e` a session: `request.getSession()` / `getSession(true)`, or a local variable
/// assigned from one in this function?
fn is_session(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call(c) => c.callee.last_name() == Some("getSession"),
        ExprKind::Name(n) => {
            let f = &cx.module().funcs[cx.func()];
            // A handler's `HttpSession session` parameter (Spring injects the session).
            let param = f.params.iter().any(|p| {
                p.name() == Some(n.as_str())
                    && p.annotation
                        .as_deref()
                        .is_some_and(|a| a.trim().ends_with("HttpSession"))
            });
            param || assigned_session(cx, &f.body, n)
        }
        _ => false,
    }
}

fn assigned_session(cx: &Cx<'_, '_>, body: &[Stmt], name: &str) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::Assign {
            target: Pattern::Name(n, _),
            value,
        } if n == name => is_session(cx, value) && !matches!(value.kind, ExprKind::Name(_)),
        StmtKind::If { then, els, .. } => {
            assigned_session(cx, then, name) || assigned_session(cx, els, name)
        }
        StmtKind::Try {
            body,
            handlers,
            finally,
        } => {
            assigned_session(cx, body, name)
                || handlers.iter().any(|h| assigned_session(cx, &h.body, name))
                || assigned_session(cx, finally, name)
        }
        StmtKind::Block(b) | StmtKind::While { body: b, .. } | StmtKind::For { body: b, .. } => {
            assigned_session(cx, b, name)
        }
        _ => false,
    })
}

impl Rule for JavaTrustBoundary {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let crate::ir::ExprKind::Attr(recv, _) = &site.call.callee.kind else {
            return;
        };
        if site.positional() != 2 || !is_session(cx, recv) {
            return;
        }
        for i in 0..2 {
            if let Some((_, v)) = site.arg(i)
                && cx.flow(site.span, v, sink::ALL, accept::REQUEST)
            {
                return;
            }
        }
    }
}
