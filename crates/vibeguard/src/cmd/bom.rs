//! `vibeguard bom [PATH]`: the AI bill of materials (CycloneDX 1.6, SPDX 3.0.1, Markdown),
//! whole or only what a change adds or removes (`--diff REV`).

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum BomFormat {
    /// CycloneDX 1.6 JSON.
    #[value(name = "cyclonedx-json")]
    CycloneDx,
    /// SPDX 3.0.1 JSON-LD.
    #[value(name = "spdx-json")]
    Spdx,
    /// Markdown for a pull-request comment.
    Markdown,
    /// vibeguard's own JSON (every field the other formats draw on).
    Json,
}

#[derive(clap::Args)]
#[command(
    after_help = "Components come from every lockfile and manifest vibeguard reads; \
vulnerabilities from the local advisory store (`vibeguard db update`; never downloaded here); \
AI provenance from commit markers, git-ai notes (refs/notes/ai), Agent Trace records \
(.agent-trace/) and the gate's audit log (.vibeguard/audit.db). \"unknown\" lines are lines no \
source attributes: that is not evidence that a person wrote them.\n\n\
Exit status: 0 written, 2 usage error or unreadable project."
)]
pub struct BomArgs {
    /// Project directory (default: the current directory).
    pub path: Option<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "cyclonedx-json")]
    pub format: BomFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only what changed since REV: components added, removed or changed, lines added,
    /// gate decisions since REV's commit.
    #[arg(long, value_name = "REV")]
    pub diff: Option<String>,
    /// Components and vulnerabilities only: no git history, notes, traces or audit log.
    #[arg(long)]
    pub no_provenance: bool,
    /// Blame every text file, not only the files a provenance source names.
    #[arg(long)]
    pub all_files: bool,
}

/// The rule set this build carries, as one line: count and a digest of the ids.
pub fn ruleset() -> Option<String> {
    let policy = vibeguard_core::Policy::default();
    let analyzers = crate::analyzers::scan_analyzers(&policy).ok()?;
    let ids: Vec<String> = crate::analyzers::all_rules(&analyzers)
        .into_iter()
        .map(|r| r.id)
        .collect();
    Some(vibeguard_bom::ruleset_line(env!("CARGO_PKG_VERSION"), &ids))
}

/// Build options for the project at `root` from its policy.
pub fn options(
    root: &Path,
    provenance: bool,
    all_files: bool,
) -> anyhow::Result<vibeguard_bom::Options> {
    let policy = crate::analyzers::load_policy(root)?;
    let db = vibeguard_deps::paths::advisory_db();
    Ok(vibeguard_bom::Options {
        root: root.to_path_buf(),
        advisory_db: Some(db),
        advisory_ignore: policy.deps.ignore.clone(),
        excludes: policy.scan.exclude.clone(),
        provenance,
        blame_all: all_files,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        ruleset: ruleset(),
        state_dir: None,
    })
}

pub fn run(args: BomArgs) -> anyhow::Result<ExitCode> {
    let root = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if !root.is_dir() {
        anyhow::bail!("{}: not a directory", root.display());
    }
    let opts = options(&root, !args.no_provenance, args.all_files)?;
    let bom = vibeguard_bom::build(&opts)?;
    let text = match &args.diff {
        None => render(&bom, args.format)?,
        Some(rev) => {
            let state = root.join(vibeguard_store::STATE_DIR);
            let (d, narrowed) = vibeguard_bom::diff::diff(&bom, &root, rev, &state)?;
            match args.format {
                BomFormat::Markdown => vibeguard_bom::diff::markdown(&d, &narrowed),
                BomFormat::Json => {
                    let mut s = serde_json::to_string_pretty(&serde_json::json!({
                        "diff": d,
                        "bom": narrowed,
                    }))?;
                    s.push('\n');
                    s
                }
                f => render(&narrowed, f)?,
            }
        }
    };
    match &args.output {
        Some(path) => std::fs::write(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
        }
    }
    for w in &bom.components.warnings {
        eprintln!("warning: {w}: left out of the BOM");
    }
    Ok(ExitCode::SUCCESS)
}

fn render(bom: &vibeguard_bom::Bom, format: BomFormat) -> anyhow::Result<String> {
    Ok(match format {
        BomFormat::CycloneDx => vibeguard_bom::cyclonedx::to_string(bom),
        BomFormat::Spdx => vibeguard_bom::spdx::to_string(bom),
        BomFormat::Markdown => vibeguard_bom::markdown::to_string(bom),
        BomFormat::Json => {
            let mut s = serde_json::to_string_pretty(bom)?;
            s.push('\n');
            s
        }
    })
}
