//! `vibeguard baseline create|update [PATH]`: accept today's findings so that only new
//! ones fail a scan (`scan --baseline .vibeguard/baseline.json`).

use crate::cmd::scan::{WalkArgs, print_warnings};
use anyhow::bail;
use std::path::PathBuf;
use std::process::ExitCode;
use vibeguard_core::baseline::{self, Baseline};
use vibeguard_engine::Filters;

#[derive(clap::Args)]
pub struct BaselineArgs {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(clap::Subcommand)]
pub enum Action {
    /// Write a new baseline of every current finding (replaces an existing one).
    Create(Target),
    /// Keep the entries whose finding still exists, drop the rest, add new findings.
    Update(Target),
}

#[derive(clap::Args)]
pub struct Target {
    #[command(flatten)]
    pub walk: WalkArgs,
    /// Baseline file [default: <first PATH>/.vibeguard/baseline.json]
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

pub fn run(args: BaselineArgs) -> anyhow::Result<ExitCode> {
    let (target, update) = match args.action {
        Action::Create(t) => (t, false),
        Action::Update(t) => (t, true),
    };
    let mut engine = target.walk.engine(false)?;
    let file = match &target.file {
        Some(f) => f.clone(),
        None => {
            let root = &engine.roots[0];
            if root.is_file() {
                bail!("give --file when the PATH is a file, not a folder");
            }
            root.join(baseline::DEFAULT_PATH)
        }
    };
    let previous = if update {
        if !file.exists() {
            bail!(
                "no baseline at {}: run `vibeguard baseline create` first",
                file.display()
            );
        }
        Some(Baseline::load(&file)?)
    } else {
        None
    };
    // Findings of switched-off rules are not baselined; everything else is.
    let out = {
        let _spinner = crate::cmd::scan::spinner(&engine, &vibeguard_engine::Target::Tree);
        engine.scan(&vibeguard_engine::Target::Tree, &Filters::default())?
    };
    print_warnings(&out.warnings);
    let (next, verb) = match &previous {
        Some(prev) => (prev.updated(&out.findings), "updated"),
        None => (Baseline::from_findings(&out.findings), "created"),
    };
    next.save(&file)?;
    let kept = previous.as_ref().map_or(0, |p| {
        p.entries
            .iter()
            .filter(|e| next.entries.contains(e))
            .count()
    });
    let removed = previous.as_ref().map_or(0, |p| p.entries.len() - kept);
    let added = next.entries.len() - kept;
    if update {
        eprintln!(
            "baseline {verb}: {} entries ({added} added, {kept} kept, {removed} removed) in {}",
            next.entries.len(),
            file.display()
        );
    } else {
        eprintln!(
            "baseline {verb}: {} entries in {}",
            next.entries.len(),
            file.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
