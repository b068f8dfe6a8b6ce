//! gate/mcp-call

engine_rule! {
    /// ## What it does
    /// Records an MCP tool call that no `[gate.mcp]` entry covers. The finding is low risk,
    /// so the profile allows it; it is logged so `vibeguard log --rule gate/mcp-call` shows
    /// which MCP tools agents actually use. URLs in the call's arguments are still checked
    /// like fetches.
    ///
    /// ## Why is this bad?
    /// On its own it is not: it marks an outside action nobody has made a decision about
    /// yet, which is what to review when writing `[gate.mcp]`.
    ///
    /// ## Example
    /// ```text
    /// mcp__slack__post_message   (no [gate.mcp] entry for slack)
    /// ```
    ///
    /// ## Use instead
    /// Decide per server or tool in `[gate.mcp]`: `"slack/post_message" = "ask"`, or
    /// `"slack" = "allow"` for a server you trust.
    McpCall {
        id: "gate/mcp-call",
        title: "MCP tool call without a [gate.mcp] entry",
        tier: Low,
        cwe: [],
    }
}
