use crate::check::{Cx, Report, Rule, RuleMeta, on};
use crate::ir::{ExprKind, FuncId, Span};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a login handler that answers an unknown user and a wrong password with
    /// different messages ("No such user" on one branch, "Wrong password" on another).
    ///
    /// ## Why is this bad?
    /// The difference tells anyone which usernames exist: the first step of credential
    /// stuffing and targeted password guessing (CWE-204, an observable response
    /// discrepancy that exposes information, CWE-200).
    ///
    /// ## Example
    /// ```python
    /// if user is None:
    ///     return "No such user"
    /// if not check_password(user, password):
    ///     return "Wrong password"
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// if user is None or not check_password(user, password):
    ///     return "Invalid username or password", 401
    /// ```
    UserEnumeration
}

static META: RuleMeta = RuleMeta {
    id: "python/user-enumeration",
    title: "Login tells unknown users from wrong passwords",
    cwe: &[204, 203, 200],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "the login answers an unknown user and a wrong password differently; return one message for both",
    family: Family::Python,
    keywords: &["password"],
    calls: &[],
    on: on::MODULE,
};

/// A message that says the account does not exist.
fn unknown_user(m: &str) -> bool {
    let m = m.to_ascii_lowercase();
    let about_user = m.contains("user") || m.contains("account") || m.contains("email");
    let missing = [
        "not found",
        "does not exist",
        "doesn't exist",
        "not exist",
        "no such",
        "unknown",
        "not registered",
        "no user",
        "no account",
    ]
    .iter()
    .any(|w| m.contains(w))
        || m.contains("wrong user")
        || m.contains("invalid user")
        || m.contains("incorrect user");
    about_user && missing && !mentions_password(&m)
}

/// A message that says the password (alone) was wrong.
fn wrong_password(m: &str) -> bool {
    let m = m.to_ascii_lowercase();
    mentions_password(&m)
        && [
            "wrong",
            "incorrect",
            "invalid",
            "error",
            "does not match",
            "mismatch",
            "bad",
        ]
        .iter()
        .any(|w| m.contains(w))
        && !(m.contains("user")
            || m.contains("login")
            || m.contains("account")
            || m.contains("email"))
}

fn mentions_password(m: &str) -> bool {
    m.contains("password") || m.contains("passwd") || m.contains(" pw") || m.starts_with("pw")
}

/// A function that logs a user in, by its name or its route.
fn is_login(cx: &Cx<'_, '_>, f: FuncId) -> bool {
    let func = &cx.module().funcs[f];
    let name = func.name.to_ascii_lowercase();
    let route = func.decorators.iter().any(|d| {
        let t = cx.text(d.span).to_ascii_lowercase();
        t.contains("login") || t.contains("signin") || t.contains("sign_in") || t.contains("auth")
    });
    route
        || ["login", "signin", "sign_in", "authenticate", "log_in"]
            .iter()
            .any(|w| name.contains(w))
}

impl Rule for UserEnumeration {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let m = cx.module();
        for f in 1..m.funcs.len() {
            if !is_login(cx, f) {
                continue;
            }
            let mut user: Option<Span> = None;
            let mut password = false;
            let mut visit = |e: &crate::ir::Expr| {
                e.walk(&mut |x| {
                    if let ExprKind::Str(s) = &x.kind {
                        if unknown_user(s) && user.is_none() {
                            user = Some(x.span);
                        }
                        password |= wrong_password(s);
                    }
                })
            };
            crate::flow::walk_exprs(&m.funcs[f].body, &mut visit);
            if let (Some(span), true) = (user, password) {
                cx.report(Report::at(span));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        assert!(unknown_user("No such user"));
        assert!(unknown_user("Username does not exist. Please try again."));
        assert!(!unknown_user("Incorrect username or password"));
        assert!(wrong_password("Wrong password"));
        assert!(wrong_password("Error: wrong password"));
        assert!(!wrong_password("Wrong username or password"));
    }
}
