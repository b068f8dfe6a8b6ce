//! `vibeguard log`: list, filter and export the audit log of gate decisions, and
//! `vibeguard log verify` to check its hash chain.

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vibeguard_store::{AuditFilter, AuditLog, STATE_DIR, StoredRecord, since_to_time};

#[derive(clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Each row is hash-chained to the one before it and a head record remembers the last row, \
so `log verify` detects a row edited or deleted with another tool and rows cut off the end. \
The chain has no secret key: someone who rewrites every later hash and the head, or deletes \
the whole file, is not detected. Keep the head hash that `log verify` prints somewhere the \
agent cannot write (a CI log) to pin history.\n\n\
Exit status:\n  0  listed (also when there is no log yet) / the chain is intact\n  1  `log verify` found an edited, deleted or truncated log\n  2  usage error or unreadable log"
)]
pub struct LogArgs {
    #[command(subcommand)]
    pub action: Option<LogAction>,
    /// Only this decision.
    #[arg(long, value_parser = ["allow", "ask", "deny"])]
    pub decision: Option<String>,
    /// Only decisions where this rule id fired (exact id, e.g. gate/git-force-push).
    #[arg(long)]
    pub rule: Option<String>,
    /// Only this agent (claude, cursor, codex, gemini, copilot, windsurf).
    #[arg(long)]
    pub agent: Option<String>,
    /// Only decisions at or after this time: RFC 3339, a date (2026-01-02) or a duration
    /// back from now (30m, 1h, 2d, 1w).
    #[arg(long)]
    pub since: Option<String>,
    /// Only the newest N matching decisions.
    #[arg(long)]
    pub limit: Option<usize>,
    /// JSON lines, one decision per line, with ids and chain hashes.
    #[arg(long)]
    pub json: bool,
    /// Project directory (default: the current directory); the log is DIR/.vibeguard/audit.db.
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
pub enum LogAction {
    /// Recompute the hash chain: report an edited row, deleted rows or a truncated tail.
    Verify {
        /// Project directory (default: the current directory).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

fn state_dir(dir: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let root = match dir {
        Some(d) => d,
        None => std::env::current_dir().context("cannot determine the current directory")?,
    };
    Ok(root.join(STATE_DIR))
}

fn open(state: &Path) -> anyhow::Result<Option<AuditLog>> {
    let log = AuditLog::open_existing(state)?;
    if log.is_none() {
        eprintln!(
            "no audit log at {} (it is created when an agent hook first calls `vibeguard hook`)",
            state.join(vibeguard_store::AUDIT_DB).display()
        );
    }
    Ok(log)
}

pub fn run(args: LogArgs) -> anyhow::Result<ExitCode> {
    if let Some(LogAction::Verify { dir }) = args.action {
        return verify(&state_dir(dir)?);
    }
    if let Some(rule) = &args.rule {
        check_rule_filter(rule, args.dir.as_deref())?;
    }
    let state = state_dir(args.dir)?;
    let since = args
        .since
        .as_deref()
        .map(|s| since_to_time(s, jiff_now()))
        .transpose()?;
    let Some(log) = open(&state)? else {
        return Ok(ExitCode::SUCCESS);
    };
    let filter = AuditFilter {
        decision: args.decision,
        rule: args.rule,
        agent: args.agent,
        since,
        limit: args.limit,
    };
    let records = log.query(&filter)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for r in &records {
            serde_json::to_writer(&mut out, r)?;
            out.write_all(b"\n")?;
        }
    } else if records.is_empty() {
        eprintln!("no decisions match");
    } else {
        write_table(&mut out, &records)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `--rule` must name a rule that exists, or a typo would just print "no decisions
/// match": the error suggests the closest ids.
fn check_rule_filter(rule: &str, dir: Option<&Path>) -> anyhow::Result<()> {
    let rules = crate::cmd::rules::catalogue_in(dir.unwrap_or(Path::new(".")))?;
    if rules.iter().any(|r| r.id == rule) {
        return Ok(());
    }
    let close = vibeguard_core::suggest::closest(rule, rules.iter().map(|r| r.id.as_str()), 3);
    let hint = match close.as_slice() {
        [] => " (see `vibeguard rules`)".to_string(),
        c => vibeguard_core::suggest::did_you_mean(c),
    };
    anyhow::bail!(
        "--rule: unknown rule id `{}`{hint}",
        vibeguard_report::sanitize::terminal_safe(rule)
    )
}

fn jiff_now() -> vibeguard_store::Timestamp {
    vibeguard_store::Timestamp::now()
}

fn verify(state: &Path) -> anyhow::Result<ExitCode> {
    let Some(log) = open(state)? else {
        return Ok(ExitCode::SUCCESS);
    };
    let report = log.verify()?;
    if report.is_ok() {
        match &report.head {
            Some((id, hash)) => println!(
                "OK: {} rows, hash chain intact; head {id} {hash}",
                report.rows
            ),
            None => println!("OK: the log is empty"),
        }
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "TAMPERED: {} ({} rows present)",
        log.path().display(),
        report.rows
    );
    for p in &report.problems {
        println!("  - {p}");
    }
    Ok(ExitCode::from(1))
}

/// Replaces control characters so a logged input cannot drive the terminal.
fn clean(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect();
    if s.chars().count() > max {
        out.pop();
        out.push('…');
    }
    out
}

fn write_table(out: &mut impl Write, records: &[StoredRecord]) -> std::io::Result<()> {
    writeln!(
        out,
        "{:>6}  {:<19}  {:<8}  {:<12}  {:<8}  {:<6}  {:<28}  INPUT",
        "ID", "TIME (UTC)", "AGENT", "TOOL", "DECISION", "TIER", "RULES"
    )?;
    for r in records {
        let rec = &r.record;
        let time = rec.time.get(..19).unwrap_or(&rec.time).replace('T', " ");
        let rules = if rec.rules.is_empty() {
            "-".to_string()
        } else {
            rec.rules.join(",")
        };
        writeln!(
            out,
            "{:>6}  {:<19}  {:<8}  {:<12}  {:<8}  {:<6}  {:<28}  {}",
            r.id,
            clean(&time, 19),
            clean(&rec.agent, 8),
            clean(&rec.tool, 12),
            clean(&rec.decision, 8),
            clean(rec.tier.as_deref().unwrap_or("-"), 6),
            clean(&rules, 28),
            clean(&rec.input_digest, 80),
        )?;
        if rec.decision != "allow" && !rec.reason.is_empty() {
            writeln!(out, "{:>6}  reason: {}", "", clean(&rec.reason, 160))?;
        }
    }
    Ok(())
}
