use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::ir::{DictKey, Expr, ExprKind, TemplatePart};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags regular expressions built from request data: PCRE (`preg_match`,
    /// `preg_match_all`, `preg_replace`, `preg_filter`, `preg_split`, `preg_grep`, the
    /// keys of a `preg_replace_callback_array([$pattern => $fn, ...])` literal) and
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
        "preg_replace_callback_array",
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
        if site.name == "preg_replace_callback_array" {
            pattern_keys(cx, site);
            return;
        }
        // `mb_ereg_search_init($string, $pattern)` takes the pattern second.
        let i = usize::from(site.name == "mb_ereg_search_init");
        if let Some((_, v)) = site.arg(i) {
            cx.flow(site.span, v, sink::REGEX, accept::REQUEST);
        }
    }
}

/// `preg_replace_callback_array([$pattern => $callback, ...], $subject)`: each key of
/// the array literal is a pattern (an array built elsewhere is not read).
fn pattern_keys(cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
    let Some((e, _)) = site.arg(0) else { return };
    let ExprKind::Dict(entries) = &e.kind else {
        return;
    };
    let mut parts = Vec::new();
    for (k, _) in entries {
        if let DictKey::Expr(k) = k {
            key_parts(k, &mut parts);
        }
    }
    for p in parts {
        let v = cx.value_of(p);
        if cx.flow(site.span, &v, sink::REGEX, accept::REQUEST) {
            return;
        }
    }
}

/// The variables a key is built of: through concatenation, interpolation and indexing
/// (`"/" . $q . "/"`, `"/{$q}/"`, `$_GET["p"]`), not into calls (`preg_quote($q)` is
/// the escape, and other calls are not judged).
fn key_parts<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match &e.kind {
        ExprKind::Name(_) => out.push(e),
        ExprKind::Index(b, _) => key_parts(b, out),
        ExprKind::Binary(_, a, b) => {
            key_parts(a, out);
            key_parts(b, out);
        }
        ExprKind::Template(parts) => {
            for p in parts {
                if let TemplatePart::Expr(x) = p {
                    key_parts(x, out);
                }
            }
        }
        _ => {}
    }
}
