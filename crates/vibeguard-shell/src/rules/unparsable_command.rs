//! gate/unparsable-command (reported by the engine).

gate_rule! {
    /// ## What it does
    /// Reports commands the shell parser rejects (unterminated quotes, broken syntax) or
    /// that exceed the size and nesting limits for full parsing. The command words are
    /// still analysed with a forgiving tokenizer; the finding is high when dangerous
    /// programs (rm, dd, curl, eval, sudo, ...) appear, medium otherwise.
    ///
    /// ## Why is this bad?
    /// A guard that cannot parse a command cannot know what it does. Parser confusion is
    /// a known way to slip commands past guards, so the gate fails closed.
    ///
    /// ## Example
    /// ```text
    /// rm -rf "/ ; echo 'unterminated
    /// ```
    ///
    /// ## Use instead
    /// Fix the quoting, or split the work into several simple commands.
    UnparsableCommand {
        id: "gate/unparsable-command",
        title: "Command could not be parsed",
        tier: Medium,
        cwe: [],
    }
}
