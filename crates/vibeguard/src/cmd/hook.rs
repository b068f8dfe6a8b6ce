//! `vibeguard hook <agent>`: answer one agent hook call.
//!
//! Reads the agent's JSON on stdin, judges the action and answers in that agent's
//! protocol. Every failure (bad input, invalid policy, panic, deadline) is answered as a
//! deliberate ask or block; the process never exits in a way the agent reads as
//! "go ahead". Each decision is appended to `.vibeguard/audit.db`; a failure to log is a
//! warning on stderr and never changes the decision.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use vibeguard_core::{Analyzer, Policy};
use vibeguard_gate::runner::project_root;
use vibeguard_gate::{Agent, HookEnv, HookRun, OnTimeout, run_hook};

#[derive(clap::Args)]
#[command(
    after_help = "The agent's hook settings run `vibeguard hook <agent>` (see `vibeguard init`).\n\
Output follows each agent's protocol: Claude/Codex hookSpecificOutput.permissionDecision, \
Cursor permission, Gemini decision + exit 2, Copilot permissionDecision, Windsurf exit 2 + stderr."
)]
pub struct HookArgs {
    /// The calling agent: claude, cursor, codex, gemini, copilot or windsurf.
    #[arg(value_parser = parse_agent)]
    pub agent: Agent,
    /// Event name, for agents whose input does not name it (Copilot CLI:
    /// `preToolUse`, `userPromptSubmitted`). Normally not needed.
    #[arg(long)]
    pub event: Option<String>,
}

fn parse_agent(s: &str) -> Result<Agent, String> {
    s.parse()
}

/// The hook's arguments when the command line (after the program name) is exactly
/// `hook <agent>`, `hook <agent> --event <name>` or `hook <agent> --event=<name>` with a
/// known agent, so `main` can skip clap; `None` for anything else (clap then parses it,
/// with help and errors as usual).
pub fn fast_args(mut args: impl Iterator<Item = std::ffi::OsString>) -> Option<HookArgs> {
    if args.next()? != "hook" {
        return None;
    }
    let agent = parse_agent(args.next()?.to_str()?).ok()?;
    let event = match args.next() {
        None => None,
        Some(flag) if flag == "--event" => Some(args.next()?.into_string().ok()?),
        Some(flag) => Some(flag.to_str()?.strip_prefix("--event=")?.to_string()),
    };
    if args.next().is_some() || event.as_deref().is_some_and(|e| e.starts_with('-')) {
        return None;
    }
    Some(HookArgs { agent, event })
}

/// The content analyzers a write or a prompt is scanned with: the same ones `scan` runs,
/// so a rule fires with the same id in the agent's Write and in CI.
pub fn make_analyzers(policy: &Policy) -> Result<Vec<Box<dyn Analyzer>>, String> {
    // Content written by an agent is judged from local data only: registry look-ups for
    // manifest edits go through the package checker, within its deadline.
    let mut policy = policy.clone();
    policy.deps.offline = true;
    crate::analyzers::build_analyzers(&policy).map_err(|e| format!("{e:#}"))
}

fn hook_env() -> HookEnv {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    HookEnv {
        process_cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")),
        home: var("HOME").unwrap_or_else(|| PathBuf::from("/")),
        project_dir: var("CLAUDE_PROJECT_DIR")
            .or_else(|| var("CURSOR_PROJECT_DIR"))
            .or_else(|| var("GEMINI_PROJECT_DIR")),
    }
}

pub fn run(args: HookArgs) -> anyhow::Result<ExitCode> {
    // A panic is caught and answered; its message must not reach the agent as noise.
    std::panic::set_hook(Box::new(|_| {}));
    let env = hook_env();
    let fallback_root = project_root(env.project_dir.as_deref(), None, &env.process_cwd);
    let timeout_root = fallback_root.clone();
    // A deadline overrun is answered from the watchdog thread while the work is still
    // stuck: answer, log, and end the process there.
    let on_timeout: OnTimeout = Box::new(move |run| {
        let code = deliver(&run, &timeout_root);
        std::process::exit(code.into());
    });
    vibeguard_gate::set_package_checker(crate::analyzers::package_checker);
    let run = run_hook(
        args.agent,
        args.event,
        Box::new(std::io::stdin()),
        env,
        make_analyzers,
        on_timeout,
    );
    Ok(ExitCode::from(deliver(&run, &fallback_root)))
}

