use super::{anchor, is_tls, local_only, only_redirects, server_label, servers};
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags nginx servers that listen without TLS and serve content instead of
    /// redirecting to HTTPS. Servers bound to loopback or a unix socket are skipped.
    ///
    /// ## Why is this bad?
    /// Pages, cookies and tokens sent over plain HTTP can be read and rewritten by anyone
    /// on the network path, and HSTS cannot help a site that answers over HTTP (CWE-319).
    ///
    /// ## Example
    /// ```nginx
    /// server {
    ///     listen 80;
    ///     location / { proxy_pass http://app:8080; }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// server {
    ///     listen 80;
    ///     return 301 https://$host$request_uri;
    /// }
    /// ```
    PlainHttp {
        id: "nginx/plain-http",
        title: "Content served over plain HTTP",
        cwe: [319],
        severity: Medium,
        confidence: Medium,
        kinds: [Nginx],
        message: "the server serves content over plain HTTP: redirect to HTTPS",
    }
}

impl Check for PlainHttp {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for (server, _) in servers(f.nginx()) {
            if is_tls(server) || only_redirects(server) || local_only(server) {
                continue;
            }
            let serves = server.children().iter().any(|d| {
                matches!(
                    d.name.as_str(),
                    "location"
                        | "root"
                        | "proxy_pass"
                        | "fastcgi_pass"
                        | "uwsgi_pass"
                        | "grpc_pass"
                )
            });
            if serves {
                out.push(Hit::at(anchor(server)).message(format!(
                    "{} serves content over plain HTTP: redirect to HTTPS (`return 301 https://$host$request_uri;`)",
                    server_label(server)
                )));
            }
        }
    }
}
