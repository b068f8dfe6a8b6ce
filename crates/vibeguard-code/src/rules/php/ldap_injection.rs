use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::rules::sinks::{Sink, check, sink as s};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags LDAP searches whose filter or base DN is built from request input (or is a
    /// string built from values of unknown origin): `ldap_search`, `ldap_list`,
    /// `ldap_read`. Values passed through `ldap_escape`, or reduced to characters without
    /// LDAP meaning (`preg_replace('/[^a-z0-9]/i', '', $x)`, an anchored `preg_match`
    /// allowlist, an integer cast) are not reported.
    ///
    /// ## Why is this bad?
    /// A value such as `*)(uid=*` rewrites the filter: it can match every entry, skip a
    /// password check or read attributes the query did not mean to expose (CWE-90).
    /// Quotes around the value do not help: LDAP filters have no quoting.
    ///
    /// ## Example
    /// ```php
    /// $r = ldap_search($ds, "ou=people,dc=example,dc=com", "(uid=" . $_GET['user'] . ")");
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $user = ldap_escape($_GET['user'], "", LDAP_ESCAPE_FILTER);
    /// $r = ldap_search($ds, "ou=people,dc=example,dc=com", "(uid=" . $user . ")");
    /// ```
    PhpLdapInjection
}

static META: RuleMeta = RuleMeta {
    id: "php/ldap-injection",
    title: "LDAP filter built from input",
    cwe: &[90],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "LDAP filter built from input; escape each value with ldap_escape($v, \"\", LDAP_ESCAPE_FILTER)",
    family: Family::Php,
    keywords: &["ldap_"],
    calls: &["ldap_search", "ldap_list", "ldap_read"],
    on: 0,
};

const FILTERS: &[Sink] = &[s("ldap_search", 2), s("ldap_list", 2), s("ldap_read", 2)];
const BASES: &[Sink] = &[s("ldap_search", 1), s("ldap_list", 1), s("ldap_read", 1)];

impl Rule for PhpLdapInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        if !check(cx, site, FILTERS, sink::LDAP, Unknown::Built) {
            check(cx, site, BASES, sink::LDAP, Unknown::Skip);
        }
    }
}
