//! `vibeguard check "COMMAND"`: the gate's judgement of one shell command, for a person
//! or a script.

use std::path::PathBuf;
use std::process::ExitCode;
use vibeguard_gate::runner::{load_policy, project_root, summarize};
use vibeguard_gate::{Action, Decision, Engine, Verdict};
use vibeguard_shell::ShellContext;

#[derive(clap::Args)]
#[command(
    after_help = "Exit status:\n  0  the gate allows the command\n  1  the gate would ask a person or deny it (also when vibeguard.toml is invalid)\n  2  usage error"
)]
pub struct CheckArgs {
    /// The shell command to check (quote it as one argument).
    pub command: String,
    /// Directory the command would run in (default: the current directory); the project
    /// root and vibeguard.toml are found from here.
    #[arg(long)]
    pub cwd: Option<PathBuf>,
    /// Print the verdict as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let cwd = match args.cwd {
        Some(c) => std::path::absolute(&c)?,
        None => std::env::current_dir()?,
    };
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"));
    let root = project_root(None, None, &cwd);
    let action = Action::Shell {
        command: args.command.clone(),
        cwd: Some(cwd.clone()),
    };
    let verdict = match load_policy(&root) {
        Ok((policy, gate)) => {
            let cx = ShellContext {
                cwd,
                project_root: root.clone(),
                home,
            };
            // Built only if the command looks like it holds a literal secret.
            let analyzers = || super::hook::make_analyzers(&policy);
            let packages = || crate::analyzers::package_checker(&policy);
            Engine::new(&gate, cx, &analyzers)
                .with_packages(&packages)
                .evaluate(&action)
        }
        Err(e) => Verdict::fail_closed(e),
    };
    print_verdict(&verdict, args.json)?;
    let record = vibeguard_store::AuditRecord {
        agent: "check".to_string(),
        tool: "check".to_string(),
        input_digest: summarize(&action),
        input_sha256: vibeguard_core::finding::sha256_hex(args.command.as_bytes()),
        rules: verdict.rule_ids(),
        tier: verdict
            .max_tier()
            .map(|t| super::hook::tier_name(t).to_string()),
        decision: verdict.decision.as_str().to_string(),
        reason: verdict.reason.clone(),
        latency_us: started.elapsed().as_micros() as u64,
        ..Default::default()
    };
    if let Err(e) = super::hook::append_audit(&root, &record) {
        eprintln!("vibeguard: warning: the decision was not logged: {e}");
    }
    Ok(if verdict.decision == Decision::Allow {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_verdict(v: &Verdict, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(v)?);
        return Ok(());
    }
    println!("{}", v.decision.as_str());
    for f in &v.findings {
        println!(
            "  {} [{}] {}",
            f.rule_id,
            super::hook::tier_name(f.tier),
            f.reason
        );
        if let Some(h) = &f.hint {
            println!("    fix: {h}");
        }
    }
    if !v.packages.is_empty() {
        println!("  installs: {}", v.packages.join(", "));
    }
    Ok(())
}
