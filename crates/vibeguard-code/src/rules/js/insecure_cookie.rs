use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags cookies set without `secure` or `httpOnly` (`res.cookie(name, value,
    /// options)`), and session middleware (`express-session`, `cookie-session`) with
    /// `cookie.secure: false` or `httpOnly: false`, or with cookie options written out
    /// that leave `secure` at its default (off): `cookie: {}`, `cookie: { maxAge }`; and
    /// session cookies set with `sameSite: "none"`, which browsers send on cross-site
    /// requests (CSRF).
    ///
    /// ## Why is this bad?
    /// Without `Secure` the cookie also travels over plain HTTP; without `HttpOnly` any
    /// injected script reads the session (CWE-614, CWE-1004, CWE-1275).
    ///
    /// ## Example
    /// ```js
    /// res.cookie("session", token);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// res.cookie("session", token, { secure: true, httpOnly: true, sameSite: "lax" });
    /// ```
    JsInsecureCookie
}

static META: RuleMeta = RuleMeta {
    id: "js/insecure-cookie",
    title: "Cookie without Secure or HttpOnly",
    cwe: &[614, 1004, 1275],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "cookie set without secure/httpOnly; pass { secure: true, httpOnly: true, sameSite }",
    family: Family::Js,
    keywords: &["cookie", "Cookie", "session"],
    calls: &[
        "cookie",
        "session",
        "cookieSession",
        "setCookie",
        "setSignedCookie",
        "set",
        "setHeader",
        "header",
        "append",
    ],
    on: 0,
};

impl Rule for JsInsecureCookie {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // `res.setHeader("Set-Cookie", "sid=...; Path=/")` written by hand: the literal
        // text of the cookie names its flags.
        if matches!(site.name, "setHeader" | "header" | "append" | "set")
            && site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response))
            && site
                .call
                .arg(0)
                .and_then(|a| a.as_str())
                .is_some_and(|h| h.eq_ignore_ascii_case("set-cookie"))
        {
            if let Some(text) = site.call.arg(1).and_then(literal_text) {
                let t = text.to_ascii_lowercase();
                if t.contains('=') && (!t.contains("httponly") || !t.contains("secure")) {
                    cx.report(Report::at(site.span));
                }
            }
            return;
        }
        // Express's `res.cookie(name, value, opts)` and Fastify's (`@fastify/cookie`)
        // `reply.setCookie(name, value, opts)`: neither sets a flag unless asked for.
        let fastify_set = matches!(site.name, "setCookie" | "setSignedCookie")
            && !site.is(&["hono/cookie.setCookie", "hono/cookie.setSignedCookie"]);
        if (site.name == "cookie" || fastify_set)
            && site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response))
        {
            // A literal's property, or a field of an options object kept in a variable.
            let opt = |k: &str| {
                site.option(2, k)
                    .map(|(_, v)| v)
                    .or_else(|| site.arg(2).and_then(|(_, v)| v.field(k)))
                    .map(|v| const_bool(&v))
            };
            let ok = |o: Option<Option<bool>>| matches!(o, Some(Some(true)) | Some(None));
            // Options in a variable whose value is not seen here (`res.cookie(n, v, opts)`).
            let seen = site.arg(2).is_none_or(|(e, v)| {
                matches!(e.kind, crate::ir::ExprKind::Dict(_))
                    || matches!(v.shape, crate::flow::value::Shape::Map(_))
            });
            if seen && (!ok(opt("secure")) || !ok(opt("httpOnly"))) {
                cx.report(Report::at(site.span));
            }
            return;
        }
        // Hono's `setCookie(c, name, value, { ... })`: no flag unless asked for.
        if matches!(site.name, "setCookie" | "setSignedCookie")
            && site.is(&["hono/cookie.setCookie", "hono/cookie.setSignedCookie"])
        {
            let i = if site.name == "setCookie" { 3 } else { 4 };
            let opt = |k: &str| site.option(i, k).map(|(_, v)| const_bool(&v));
            let ok = |o: Option<Option<bool>>| matches!(o, Some(Some(true)) | Some(None));
            // `{ ...opts }` or a variable: not seen here.
            let seen = site
                .arg(i)
                .is_none_or(|(e, _)| matches!(e.kind, crate::ir::ExprKind::Dict(_)));
            if seen && (!ok(opt("secure")) || !ok(opt("httpOnly"))) {
                cx.report(Report::at(site.span));
            }
            return;
        }
        // Koa's `ctx.cookies.set(name, value, { httpOnly: false })` (httpOnly is on by
        // default there): only flags turned off.
        if site.name == "set"
            && let crate::ir::ExprKind::Attr(b, _) = &site.call.callee.kind
            && matches!(&b.kind, crate::ir::ExprKind::Attr(_, c) if c == "cookies")
            && cx.imports("koa")
        {
            let off = |k: &str| {
                site.option(2, k)
                    .is_some_and(|(_, v)| const_bool(&v) == Some(false))
            };
            if off("secure") || off("httpOnly") {
                cx.report(Report::at(site.span));
            }
            return;
        }
        // Next.js: `cookies().set(name, value, { httpOnly: false })` (`next/headers`) and
        // `response.cookies.set(...)` on a `NextResponse`: flags turned off.
        if site.name == "set"
            && let crate::ir::ExprKind::Attr(b, _) = &site.call.callee.kind
            && cx.imports("next")
            && next_cookie_store(cx, b)
        {
            let i = if site
                .arg(0)
                .is_some_and(|(e, _)| matches!(e.kind, crate::ir::ExprKind::Dict(_)))
            {
                0
            } else {
                2
            };
            let off = |k: &str| {
                site.option(i, k)
                    .is_some_and(|(_, v)| const_bool(&v) == Some(false))
            };
            if off("secure") || off("httpOnly") {
                cx.report(Report::at(site.span));
            }
            return;
        }
        // cookie-session takes the cookie's flags next to its other options.
        if site.is(&["cookie-session", "cookie-session.cookieSession"])
            && let Some((e, _)) = site.arg(0)
            && (e.prop("secure").is_some_and(|v| v.is_false())
                || e.prop("httpOnly").is_some_and(|v| v.is_false()))
        {
            cx.report(Report::at(site.span));
            return;
        }
        if site.is(&["express-session", "cookie-session"]) {
            let Some((e, opts)) = site.arg(0) else { return };
            // As written, or as the options' value (a variable, `{ ...base, cookie }`,
            // `Object.assign({}, base, { cookie })`).
            let written = e.prop("cookie");
            let valued = opts.field("cookie");
            let off = |k: &str| {
                written.is_some_and(|c| c.prop(k).is_some_and(|v| v.is_false()))
                    || valued
                        .as_ref()
                        .and_then(|c| c.field(k))
                        .is_some_and(|v| const_bool(&v) == Some(false))
            };
            // `cookie: { maxAge }` written without `secure`: the session cookie is sent
            // over plain HTTP too (express-session's default).
            // (Or merged in: `Object.assign({ keys }, { cookie: { maxAge } })`, an options
            // variable; spreads of objects not written here hide their keys.)
            let unset = match written {
                Some(c) => {
                    matches!(c.kind, crate::ir::ExprKind::Dict(_))
                        && c.prop("secure").is_none()
                        && !dict_spreads(c)
                }
                None => valued.as_ref().is_some_and(|c| {
                    matches!(c.shape, crate::flow::value::Shape::Map(_))
                        && c.field("secure").is_none()
                        && crate::rules::support::inline_or_single_def(cx, e)
                            .is_some_and(|d| !cx.text(d.span).contains("..."))
                }),
            };
            if off("secure") || off("httpOnly") || unset {
                cx.report(Report::at(site.span));
            } else if same_site_none(written, valued.as_ref())
                || site.is(&["cookie-session"]) && same_site_none(Some(e), Some(opts))
            {
                cx.report(Report::at(site.span).message(SAME_SITE_NONE));
            }
        }
    }
}

