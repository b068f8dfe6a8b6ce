use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::ObjKind;
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::rules::support::walk_stmt_exprs;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags cookies added to the response (`response.addCookie(c)`) by a method that
    /// never calls `setSecure(true)`, or that sets Secure but not `setHttpOnly(true)` on a
    /// cookie named for a session or a credential (`JSESSIONID`, `auth_token`,
    /// `remember_me`) or whose name is not a literal; any `setSecure(false)` /
    /// `setHttpOnly(false)`, and Spring's `ResponseCookie` built with `.secure(false)` or
    /// `.httpOnly(false)`, or built in one chain (`ResponseCookie.from(..)...build()`)
    /// without both `.secure(true)` and `.httpOnly(true)`.
    ///
    /// ## Why is this bad?
    /// Without `Secure` the cookie travels over plain HTTP; without `HttpOnly` any
    /// injected script reads it. A session cookie is then easy to steal (CWE-614,
    /// CWE-1004). Cookies the page's own scripts read (a theme, a CSRF token for the
    /// script to echo) cannot be HttpOnly, so that flag is asked of sessions and
    /// credentials only.
    ///
    /// ## Example
    /// ```java
    /// Cookie c = new Cookie("SESSION", id);
    /// resp.addCookie(c);
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// Cookie c = new Cookie("SESSION", id);
    /// c.setSecure(true);
    /// c.setHttpOnly(true);
    /// resp.addCookie(c);
    /// ```
    JavaInsecureCookie
}

static META: RuleMeta = RuleMeta {
    id: "java/insecure-cookie",
    title: "Cookie without Secure or HttpOnly",
    cwe: &[614, 1004],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "cookie without Secure/HttpOnly; call setSecure(true) and setHttpOnly(true)",
    family: Family::Java,
    keywords: &["Cookie"],
    calls: &[
        "addCookie",
        "setSecure",
        "setHttpOnly",
        "secure",
        "httpOnly",
        "build",
    ],
    on: 0,
};

impl Rule for JavaInsecureCookie {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // `false`, or a local holding it (`boolean f = false; c.setSecure(f)`).
        let off = site.arg(0).is_some_and(|(e, v)| {
            e.is_false() || matches!(v.as_const(), Some(crate::flow::value::Const::Bool(false)))
        });
        match site.name {
            "setSecure" | "setHttpOnly" if off => cx.report(Report::at(site.span)),
            "secure" | "httpOnly" if off && cx.whole_text().contains("ResponseCookie") => {
                cx.report(Report::at(site.span))
            }
            // ResponseCookie.from(name, value)...build() without secure(true)/httpOnly(true).
            "build" => {
                let (mut secure, mut http_only, mut turned_off) = (false, false, false);
                let mut cur = &site.call.callee;
                let mut rooted = false;
                while let ExprKind::Attr(b, _) = &cur.kind {
                    let Some(c) = b.as_call() else { break };
                    if let ExprKind::Attr(r, m) = &c.callee.kind {
                        let on = c.arg(0).is_some_and(|a| a.is_true());
                        match m.as_str() {
                            "secure" if on => secure = true,
                            "httpOnly" if on => http_only = true,
                            "secure" | "httpOnly" => turned_off = true,
                            "from" | "fromClientResponse"
                                if r.as_name() == Some("ResponseCookie") =>
                            {
                                rooted = true;
                                break;
                            }
                            _ => {}
                        }
                    }
                    cur = &c.callee;
                }
                if rooted && !(turned_off || secure && http_only) {
                    cx.report(Report::at(site.span));
                }
            }
            "addCookie" if site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response)) => {
                let func = &cx.module().funcs[cx.func()];
                let (mut secure, mut http_only, mut turned_off) = (false, false, false);
                for s in &func.body {
                    walk_stmt_exprs(s, &mut |e| {
                        if let ExprKind::Call(c) = &e.kind {
                            let on = c.arg(0).is_some_and(|a| a.is_true());
                            match c.callee.last_name() {
                                Some("setSecure") if on => secure = true,
                                Some("setHttpOnly") if on => http_only = true,
                                Some("setSecure" | "setHttpOnly") => turned_off = true,
                                _ => {}
                            }
                        }
                    });
                }
                // A setter turned off is reported at the setter itself. Without Secure the
                // cookie is exposed whatever it holds; HttpOnly matters for the cookies
                // scripts have no business reading (a session id, a token).
                if turned_off || secure && http_only {
                    return;
                }
                if !secure {
                    cx.report(Report::at(site.span));
                } else if cookies_need_http_only(func) {
                    cx.report(Report::at(site.span).message(
                        "session or credential cookie without HttpOnly; call setHttpOnly(true)",
                    ));
                }
            }
            _ => {}
        }
    }
}

/// Do the cookies this method makes need HttpOnly: one is named for a session or a
/// credential, or has a name that is not a literal? A method that makes no cookie (it
/// adds one made elsewhere) is not known to be harmless, so it does.
fn cookies_need_http_only(func: &crate::ir::Func) -> bool {
    let mut names: Vec<Option<&str>> = Vec::new();
    for s in &func.body {
        walk_stmt_exprs(s, &mut |e| {
            if let ExprKind::Call(c) = &e.kind
                && c.is_new
                && c.callee.last_name() == Some("Cookie")
            {
                names.push(c.arg(0).and_then(|a| a.as_str()));
            }
        });
    }
    names.is_empty() || names.into_iter().any(|n| n.is_none_or(credential_cookie))
}

/// A cookie name that says it holds a session or a credential (`JSESSIONID`, `sid`,
/// `auth_token`, `rememberMe`, `jwt`). CSRF tokens are read by the page's script on
/// purpose (double-submit), so their names do not count.
fn credential_cookie(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    if n.contains("csrf") || n.contains("xsrf") {
        return false;
    }
    const WORDS: &[&str] = &[
        "sess",
        "token",
        "auth",
        "jwt",
        "remember",
        "login",
        "passw",
        "credential",
        "apikey",
        "api_key",
        "bearer",
    ];
    WORDS.iter().any(|w| n.contains(w))
        || n.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|part| matches!(part, "sid" | "ssid" | "uid"))
}
