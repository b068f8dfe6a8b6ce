use crate::detect::Kind;
use crate::rule::{Check, File, Hit};
use crate::tree::Node;

crate::config_rule! {
    /// ## What it does
    /// Flags settings that switch an agent's approvals off entirely: Claude Code
    /// `permissions.defaultMode: "bypassPermissions"`, Codex `approval_policy = "never"`
    /// together with `sandbox_mode = "danger-full-access"` (top level or in a profile).
    ///
    /// ## Why is this bad?
    /// Nothing stands between the model and the machine: no prompt, no sandbox. One
    /// injected instruction in a file or web page the agent reads can delete data, push
    /// code or send credentials away (CWE-862, CWE-250).
    ///
    /// ## Example
    /// ```toml
    /// approval_policy = "never"
    /// sandbox_mode = "danger-full-access"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// approval_policy = "on-request"
    /// sandbox_mode = "workspace-write"
    /// ```
    PermissionPromptsBypassed {
        id: "agent/permission-prompts-bypassed",
        title: "Agent approvals turned off",
        cwe: [862, 250],
        severity: High,
        confidence: High,
        kinds: [ClaudeSettings, CodexConfig],
        message: "the agent's approval prompts are turned off",
    }
}

fn codex(table: &Node, out: &mut Vec<Hit>, label: &str) {
    let never = table
        .get("approval_policy")
        .filter(|v| v.text() == Some("never"));
    let full = table
        .get("sandbox_mode")
        .filter(|v| v.text() == Some("danger-full-access"));
    if let (Some(n), Some(_)) = (never, full) {
        out.push(Hit::at(n.span.clone()).message(format!(
            "{label}`approval_policy = \"never\"` with `sandbox_mode = \"danger-full-access\"`: the agent runs anything, unsandboxed, without asking"
        )));
    }
}

impl Check for PermissionPromptsBypassed {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for doc in f.docs() {
            match f.kind {
                Kind::CodexConfig => {
                    codex(doc, out, "");
                    for p in doc.get("profiles").map(|p| p.entries()).unwrap_or(&[]) {
                        codex(&p.value, out, &format!("profile `{}`: ", p.key));
                    }
                }
                _ => {
                    if let Some(m) = doc.path(&["permissions", "defaultMode"])
                        && m.text() == Some("bypassPermissions")
                    {
                        out.push(Hit::at(m.span.clone()).message(
                            "`defaultMode: \"bypassPermissions\"` runs every tool call without asking",
                        ));
                    }
                }
            }
        }
    }
}
