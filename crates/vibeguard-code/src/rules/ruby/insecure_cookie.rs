use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags cookies set without both `httponly: true` and `secure: true`:
    /// `cookies[:name] = value` (also `cookies.signed`/`encrypted`/`permanent`) and
    /// `response.set_cookie(name, ...)` whose options do not turn both on; and Rails
    /// session cookies with a flag turned off (`session_store :cookie_store, httponly:
    /// false`, `ActionController::Base.session = { session_http_only: false }`).
    ///
    /// ## Why is this bad?
    /// Without `Secure` the cookie travels over plain HTTP; without `HttpOnly` any
    /// injected script reads it. A session or remember-me cookie is then easy to steal
    /// (CWE-614, CWE-1004).
    ///
    /// ## Example
    /// ```ruby
    /// cookies[:remember_token] = token
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// cookies[:remember_token] = { value: token, httponly: true, secure: true, same_site: :lax }
    /// ```
    RubyInsecureCookie
}

static META: RuleMeta = RuleMeta {
    id: "ruby/insecure-cookie",
    title: "Cookie without Secure or HttpOnly",
    cwe: &[614, 1004],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "cookie set without httponly/secure; pass { value:, httponly: true, secure: true }",
    family: Family::Ruby,
    keywords: &["cookies", "set_cookie", "session"],
    calls: &["set_cookie", "session_store"],
    on: on::ASSIGN,
};

/// The first of `keys` an options hash sets to `false`.
fn flag_off<'e>(d: &'e Expr, keys: &[&str]) -> Option<&'e Expr> {
    keys.iter()
        .filter_map(|k| d.prop(k))
        .find(|v| matches!(v.kind, ExprKind::Bool(false)))
}

/// Does an options hash turn both flags on?
fn flags_on(e: Option<&Expr>) -> bool {
    let on = |k: &str| e.and_then(|d| d.prop(k)).is_some_and(|v| v.is_true());
    on("httponly") && on("secure")
}

impl Rule for RubyInsecureCookie {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Some(t) = &site.target_path else { return };
        // ActionController::Base.session = { session_http_only: false, ... }
        if t.ends_with(".session") && matches!(site.value.kind, ExprKind::Dict(_)) {
            if let Some(off) = flag_off(site.value, &["session_http_only", "httponly", "secure"]) {
                cx.report(Report::at(off.span));
            }
            return;
        }
        let jar = [
            "cookies.",
            "cookies.signed.",
            "cookies.encrypted.",
            "cookies.permanent.",
        ]
        .iter()
        .any(|p| t.strip_prefix(p).is_some_and(|rest| !rest.contains('.')));
        if !jar {
            return;
        }
        let opts = matches!(site.value.kind, ExprKind::Dict(_)).then_some(site.value);
        if !flags_on(opts) {
            cx.report(Report::at(site.span));
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // config.session_store :cookie_store, httponly: false / secure: false
        if site.name == "session_store" {
            if let Some(off) = ["httponly", "secure"]
                .iter()
                .filter_map(|k| site.kwarg(k))
                .find(|(e, _)| matches!(e.kind, ExprKind::Bool(false)))
            {
                cx.report(Report::at(off.0.span));
            }
            return;
        }
        if site.recv.is_none() {
            return;
        }
        // response.set_cookie("k", value: v, httponly: true, secure: true) / ("k", { ... })
        let kw = |k: &str| site.kwarg(k).is_some_and(|(e, _)| e.is_true());
        let hash = site.arg(1).map(|(e, _)| e);
        if !(kw("httponly") && kw("secure") || flags_on(hash)) {
            cx.report(Report::at(site.span));
        }
    }
}
