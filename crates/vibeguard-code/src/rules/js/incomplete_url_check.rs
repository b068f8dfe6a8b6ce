use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::python::incomplete_url::{domain_like, unescaped_host_dot};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags URL and host checks that a crafted value passes: a domain searched anywhere
    /// in the URL (`url.includes("example.com")`, `indexOf`), `endsWith("example.com")`
    /// without the leading dot, `startsWith("https://example.com")` without the slash
    /// after the host, and host regexes with an unescaped `.`.
    ///
    /// ## Why is this bad?
    /// `https://evil.example/?example.com`, `https://evilexample.com` and
    /// `https://example.com.evil.example` all pass: the redirect, fetch or CORS decision
    /// they guard trusts an attacker's host (CWE-20; a host regex whose `.` matches any
    /// character is a permissive regular expression, CWE-625).
    ///
    /// ## Example
    /// ```js
    /// if (target.includes("example.com")) res.redirect(target);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const host = new URL(target).hostname;
    /// if (host === "example.com" || host.endsWith(".example.com")) res.redirect(target);
    /// ```
    JsIncompleteUrlCheck
}

static META: RuleMeta = RuleMeta {
    id: "js/incomplete-url-check",
    title: "URL or host check that can be bypassed",
    cwe: &[20, 183, 625],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "this URL/host check passes for attacker-chosen hosts; parse the URL and compare the hostname exactly",
    family: Family::Js,
    keywords: &[".com", ".org", ".net", ".io", "url", "host", "origin"],
    calls: &[
        "includes",
        "indexOf",
        "endsWith",
        "startsWith",
        "test",
        "match",
        "RegExp",
    ],
    on: 0,
};

impl Rule for JsIncompleteUrlCheck {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.name == "RegExp" {
            if let Some((_, v)) = site.arg(0)
                && let Some(p) = v.const_str()
                && unescaped_host_dot(p)
            {
                cx.report(Report::at(site.span));
            }
            return;
        }
        if site.recv.is_none() {
            return;
        }
        let Some(s) = site.arg(0).and_then(|(_, v)| v.const_str()) else {
            return;
        };
        let hit = match site.name {
            "includes" | "indexOf" => domain_like(s.trim_end_matches('/')),
            "endsWith" => domain_like(s.trim_end_matches('/')) && !s.starts_with('.'),
            "startsWith" => s
                .split_once("://")
                .is_some_and(|(_, rest)| domain_like(rest)),
            _ => false,
        };
        if hit {
            cx.report(Report::at(site.span));
        }
    }
}
