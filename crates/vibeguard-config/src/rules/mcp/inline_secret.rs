use super::servers;
use crate::rule::{Check, File, Hit};
use crate::rules::common::{is_placeholder, is_secret_name};

crate::config_rule! {
    /// ## What it does
    /// Flags MCP server entries with credentials written in them: `env` values named like
    /// secrets, `Authorization` and API-key headers, and `--token`/`--api-key` style
    /// arguments, when the value is a literal rather than a reference (`${env:NAME}`,
    /// `${input:name}`, `$NAME`).
    ///
    /// ## Why is this bad?
    /// MCP configuration files are committed and shared between tools; a token written
    /// there leaks with the repository, and every agent reading the file sees it
    /// (CWE-798, CWE-312).
    ///
    /// ## Example
    /// ```json
    /// { "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_TOKEN": "ghp_..." } } } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_TOKEN": "${GITHUB_TOKEN}" } } } }
    /// ```
    InlineSecret {
        id: "mcp/inline-secret",
        title: "Secret in an MCP server entry",
        cwe: [798, 312],
        severity: High,
        confidence: Medium,
        kinds: [McpConfig, GeminiSettings, CodexConfig, ClaudeSettings],
        message: "a credential is written in the MCP server's configuration: reference an environment variable or input instead",
    }
}

fn header_is_secret(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    l == "authorization"
        || l == "proxy-authorization"
        || l.contains("api-key")
        || l.contains("apikey")
        || l.contains("token")
        || l.contains("secret")
        || l == "cookie"
}

fn literal(v: &str) -> bool {
    // `Bearer ${env:TOKEN}` and `Bearer <token>` are references or placeholders.
    let core = v
        .trim()
        .strip_prefix("Bearer ")
        .or_else(|| v.trim().strip_prefix("bearer "))
        .or_else(|| v.trim().strip_prefix("token "))
        .unwrap_or(v);
    !is_placeholder(core) && core.len() >= 8
}

impl Check for InlineSecret {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in servers(f) {
            for env in [s.node.get("env"), s.node.get("environment")]
                .into_iter()
                .flatten()
            {
                for e in env.entries() {
                    if let Some(v) = e.value.text()
                        && is_secret_name(&e.key)
                        && literal(v)
                    {
                        out.push(Hit::at(e.value.span.clone()).message(format!(
                            "MCP server `{}` has `{}` written in the file: reference an environment variable instead",
                            s.name, e.key
                        )));
                    }
                }
            }
            for h in [s.node.get("headers"), s.node.get("http_headers")]
                .into_iter()
                .flatten()
            {
                for e in h.entries() {
                    if let Some(v) = e.value.text()
                        && header_is_secret(&e.key)
                        && literal(v)
                    {
                        out.push(Hit::at(e.value.span.clone()).message(format!(
                            "MCP server `{}` sends a literal `{}` header: reference an environment variable or input instead",
                            s.name, e.key
                        )));
                    }
                }
            }
            let argv = s.argv();
            for (i, (a, node)) in argv.iter().enumerate() {
                let lower = a.to_ascii_lowercase();
                let flag = lower.trim_start_matches('-');
                let (name, value) = match flag.split_once('=') {
                    Some((n, v)) if lower.starts_with("--") => {
                        (n.to_string(), Some(a[a.len() - v.len()..].to_string()))
                    }
                    _ if lower.starts_with("--") => {
                        (flag.to_string(), argv.get(i + 1).map(|x| x.0.clone()))
                    }
                    _ => continue,
                };
                if is_secret_name(&name.replace('-', "_"))
                    && let Some(v) = value
                    && literal(&v)
                    && !v.starts_with('-')
                {
                    out.push(Hit::at(node.span.clone()).message(format!(
                        "MCP server `{}` gets `--{name}` as a literal argument: pass it through an environment variable",
                        s.name
                    )));
                }
            }
        }
    }
}
