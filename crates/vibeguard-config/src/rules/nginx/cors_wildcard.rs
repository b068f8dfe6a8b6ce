use crate::parse::nginx::walk;
use crate::rule::{Check, File, Hit};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags `Access-Control-Allow-Origin` set to `*` (medium), or to the request's own
    /// origin (`$http_origin`) without checking it, and either of them together with
    /// `Access-Control-Allow-Credentials: true` (high).
    ///
    /// ## Why is this bad?
    /// A wildcard lets any site read the responses; reflecting the origin with
    /// credentials lets any site read them with the visitor's cookies, so a malicious
    /// page can pull account data from a logged-in user (CWE-942, CWE-346).
    ///
    /// ## Example
    /// ```nginx
    /// add_header Access-Control-Allow-Origin $http_origin;
    /// add_header Access-Control-Allow-Credentials true;
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// map $http_origin $cors_origin {
    ///     default "";
    ///     "https://app.example.com" $http_origin;
    /// }
    /// add_header Access-Control-Allow-Origin $cors_origin;
    /// add_header Vary Origin;
    /// ```
    CorsWildcard {
        id: "nginx/cors-wildcard",
        title: "Permissive CORS",
        cwe: [942, 346],
        severity: Medium,
        confidence: High,
        kinds: [Nginx],
        message: "CORS allows any origin",
    }
}

impl Check for CorsWildcard {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        walk(f.nginx(), &mut |d, _| {
            let Some(children) = &d.block else { return };
            let header = |name: &str| {
                children.iter().find(|c| {
                    c.name == "add_header" && c.arg(0).is_some_and(|h| h.eq_ignore_ascii_case(name))
                })
            };
            let Some(acao) = header("Access-Control-Allow-Origin") else {
                return;
            };
            let value = acao.arg(1).unwrap_or("");
            let credentials = header("Access-Control-Allow-Credentials")
                .and_then(|c| c.arg(1))
                .is_some_and(|v| v.eq_ignore_ascii_case("true"));
            let reflected = value == "$http_origin";
            if value != "*" && !reflected {
                return;
            }
            let what = if reflected {
                "reflects any request's origin"
            } else {
                "allows every origin (`*`)"
            };
            let hit = Hit::at(acao.span.clone());
            out.push(if credentials {
                hit.severity(Severity::High).message(format!(
                    "`Access-Control-Allow-Origin` {what} with credentials: any site can read responses as the logged-in visitor; list the allowed origins"
                ))
            } else if reflected {
                hit.severity(Severity::Medium).message(format!(
                    "`Access-Control-Allow-Origin` {what}: check it against a list of allowed origins"
                ))
            } else {
                hit.message(format!("`Access-Control-Allow-Origin` {what}: list the origins that need access"))
            });
        });
    }
}
