use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `setcookie()` and `session_set_cookie_params()` calls that do not turn on
    /// both `secure` and `httponly` (positional flags, or the options array of PHP 7.3+).
    ///
    /// ## Why is this bad?
    /// Without `Secure` the cookie travels over plain HTTP; without `HttpOnly` any
    /// injected script reads it. A session cookie is then easy to steal (CWE-614,
    /// CWE-1004).
    ///
    /// ## Example
    /// ```php
    /// setcookie("session", $id, time() + 3600, "/");
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// setcookie("session", $id, [
    ///     "expires" => time() + 3600, "path" => "/",
    ///     "secure" => true, "httponly" => true, "samesite" => "Lax",
    /// ]);
    /// ```
    PhpInsecureCookie
}

static META: RuleMeta = RuleMeta {
    id: "php/insecure-cookie",
    title: "Cookie without Secure or HttpOnly",
    cwe: &[614, 1004],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "cookie set without secure/httponly; pass both as true (options array)",
    family: Family::Php,
    keywords: &["setcookie", "session_set_cookie_params"],
    calls: &["setcookie", "setrawcookie", "session_set_cookie_params"],
    on: 0,
};

/// An options array (`["secure" => true, ...]`) that turns both flags on.
fn options_on(e: &Expr) -> bool {
    let on = |k: &str| e.prop(k).is_some_and(|v| v.is_true());
    on("secure") && on("httponly")
}

impl Rule for PhpInsecureCookie {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        // The options array: setcookie's third argument, session_set_cookie_params' first.
        let opts_at = if site.name == "session_set_cookie_params" {
            0
        } else {
            2
        };
        if let Some((e, _)) = site.arg(opts_at)
            && matches!(e.kind, ExprKind::Dict(_))
        {
            if !options_on(e) {
                cx.report(Report::at(site.span));
            }
            return;
        }
        // Positional: setcookie(name, value, expires, path, domain, secure, httponly);
        // session_set_cookie_params(lifetime, path, domain, secure, httponly).
        let (secure, http_only) = if site.name == "session_set_cookie_params" {
            (3, 4)
        } else {
            (5, 6)
        };
        let on = |i: usize| site.arg(i).is_some_and(|(e, _)| e.is_true());
        if !(on(secure) && on(http_only)) {
            cx.report(Report::at(site.span));
        }
    }
}
