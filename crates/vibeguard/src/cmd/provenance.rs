//! `vibeguard provenance [PATH]`: which lines, files and components came from agents, by
//! which agent and model, according to which source; and what the gate decided.
//! `vibeguard provenance export --git-ai` writes the gate's line-level records as git-ai
//! notes.

use std::path::PathBuf;
use std::process::ExitCode;
use vibeguard_bom::provenance::{Origin, Provenance, UNKNOWN_NOTE};

#[derive(clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Sources: commit markers of agents (co-author trailers and author identities by e-mail \
address or bot account, Assisted-by trailers), git-ai notes (refs/notes/ai), Agent Trace records \
(.agent-trace/*.jsonl, including the ones the gate writes) and the gate's audit log. A line-level \
source wins over a commit marker.\n\n\
Exit status: 0 reported, 2 usage error or unreadable project."
)]
pub struct ProvenanceArgs {
    #[command(subcommand)]
    pub action: Option<ProvenanceAction>,
    /// Project directory (default: the current directory).
    pub path: Option<PathBuf>,
    /// Everything as JSON: totals, agents, directories, files with their attributed line
    /// ranges, marked commits, components, gate decisions.
    #[arg(long)]
    pub json: bool,
    /// Blame every text file, not only the files a source names.
    #[arg(long)]
    pub all_files: bool,
}

#[derive(clap::Subcommand)]
pub enum ProvenanceAction {
    /// Write provenance in another tool's format.
    Export {
        /// As git-ai authorship logs (git notes under refs/notes/ai), one per commit that
        /// holds agent lines from trace records; commits with a note keep it.
        #[arg(long, required = true)]
        git_ai: bool,
        /// Project directory (default: the current directory).
        path: Option<PathBuf>,
        /// Show what would be written without writing it.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(args: ProvenanceArgs) -> anyhow::Result<ExitCode> {
    if let Some(ProvenanceAction::Export {
        git_ai: _,
        path,
        dry_run,
        json,
    }) = args.action
    {
        let root = path.unwrap_or_else(|| PathBuf::from("."));
        let p = provenance_of(&root, false)?;
        let report = vibeguard_bom::export::git_ai(&root, &p, env!("CARGO_PKG_VERSION"), dry_run)?;
        if json {
            println!("{}", serde_json::to_string_pretty(&report)?);
        } else {
            let verb = if dry_run { "would write" } else { "wrote" };
            println!(
                "{verb} git-ai notes for {} commits ({} agent lines); {} commits already had a note and were left alone; {} agent lines are not committed yet",
                report.written.len(),
                report.lines,
                report.kept.len(),
                report.uncommitted
            );
            if let Some(c) = &report.notes_commit {
                println!("refs/notes/ai is now {c}");
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let root = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let p = provenance_of(&root, args.all_files)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&p)?);
    } else {
        print!("{}", text(&p, &root));
    }
    Ok(ExitCode::SUCCESS)
}

fn provenance_of(root: &std::path::Path, all_files: bool) -> anyhow::Result<Provenance> {
    if !root.is_dir() {
        anyhow::bail!("{}: not a directory", root.display());
    }
    let mut opts = super::bom::options(root, true, all_files)?;
    opts.advisory_db = None;
    opts.ruleset = None;
    let bom = vibeguard_bom::build(&opts)?;
    Ok(bom.provenance.unwrap_or_default())
}

fn pct(n: u64, total: u64) -> String {
    if total == 0 {
        "0.0%".into()
    } else {
        format!("{:.1}%", n as f64 * 100.0 / total as f64)
    }
}

/// Control characters from commit messages and paths are not echoed to the terminal.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn text(p: &Provenance, root: &std::path::Path) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let src = &p.sources;
    let _ = writeln!(
        s,
        "AI provenance of {}{}",
        clean(&root.display().to_string()),
        p.head
            .as_ref()
            .map(|h| format!(" at {}", &h[..12.min(h.len())]))
            .unwrap_or_default()
    );
    let _ = writeln!(
        s,
        "read: {} commits ({} with an agent marker), {} git-ai notes ({} of rewritten commits), {} Agent Trace records ({} by the gate), {} gate decisions",
        src.commits,
        src.marked_commits,
        src.gitai_notes,
        src.gitai_rewritten,
        src.trace_records,
        src.trace_records_by_gate,
        src.audit_records
    );
    let t = &p.totals;
    let _ = writeln!(
        s,
        "\nlines: {}   agent: {} ({})   human: {}   unknown: {}",
        t.lines,
        t.agent,
        pct(t.agent, t.lines),
        t.human,
        t.unknown
    );
    if !t.by_source.is_empty() {
        let parts: Vec<String> = t
            .by_source
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let _ = writeln!(s, "attributed by: {}", parts.join(", "));
    }
    if !p.agents.is_empty() {
        let _ = writeln!(
            s,
            "\n{:<12} {:>7} {:>6} {:>8} {:>7}  {:<16} {:<28} models",
            "agent", "lines", "files", "commits", "writes", "allow/ask/deny", "sources"
        );
        for a in &p.agents {
            let _ = writeln!(
                s,
                "{:<12} {:>7} {:>6} {:>8} {:>7}  {:<16} {:<28} {}",
                clean(&a.agent),
                a.lines,
                a.files,
                a.commits,
                a.gate_writes,
                format!(
                    "{}/{}/{}",
                    a.gate_decisions[0], a.gate_decisions[1], a.gate_decisions[2]
                ),
                a.sources.join(","),
                clean(&a.models.join(", "))
            );
        }
    }
    let dirs: Vec<_> = p
        .directories
        .iter()
        .filter(|d| d.path == "." || !d.path.contains('/') || d.counts.agent + d.counts.human > 0)
        .take(30)
        .collect();
    if dirs.len() > 1
        || dirs
            .first()
            .is_some_and(|d| d.counts.agent + d.counts.human > 0)
    {
        let _ = writeln!(
            s,
            "\n{:<40} {:>6} {:>8} {:>16} {:>7} {:>8}",
            "directory", "files", "lines", "agent", "human", "unknown"
        );
        for d in dirs {
            let _ = writeln!(
                s,
                "{:<40} {:>6} {:>8} {:>16} {:>7} {:>8}",
                clean(&d.path),
                d.files,
                d.counts.lines,
                format!(
                    "{} ({})",
                    d.counts.agent,
                    pct(d.counts.agent, d.counts.lines)
                ),
                d.counts.human,
                d.counts.unknown
            );
        }
    }
    let brought: Vec<_> = p
        .components
        .iter()
        .filter(|c| c.origin == Origin::Agent)
        .collect();
    let _ = writeln!(
        s,
        "\ncomponents brought in by agents: {} of {}",
        brought.len(),
        p.components.len()
    );
    for c in brought.iter().take(50) {
        let _ = writeln!(
            s,
            "  {} ({}:{}) {} — {} [{}]",
            clean(&c.bom_ref),
            clean(&c.file),
            c.line,
            clean(c.agent.as_deref().unwrap_or("agent")),
            c.introduced_by
                .as_ref()
                .map(|i| format!("{} {}", &i.id[..12.min(i.id.len())], clean(&i.subject)))
                .unwrap_or_else(|| "not committed yet".into()),
            c.sources.join(", ")
        );
    }
    let g = &p.gate;
    if g.present {
        let _ = writeln!(
            s,
            "\ngate decisions: {} ({} allowed, {} asked, {} denied)",
            g.records, g.allow, g.ask, g.deny
        );
        for r in &g.by_rule {
            let _ = writeln!(
                s,
                "  {:<40} {:>5} allowed {:>5} asked {:>5} denied",
                clean(&r.rule),
                r.allow,
                r.ask,
                r.deny
            );
        }
    } else {
        let _ = writeln!(s, "\ngate decisions: no audit log (.vibeguard/audit.db)");
    }
    for w in p.warnings.iter().take(20) {
        let _ = writeln!(s, "warning: {}", clean(w));
    }
    let _ = writeln!(s, "\n{UNKNOWN_NOTE}");
    s
}
