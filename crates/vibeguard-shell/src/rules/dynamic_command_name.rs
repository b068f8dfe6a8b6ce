//! gate/dynamic-command-name (reported by the engine).

gate_rule! {
    /// ## What it does
    /// Reports commands whose program name comes from a variable the command does not
    /// set or from a command substitution the gate cannot evaluate, such as `$CMD -rf /`
    /// or `$(cat name.txt) args`. Variables assigned in the same command line
    /// (`X=rm; $X -rf /`) are followed and checked normally.
    ///
    /// ## Why is this bad?
    /// If the program is only known at run time, no rule can check it; indirection is a
    /// standard trick to get a blocked command through.
    ///
    /// ## Example
    /// ```text
    /// $TOOL destroy -auto-approve
    /// ```
    ///
    /// ## Use instead
    /// Write the program name literally; keep variables for arguments, not for the
    /// program itself.
    DynamicCommandName {
        id: "gate/dynamic-command-name",
        title: "Program name computed at run time",
        tier: Medium,
        cwe: [],
    }
}
