//! gate/shell-unparsed

engine_rule! {
    /// ## What it does
    /// Reports a shell command the parser could not read (unbalanced quotes, a syntax the
    /// parser does not support) when no other rule recognised anything dangerous in it.
    ///
    /// ## Why is this bad?
    /// The gate judges commands by what they do; a command it cannot parse could do
    /// anything, so a person should look at it rather than the gate guessing.
    ///
    /// ## Example
    /// ```text
    /// echo "unterminated && make deploy
    /// ```
    ///
    /// ## Use instead
    /// Split the command into simpler ones, or put a long script into a file and run it
    /// (the gate reads shell scripts the command runs).
    ShellUnparsed {
        id: "gate/shell-unparsed",
        title: "shell command could not be parsed",
        tier: Medium,
        cwe: [],
    }
}
