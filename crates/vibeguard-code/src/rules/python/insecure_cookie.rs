use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags cookies set without `secure=True` or `httponly=True` (`set_cookie` in Flask,
    /// Django, Starlette and Pyramid, Pyramid's `AuthTktCookieHelper` and
    /// `AuthTktAuthenticationPolicy` session cookies, whose flag is spelled `http_only`), cookies with `samesite=None` and no `secure`, and settings
    /// that turn these flags off (`SESSION_COOKIE_SECURE = False`,
    /// `SESSION_COOKIE_HTTPONLY = False`, `CSRF_COOKIE_SECURE = False`), also passed in
    /// bulk (`app.config.update(SESSION_COOKIE_SECURE=False)`). A call that
    /// unpacks `**flags` is not judged: the mapping may set the flags.
    ///
    /// ## Why is this bad?
    /// Without `Secure` the cookie also travels over plain HTTP where anyone on the
    /// network reads it; without `HttpOnly` any injected script reads the session
    /// (CWE-614, CWE-1004, CWE-1275).
    ///
    /// ## Example
    /// ```python
    /// resp.set_cookie("session", token)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// resp.set_cookie("session", token, secure=True, httponly=True, samesite="Lax")
    /// ```
    InsecureCookie
}

static META: RuleMeta = RuleMeta {
    id: "python/insecure-cookie",
    title: "Cookie without Secure or HttpOnly",
    cwe: &[614, 1004, 1275],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "cookie set without Secure/HttpOnly; pass secure=True, httponly=True and samesite",
    family: Family::Python,
    keywords: &["cookie", "AuthTkt"],
    calls: &[
        "set_cookie",
        "set_signed_cookie",
        "AuthTktCookieHelper",
        "AuthTktAuthenticationPolicy",
        "update",
        "from_mapping",
    ],
    on: on::ASSIGN,
};

/// Settings that turn a session, CSRF or remember-me cookie's flag off when `False`.
fn cookie_flag_setting(name: &str) -> bool {
    matches!(
        name,
        "SESSION_COOKIE_SECURE"
            | "SESSION_COOKIE_HTTPONLY"
            | "CSRF_COOKIE_SECURE"
            | "REMEMBER_COOKIE_SECURE"
            | "REMEMBER_COOKIE_HTTPONLY"
    )
}

/// Flask's `app.config.update(SESSION_COOKIE_SECURE=False)` /
/// `app.config.update({"SESSION_COOKIE_HTTPONLY": False})` / `config.from_mapping(...)`:
/// the same settings as the assignments, passed in bulk.
fn config_update(cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
    use crate::ir::{DictKey, ExprKind};
    let on_config = matches!(&site.call.callee.kind,
        ExprKind::Attr(b, _) if b.last_name() == Some("config"));
    if !on_config {
        return;
    }
    for a in &site.call.args {
        if let Some(k) = &a.name {
            if cookie_flag_setting(k) && a.value.is_false() {
                cx.report(Report::at(a.value.span));
            }
        } else if let ExprKind::Dict(items) = &a.value.kind {
            for (k, v) in items {
                if let DictKey::Const(k) = k
                    && cookie_flag_setting(k)
                    && v.is_false()
                {
                    cx.report(Report::at(v.span));
                }
            }
        }
    }
}

impl Rule for InsecureCookie {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if matches!(site.name, "update" | "from_mapping") {
            config_update(cx, site);
            return;
        }
        // Pyramid's auth-ticket cookie: neither Secure nor HttpOnly unless asked for.
        let auth_ticket = site.is(&[
            "pyramid.authentication.AuthTktCookieHelper",
            "pyramid.authentication.AuthTktAuthenticationPolicy",
        ]);
        if site.recv.is_none() && !auth_ticket {
            return;
        }
        // A `**flags` (or `*args`) argument may carry the flags; their values are unknown.
        if site.call.args.iter().any(|a| a.spread) {
            return;
        }
        // Deleting a cookie (empty value, expired) carries nothing worth protecting.
        if site.kwarg("expires").is_some_and(|(_, v)| {
            v.const_str().is_some_and(|s| s == "0")
                || crate::rules::support::const_num(v) == Some(0.0)
        }) || site
            .kwarg("max_age")
            .is_some_and(|(_, v)| crate::rules::support::const_num(v) == Some(0.0))
        {
            return;
        }
        let flag = |k: &str| site.kwarg(k).map(|(_, v)| const_bool(v));
        let secure = flag("secure");
        // Pyramid's auth-ticket classes spell the flag `http_only` (WebOb's `set_cookie`: `httponly`).
        let httponly = match flag("httponly") {
            None if auth_ticket => flag("http_only"),
            f => f,
        };
        let missing = !matches!(secure, Some(Some(true)) | Some(None))
            || !matches!(httponly, Some(Some(true)) | Some(None));
        if missing {
            cx.report(Report::at(site.span));
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Some(t) = &site.target_path else { return };
        let name = t.rsplit('.').next().unwrap_or(t);
        if cookie_flag_setting(name) && const_bool(site.val) == Some(false) {
            cx.report(Report::at(site.span));
        }
    }
}
