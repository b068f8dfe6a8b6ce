use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::python::mentions_password;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a password stored in a cookie: `set_cookie("password", ...)`, or a cookie
    /// whose value is a password variable.
    ///
    /// ## Why is this bad?
    /// Cookies sit in clear text in the browser's profile, in proxies' logs and in every
    /// request; a password kept there is one stolen cookie away from being known
    /// (CWE-315, CWE-312). The cookie should hold an opaque session id instead.
    ///
    /// ## Example
    /// ```python
    /// resp.set_cookie("password", request.form["password"])
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// session["user_id"] = user.id  # a signed session, no credential in it
    /// ```
    SecretInCookie
}

static META: RuleMeta = RuleMeta {
    id: "python/secret-in-cookie",
    title: "Password stored in a cookie",
    cwe: &[315, 312],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "password stored in a cookie; keep an opaque session id there and the password nowhere",
    family: Family::Python,
    keywords: &["cookie"],
    calls: &["set_cookie", "set_signed_cookie"],
    on: 0,
};

impl Rule for SecretInCookie {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_none() {
            return;
        }
        let name = site.arg(0).or_else(|| site.kwarg("key"));
        let value = site.arg(1).or_else(|| site.kwarg("value"));
        let named = name.is_some_and(|(_, v)| v.const_str().is_some_and(mentions_password));
        let holds = value.is_some_and(|(e, v)| !v.is_const() && mentions_password(cx.text(e.span)));
        if named && value.is_some_and(|(_, v)| !v.is_const()) || holds {
            cx.report(Report::at(site.span));
        }
    }
}
