//! gate/edit-unverifiable

engine_rule! {
    /// ## What it does
    /// Reports an edit or a patch hunk that does not apply to the file as it is on disk
    /// (the old text is missing or ambiguous), so the gate cannot know the resulting file.
    /// The new text is still scanned on its own and the call is asked about.
    ///
    /// ## Why is this bad?
    /// The gate scans the file an edit produces, to count only the findings the edit
    /// introduces. If the edit cannot be applied in memory, that comparison is impossible,
    /// and "allow" would be a guess.
    ///
    /// ## Example
    /// ```text
    /// Edit config.py: old_string "DEBUG = True" (the file says DEBUG=True)
    /// ```
    ///
    /// ## Use instead
    /// Read the file again and repeat the edit with its exact current text, or regenerate
    /// the patch against the current version.
    EditUnverifiable {
        id: "gate/edit-unverifiable",
        title: "edit cannot be applied to the current file",
        tier: Medium,
        cwe: [],
    }
}
