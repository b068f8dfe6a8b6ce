//! gate/guard-removed

engine_rule! {
    /// ## What it does
    /// Flags an agent settings change after which no Claude Code settings file (project,
    /// local or user) registers the `vibeguard hook` command any more.
    ///
    /// ## Why is this bad?
    /// Removing the hook removes the gate: every later tool call runs unchecked and
    /// unlogged. It is the first thing an injected instruction would try.
    ///
    /// ## Example
    /// ```text
    /// .claude/settings.json: "hooks": {}    (the vibeguard entry deleted)
    /// ```
    ///
    /// ## Use instead
    /// Keep the vibeguard hook entry (re-run `vibeguard init --agent claude`); relax a rule
    /// in `vibeguard.toml` instead of removing the gate.
    GuardRemoved {
        id: "gate/guard-removed",
        title: "settings change removes the vibeguard hook",
        tier: High,
        cwe: [693],
    }
}
