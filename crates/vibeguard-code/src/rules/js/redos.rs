use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::regex_shape::is_catastrophic;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags regular expressions (literals and `new RegExp("...")`) whose structure makes
    /// matching take exponential time on some inputs: nested quantifiers such as `(a+)+`
    /// or overlapping alternatives such as `(\d|\w)+`.
    ///
    /// ## Why is this bad?
    /// JavaScript's engine backtracks and runs on the event loop: one crafted string
    /// freezes the whole server (regular-expression denial of service, CWE-1333, CWE-400).
    ///
    /// ## Example
    /// ```js
    /// const email = /^([a-zA-Z0-9]+)*@example\.com$/;
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const email = /^[a-zA-Z0-9]+@example\.com$/;
    /// ```
    JsRedos
}

static META: RuleMeta = RuleMeta {
    id: "js/redos",
    title: "Regular expression with exponential backtracking",
    cwe: &[1333, 400, 730],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "this regular expression can take exponential time on crafted input; remove the nested or overlapping repetition",
    family: Family::Js,
    keywords: &["/", "RegExp"],
    calls: &["RegExp"],
    on: 0,
};

impl Rule for JsRedos {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.is(&["RegExp"]) {
            return;
        }
        if let Some((_, v)) = site.arg(0)
            && let Some(p) = v.const_str()
            && is_catastrophic(p)
        {
            cx.report(Report::at(site.span));
        }
    }
}
