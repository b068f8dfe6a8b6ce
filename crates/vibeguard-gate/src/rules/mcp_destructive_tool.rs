//! gate/mcp-destructive-tool

engine_rule! {
    /// ## What it does
    /// Reports a call to an MCP tool whose name says it deletes, drops, destroys or
    /// otherwise changes something on a remote service for good (`delete_repository`,
    /// `drop_table`, `terminate_instance`), when `[gate.mcp]` in vibeguard.toml says
    /// nothing about that tool.
    ///
    /// ## Why is this bad?
    /// An MCP server acts on real accounts: a deleted repository, a dropped table or a
    /// terminated instance cannot be restored from the developer's machine, and an agent
    /// may call such a tool on a misunderstanding.
    ///
    /// ## Example
    /// ```text
    /// github/delete_repository {"owner": "acme", "repo": "billing"}
    /// ```
    ///
    /// ## Use instead
    /// Let the user run it, or decide once for the project in vibeguard.toml:
    /// `[gate.mcp]` with `"github/delete_repository" = "allow"` (or `"deny"`).
    McpDestructiveTool {
        id: "gate/mcp-destructive-tool",
        title: "destructive MCP tool",
        tier: Medium,
        cwe: [],
    }
}
