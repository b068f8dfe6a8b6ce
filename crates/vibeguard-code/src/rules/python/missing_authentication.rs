use crate::check::{Cx, Report, Rule, RuleMeta, on};
use crate::ir::{Expr, ExprKind, FuncId, Module, Span};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a route for a sensitive page or action (settings, admin, account, delete,
    /// upload, ...) that has no authentication decorator and no session check, in a file
    /// where other routes are protected by one (`@login_required`,
    /// `@ensure_logged_in`, `@jwt_required()`) or that defines such a decorator.
    ///
    /// ## Why is this bad?
    /// The route is reachable without logging in: the protection the neighbouring routes
    /// have was forgotten here (missing authentication for a critical function, CWE-306).
    ///
    /// ## Example
    /// ```python
    /// @app.route("/settings")
    /// def settings():
    ///     return render_template("settings.html")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// @app.route("/settings")
    /// @login_required
    /// def settings():
    ///     return render_template("settings.html")
    /// ```
    MissingAuthentication
}

static META: RuleMeta = RuleMeta {
    id: "python/missing-authentication",
    title: "Sensitive route without authentication",
    cwe: &[306, 862],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "this route has no login check while other routes in the file require one",
    family: Family::Python,
    keywords: &["route", "login", "auth"],
    calls: &[],
    on: on::MODULE,
};

fn decorator_name(d: &Expr) -> Option<&str> {
    match &d.kind {
        ExprKind::Call(c) => c.callee.last_name(),
        _ => d.last_name(),
    }
}

fn is_auth_decorator(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "login",
        "auth",
        "logged",
        "permission",
        "jwt_required",
        "token_required",
        "admin_required",
        "requires",
        "protected",
        "roles_required",
        "staff_member",
        "user_passes_test",
    ]
    .iter()
    .any(|k| n.contains(k))
}

const SENSITIVE: &[&str] = &[
    "admin",
    "setting",
    "account",
    "profile",
    "dashboard",
    "secret",
    "delete",
    "remove",
    "update",
    "config",
    "manage",
    "private",
    "billing",
    "upload",
    "edit",
    "change",
    "order",
    "payment",
    "transfer",
    "password",
    "user",
    "internal",
    "debug",
    "export",
];

const PUBLIC: &[&str] = &[
    "login", "logout", "register", "signup", "sign_up", "health", "static", "public", "forgot",
    "reset",
];

/// Names and route text of a handler: its function name and its route path literals.
fn handler_words(m: &Module, f: FuncId) -> String {
    let func = &m.funcs[f];
    let mut s = func.name.to_ascii_lowercase();
    for d in &func.decorators {
        if let ExprKind::Call(c) = &d.kind
            && let Some(p) = c.arg(0).and_then(|a| a.as_str())
        {
            s.push(' ');
            s.push_str(&p.to_ascii_lowercase());
        }
    }
    s
}

fn checks_session(cx: &Cx<'_, '_>, f: FuncId) -> bool {
    let text = cx.text(cx.module().funcs[f].span);
    [
        "session",
        "current_user",
        "is_authenticated",
        "g.user",
        "request.user",
        "check_auth",
        "verify_token",
        "get_jwt_identity",
        "authorization",
        "Authorization",
    ]
    .iter()
    .any(|k| text.contains(k))
}

impl Rule for MissingAuthentication {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let m = cx.module();
        let routes: Vec<FuncId> = (0..m.funcs.len())
            .filter(|&f| {
                m.funcs[f].decorators.iter().any(|d| {
                    decorator_name(d).is_some_and(|n| {
                        matches!(n, "route" | "get" | "post" | "put" | "delete" | "patch")
                    })
                })
            })
            .collect();
        let protected = |f: FuncId| {
            m.funcs[f]
                .decorators
                .iter()
                .filter_map(decorator_name)
                .any(is_auth_decorator)
        };
        // The file protects some routes, or defines a login decorator it forgot to use.
        let defines_auth = m.funcs.iter().enumerate().any(|(id, f)| {
            // A decorator: one parameter (the view) and a wrapper defined inside.
            f.parent == Some(0)
                && f.params.len() == 1
                && is_auth_decorator(&f.name)
                && m.funcs.iter().any(|g| g.parent == Some(id))
        });
        if !routes.iter().any(|&f| protected(f)) && !defines_auth {
            return;
        }
        for &f in &routes {
            if protected(f) || checks_session(cx, f) {
                continue;
            }
            let words = handler_words(m, f);
            if PUBLIC.iter().any(|p| words.contains(p))
                || !SENSITIVE.iter().any(|s| words.contains(s))
            {
                continue;
            }
            let func = &m.funcs[f];
            let span = if func.name_span != Span::default() {
                func.name_span
            } else {
                func.span
            };
            cx.report(Report::at(span));
        }
    }
}
