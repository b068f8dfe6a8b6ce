use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags Claude Code `enableAllProjectMcpServers: true`.
    ///
    /// ## Why is this bad?
    /// Every MCP server any commit adds to `.mcp.json` starts automatically, without
    /// anyone reviewing what it runs: a pull request can add a server that executes
    /// arbitrary code on each developer's machine (CWE-829).
    ///
    /// ## Example
    /// ```json
    /// { "enableAllProjectMcpServers": true }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "enabledMcpjsonServers": ["github", "postgres-readonly"] }
    /// ```
    AllMcpServersEnabled {
        id: "agent/all-mcp-servers-enabled",
        title: "Every project MCP server enabled without review",
        cwe: [829],
        severity: Medium,
        confidence: High,
        kinds: [ClaudeSettings],
        message: "`enableAllProjectMcpServers` starts every MCP server the repository lists without review: list the approved ones",
    }
}

impl Check for AllMcpServersEnabled {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for doc in f.docs() {
            if let Some(v) = doc.get("enableAllProjectMcpServers")
                && v.is_true()
            {
                out.push(Hit::at(v.span.clone()));
            }
        }
    }
}
