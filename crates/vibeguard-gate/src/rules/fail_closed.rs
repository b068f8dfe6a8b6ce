//! gate/fail-closed

engine_rule! {
    /// ## What it does
    /// Reports a tool call the gate could not judge: the hook input was not valid JSON,
    /// was empty, too large or never arrived; `vibeguard.toml` is invalid; the analysis
    /// panicked or ran past `deadline_ms`. The call is answered with "ask" (prototype and
    /// standard profiles) or "deny" (strict, regulated), with the reason.
    ///
    /// ## Why is this bad?
    /// Agents treat a crashed or silent hook as permission to go ahead. A gate that cannot
    /// look at an action must not wave it through, or a malformed input or a broken policy
    /// file would switch the guard off without anyone noticing.
    ///
    /// ## Example
    /// ```text
    /// [gate]
    /// profile = "yolo"        # every hook call now asks: vibeguard.toml is invalid
    /// ```
    ///
    /// ## Use instead
    /// Read the reason in the answer or in `vibeguard log --rule gate/fail-closed`: fix the
    /// policy file (`vibeguard rules` and the error name the valid keys and ids), update
    /// the agent if its hook input changed shape, or raise `[gate] deadline_ms` if a very
    /// large file legitimately takes longer.
    FailClosed {
        id: "gate/fail-closed",
        title: "action not judged: failed closed",
        tier: High,
        cwe: [],
    }
}
