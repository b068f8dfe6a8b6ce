use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::flow::value::Val;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags an `Access-Control-Allow-Origin` response header set to `*` or to an origin
    /// taken from the request: `header("Access-Control-Allow-Origin: *")`, and the header
    /// methods of Laravel, Symfony and PSR-7 responses (`->header('Access-Control-Allow-Origin',
    /// $origin)`, `->headers->set(...)`, `->withHeader(...)`).
    ///
    /// ## Why is this bad?
    /// Any web site the user visits can then call this endpoint from the user's browser
    /// and read the answers; an origin echoed from the request also passes the browser's
    /// credentials check, so the user's own data leaks (CWE-942, CWE-346).
    ///
    /// ## Example
    /// ```php
    /// header("Access-Control-Allow-Origin: " . $_SERVER["HTTP_ORIGIN"]);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// if (in_array($_SERVER["HTTP_ORIGIN"] ?? "", ["https://app.example.com"], true)) {
    ///     header("Access-Control-Allow-Origin: https://app.example.com");
    /// }
    /// ```
    PhpCors
}

static META: RuleMeta = RuleMeta {
    id: "php/cors",
    title: "CORS allows any origin",
    cwe: &[942, 346],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "CORS allows any origin; send the header only for the origins you list",
    family: Family::Php,
    keywords: &["Access-Control-Allow-Origin"],
    calls: &["header", "set", "withHeader", "withAddedHeader"],
    on: 0,
};

const ALLOW_ORIGIN: &str = "access-control-allow-origin";

impl Rule for PhpCors {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let (Some(first), second) = (site.arg_val(0), site.arg_val(1)) else {
            return;
        };
        // A name and a value: `->header('Access-Control-Allow-Origin', $v)`.
        if let Some(value) = second
            && site.recv.is_some()
            && first
                .const_str()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(ALLOW_ORIGIN))
        {
            check_value(cx, site, value, value.const_str());
            return;
        }
        if site.name != "header" {
            return;
        }
        // A whole header line: `header("Access-Control-Allow-Origin: $origin")`.
        let line = first.const_str().or(first.prefix.as_deref());
        let Some((name, rest)) = line.and_then(|l| l.split_once(':')) else {
            return;
        };
        if !name.trim().eq_ignore_ascii_case(ALLOW_ORIGIN) {
            return;
        }
        let constant = first.const_str().map(|_| rest);
        check_value(cx, site, first, constant);
    }
}

/// `*`, or a value from the request.
fn check_value(cx: &mut Cx<'_, '_>, site: &CallSite<'_>, v: &Val, constant: Option<&str>) {
    match constant {
        Some(c) => {
            if c.trim() == "*" {
                cx.report(Report::at(site.span));
            }
        }
        None => {
            cx.flow(site.span, v, sink::URL, accept::REQUEST);
        }
    }
}
