use crate::detect::Kind;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags settings that turn the agents' hooks off or make them approve everything:
    /// Claude Code `disableAllHooks: true`; Gemini CLI hooks disabled
    /// (`hooks.enabled: false`, `tools.enableHooks: false`); Cursor hooks whose command
    /// only prints an allow decision.
    ///
    /// ## Why is this bad?
    /// Hooks are where guards such as vibeguard check each tool call; switched off, or
    /// answering "allow" to everything, the project's policy is silently not enforced
    /// (CWE-693).
    ///
    /// ## Example
    /// ```json
    /// { "disableAllHooks": true }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "hooks": { "PreToolUse": [{ "matcher": "*", "hooks": [{ "type": "command", "command": "vibeguard hook claude" }] }] } }
    /// ```
    HooksDisabled {
        id: "agent/hooks-disabled",
        title: "Agent hooks disabled",
        cwe: [693],
        severity: High,
        confidence: High,
        kinds: [ClaudeSettings, GeminiSettings, CursorHooks],
        message: "the agent's hooks are turned off, so no guard checks its tool calls",
    }
}

impl Check for HooksDisabled {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for doc in f.docs() {
            match f.kind {
                Kind::ClaudeSettings => {
                    if let Some(v) = doc.get("disableAllHooks")
                        && v.is_true()
                    {
                        out.push(Hit::at(v.span.clone()).message(
                            "`disableAllHooks: true` turns every hook off, guards included",
                        ));
                    }
                }
                Kind::GeminiSettings => {
                    for path in [
                        ["hooks", "enabled"],
                        ["tools", "enableHooks"],
                        ["hooksConfig", "enabled"],
                    ] {
                        if let Some(v) = doc.path(&path)
                            && v.is_false()
                        {
                            out.push(Hit::at(v.span.clone()).message(format!(
                                "`{}: false` turns Gemini CLI's hooks off",
                                path.join(".")
                            )));
                        }
                    }
                }
                Kind::CursorHooks => {
                    for e in doc.get("hooks").map(|h| h.entries()).unwrap_or(&[]) {
                        for h in e.value.items() {
                            let Some(c) = h.get("command") else { continue };
                            let cmd = c.text().unwrap_or("").replace(' ', "");
                            let only_allows = (cmd.starts_with("echo")
                                || cmd.starts_with("printf")
                                || cmd.starts_with("cat<<"))
                                && (cmd.contains("\"permission\":\"allow\"")
                                    || cmd.contains("'permission':'allow'")
                                    || cmd.contains("\\\"permission\\\":\\\"allow\\\""));
                            if only_allows {
                                out.push(Hit::at(c.span.clone()).message(format!(
                                    "the `{}` hook answers \"allow\" to everything without checking",
                                    e.key
                                )));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
}
