use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags regular expressions built from request data (`Regexp.new`,
    /// `Regexp.compile`, `/#{...}/` literals) unless quoted with `Regexp.escape`.
    ///
    /// ## Why is this bad?
    /// Ruby's backtracking engine takes exponential time on patterns like `(a+)+$`: one
    /// request pins a worker (ReDoS, CWE-1333); the user also picks what a filter
    /// matches (CWE-625).
    ///
    /// ## Example
    /// ```ruby
    /// Regexp.new(params[:q])
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// Regexp.new(Regexp.escape(params[:q]))
    /// ```
    RubyRegexInjection
}

static META: RuleMeta = RuleMeta {
    id: "ruby/regex-injection",
    title: "Regular expression from input",
    cwe: &[625, 730, 1333],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "regular expression built from input; quote it with Regexp.escape",
    family: Family::Ruby,
    // (`/#{q}/` and `%r{#{q}}` literals are `Regexp.new` calls.)
    keywords: &["Regexp", "/#{", "%r"],
    calls: &["new", "compile", "union"],
    on: 0,
};

impl Rule for RubyRegexInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.path.is_some_and(|p| p.starts_with("Regexp.")) {
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.flow(site.span, v, sink::REGEX, accept::REQUEST);
        }
    }
}
