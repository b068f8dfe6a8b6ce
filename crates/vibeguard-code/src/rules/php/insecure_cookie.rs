use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `setcookie()` and `session_set_cookie_params()` calls that do not turn on
    /// both `secure` and `httponly` (positional flags, or the options array of PHP 7.3+),
    /// and Symfony cookies built with either flag set to `false` (`Cookie::create`,
    /// `new Cookie`, positional or named, `withSecure(false)`, `withHttpOnly(false)`).
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
    keywords: &["setcookie", "session_set_cookie_params", "Cookie"],
    calls: &[
        "setcookie",
        "setrawcookie",
        "session_set_cookie_params",
        "create",
        "Cookie",
        "withSecure",
        "withHttpOnly",
    ],
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
        // Symfony's HttpFoundation Cookie: `Cookie::create($name, $value, $expire, $path,
        // $domain, $secure, $httpOnly, ...)` and `new Cookie(...)` take the flags at 5 and 6
        // or by name, `withSecure(false)` / `withHttpOnly(false)` on a cookie. Its defaults
        // are safe (Secure follows the request's scheme, HttpOnly on): only an explicit
        // `false` turns a flag off.
        let off = |e: &Expr| e.is_false();
        if matches!(site.name, "withSecure" | "withHttpOnly") {
            if site.recv.is_some() && site.arg(0).is_some_and(|(e, _)| off(e)) {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let symfony = |p: &str| p == "Symfony.Component.HttpFoundation.Cookie";
        let cookie_class = match (site.name, site.path) {
            ("Cookie", Some(p)) if site.call.is_new => symfony(p),
            ("create", Some(p)) => p.strip_suffix(".create").is_some_and(symfony),
            _ => false,
        };
        if cookie_class {
            let flag_off = |i: usize, name: &str| {
                site.arg(i).is_some_and(|(e, _)| off(e))
                    || site.kwarg(name).is_some_and(|(e, _)| off(e))
            };
            if flag_off(5, "secure") || flag_off(6, "httpOnly") {
                cx.report(Report::at(site.span));
            }
            return;
        }
        if site.recv.is_some() || matches!(site.name, "create" | "Cookie") {
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
