//! gate/write-outside-scope

engine_rule! {
    /// ## What it does
    /// Flags a file write, edit, patch or delete outside the directories the agent may
    /// change: the project root by default, or the `[gate] scope` list.
    ///
    /// ## Why is this bad?
    /// An agent working on one project has no business changing files elsewhere: shell
    /// start-up files, other repositories, tool configuration. Such writes are how a
    /// prompt injection gains persistence or reaches code it was not asked to touch.
    ///
    /// ## Example
    /// ```text
    /// Write ~/.bashrc
    /// Edit ../other-service/src/auth.py
    /// ```
    ///
    /// ## Use instead
    /// Keep changes inside the project. If the agent must change a sibling directory,
    /// list it in `[gate] scope` (for example `scope = [".", "../shared"]`) or its files
    /// in `allow_paths`.
    WriteOutsideScope {
        id: "gate/write-outside-scope",
        title: "write outside the project scope",
        tier: Medium,
        cwe: [22],
    }
}
