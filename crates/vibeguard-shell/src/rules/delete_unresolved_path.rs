//! gate/delete-unresolved-path (detection in `crate::delete`).

gate_rule! {
    /// ## What it does
    /// Flags deletions whose path starts with a variable the command never sets, such as
    /// `rm -rf "$BUILD_DIR"/*`.
    ///
    /// ## Why is this bad?
    /// If the variable is empty or unset when the command runs, the path collapses to
    /// `/*` or `/` and the command deletes the whole filesystem. This is how several
    /// well-known installer bugs erased users' machines.
    ///
    /// ## Example
    /// ```text
    /// rm -rf "$STEAMROOT"/*
    /// ```
    ///
    /// ## Use instead
    /// Use a literal path, or make the shell fail when the variable is empty:
    /// `rm -rf "${BUILD_DIR:?}"/*`.
    DeleteUnresolvedPath {
        id: "gate/delete-unresolved-path",
        title: "Deletion through an unset variable",
        tier: High,
        cwe: [73],
    }
}
