use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags regular expressions compiled from request data (`regexp.Compile`,
    /// `MustCompile`, `MatchString`, `POSIX` variants) unless quoted with
    /// `regexp.QuoteMeta`.
    ///
    /// ## Why is this bad?
    /// The user picks what the pattern matches (bypassing a filter), and with Go's RE2
    /// engine can still make huge automata that cost memory and CPU (CWE-625, CWE-400).
    ///
    /// ## Example
    /// ```go
    /// re := regexp.MustCompile(r.URL.Query().Get("q"))
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// re := regexp.MustCompile(regexp.QuoteMeta(r.URL.Query().Get("q")))
    /// ```
    GoRegexInjection
}

static META: RuleMeta = RuleMeta {
    id: "go/regex-injection",
    title: "Regular expression from input",
    cwe: &[625, 730],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "regular expression built from input; quote it with regexp.QuoteMeta",
    family: Family::Go,
    keywords: &["regexp"],
    calls: &[
        "Compile",
        "MustCompile",
        "CompilePOSIX",
        "MustCompilePOSIX",
        "MatchString",
        "Match",
    ],
    on: 0,
};

impl Rule for GoRegexInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.path.is_some_and(|p| p.starts_with("regexp.")) {
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.flow(site.span, v, sink::REGEX, accept::REQUEST);
        }
    }
}
