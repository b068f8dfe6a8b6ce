//! gate/guard-config-unreadable

engine_rule! {
    /// ## What it does
    /// Flags an agent settings change that leaves the settings file as invalid JSON, so
    /// the gate cannot confirm that its hook is still registered.
    ///
    /// ## Why is this bad?
    /// An agent that cannot read its settings may fall back to running without hooks; a
    /// broken file can also hide a removed or altered hook entry.
    ///
    /// ## Example
    /// ```text
    /// .claude/settings.json: { "hooks": { "PreToolUse": [ ... ] ,, }
    /// ```
    ///
    /// ## Use instead
    /// Fix the JSON syntax of the settings file; `vibeguard init --check` confirms the hook
    /// is installed.
    GuardConfigUnreadable {
        id: "gate/guard-config-unreadable",
        title: "agent settings file is not valid JSON",
        tier: Medium,
        cwe: [693],
    }
}
