//! gate/guard-tampering (detection in `crate::effects` and `crate::classify_path`).

gate_rule! {
    /// ## What it does
    /// Flags writes, edits, moves, permission changes and deletions of the files that
    /// configure the agent's hooks or vibeguard itself: `.claude/settings*.json`,
    /// `.claude/hooks/`, `.cursor/hooks.json`, `.codex/`, `.gemini/settings.json`,
    /// `.github/hooks/`, `.windsurf/hooks.json`, `vibeguard.toml`, `.vibeguard/`
    /// (including the audit log) and managed settings paths, whether through a file tool,
    /// a redirection, `tee`, `sed -i`, `cp`, `mv`, `chmod`, `rm`, or an interpreter
    /// one-liner that names the file and writes (`json.dump(d, open(p, 'w'))`).
    ///
    /// ## Why is this bad?
    /// An agent that can edit its own guard can switch it off; agents have done exactly
    /// that to get past a denied command, and malware uses agent settings files for
    /// persistence.
    ///
    /// ## Example
    /// ```text
    /// echo '{}' > .claude/settings.json
    /// sed -i 's/vibeguard//' .cursor/hooks.json
    /// ```
    ///
    /// ## Use instead
    /// Leave the guard's configuration to the user. If a rule blocks legitimate work, say
    /// which rule and why so the user can adjust the policy.
    GuardTampering {
        id: "gate/guard-tampering",
        title: "Agent guard configuration changed",
        tier: High,
        cwe: [693],
    }
}
