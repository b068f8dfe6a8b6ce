use super::own_headers;
use crate::parse::nginx::{Directive, walk};
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `add_header` in a nested block (`location`, `if`, a `server` under `http`)
    /// whose parent sets security headers that the nested block does not repeat.
    ///
    /// ## Why is this bad?
    /// nginx inherits `add_header` from the enclosing level only when a block has none of
    /// its own: one `add_header Cache-Control ...` in a location silently drops the
    /// server's CSP, HSTS and frame options for every response of that location
    /// (CWE-693).
    ///
    /// ## Example
    /// ```nginx
    /// server {
    ///     add_header X-Frame-Options "DENY" always;
    ///     location /static/ {
    ///         add_header Cache-Control "public, max-age=86400";
    ///     }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// server {
    ///     include snippets/security-headers.conf;
    ///     location /static/ {
    ///         include snippets/security-headers.conf;
    ///         add_header Cache-Control "public, max-age=86400";
    ///     }
    /// }
    /// ```
    HeaderRedefinition {
        id: "nginx/header-redefinition",
        title: "Nested add_header drops the parent's headers",
        cwe: [693],
        severity: Medium,
        confidence: High,
        kinds: [Nginx],
        message: "`add_header` here drops the security headers set by the enclosing block",
    }
}

const SECURITY: &[&str] = &[
    "content-security-policy",
    "strict-transport-security",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "permissions-policy",
];

impl Check for HeaderRedefinition {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        walk(f.nginx(), &mut |d: &Directive, parents: &[&Directive]| {
            let Some(children) = &d.block else { return };
            let own = own_headers(children);
            if own.is_empty() || d.name == "http" {
                return;
            }
            // The nearest enclosing block with its own headers is what would be inherited.
            let inherited = parents
                .iter()
                .rev()
                .map(|p| own_headers(p.children()))
                .find(|h| !h.is_empty())
                .unwrap_or_default();
            let dropped: Vec<&str> = SECURITY
                .iter()
                .copied()
                .filter(|h| inherited.iter().any(|x| x == h) && !own.iter().any(|x| x == h))
                .collect();
            if dropped.is_empty() {
                return;
            }
            let first = children
                .iter()
                .find(|c| c.name == "add_header")
                .map_or(d.name_span.clone(), |c| c.span.clone());
            out.push(Hit::at(first).message(format!(
                "`add_header` in this `{}` block drops the enclosing block's {}: repeat them here (or include a shared snippet)",
                d.name,
                dropped.join(", ")
            )));
        });
    }
}
