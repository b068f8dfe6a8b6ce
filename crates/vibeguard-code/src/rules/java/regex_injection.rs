use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags regular expressions built from request data: `Pattern.compile(p)`,
    /// `Pattern.matches(p, s)` and the pattern argument of `String.matches`,
    /// `replaceAll`, `replaceFirst` and `split`, unless quoted with `Pattern.quote`.
    ///
    /// ## Why is this bad?
    /// Java's backtracking engine takes exponential time on patterns like `(a+)+$`: one
    /// request pins a CPU (ReDoS, CWE-1333); the user also picks what the filter matches
    /// (CWE-625).
    ///
    /// ## Example
    /// ```java
    /// Pattern p = Pattern.compile(request.getParameter("q"));
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// Pattern p = Pattern.compile(Pattern.quote(request.getParameter("q")));
    /// ```
    JavaRegexInjection
}

static META: RuleMeta = RuleMeta {
    id: "java/regex-injection",
    title: "Regular expression from input",
    cwe: &[625, 730, 1333],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "regular expression built from input; quote it with Pattern.quote",
    family: Family::Java,
    keywords: &["Pattern", "matches", "replaceAll", "replaceFirst", "split"],
    calls: &["compile", "matches", "replaceAll", "replaceFirst", "split"],
    on: 0,
};

impl Rule for JavaRegexInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let on_pattern_class = site
            .path
            .is_some_and(|p| p.ends_with("Pattern.compile") || p.ends_with("Pattern.matches"));
        let string_method = site.path.is_none()
            && site.recv.is_some()
            && matches!(
                site.name,
                "matches" | "replaceAll" | "replaceFirst" | "split"
            );
        if !(on_pattern_class || string_method) {
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.flow(site.span, v, sink::REGEX, accept::REQUEST);
        }
    }
}
