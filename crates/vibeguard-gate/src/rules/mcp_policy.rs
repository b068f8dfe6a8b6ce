//! gate/mcp-policy

engine_rule! {
    /// ## What it does
    /// Applies the `[gate.mcp]` entry that matches an MCP tool call (`server/tool`,
    /// `server/*`, `*/tool`, `server` or `*`): the entry's decision is the finding's
    /// decision, and its tier follows (allow low, ask medium, deny high).
    ///
    /// ## Why is this bad?
    /// MCP tools act on outside systems (repositories, databases, chat, cloud accounts)
    /// with the user's credentials; some are harmless lookups, some delete things. Which
    /// is which depends on the server, so the project decides per tool.
    ///
    /// ## Example
    /// ```text
    /// [gate.mcp]
    /// "github/delete_repository" = "deny"
    /// "github/*" = "ask"
    /// ```
    ///
    /// ## Use instead
    /// Use a tool the policy allows, or ask a person to change `[gate.mcp]` in
    /// `vibeguard.toml` if the tool is needed.
    McpPolicy {
        id: "gate/mcp-policy",
        title: "MCP tool decided by [gate.mcp]",
        tier: Medium,
        cwe: [],
    }
}
