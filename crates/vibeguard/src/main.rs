//! The `vibeguard` command line: one file per subcommand under `cmd/`.

mod analyzers;
mod cmd;
mod init;
mod init_mcp;
mod progress;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "vibeguard",
    version,
    about = "Security guardrails for AI coding agents: a gate for every tool call and a fast scanner for commits and CI"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find secrets, insecure code, insecure configuration and vulnerable or suspicious
    /// dependencies in files, a change (--diff), the index (--staged) or a repository's
    /// history (--history: secrets only).
    Scan(cmd::scan::ScanArgs),
    /// Apply the automatic fixes findings carry (`--dry-run` prints a diff instead).
    Fix(cmd::fix::FixArgs),
    /// Accept today's findings in .vibeguard/baseline.json (commit it) so scans report only
    /// new ones.
    Baseline(cmd::baseline::BaselineArgs),
    /// List every rule (secrets, code, configuration, dependencies, agent gate) with its
    /// severity.
    Rules(cmd::rules::RulesArgs),
    /// Print one rule's documentation: what it finds, why it matters, an example, the fix.
    Explain(cmd::explain::ExplainArgs),
    /// Gate one agent tool call: read the agent's hook JSON on stdin, answer allow, ask or
    /// deny in that agent's protocol, and log the decision (`hook install-git`: install
    /// the git pre-commit hook).
    Hook(cmd::git_hook::HookCommand),
    /// Judge a shell command as the gate would and print the decision (exit 1 unless
    /// allowed).
    Check(cmd::check::CheckArgs),
    /// Set a project up: vibeguard.toml, the agents' hooks, their security instructions and
    /// .gitignore; --check reports drift.
    Init(cmd::init::InitArgs),
    /// List, filter, export and verify the audit log of the gate's decisions.
    Log(cmd::log::LogArgs),
    /// List, show or write hardened configuration templates.
    Template(cmd::template::TemplateArgs),
    /// Language Server for editors (stdio): findings as diagnostics, hover docs, fixes.
    Lsp(cmd::lsp::LspArgs),
    /// MCP server for agents (stdio): scan files and snippets, check commands, explain rules.
    Mcp(cmd::mcp::McpArgs),
    /// Manage the local advisory store (OSV): update, import, status.
    Db(cmd::db::DbArgs),
    /// Check packages before adding them: vulnerable, malicious, non-existent, look-alike, brand new.
    Deps(cmd::deps::DepsArgs),
    /// AI bill of materials: components, vulnerabilities and AI provenance (CycloneDX, SPDX, Markdown).
    Bom(cmd::bom::BomArgs),
    /// Which lines, files and components came from agents, and what the gate decided.
    Provenance(cmd::provenance::ProvenanceArgs),
}

fn main() -> ExitCode {
    // Agents run `vibeguard hook <agent>` on every tool call; building clap's whole command
    // tree (every subcommand's arguments and help) costs more than the gate's own logic, so
    // the plain hook forms are dispatched directly. Anything else (help, a typo, another
    // order) goes through clap, which gives the same result and its usual messages.
    if let Some(args) = cmd::hook::fast_args(std::env::args_os().skip(1)) {
        return finish(cmd::hook::run(args));
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if !matches!(cli.command, Command::Hook(_)) {
        quiet_on_closed_pipe();
    }
    let result = match cli.command {
        Command::Scan(a) => cmd::scan::run(a),
        Command::Fix(a) => cmd::fix::run(a),
        Command::Baseline(a) => cmd::baseline::run(a),
        Command::Rules(a) => cmd::rules::run(a),
        Command::Explain(a) => cmd::explain::run(a),
        Command::Hook(a) => a.run(),
        Command::Check(a) => cmd::check::run(a),
        Command::Init(a) => cmd::init::run(a),
        Command::Log(a) => cmd::log::run(a),
        Command::Template(a) => cmd::template::run(a),
        Command::Lsp(a) => cmd::lsp::run(a),
        Command::Mcp(a) => cmd::mcp::run(a),
        Command::Db(a) => cmd::db::run(a),
        Command::Deps(a) => cmd::deps::run(a),
        Command::Bom(a) => cmd::bom::run(a),
        Command::Provenance(a) => cmd::provenance::run(a),
    };
    finish(result)
}

/// `vibeguard log | head -1`: when the reader goes away, end quietly the way Unix tools
/// do (killed by SIGPIPE) instead of failing every later write with "Broken pipe" and an
/// error exit. Rust ignores SIGPIPE by default; this puts the default back. Not for the
/// hook, whose answer and audit entry must not be cut short by a signal (it ignores
/// write errors instead).
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread is spawned; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// The process exit for a subcommand's result: its own code, or 2 with the error.
fn finish(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
