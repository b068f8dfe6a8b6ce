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
    /// Scan files, a change, the index or a repository's history for secrets.
    Scan(cmd::scan::ScanArgs),
    /// Create or update the baseline of accepted findings.
    Baseline(cmd::baseline::BaselineArgs),
    /// List every rule.
    Rules(cmd::rules::RulesArgs),
    /// Print one rule's documentation.
    Explain(cmd::explain::ExplainArgs),
    /// Answer an agent's hook call (reads the agent's JSON on stdin).
    Hook(cmd::git_hook::HookCommand),
    /// Check a shell command with the gate and print the decision.
    Check(cmd::check::CheckArgs),
    /// Write vibeguard.toml, install agent hooks and the security context.
    Init(cmd::init::InitArgs),
    /// List, filter, export and verify the audit log of gate decisions.
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
    let result = match cli.command {
        Command::Scan(a) => cmd::scan::run(a),
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
