use crate::check::{AssignSite, CallSite, Cx, Rule, RuleMeta, accept, on, sink};
use crate::flow::value::Val;
use crate::ir::{Expr, ExprKind, Pattern};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a session entry whose whole name comes from the request: a write to
    /// `$_SESSION[$key]`, or `set`/`put`/`push`/`flash` on a Symfony or Laravel session
    /// (`$request->getSession()`, `$request->session()`, `session()`, `Session::`),
    /// with `$key` taken from input. A key under a constant prefix the program chose
    /// (`$_SESSION['draft_' . $id]`), a hash of the input, or a value (not a name)
    /// from input are not flagged.
    ///
    /// ## Why is this bad?
    /// The application trusts what it finds in the session, because only the server writes
    /// there. When the client names the entry, it can set any flag the code checks later
    /// (`$_SESSION['is_admin'] = true` from `?flag=is_admin`) or overwrite the logged-in
    /// user's id: an access-control bypass across the trust boundary (CWE-284, CWE-501).
    ///
    /// ## Example
    /// ```php
    /// $_SESSION[$_POST['step']] = true;
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// if (in_array($_POST['step'], ['address', 'payment'], true)) {
    ///     $_SESSION['done_' . $_POST['step']] = true;
    /// }
    /// ```
    PhpSessionKeyFromInput
}

static META: RuleMeta = RuleMeta {
    id: "php/session-key-from-input",
    title: "Session entry named by the request",
    cwe: &[284, 501],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "the request chooses which session entry is written; map input to a fixed set of keys",
    family: Family::Php,
    keywords: &["session", "Session"],
    calls: &["set", "put", "push", "flash"],
    on: on::ASSIGN,
};

/// `$request->getSession()`, `$request->session()`, `session()`, `$this->session`,
/// a variable named `$session`, and the `Session` facade: Symfony and Laravel sessions.
fn is_session(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call(c) => matches!(c.callee.last_name(), Some("getSession" | "session")),
        // Variables are lowered without their `$`: `$session` is `session`.
        ExprKind::Name(n) => n == "session" || n == "Session",
        ExprKind::Attr(_, a) => a == "session",
        _ => false,
    }
}

/// Report when the key is input from its first character: a constant prefix keeps the
/// client inside the program's own namespace of keys.
fn check_key(cx: &mut Cx<'_, '_>, span: crate::ir::Span, key: &Val) {
    if key.prefix.as_deref().is_some_and(|p| !p.is_empty()) {
        return;
    }
    cx.flow(span, key, sink::ALL, accept::REQUEST);
}

impl Rule for PhpSessionKeyFromInput {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Pattern::Index(obj, _, _) = site.target else {
            return;
        };
        // `$_SESSION` is lowered as `_SESSION` (it is not request input, unlike `$_GET`).
        if !matches!(&obj.kind, ExprKind::Name(n) if n == "_SESSION") {
            return;
        }
        if let Some(k) = &site.key {
            check_key(cx, site.span, k);
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
            return;
        };
        if !is_session(recv) {
            return;
        }
        if let Some((_, key)) = site.arg(0) {
            let key = key.clone();
            check_key(cx, site.span, &key);
        }
    }
}
