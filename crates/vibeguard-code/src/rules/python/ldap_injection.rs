use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags LDAP search filters and base DNs built from input (python-ldap `search*`,
    /// ldap3 `Connection.search`), and DNs built from input that python-ldap binds as or
    /// an ldap3 `Connection(user=...)` / `rebind(user=...)` binds as.
    ///
    /// ## Why is this bad?
    /// Filter syntax is structure: a name like `*)(uid=*))(|(uid=*` turns a lookup of
    /// one user into a query for all of them, or bypasses an authentication check
    /// (CWE-90).
    ///
    /// ## Example
    /// ```python
    /// conn.search_s(base, ldap.SCOPE_SUBTREE, f"(uid={username})")
    /// conn.simple_bind_s(f"uid={username},ou=people,dc=example,dc=com", password)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// from ldap.filter import escape_filter_chars
    /// conn.search_s(base, ldap.SCOPE_SUBTREE, f"(uid={escape_filter_chars(username)})")
    /// ```
    LdapInjection
}

static META: RuleMeta = RuleMeta {
    id: "python/ldap-injection",
    title: "LDAP query built from input",
    cwe: &[90],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "LDAP filter built from input; escape values with escape_filter_chars",
    family: Family::Python,
    keywords: &["ldap"],
    calls: &[
        "search",
        "search_s",
        "search_st",
        "search_ext",
        "search_ext_s",
        "paged_search",
        "simple_bind_s",
        "simple_bind",
        "bind_s",
        "Connection",
        "rebind",
    ],
    on: 0,
};

impl Rule for LdapInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // ldap3's `Connection(server, user=dn, password=...)` binds as the DN it is given
        // (and `conn.rebind(user=dn)`): a DN built from input names another entry.
        if site.is(&["ldap3.Connection", "ldap3.core.connection.Connection"]) {
            if let Some((_, v)) = site.kwarg("user").or_else(|| site.arg(1)) {
                cx.sink(site.span, v, sink::LDAP, Unknown::Skip, None);
            }
            return;
        }
        if site.name == "rebind" {
            if site.path.is_some_and(|p| p.starts_with("ldap3."))
                && let Some((_, v)) = site.kwarg("user").or_else(|| site.arg(0))
            {
                cx.sink(site.span, v, sink::LDAP, Unknown::Skip, None);
            }
            return;
        }
        let ldap_path = site.path.is_some_and(|p| p.starts_with("ldap"));
        if site.recv.is_none()
            || site.path.is_some() && !ldap_path
            || !(cx.imports("ldap") || cx.imports("ldap3"))
        {
            return;
        }
        // python-ldap's `conn.simple_bind_s(who, cred)`: a DN built from input names
        // another entry (`*`, `,ou=admins`).
        if matches!(site.name, "simple_bind_s" | "simple_bind" | "bind_s") {
            if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("who")) {
                cx.sink(site.span, v, sink::LDAP, Unknown::Skip, None);
            }
            return;
        }
        // python-ldap: (base, scope, filterstr); ldap3: (search_base, search_filter).
        let candidates = [
            site.arg(0),
            site.arg(1),
            site.arg(2),
            site.kwarg("filterstr"),
            site.kwarg("search_filter"),
            site.kwarg("search_base"),
        ];
        for (_, v) in candidates.into_iter().flatten() {
            if cx.sink(site.span, v, sink::LDAP, Unknown::Built, None) {
                return;
            }
        }
    }
}
