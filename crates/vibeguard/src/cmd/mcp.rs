//! `vibeguard mcp`: the MCP server (stdio) an agent calls to check its own work. The
//! server is `vibeguard-mcp`; this file gives it the gate and the security context.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use vibeguard_core::RuleInfo;
use vibeguard_gate::runner::{load_policy, project_root};
use vibeguard_gate::{Action, Engine, Verdict};
use vibeguard_shell::ShellContext;

#[derive(clap::Args)]
#[command(after_help = "\
Register it with an agent (`vibeguard init --mcp` writes .mcp.json, .cursor/mcp.json, \
.gemini/settings.json), or run it by hand: the client speaks JSON-RPC on stdin/stdout.
Tools: scan_file, scan_snippet, check_shell_command, check_packages, explain_rule, \
security_context. Read-only: nothing it is given is run, fetched or written.")]
pub struct McpArgs {
    /// Project root: its vibeguard.toml applies and no file outside it is read
    /// [default: the current directory]
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

struct GateHost;

impl vibeguard_mcp::Host for GateHost {
    fn check_command(&self, command: &str, cwd: &Path) -> serde_json::Value {
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/"));
        let root = project_root(None, None, cwd);
        let action = Action::Shell {
            command: command.to_string(),
            cwd: Some(cwd.to_path_buf()),
        };
        let verdict = match load_policy(&root) {
            Ok((policy, gate)) => {
                let cx = ShellContext {
                    cwd: cwd.to_path_buf(),
                    project_root: root.clone(),
                    home,
                };
                let analyzers = || super::hook::make_analyzers(&policy);
                Engine::new(&gate, cx, &analyzers).evaluate(&action)
            }
            Err(e) => Verdict::fail_closed(e),
        };
        serde_json::to_value(&verdict).unwrap_or_else(|e| {
            serde_json::json!({"decision": "deny", "reason": format!("cannot render the verdict: {e}")})
        })
    }

    fn security_context(&self, root: &Path) -> anyhow::Result<String> {
        let (_, gate) = load_policy(root).map_err(anyhow::Error::msg)?;
        Ok(crate::init::context::section(&gate))
    }

    fn rules(&self, root: &Path) -> anyhow::Result<Vec<RuleInfo>> {
        let policy = vibeguard_engine::load_policy(root)?;
        Ok(crate::analyzers::all_rules(
            &crate::analyzers::scan_analyzers(&policy)?,
        ))
    }
}

pub fn run(args: McpArgs) -> anyhow::Result<ExitCode> {
    let root = match args.dir {
        Some(d) => d,
        None => std::env::current_dir()?,
    };
    vibeguard_mcp::serve_stdio(root, crate::analyzers::scan_analyzers, Arc::new(GateHost))?;
    Ok(ExitCode::SUCCESS)
}
