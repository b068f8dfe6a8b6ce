//! gate/unknown-tool

engine_rule! {
    /// ## What it does
    /// Reports a tool the gate does not model (a new built-in tool of the agent, a plugin's
    /// tool). Its decision is `[gate] unknown_tool`: allow in the prototype and standard
    /// profiles, ask in strict and regulated.
    ///
    /// ## Why is this bad?
    /// The gate cannot tell what an unknown tool does. Allowing it keeps agents working
    /// when they gain tools; asking is the safer choice where every action must be
    /// understood.
    ///
    /// ## Example
    /// ```text
    /// PreToolUse tool_name "BrowserAutomation"
    /// ```
    ///
    /// ## Use instead
    /// Set `[gate] unknown_tool = "ask"` (or `"deny"`) to review such tools, and watch
    /// `vibeguard log --rule gate/unknown-tool` for tools that deserve a rule.
    UnknownTool {
        id: "gate/unknown-tool",
        title: "tool not modelled by the gate",
        tier: Low,
        cwe: [],
    }
}
