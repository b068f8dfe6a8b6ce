use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags cookies set without `Secure` or `HttpOnly`: gin's `c.SetCookie(name, value,
    /// maxAge, path, domain, secure, httpOnly)` with either flag `false`, and an
    /// `http.Cookie{...}` literal, a gorilla/sessions or gin-contrib/sessions
    /// `sessions.Options{...}` literal or a fiber `session.Config{...}` that does not set
    /// both to `true`.
    ///
    /// ## Why is this bad?
    /// Without `Secure` the cookie travels over plain HTTP; without `HttpOnly` any
    /// injected script reads it. A session cookie is then easy to steal (CWE-614,
    /// CWE-1004).
    ///
    /// ## Example
    /// ```go
    /// c.SetCookie("session", id, 3600, "/", "", false, false)
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// c.SetCookie("session", id, 3600, "/", "", true, true)
    /// ```
    GoInsecureCookie
}

static META: RuleMeta = RuleMeta {
    id: "go/insecure-cookie",
    title: "Cookie without Secure or HttpOnly",
    cwe: &[614, 1004],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "cookie set without Secure/HttpOnly; set both (and SameSite) for session cookies",
    family: Family::Go,
    keywords: &["Cookie", "sessions", "session.Config"],
    calls: &["SetCookie", "Cookie", "Options", "Config"],
    on: 0,
};

impl Rule for GoInsecureCookie {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.name == "SetCookie" && site.recv.is_some_and(|r| r.is_obj(&ObjKind::WebContext)) {
            let off = |i: usize| {
                site.arg(i)
                    .is_some_and(|(_, v)| const_bool(v) == Some(false))
            };
            if off(5) || off(6) {
                cx.report(Report::at(site.span));
            }
            return;
        }
        if !site.call.is_new {
            return;
        }
        let on = |f: &str| {
            site.option(0, f)
                .is_some_and(|(_, v)| const_bool(&v) == Some(true))
        };
        // http.Cookie{Name: ..., Value: ...}: a literal of the type (lowered as a call);
        // the session cookie's options of gorilla/sessions and gin-contrib/sessions
        // (`session.Options = &sessions.Options{...}`), both off unless set.
        if site.is(&[
            "net/http.Cookie",
            "github.com/gorilla/sessions.Options",
            "github.com/gin-contrib/sessions.Options",
        ]) && !(on("Secure") && on("HttpOnly"))
        {
            cx.report(Report::at(site.span));
        }
        // fiber's session middleware: `session.Config{CookieSecure: ..., CookieHTTPOnly: ...}`.
        if site.path.is_some_and(|p| {
            p.starts_with("github.com/gofiber/fiber/") && p.ends_with("middleware/session.Config")
        }) && !(on("CookieSecure") && on("CookieHTTPOnly"))
        {
            cx.report(Report::at(site.span));
        }
    }
}
