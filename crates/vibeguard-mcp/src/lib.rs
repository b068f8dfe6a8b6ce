//! vibeguard as an MCP server (stdio): an agent checks its own work before it acts.
//!
//! Tools: scan a project file or a snippet (the language comes from the path), check a
//! shell command with the agent gate, check packages (not yet: the dependency analyzer
//! is not built), explain a rule, and fetch the project's security context. The server is
//! read-only: it never runs a command, fetches a URL or writes a file it is given; a file
//! is read only when it is inside the project root (symlinks resolved first).
//!
//! Scans go through the one engine API (`vibeguard-engine`), so a finding here is the same
//! finding `vibeguard scan` reports. What needs the gate or `init` (shell verdicts, the
//! security context) comes from the binary through [`Host`], which keeps this crate above
//! the engine only.

mod tools;

use std::path::PathBuf;
use std::sync::Arc;
use vibeguard_core::RuleInfo;
use vibeguard_engine::AnalyzerSet;

pub use tools::Server;

/// What the binary provides to the MCP server.
pub trait Host: Send + Sync + 'static {
    /// The gate's verdict on a shell command run in `cwd`, as JSON (decision, reason,
    /// findings); never runs it.
    fn check_command(&self, command: &str, cwd: &std::path::Path) -> serde_json::Value;
    /// The security section `vibeguard init` writes into the agents' context files.
    fn security_context(&self, root: &std::path::Path) -> anyhow::Result<String>;
    /// Every rule vibeguard knows (scan analyzers and gate).
    fn rules(&self, root: &std::path::Path) -> anyhow::Result<Vec<RuleInfo>>;
}

/// Serve MCP on stdin/stdout until the client disconnects. `root` is the project (the
/// folder whose `vibeguard.toml` applies and outside which no file is read).
pub fn serve_stdio(
    root: PathBuf,
    analyzers: AnalyzerSet,
    host: Arc<dyn Host>,
) -> anyhow::Result<()> {
    let root = std::fs::canonicalize(&root)
        .map_err(|e| anyhow::anyhow!("cannot open the project {}: {e}", root.display()))?;
    // Fail at start-up, not on the first call, when vibeguard.toml is malformed.
    vibeguard_engine::load_policy(&root)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        use rmcp::ServiceExt;
        let server = Server::new(root, analyzers, host);
        let running = server
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| anyhow::anyhow!("MCP handshake failed: {e}"))?;
        running
            .waiting()
            .await
            .map_err(|e| anyhow::anyhow!("MCP server stopped: {e}"))?;
        Ok(())
    })
}
