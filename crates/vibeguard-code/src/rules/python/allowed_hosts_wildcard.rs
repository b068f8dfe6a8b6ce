use crate::check::{AssignSite, Cx, Report, Rule, RuleMeta, on};
use crate::flow::value::Shape;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Django `ALLOWED_HOSTS` that contains `"*"`.
    ///
    /// ## Why is this bad?
    /// Django builds absolute URLs (password-reset links, redirects) from the `Host`
    /// header; accepting any host lets an attacker poison those links and caches
    /// (CWE-183, CWE-20).
    ///
    /// ## Example
    /// ```python
    /// ALLOWED_HOSTS = ["*"]
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// ALLOWED_HOSTS = ["app.example.com"]
    /// ```
    AllowedHostsWildcard
}

static META: RuleMeta = RuleMeta {
    id: "python/allowed-hosts-wildcard",
    title: "Django accepts any Host header",
    cwe: &[183, 20],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "ALLOWED_HOSTS accepts any host; list the names the site is served under",
    family: Family::Python,
    keywords: &["ALLOWED_HOSTS"],
    calls: &[],
    on: on::ASSIGN,
};

impl Rule for AllowedHostsWildcard {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        if site.target_path.as_deref() != Some("ALLOWED_HOSTS") {
            return;
        }
        let wild = match &site.val.shape {
            Shape::Seq(items) => items.iter().any(|v| v.const_str() == Some("*")),
            _ => false,
        };
        if wild {
            cx.report(Report::at(site.span));
        }
    }
}
