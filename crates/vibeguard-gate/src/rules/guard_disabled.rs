//! gate/guard-disabled

engine_rule! {
    /// ## What it does
    /// Flags an agent settings change (Claude Code's ConfigChange event) that sets
    /// `disableAllHooks`, which turns off every hook including the vibeguard gate.
    ///
    /// ## Why is this bad?
    /// An agent, or a prompt injection steering it, that switches the hooks off can then
    /// run anything without a check. The change is as dangerous as the worst action it
    /// unlocks.
    ///
    /// ## Example
    /// ```text
    /// .claude/settings.local.json: { "disableAllHooks": true }
    /// ```
    ///
    /// ## Use instead
    /// Keep the hooks on; to allow one action the gate blocks, add a rule override in
    /// `vibeguard.toml` `[gate.rules]`.
    GuardDisabled {
        id: "gate/guard-disabled",
        title: "settings change disables all hooks",
        tier: High,
        cwe: [693],
    }
}
