use super::servers;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags MCP servers whose tool calls run without confirmation: Gemini CLI
    /// `trust: true`, and `alwaysAllow` / `autoApprove` lists containing `*` or set to
    /// `true` (Cline, Roo and similar clients).
    ///
    /// ## Why is this bad?
    /// Tool descriptions and results come from the server and can carry injected
    /// instructions; without a confirmation step a poisoned tool, or a prompt injection
    /// in data, triggers actions nobody approved (CWE-862, CWE-829).
    ///
    /// ## Example
    /// ```json
    /// { "mcpServers": { "db": { "command": "db-mcp", "trust": true } } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "mcpServers": { "db": { "command": "db-mcp", "includeTools": ["query_readonly"] } } }
    /// ```
    ToolsAutoApproved {
        id: "mcp/tools-auto-approved",
        title: "MCP tools run without confirmation",
        cwe: [862, 829],
        severity: Medium,
        confidence: High,
        kinds: [McpConfig, GeminiSettings],
        message: "every tool of this MCP server runs without confirmation",
    }
}

impl Check for ToolsAutoApproved {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in servers(f) {
            if let Some(v) = s.node.get("trust")
                && v.is_true()
            {
                out.push(Hit::at(v.span.clone()).message(format!(
                    "MCP server `{}` is trusted: its tool calls skip confirmation",
                    s.name
                )));
            }
            for key in ["alwaysAllow", "autoApprove", "auto_approve"] {
                let Some(v) = s.node.get(key) else { continue };
                if v.is_true() || v.as_list().iter().any(|x| x.text() == Some("*")) {
                    out.push(Hit::at(v.span.clone()).message(format!(
                        "MCP server `{}` auto-approves all its tools (`{key}`)",
                        s.name
                    )));
                }
            }
        }
    }
}
