//! gate/obfuscated-execution (detected by the engine where code meets a decoder).

gate_rule! {
    /// ## What it does
    /// Flags decoded or generated text that is executed: `base64 -d | sh`, `base32 -d`,
    /// `xxd -r -p | bash`, `openssl enc -d | sh`, `printf '\x..' | bash`, `rev | sh`,
    /// `tr ... | bash`, `$'\x72\x6d'`-style escapes run through `eval` or `sh -c`. When the
    /// decoded text is known, it is analysed as well.
    ///
    /// ## Why is this bad?
    /// Encoding a command has one purpose: hiding what it does from a reader or a guard.
    /// Legitimate tooling does not need to base64-decode its own commands.
    ///
    /// ## Example
    /// ```text
    /// echo cm0gLXJmIH4= | base64 -d | sh
    /// ```
    ///
    /// ## Use instead
    /// Write the command in plain text.
    ObfuscatedExecution {
        id: "gate/obfuscated-execution",
        title: "Obfuscated command executed",
        tier: High,
        cwe: [506],
    }
}
