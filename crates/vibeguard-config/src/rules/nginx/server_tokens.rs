use crate::parse::nginx::walk;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `server_tokens on`.
    ///
    /// ## Why is this bad?
    /// nginx then puts its exact version in the `Server` header and on error pages, so
    /// scanners can match the server against known vulnerabilities without probing
    /// (CWE-200). Low severity: it helps an attacker, it is not a hole by itself.
    ///
    /// ## Example
    /// ```nginx
    /// server_tokens on;
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// server_tokens off;
    /// ```
    ServerTokens {
        id: "nginx/server-tokens",
        title: "nginx version disclosed",
        cwe: [200],
        severity: Low,
        confidence: High,
        kinds: [Nginx],
        message: "`server_tokens on` discloses the nginx version: set `server_tokens off`",
    }
}

impl Check for ServerTokens {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        walk(f.nginx(), &mut |d, _| {
            if d.name == "server_tokens"
                && d.arg(0).is_some_and(|a| {
                    a.eq_ignore_ascii_case("on") || a.eq_ignore_ascii_case("build")
                })
            {
                out.push(Hit::at(d.span.clone()));
            }
        });
    }
}
