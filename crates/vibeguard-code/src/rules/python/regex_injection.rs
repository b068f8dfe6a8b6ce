use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags regular expressions compiled from input without `re.escape`.
    ///
    /// ## Why is this bad?
    /// The pattern is code for the regex engine: input like `(a+)+$` makes a match take
    /// exponential time and ties up a worker (ReDoS), and metacharacters change what
    /// the check accepts (CWE-730, CWE-1333).
    ///
    /// ## Example
    /// ```python
    /// if re.search(request.args["q"], text): ...
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// if re.search(re.escape(request.args["q"]), text): ...
    /// ```
    RegexInjection
}

static META: RuleMeta = RuleMeta {
    id: "python/regex-injection",
    title: "Regular expression built from input",
    cwe: &[730, 1333, 400],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "regular expression built from input; escape it with re.escape",
    family: Family::Python,
    keywords: &["re.", "regex", "import re"],
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
        "splititer",
    ],
    on: 0,
};

impl Rule for RegexInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site
            .path
            .is_some_and(|p| p.starts_with("re.") || p.starts_with("regex."))
        {
            return;
        }
        if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("pattern")) {
            cx.flow(site.span, v, sink::REGEX, accept::INPUT);
        }
    }
}
