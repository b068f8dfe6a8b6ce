use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags LDAP search filters built from input: the filter argument of JNDI
    /// `DirContext.search(base, filter, ...)` and Spring LDAP `LdapTemplate.search`, in
    /// files that use those APIs (imported or named in full).
    ///
    /// ## Why is this bad?
    /// `*)(uid=*))(|(uid=*` rewrites the filter: the search returns other users, or every
    /// entry, and login checks built on it pass (LDAP injection, CWE-90).
    ///
    /// ## Example
    /// ```java
    /// ctx.search("ou=people,dc=example,dc=com", "(uid=" + user + ")", controls);
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// ctx.search("ou=people,dc=example,dc=com", "(uid={0})", new Object[] {user}, controls);
    /// ```
    JavaLdapInjection
}

static META: RuleMeta = RuleMeta {
    id: "java/ldap-injection",
    title: "LDAP filter built from input",
    cwe: &[90],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "LDAP filter built from input; pass values as filter arguments ({0}) or encode them (LdapEncoder.filterEncode)",
    family: Family::Java,
    keywords: &["javax.naming", "springframework.ldap"],
    calls: &["search"],
    on: 0,
};

impl Rule for JavaLdapInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !(cx.imports("javax.naming")
            || cx.imports("org.springframework.ldap")
            || cx.whole_text().contains("javax.naming.directory."))
        {
            return;
        }
        if let Some((_, v)) = site.arg(1) {
            cx.sink(site.span, v, sink::LDAP, Unknown::Skip, None);
        }
    }
}
