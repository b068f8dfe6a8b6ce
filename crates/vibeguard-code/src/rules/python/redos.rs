use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::regex_shape::is_catastrophic;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags regular expressions (`re`, `regex`) whose structure makes matching take
    /// exponential time on some inputs: a repeated group that can match the same text in
    /// more than one way, such as nested quantifiers `(a+)+` or overlapping alternatives
    /// `(\d|\w)+`.
    ///
    /// ## Why is this bad?
    /// Python's engine backtracks: one request with a crafted 30-character string keeps a
    /// worker busy for minutes (regular-expression denial of service, CWE-1333,
    /// CWE-400).
    ///
    /// ## Example
    /// ```python
    /// EMAIL = re.compile(r"^([a-zA-Z0-9]+)*@example\.com$")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// EMAIL = re.compile(r"^[a-zA-Z0-9]+@example\.com$")
    /// ```
    Redos
}

static META: RuleMeta = RuleMeta {
    id: "python/redos",
    title: "Regular expression with exponential backtracking",
    cwe: &[1333, 400, 730],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "this regular expression can take exponential time on crafted input; remove the nested or overlapping repetition",
    family: Family::Python,
    keywords: &["re.", "regex", "import re", "from re"],
    calls: &[
        "compile",
        "match",
        "search",
        "fullmatch",
        "findall",
        "finditer",
        "sub",
        "subn",
        "split",
    ],
    on: 0,
};

impl Rule for Redos {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site
            .path
            .is_some_and(|p| p.starts_with("re.") || p.starts_with("regex."))
        {
            return;
        }
        if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("pattern"))
            && let Some(p) = v.const_str()
            && is_catastrophic(p)
        {
            cx.report(Report::at(site.span));
        }
    }
}
