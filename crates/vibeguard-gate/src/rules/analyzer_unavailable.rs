//! gate/analyzer-unavailable

engine_rule! {
    /// ## What it does
    /// Reports a write, edit or prompt whose content could not be scanned because the
    /// content analyzers could not be built, usually because of an invalid custom rule in
    /// `[[secrets.rules]]` (a regex that does not compile, an id that clashes with a
    /// built-in rule). The profile's fail-closed decision applies.
    ///
    /// ## Why is this bad?
    /// Without the analyzers a secret or an injection the agent writes would pass
    /// unchecked; answering "allow" would hide that the guard is half off.
    ///
    /// ## Example
    /// ```text
    /// [[secrets.rules]]
    /// id = "acme"
    /// description = "ACME token"
    /// regex = "acme_([a-z"      # unbalanced: the analyzers cannot be built
    /// ```
    ///
    /// ## Use instead
    /// Fix the rule (`vibeguard scan` prints the same error with the rule's id), then the
    /// content is checked again on the next call.
    AnalyzerUnavailable {
        id: "gate/analyzer-unavailable",
        title: "content analyzers unavailable",
        tier: High,
        cwe: [],
    }
}
