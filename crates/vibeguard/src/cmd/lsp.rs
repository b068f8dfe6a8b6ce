//! `vibeguard lsp`: the Language Server (stdio) editors start; the server is
//! `vibeguard-lsp`, with the same analyzers `scan` runs.

use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = "\
Editors start it and talk JSON-RPC on stdin/stdout; see README.md \"Editors\" for VS Code, \
Neovim, Helix and Zed. Diagnostics use the same rule ids, vibeguard.toml, inline ignores and \
.vibeguard/baseline.json as `vibeguard scan`.")]
pub struct LspArgs {
    /// Accepted for clients that always pass it; stdio is the only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

pub fn run(_args: LspArgs) -> anyhow::Result<ExitCode> {
    vibeguard_lsp::serve_stdio(crate::analyzers::scan_analyzers)?;
    Ok(ExitCode::SUCCESS)
}
