use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags a shared Claude Code project settings file (`.claude/settings.json`) that
    /// does not run the vibeguard gate on `PreToolUse`. Low severity: a reminder that the
    /// project's policy is not enforced for agents using this file.
    ///
    /// ## Why is this bad?
    /// Without the hook, tool calls are judged only by the permission lists; writes of
    /// secrets, destructive commands and insecure configuration go through unchecked
    /// (CWE-693).
    ///
    /// ## Example
    /// ```json
    /// { "permissions": { "allow": ["Bash(npm test:*)"] } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "permissions": { "allow": ["Bash(npm test:*)"] },
    ///   "hooks": { "PreToolUse": [{ "matcher": "*", "hooks": [{ "type": "command", "command": "vibeguard hook claude" }] }] }
    /// }
    /// ```
    GateHookMissing {
        id: "agent/gate-hook-missing",
        title: "vibeguard hook not installed",
        cwe: [693],
        severity: Low,
        confidence: Medium,
        kinds: [ClaudeSettings],
        message: "the project's Claude Code settings do not run `vibeguard hook claude` before tool calls (`vibeguard init` installs it)",
    }
}

impl Check for GateHookMissing {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        if !f.path.replace('\\', "/").ends_with(".claude/settings.json") {
            return;
        }
        for doc in f.docs() {
            let groups = doc
                .path(&["hooks", "PreToolUse"])
                .map(|p| p.items())
                .unwrap_or(&[]);
            let installed = groups.iter().any(|g| {
                g.get("hooks")
                    .map(|h| h.items())
                    .unwrap_or(&[])
                    .iter()
                    .any(|h| {
                        let cmd = h.get("command").and_then(|c| c.text()).unwrap_or("");
                        let args: Vec<&str> = h
                            .get("args")
                            .map(|a| a.items().iter().filter_map(|x| x.text()).collect())
                            .unwrap_or_default();
                        cmd.contains("vibeguard")
                            && (cmd.contains("hook") || args.contains(&"hook"))
                    })
            });
            if !installed {
                let at = doc
                    .entry("hooks")
                    .map_or(doc.span.start..doc.span.start + 1, |e| e.key_span.clone());
                out.push(Hit::at(at));
            }
        }
    }
}