/// The message for a session cookie that browsers send on cross-site requests.
const SAME_SITE_NONE: &str = "session cookie set with sameSite: \"none\": browsers send it on requests from other sites, so they act as the signed-in user (CSRF); use \"lax\" or \"strict\"";

/// Do the cookie options (as written, or as their value) ask for `sameSite: "none"`?
/// The session cookie is the user's credential: sent on cross-site requests too, it
/// lets any site make requests as the signed-in user (CSRF, CWE-1275). `false` (no
/// attribute, the browser's default of Lax) is not this.
fn same_site_none(
    written: Option<&crate::ir::Expr>,
    valued: Option<&crate::flow::value::Val>,
) -> bool {
    let none = |s: &str| s.eq_ignore_ascii_case("none");
    written
        .and_then(|c| c.prop("sameSite"))
        .and_then(|v| v.as_str())
        .is_some_and(none)
        || valued
            .and_then(|c| c.field("sameSite"))
            .and_then(|v| v.const_str().map(none))
            .unwrap_or(false)
}

/// Does an object literal spread another object into it (`{ ...base, maxAge }`), whose
/// keys are not written here?
fn dict_spreads(e: &crate::ir::Expr) -> bool {
    matches!(&e.kind, crate::ir::ExprKind::Dict(items)
        if items.iter().any(|(k, _)| matches!(k, crate::ir::DictKey::Spread)))
}

/// `cookies()` / `(await cookies())` of `next/headers`, or `<response>.cookies`.
fn next_cookie_store(cx: &Cx<'_, '_>, e: &crate::ir::Expr) -> bool {
    use crate::ir::ExprKind;
    match &e.kind {
        ExprKind::Other(inner) if inner.len() == 1 => next_cookie_store(cx, &inner[0]),
        ExprKind::Call(c) => cx.path_of(&c.callee).as_deref() == Some("next/headers.cookies"),
        ExprKind::Attr(_, a) => a == "cookies",
        _ => false,
    }
}

/// The literal text of a string or template literal (its constant parts joined).
fn literal_text(e: &crate::ir::Expr) -> Option<String> {
    use crate::ir::{ExprKind, TemplatePart};
    match &e.kind {
        ExprKind::Str(s) => Some(s.clone()),
        ExprKind::Template(parts) => Some(
            parts
                .iter()
                .filter_map(|p| match p {
                    TemplatePart::Lit(s) => Some(s.as_str()),
                    TemplatePart::Expr(_) => None,
                })
                .collect(),
        ),
        _ => None,
    }
}
