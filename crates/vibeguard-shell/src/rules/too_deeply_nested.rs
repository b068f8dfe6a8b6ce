//! gate/too-deeply-nested (reported by the engine).

gate_rule! {
    /// ## What it does
    /// Reports commands wrapped more than eight levels deep: shells inside shells,
    /// substitutions inside substitutions, `sudo env timeout bash -c "eval ..."` chains.
    /// The innermost command is not analysed.
    ///
    /// ## Why is this bad?
    /// Deep wrapping has no everyday use; it is how payloads are hidden from guards that
    /// give up after a few levels. The gate asks a person rather than guess.
    ///
    /// ## Example
    /// ```text
    /// bash -c "sh -c \"bash -c 'sh -c ...'\""
    /// ```
    ///
    /// ## Use instead
    /// Run the inner command directly, without layers of shells and substitutions around
    /// it.
    TooDeeplyNested {
        id: "gate/too-deeply-nested",
        title: "Command nested too deeply",
        tier: Medium,
        cwe: [],
    }
}
