use super::servers;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags MCP servers given the whole file system or home directory as a root: an
    /// argument or root that is `/`, `~`, `$HOME`, `/home`, `/Users` or a drive root.
    ///
    /// ## Why is this bad?
    /// The agent can then read SSH keys, cloud credentials and browser profiles, and
    /// write anywhere the user can: one prompt injection away from exfiltrating them
    /// (CWE-732, CWE-552).
    ///
    /// ## Example
    /// ```json
    /// { "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"] } } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "./docs"] } } }
    /// ```
    BroadFilesystem {
        id: "mcp/broad-filesystem",
        title: "MCP server with the whole disk or home as root",
        cwe: [732, 552],
        severity: High,
        confidence: High,
        kinds: [McpConfig, GeminiSettings, CodexConfig, ClaudeSettings],
        message: "the MCP server can reach the whole file system or home directory: give it the project folder only",
    }
}

fn too_broad(p: &str) -> bool {
    let t = p.trim().trim_end_matches(['/', '\\']);
    matches!(
        t,
        "" | "~"
            | "$HOME"
            | "${HOME}"
            | "${env:HOME}"
            | "%USERPROFILE%"
            | "${userHome}"
            | "/home"
            | "/Users"
            | "/root"
            | "C:"
            | "c:"
            | "file://"
            | "${env:USERPROFILE}"
    ) && !p.trim().is_empty()
}

impl Check for BroadFilesystem {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in servers(f) {
            let mut candidates: Vec<&crate::tree::Node> = s.args();
            for key in ["roots", "allowedDirectories", "allowed_directories"] {
                if let Some(r) = s.node.get(key) {
                    candidates.extend(r.as_list());
                }
            }
            for a in candidates {
                if let Some(t) = a.text()
                    && too_broad(t)
                {
                    out.push(Hit::at(a.span.clone()).message(format!(
                        "MCP server `{}` gets `{t}` as a root: it can read and write the whole {}; give it the project folder only",
                        s.name,
                        if t.trim_end_matches('/').is_empty() { "file system" } else { "home directory" }
                    )));
                }
            }
        }
    }
}
