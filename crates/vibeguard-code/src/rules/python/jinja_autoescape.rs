use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Jinja2 environments created without autoescaping (`Environment(...)` with no
    /// `autoescape`, or `autoescape=False`).
    ///
    /// ## Why is this bad?
    /// Jinja2 outside Flask does not escape by default: every `{{ value }}` from a user
    /// becomes raw HTML in the page (CWE-79, CWE-116).
    ///
    /// ## Example
    /// ```python
    /// env = Environment(loader=FileSystemLoader("templates"))
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
    /// ```
    JinjaAutoescape
}

static META: RuleMeta = RuleMeta {
    id: "python/jinja-autoescape-disabled",
    title: "Jinja2 without autoescaping",
    cwe: &[79, 116],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "Jinja2 environment without autoescaping renders values as raw HTML; pass autoescape=select_autoescape()",
    family: Family::Python,
    keywords: &["jinja"],
    calls: &["Environment"],
    on: 0,
};

impl Rule for JinjaAutoescape {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.is(&["jinja2.Environment", "jinja2.environment.Environment"]) {
            return;
        }
        let off = match site.kwarg("autoescape") {
            None => true,
            Some((_, v)) => const_bool(v) == Some(false),
        };
        if off {
            cx.report(Report::at(site.span));
        }
    }
}
