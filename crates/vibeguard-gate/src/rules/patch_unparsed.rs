//! gate/patch-unparsed

engine_rule! {
    /// ## What it does
    /// Reports an `apply_patch` call (Codex) whose patch envelope cannot be parsed, so the
    /// files it would add, change or delete are unknown.
    ///
    /// ## Why is this bad?
    /// A patch the gate cannot read could write anywhere and contain anything; letting it
    /// through would make malformed patches a way around every content rule.
    ///
    /// ## Example
    /// ```text
    /// *** Begin Patch
    /// *** Frobnicate File: app.py
    /// ```
    ///
    /// ## Use instead
    /// Send a well-formed patch: `*** Begin Patch`, then `*** Add File:`, `*** Update
    /// File:` or `*** Delete File:` sections, then `*** End Patch`.
    PatchUnparsed {
        id: "gate/patch-unparsed",
        title: "patch could not be parsed",
        tier: Medium,
        cwe: [],
    }
}
