//! gate/delete-project-root (detection in `crate::delete`).

gate_rule! {
    /// ## What it does
    /// Flags recursive deletion of the project root itself, of everything in it
    /// (`rm -rf *` or `rm -rf ./*` at the root), of a directory that contains the project,
    /// or of the repository's `.git` directory.
    ///
    /// ## Why is this bad?
    /// Removing the project root or its contents destroys uncommitted work, ignored but
    /// precious files (`.env`, local databases) and, with `.git`, the entire history and
    /// every unpushed commit. None of it can be undone.
    ///
    /// ## Example
    /// ```text
    /// rm -rf .
    /// rm -rf .git
    /// ```
    ///
    /// ## Use instead
    /// Delete the specific generated directory (`target/`, `dist/`, `node_modules/`), or
    /// use `git clean -n` first to see what would go.
    DeleteProjectRoot {
        id: "gate/delete-project-root",
        title: "Deletion of the project root or .git",
        tier: High,
        cwe: [73],
    }
}
