//! gate/cwd-unavailable

engine_rule! {
    /// ## What it does
    /// Reports a shell command that depends on its working directory (relative paths,
    /// `git`, `rm`, redirections) when the agent's working directory cannot be used: it
    /// does not exist (any more), is not a directory, or the project root the hook was
    /// started for cannot be found. The command is sent to a person (ask).
    ///
    /// ## Why is this bad?
    /// What `rm -rf build` or `git reset --hard` touches depends on where it runs. When
    /// the directory is unknown, the gate cannot tell what would be deleted or changed,
    /// and guessing would judge the wrong files.
    ///
    /// ## Example
    /// ```text
    /// cd /tmp/old-checkout && rm -rf build   # after /tmp/old-checkout was removed
    /// ```
    ///
    /// ## Use instead
    /// Run the command from an existing directory inside the project, or with absolute
    /// paths.
    CwdUnavailable {
        id: "gate/cwd-unavailable",
        title: "working directory unavailable",
        tier: Medium,
        cwe: [],
    }
}