/// Writes the answer in the agent's protocol, then logs the decision; returns the exit
/// code. A failure to log is a warning and never changes the answer.
fn deliver(run: &HookRun, fallback_root: &std::path::Path) -> u8 {
    {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(run.output.stdout.as_bytes());
        let _ = out.flush();
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(run.output.stderr.as_bytes());
    }
    if let Err(e) = audit(run, fallback_root) {
        eprintln!("vibeguard: warning: the decision was not logged: {e}");
    }
    if let Some(action) = &run.trace_write {
        let root = run.root.as_deref().unwrap_or(fallback_root);
        if let Err(e) = crate::cmd::trace::record_write(run, action, root) {
            eprintln!("vibeguard: warning: no Agent Trace record was written: {e}");
        }
    }
    run.output.exit_code
}

/// Append the decision to the project's audit log.
fn audit(run: &HookRun, fallback_root: &std::path::Path) -> Result<(), String> {
    if !run.gated {
        return Ok(());
    }
    let root = run.root.as_deref().unwrap_or(fallback_root);
    let record = vibeguard_store::AuditRecord {
        time: String::new(),
        agent: run.agent.as_str().to_string(),
        session: run.session.clone(),
        tool: run.tool.clone(),
        input_digest: run.summary.clone(),
        input_sha256: run.input_sha256.clone(),
        rules: run.verdict.rule_ids(),
        tier: run.verdict.max_tier().map(|t| tier_name(t).to_string()),
        decision: run.verdict.decision.as_str().to_string(),
        reason: run.verdict.reason.clone(),
        latency_us: run.elapsed.as_micros() as u64,
    };
    append_audit(root, &record)
}

/// The one call into the store: open `<root>/.vibeguard/audit.db` and append.
pub fn append_audit(
    root: &std::path::Path,
    record: &vibeguard_store::AuditRecord,
) -> Result<(), String> {
    let mut log = vibeguard_store::AuditLog::open_exclusive(&root.join(vibeguard_store::STATE_DIR))
        .map_err(|e| e.to_string())?;
    log.append(record).map(|_| ()).map_err(|e| e.to_string())
}

pub fn tier_name(t: vibeguard_gate::Tier) -> &'static str {
    match t {
        vibeguard_gate::Tier::Low => "low",
        vibeguard_gate::Tier::Medium => "medium",
        vibeguard_gate::Tier::High => "high",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// What clap makes of the same command line, as (agent, event).
    fn via_clap(args: &[&str]) -> Option<(&'static str, Option<String>)> {
        let cli =
            crate::Cli::try_parse_from(std::iter::once("vibeguard").chain(args.iter().copied()))
                .ok()?;
        match cli.command {
            crate::Command::Hook(h) => h.agent.map(|a| (a.agent.as_str(), a.event)),
            _ => None,
        }
    }

    fn via_fast(args: &[&str]) -> Option<(&'static str, Option<String>)> {
        fast_args(args.iter().map(std::ffi::OsString::from)).map(|a| (a.agent.as_str(), a.event))
    }

    #[test]
    fn the_fast_path_reads_the_plain_hook_forms_exactly_like_clap() {
        for args in [
            &["hook", "claude"][..],
            &["hook", "Codex"],
            &["hook", "copilot", "--event", "preToolUse"],
            &["hook", "copilot", "--event=userPromptSubmitted"],
            &["hook", "gemini", "--event="],
        ] {
            let fast = via_fast(args);
            assert!(fast.is_some(), "{args:?} not taken by the fast path");
            assert_eq!(fast, via_clap(args), "{args:?}");
        }
    }

    #[test]
    fn everything_else_is_left_to_clap() {
        for args in [
            &[][..],
            &["hook"],
            &["hook", "--help"],
            &["hook", "claude", "--help"],
            &["hook", "vim"],
            &["hook", "claude", "extra"],
            &["hook", "claude", "--event"],
            &["hook", "claude", "--event", "--help"],
            &["hook", "--event", "x", "claude"],
            &["check", "ls"],
            &["--version"],
        ] {
            assert_eq!(via_fast(args), None, "{args:?}");
        }
    }
}
