use super::{
    anchor, has_include, is_tls, local_only, only_redirects, own_headers, server_label, servers,
};
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags nginx servers that serve content without the browser security headers:
    /// `Content-Security-Policy`, `Strict-Transport-Security` (on TLS servers),
    /// `X-Content-Type-Options` and `X-Frame-Options` (or a CSP with `frame-ancestors`).
    /// Headers set at `http` level count when the server sets none of its own; servers
    /// that only redirect, listen on loopback, or `include` other files are skipped.
    ///
    /// ## Why is this bad?
    /// Without them a single injection becomes script execution (no CSP), pages can be
    /// framed for clickjacking, responses are MIME-sniffed into scripts, and the first
    /// request of a visit can be downgraded to HTTP (CWE-693, CWE-1021).
    ///
    /// ## Example
    /// ```nginx
    /// server {
    ///     listen 443 ssl;
    ///     location / { proxy_pass http://app:8080; }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// server {
    ///     listen 443 ssl;
    ///     add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'" always;
    ///     add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;
    ///     add_header X-Content-Type-Options "nosniff" always;
    ///     add_header X-Frame-Options "DENY" always;
    ///     location / { proxy_pass http://app:8080; }
    /// }
    /// ```
    MissingSecurityHeaders {
        id: "nginx/missing-security-headers",
        title: "Security headers missing",
        cwe: [693, 1021],
        severity: Low,
        confidence: Medium,
        kinds: [Nginx],
        message: "the server sends no browser security headers",
    }
}

impl Check for MissingSecurityHeaders {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for (server, http) in servers(f.nginx()) {
            if only_redirects(server)
                || local_only(server)
                || has_include(server.children())
                || http.is_some_and(has_include)
            {
                continue;
            }
            let mut headers = own_headers(server.children());
            if headers.is_empty() {
                headers = http.map(own_headers).unwrap_or_default();
            }
            let csp_value = server
                .children()
                .iter()
                .chain(http.unwrap_or(&[]).iter())
                .filter(|d| {
                    d.name == "add_header"
                        && d.arg(0)
                            .is_some_and(|h| h.eq_ignore_ascii_case("content-security-policy"))
                })
                .filter_map(|d| d.arg(1))
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let has = |h: &str| headers.iter().any(|x| x == h);
            let mut missing = Vec::new();
            if !has("content-security-policy") {
                missing.push("Content-Security-Policy");
            }
            if is_tls(server) && !has("strict-transport-security") {
                missing.push("Strict-Transport-Security");
            }
            if !has("x-content-type-options") {
                missing.push("X-Content-Type-Options");
            }
            if !has("x-frame-options") && !csp_value.contains("frame-ancestors") {
                missing.push("X-Frame-Options (or CSP frame-ancestors)");
            }
            if !missing.is_empty() {
                out.push(Hit::at(anchor(server)).message(format!(
                    "{} sends no {}",
                    server_label(server),
                    missing.join(", ")
                )));
            }
        }
    }
}
