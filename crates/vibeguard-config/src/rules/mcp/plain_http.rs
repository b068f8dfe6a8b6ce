use super::servers;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags remote MCP servers reached over plain `http://` (loopback addresses are
    /// fine).
    ///
    /// ## Why is this bad?
    /// The agent's requests, the tool results it acts on, and usually a bearer token
    /// cross the network unencrypted: anyone on the path can read them or inject tool
    /// output that steers the agent (CWE-319).
    ///
    /// ## Example
    /// ```json
    /// { "mcpServers": { "docs": { "url": "http://mcp.example.com/sse" } } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "mcpServers": { "docs": { "url": "https://mcp.example.com/sse" } } }
    /// ```
    PlainHttp {
        id: "mcp/plain-http",
        title: "Remote MCP server over plain HTTP",
        cwe: [319],
        severity: Medium,
        confidence: High,
        kinds: [McpConfig, GeminiSettings, CodexConfig, ClaudeSettings],
        message: "the remote MCP server is reached over plain HTTP: use https://",
    }
}

fn loopback(host: &str) -> bool {
    let h = host.split(':').next().unwrap_or(host);
    h == "localhost"
        || h.starts_with("127.")
        || host.starts_with("[::1]")
        || h == "0.0.0.0"
        || h == "host.docker.internal"
}

impl Check for PlainHttp {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in servers(f) {
            let Some(u) = s.url() else { continue };
            let Some(t) = u.text() else { continue };
            let Some(rest) = t.strip_prefix("http://") else {
                continue;
            };
            let host = rest.split('/').next().unwrap_or(rest);
            let host = host.rsplit('@').next().unwrap_or(host);
            if !loopback(host) {
                out.push(Hit::at(u.span.clone()).message(format!(
                    "MCP server `{}` is reached over plain HTTP (`{host}`): use https://",
                    s.name
                )));
            }
        }
    }
}
