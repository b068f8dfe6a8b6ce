//! gate/recursive-delete-outside-project (detection in `crate::delete`).

gate_rule! {
    /// ## What it does
    /// Flags `rm -r`/`rm -f` (and `unlink`, `rimraf`, `find -delete`, interpreter
    /// deletions) of paths outside the project directory: other projects, other parts of
    /// the home directory, `/opt`, `/var/lib/...`. Deleting scratch files under `/tmp` and
    /// package caches is allowed.
    ///
    /// ## Why is this bad?
    /// A coding agent works on one project. Files outside it belong to the user or other
    /// programs, are usually not under version control, and cannot be restored once
    /// deleted. A wrong `cd` or a relative `../` path is enough to wipe someone's work.
    ///
    /// ## Example
    /// ```text
    /// rm -rf ../other-project
    /// rm -rf ~/Documents/drafts
    /// ```
    ///
    /// ## Use instead
    /// Delete only what the task created inside the project, or files under `/tmp`. Ask
    /// the user to remove anything else.
    RecursiveDeleteOutsideProject {
        id: "gate/recursive-delete-outside-project",
        title: "Deletion outside the project",
        tier: High,
        cwe: [73],
    }
}
