use crate::check::{CallSite, CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::CmpOp;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags URL and host checks that a crafted value passes: a domain searched anywhere
    /// in the URL (`"example.com" in url`), `endswith("example.com")` without the leading
    /// dot, `startswith("https://example.com")` without the slash after the host, and
    /// host regexes with an unescaped `.` (`"(www|beta).example.com"`).
    ///
    /// ## Why is this bad?
    /// `https://evil.example/?example.com`, `https://evilexample.com`,
    /// `https://example.com.evil.example` and `wwwXexample.com` all pass such checks:
    /// the redirect, fetch or CORS decision they guard trusts an attacker's host
    /// (CWE-20; a host regex whose `.` matches any character is a permissive regular
    /// expression, CWE-625).
    ///
    /// ## Example
    /// ```python
    /// if "example.com" in target:
    ///     return redirect(target)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// host = urlparse(target).hostname
    /// if host == "example.com" or host.endswith(".example.com"):
    ///     return redirect(target)
    /// ```
    IncompleteUrlCheck
}

static META: RuleMeta = RuleMeta {
    id: "python/incomplete-url-check",
    title: "URL or host check that can be bypassed",
    cwe: &[20, 183, 625],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "this URL/host check passes for attacker-chosen hosts; parse the URL and compare the hostname exactly",
    family: Family::Python,
    keywords: &[".com", ".org", ".net", ".io", "url", "host"],
    calls: &[
        "endswith",
        "startswith",
        "match",
        "search",
        "fullmatch",
        "compile",
    ],
    on: on::COMPARE,
};

const TLDS: &[&str] = &[
    "com", "org", "net", "io", "edu", "gov", "co", "uk", "de", "dev", "app", "info", "biz",
];

/// Does `s` look like a domain name (`example.com`, `www.example.org`)?
pub fn domain_like(s: &str) -> bool {
    let s = s.trim_start_matches('.');
    let labels: Vec<&str> = s.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|t| TLDS.contains(t))
}

/// A host pattern with an unescaped dot before a top-level domain: `.example.com`,
/// `(www|beta).example.com`.
pub fn unescaped_host_dot(p: &str) -> bool {
    let b = p.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c != b'.' || i == 0 || b[i - 1] == b'\\' {
            continue;
        }
        let rest: String = p[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
            .collect();
        let before_ok = b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b')';
        if before_ok
            && rest
                .split('.')
                .next_back()
                .is_some_and(|t| TLDS.contains(&t))
            && !rest.is_empty()
        {
            return true;
        }
    }
    false
}

/// `[a-z]+.[a-z]+`: a `.` between repeated classes where a literal dot was meant (the
/// unescaped dot accepts any character).
pub fn dotted_classes(p: &str) -> bool {
    let b = p.as_bytes();
    let mut hits = 0;
    for i in 1..b.len().saturating_sub(1) {
        if b[i] == b'.'
            && b[i - 1] != b'\\'
            && matches!(b[i - 1], b'+' | b']' | b'}')
            && b[i + 1] == b'['
        {
            hits += 1;
        }
    }
    hits >= 1
}

impl Rule for IncompleteUrlCheck {
    crate::rule_meta!(META);
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !matches!(site.op, CmpOp::In | CmpOp::NotIn) {
            return;
        }
        if site.lval.const_str().is_some_and(domain_like)
            && !site.rval.is_const()
            && site.rval.const_str().is_none()
        {
            // "example.com" in url (not `host in ALLOWED`).
            if !site.rval.all_const_elements() {
                cx.report(Report::at(site.span));
            }
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        match site.name {
            "endswith" if site.recv.is_some() => {
                if let Some((_, v)) = site.arg(0)
                    && let Some(s) = v.const_str()
                {
                    let bare_domain = domain_like(s.trim_end_matches('/')) && !s.starts_with('.');
                    // url.endswith(".com/") checks a suffix any host can have.
                    let tld_only = s.starts_with('.') && TLDS.contains(&s.trim_matches(['.', '/']));
                    if bare_domain || tld_only {
                        cx.report(Report::at(site.span));
                    }
                }
            }
            "startswith" if site.recv.is_some() => {
                if let Some((_, v)) = site.arg(0)
                    && let Some(s) = v.const_str()
                    && let Some((_, rest)) = s.split_once("://")
                    && domain_like(rest)
                {
                    cx.report(Report::at(site.span));
                }
            }
            _ => {
                if !site.path.is_some_and(|p| p.starts_with("re.")) {
                    return;
                }
                if let Some((_, v)) = site.arg(0)
                    && let Some(p) = v.const_str()
                    && (unescaped_host_dot(p) || dotted_classes(p))
                {
                    cx.report(Report::at(site.span));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_regex_with_a_bare_dot_is_a_permissive_regex() {
        assert!(unescaped_host_dot("(www|beta).example.com/"));
        assert!(!unescaped_host_dot(r"(www|beta)\.example\.com/"));
        // CWE-625 (permissive regular expression) names what the regex case is.
        assert!(META.cwe.contains(&625));
    }
}
