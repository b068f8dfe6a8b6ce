//! `vibeguard init`: write vibeguard.toml, install the agent hooks, ignore `.vibeguard/`
//! and write the security section into the agents' context files; `--check` reports
//! drift for CI. The work is in `crate::init`.

use crate::init::{self, Options};
use std::path::PathBuf;
use std::process::ExitCode;
use vibeguard_gate::{Agent, Profile};

#[derive(clap::Args)]
#[command(after_help = "\
Agents: without --agent, init keeps the agents listed in vibeguard.toml [agents], otherwise \
installs for the agents whose files are already in the project (.claude/, CLAUDE.md, .cursor/, \
.codex/, .gemini/, .github/hooks/, .windsurf/ ...), and for all six when there is none (a hook file for an unused agent is inert; a missing one \
leaves an agent unguarded). \
--agent adds to the recorded list; to stop managing an agent, remove it from [agents] enabled \
(init never deletes hooks or sections).

Context files: AGENTS.md always; CLAUDE.md, .cursor/rules/vibeguard.mdc, \
.github/copilot-instructions.md and GEMINI.md for their agents. Only the text between \
<!-- vibeguard:begin --> and <!-- vibeguard:end --> is managed.

Exit status:
  0  done / --check: every managed file matches vibeguard.toml
  1  --check: some file drifted (each one is listed)
  2  error (malformed settings file, invalid vibeguard.toml); nothing was written")]
pub struct InitArgs {
    /// Agents to install for, comma-separated: claude, cursor, codex, gemini, copilot, windsurf.
    #[arg(long, value_delimiter = ',', value_parser = parse_agent)]
    pub agent: Option<Vec<Agent>>,
    /// Gate profile to write into vibeguard.toml (an existing file keeps its profile
    /// unless this is given).
    #[arg(long, value_parser = parse_profile)]
    pub profile: Option<Profile>,
    /// Change nothing; exit 1 when a hook or a security section differs from what init
    /// would write for the current vibeguard.toml.
    #[arg(long)]
    pub check: bool,
    /// Project directory (default: the current directory).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Also register `vibeguard mcp` in the agents' project MCP settings (.mcp.json,
    /// .cursor/mcp.json, .gemini/settings.json, .vscode/mcp.json).
    #[arg(long, conflicts_with = "check")]
    pub mcp: bool,
}

fn parse_agent(s: &str) -> Result<Agent, String> {
    s.trim().parse()
}

fn parse_profile(s: &str) -> Result<Profile, String> {
    match s {
        "prototype" => Ok(Profile::Prototype),
        "standard" => Ok(Profile::Standard),
        "strict" => Ok(Profile::Strict),
        "regulated" => Ok(Profile::Regulated),
        _ => Err("expected prototype, standard, strict or regulated".to_string()),
    }
}

pub fn run(args: InitArgs) -> anyhow::Result<ExitCode> {
    let root = match args.dir {
        Some(d) => d,
        None => std::env::current_dir()?,
    };
    if !root.is_dir() {
        anyhow::bail!("{} is not a directory", root.display());
    }
    if args.check && args.profile.is_some() {
        anyhow::bail!("--check judges the current vibeguard.toml; drop --profile");
    }
    // The hooks start the installed binary by its absolute path: a hook command the
    // agent cannot start is a hook that lets every tool call through.
    let installed = init::resolve_program("vibeguard");
    let program = match &installed {
        Some(p) => std::path::absolute(p)
            .unwrap_or_else(|_| p.clone())
            .to_string_lossy()
            .into_owned(),
        None => "vibeguard".to_string(),
    };
    if installed.is_none() && !args.check {
        eprintln!(
            "vibeguard init: warning: `vibeguard` is not on PATH, so the hooks written below (`vibeguard hook ...`) cannot start, and an agent whose hook cannot start runs the tool call unchecked. Fix: install it (scripts/install.sh puts it in ~/.cargo/bin), make sure that directory is on PATH, then run `vibeguard init` again to write its absolute path."
        );
    }
    let opts = Options {
        root: root.clone(),
        agents: args.agent,
        profile: args.profile,
        check: args.check,
        program,
    };
    let plan = init::plan(&opts).map_err(anyhow::Error::msg)?;
    let agents = plan
        .agents
        .iter()
        .map(|a| a.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if args.check {
        let drifted: Vec<_> = plan.items.iter().filter(|i| i.after.is_some()).collect();
        let unresolved: Vec<(&str, &str)> = plan
            .items
            .iter()
            .flat_map(|i| i.unresolved.iter().map(|p| (i.rel.as_str(), p.as_str())))
            .collect();
        for (rel, p) in &unresolved {
            println!(
                "broken: {rel} starts `{p}`, which does not resolve to an executable; the agent cannot run the hook and lets its tool calls through (install vibeguard and run `vibeguard init`)"
            );
        }
        if drifted.is_empty() && unresolved.is_empty() {
            println!(
                "in sync: {} files match vibeguard.toml (profile {}, agents {agents})",
                plan.items.len(),
                plan.profile.as_str()
            );
            return Ok(ExitCode::SUCCESS);
        }
        if drifted.is_empty() {
            return Ok(ExitCode::from(1));
        }
        for i in &drifted {
            let state = if i.before.is_none() {
                "missing"
            } else {
                "differs"
            };
            println!("drift: {} {state} (expected {})", i.rel, i.what);
        }
        println!(
            "run `vibeguard init` to bring {} file(s) back in line",
            drifted.len()
        );
        return Ok(ExitCode::from(1));
    }
    init::write(&root, &plan).map_err(anyhow::Error::msg)?;
    println!(
        "vibeguard init: profile {}, agents {agents}",
        plan.profile.as_str()
    );
    for i in &plan.items {
        let verb = match (&i.before, &i.after) {
            (_, None) => "unchanged",
            (None, Some(_)) => "created",
            (Some(_), Some(_)) => "updated",
        };
        if i.after.is_some() {
            println!("  {verb:<9} {}: {}", i.rel, i.what);
        } else {
            println!("  {verb:<9} {}", i.rel);
        }
    }
    if plan.items.iter().all(|i| i.after.is_none()) {
        println!("nothing changed: every file already matches vibeguard.toml");
    }
    if args.mcp {
        for line in crate::init_mcp::register(&root, &plan.agents).map_err(anyhow::Error::msg)? {
            println!("{line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
