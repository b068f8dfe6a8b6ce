use crate::detect::Kind;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags agent settings that let the agent run any shell command without asking:
    /// Claude Code `permissions.allow` entries `Bash`, `Bash(*)`, `Bash(:*)` or `*`;
    /// Cursor CLI `Shell(*)`; Gemini CLI `tools.allowed` with `run_shell_command`
    /// unrestricted.
    ///
    /// ## Why is this bad?
    /// Every command the model decides to run, including ones a prompt injection in a
    /// web page, issue or dependency asked for, runs with the developer's rights and
    /// credentials without a person seeing it first (CWE-250, CWE-862).
    ///
    /// ## Example
    /// ```json
    /// { "permissions": { "allow": ["Bash", "Read", "Edit"] } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "permissions": { "allow": ["Bash(npm run test:*)", "Bash(git status)", "Read", "Edit"] } }
    /// ```
    ShellAllowedWholesale {
        id: "agent/shell-allowed-wholesale",
        title: "Agent may run any shell command",
        cwe: [250, 862],
        severity: High,
        confidence: High,
        kinds: [ClaudeSettings, CursorCli, GeminiSettings],
        message: "the agent may run any shell command without asking: allow specific commands instead",
    }
}

fn wholesale(entry: &str) -> bool {
    let e = entry.trim();
    matches!(
        e,
        "*" | "Bash"
            | "Bash(*)"
            | "Bash(:*)"
            | "Bash(**)"
            | "Bash( *)"
            | "Shell(*)"
            | "Shell(**)"
            | "Shell"
            | "PowerShell"
            | "PowerShell(*)"
            | "run_shell_command"
            | "ShellTool"
    )
}

impl Check for ShellAllowedWholesale {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for doc in f.docs() {
            let lists = match f.kind {
                Kind::GeminiSettings => {
                    vec![doc.path(&["tools", "allowed"]), doc.get("allowedTools")]
                }
                _ => vec![doc.path(&["permissions", "allow"])],
            };
            for list in lists.into_iter().flatten() {
                for item in list.items() {
                    if item.text().is_some_and(wholesale) {
                        out.push(Hit::at(item.span.clone()).message(format!(
                            "`{}` lets the agent run any shell command without asking: allow specific commands (`Bash(npm test:*)`) instead",
                            item.text().unwrap_or("")
                        )));
                    }
                }
            }
        }
    }
}
