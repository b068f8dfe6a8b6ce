//! nginx rules, and what they share: `server` blocks, how `add_header` inherits (a
//! level inherits its parent's headers only when it sets none of its own), TLS and
//! plain-HTTP listeners.

pub mod autoindex;
pub mod cors_wildcard;
pub mod header_redefinition;
pub mod missing_security_headers;
pub mod plain_http;
pub mod server_tokens;
pub mod weak_tls;

use crate::parse::nginx::Directive;

/// Header names set by `add_header` directly in this block, lower-cased.
pub fn own_headers(block: &[Directive]) -> Vec<String> {
    block
        .iter()
        .filter(|d| d.name == "add_header")
        .filter_map(|d| d.arg(0).map(|h| h.to_ascii_lowercase()))
        .collect()
}

/// Does this block pull in other files (whose headers we cannot see)?
pub fn has_include(block: &[Directive]) -> bool {
    block.iter().any(|d| {
        d.name == "include"
            && !d.arg(0).is_some_and(|a| {
                a.contains("mime.types")
                    || a.contains("fastcgi_params")
                    || a.contains("proxy_params")
                    || a.contains("uwsgi_params")
            })
    })
}

/// `server` blocks with their enclosing `http` block's children (if any).
pub fn servers(dirs: &[Directive]) -> Vec<(&Directive, Option<&[Directive]>)> {
    let mut out = Vec::new();
    for d in dirs {
        match d.name.as_str() {
            "server" => out.push((d, None)),
            "http" => {
                for s in d.children().iter().filter(|c| c.name == "server") {
                    out.push((s, Some(d.children())));
                }
            }
            _ => {}
        }
    }
    out
}

/// Does this server listen with TLS?
pub fn is_tls(server: &Directive) -> bool {
    server.children().iter().any(|d| {
        d.name == "listen" && d.args.iter().any(|a| a == "ssl" || a == "quic")
            || d.name == "ssl" && d.arg(0) == Some("on")
    })
}

/// Does this server only redirect (every request answered by `return 301/302/308 https`)?
pub fn only_redirects(server: &Directive) -> bool {
    let redirect = |d: &Directive| {
        d.name == "return"
            && matches!(d.arg(0), Some("301" | "302" | "307" | "308"))
            && d.arg(1).is_some_and(|u| u.starts_with("https://"))
    };
    if server.children().iter().any(redirect) {
        return true;
    }
    let locations: Vec<&Directive> = server
        .children()
        .iter()
        .filter(|d| d.name == "location")
        .collect();
    !locations.is_empty()
        && locations.iter().all(|l| {
            l.children().iter().any(redirect)
                || l.arg(0)
                    .is_some_and(|p| p.starts_with("/.well-known/acme-challenge"))
                || l.args.iter().any(|p| p.contains("acme-challenge"))
        })
        && locations.iter().any(|l| l.children().iter().any(redirect))
}

/// Is every `listen` of this server on loopback or a unix socket?
pub fn local_only(server: &Directive) -> bool {
    let listens: Vec<&Directive> = server
        .children()
        .iter()
        .filter(|d| d.name == "listen")
        .collect();
    !listens.is_empty()
        && listens.iter().all(|l| {
            l.arg(0).is_some_and(|a| {
                a.starts_with("127.")
                    || a.starts_with("[::1]")
                    || a.starts_with("localhost")
                    || a.starts_with("unix:")
            })
        })
}

/// Where findings about a server point: its `server_name`, else its first `listen`, else
/// the block.
pub fn anchor(server: &Directive) -> std::ops::Range<usize> {
    server
        .children()
        .iter()
        .find(|d| d.name == "server_name")
        .or_else(|| server.children().iter().find(|d| d.name == "listen"))
        .map_or(server.name_span.clone(), |d| d.span.clone())
}

pub fn server_label(server: &Directive) -> String {
    server
        .children()
        .iter()
        .find(|d| d.name == "server_name")
        .and_then(|d| d.arg(0))
        .map_or_else(|| "server".to_string(), |n| format!("server `{n}`"))
}
