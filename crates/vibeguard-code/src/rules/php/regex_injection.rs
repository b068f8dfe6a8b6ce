use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags regular expressions built from request data: PCRE (`preg_match`,
    /// `preg_match_all`, `preg_replace`, `preg_filter`, `preg_split`, `preg_grep`) and
    /// multibyte Oniguruma patterns (`mb_ereg`, `mb_eregi`, `mb_ereg_replace`,
    /// `mb_ereg_search*`, `mb_split`), unless quoted with `preg_quote`.
    ///
    /// ## Why is this bad?
    /// A user who writes the pattern makes PCRE backtrack for seconds (ReDoS, CWE-1333),
    /// picks what a filter matches (CWE-625), and on old PHP could add the `/e` modifier
    /// to run code.
    ///
    /// ## Example
    /// ```php
    /// preg_match("/" . $_GET["q"] . "/", $text);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// preg_match("/" . preg_quote($_GET["q"], "/") . "/", $text);
    /// ```
    PhpRegexInjection
}

static META: RuleMeta = RuleMeta {
    id: "php/regex-injection",
    title: "Regular expression from input",
    cwe: &[625, 730, 1333],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "regular expression built from input; quote it with preg_quote",
    family: Family::Php,
    keywords: &["preg_", "mb_ereg", "mb_split"],
    calls: &[
        "preg_match",
        "preg_match_all",
        "preg_replace",
        "preg_replace_callback",
        "preg_split",
        "preg_grep",
        "preg_filter",
        "mb_ereg",
        "mb_eregi",
        "mb_ereg_match",
        "mb_ereg_replace",
        "mb_eregi_replace",
        "mb_ereg_replace_callback",
        "mb_ereg_search",
        "mb_ereg_search_pos",
        "mb_ereg_search_regs",
        "mb_ereg_search_init",
        "mb_split",
    ],
    on: 0,
};

impl Rule for PhpRegexInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        // `mb_ereg_search_init($string, $pattern)` takes the pattern second.
        let i = usize::from(site.name == "mb_ereg_search_init");
        if let Some((_, v)) = site.arg(i) {
            cx.flow(site.span, v, sink::REGEX, accept::REQUEST);
        }
    }
}
