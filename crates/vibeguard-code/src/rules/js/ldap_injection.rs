use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags LDAP search filters and base DNs built from input (ldapjs `client.search`).
    ///
    /// ## Why is this bad?
    /// Filter syntax is structure: `*)(uid=*))(|(uid=*` turns a lookup of one user into a
    /// query for all of them, or bypasses an authentication check (CWE-90).
    ///
    /// ## Example
    /// ```js
    /// client.search("ou=people", { filter: `(uid=${req.body.user})` }, cb);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const { EqualityFilter } = require("ldapjs");
    /// client.search("ou=people", { filter: new EqualityFilter({ attribute: "uid", value: req.body.user }) }, cb);
    /// ```
    JsLdapInjection
}

static META: RuleMeta = RuleMeta {
    id: "js/ldap-injection",
    title: "LDAP query built from input",
    cwe: &[90],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "LDAP filter built from input; build it with filter objects or escape the values",
    family: Family::Js,
    keywords: &["ldap"],
    calls: &["search"],
    on: 0,
};

impl Rule for JsLdapInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_none()
            || site.path.is_some()
            || !(cx.imports("ldapjs") || cx.imports("ldapts"))
        {
            return;
        }
        if let Some((_, filter)) = site.option(1, "filter")
            && cx.sink(site.span, &filter, sink::LDAP, Unknown::Built, None)
        {
            return;
        }
        if let Some((_, base)) = site.arg(0) {
            cx.sink(site.span, base, sink::LDAP, Unknown::Built, None);
        }
    }
}
