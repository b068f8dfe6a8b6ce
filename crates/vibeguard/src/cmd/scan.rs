//! `vibeguard scan`: the working tree, a change (`--diff`), the index (`--staged`) or the
//! whole history (`--history`), through the same analyzers and filters.

//!
//! The choice of target and every filter live in `vibeguard-engine`; this file turns the
//! flags into an engine call and renders the result.

use crate::analyzers::{all_rules, scan_analyzers};
use crate::progress;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;
use vibeguard_core::Severity;
use vibeguard_core::pipeline::Progress;
use vibeguard_engine::{DiffBase, Engine, EngineOptions, Filters, Target, fails};
use vibeguard_report::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    /// Markdown for pull-request comments and job summaries.
    Markdown,
    /// GitHub Actions workflow annotations.
    Github,
    /// One self-contained HTML page (use with -o report.html).
    Html,
    /// GitLab's SAST report (`artifacts:reports:sast`).
    GitlabSast,
}

/// `--also FORMAT:FILE`: one more report of the same scan.
#[derive(Clone, Debug)]
pub struct AlsoReport {
    pub format: Format,
    pub path: PathBuf,
}

fn parse_also(s: &str) -> Result<AlsoReport, String> {
    use clap::ValueEnum;
    let (fmt, path) = s
        .split_once(':')
        .ok_or_else(|| format!("`{s}` is not FORMAT:FILE (e.g. sarif:vibeguard.sarif)"))?;
    let format = Format::from_str(fmt, true).map_err(|_| {
        format!("unknown format `{fmt}` (text, json, sarif, markdown, github, html)")
    })?;
    if path.is_empty() {
        return Err(format!("`{s}` names no file"));
    }
    Ok(AlsoReport {
        format,
        path: PathBuf::from(path),
    })
}

/// What to walk and how; shared by `scan` and `baseline`.
#[derive(clap::Args, Debug, Clone)]
pub struct WalkArgs {
    /// Files or folders to scan [default: .]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Skip paths matching this glob (repeatable); on top of .gitignore, .vibeguardignore
    /// and [scan].exclude.
    #[arg(long = "exclude", value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Skip files larger than this (bytes; K, M, G suffixes allowed) [default: 10M]
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
    /// Worker threads, 1 to 1024 [default: available cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
    /// No registry look-ups for dependency names: answer from the cache only (unknown
    /// names stay unknown). The advisory store is never downloaded by a scan.
    #[arg(long)]
    pub offline: bool,
    /// Whose input the code analyzer treats as untrusted: `remote` (requests, browser
    /// input, network reads) or `local` (also environment variables, system properties,
    /// configuration and data files, database rows, the console and arguments at every
    /// sink) [default: remote, or [scan].threat_model]
    #[arg(long, value_name = "MODEL", value_parser = clap::value_parser!(vibeguard_core::ThreatModel))]
    pub threat_model: Option<vibeguard_core::ThreatModel>,
}

#[derive(clap::Args, Debug)]
pub struct ScanArgs {
    #[command(flatten)]
    pub walk: WalkArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the report to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the same scan's report in another format to FILE (repeatable), e.g.
    /// `--also sarif:vibeguard.sarif --also markdown:summary.md`.
    #[arg(long, value_name = "FORMAT:FILE", value_parser = parse_also)]
    pub also: Vec<AlsoReport>,
    /// Exit 1 when a finding at or above this severity remains [default: low, or
    /// [scan].fail_on]
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<Severity>,
    /// Hide findings below this severity.
    #[arg(long, value_name = "SEVERITY")]
    pub min_severity: Option<Severity>,
    /// Drop findings accepted in this baseline (see `vibeguard baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Print secrets in full (they are redacted by default).
    #[arg(long)]
    pub show_secrets: bool,
    /// Print files, bytes, time per stage and the slowest rules and files.
    #[arg(long)]
    pub stats: bool,
    /// Name every file that was not scanned (binary, too large, symlink) after the
    /// summary; the JSON and SARIF reports always list them.
    #[arg(short, long)]
    pub verbose: bool,
    /// Only findings on lines added since REV (working tree compared with REV). Without
    /// REV (last on the line, or before another flag) the base of the pull or merge
    /// request is read from the CI environment (GitHub Actions, GitLab CI,
    /// VIBEGUARD_DIFF_BASE).
    #[arg(long, value_name = "REV", num_args = 0..=1, default_missing_value = "",
          conflicts_with_all = ["staged", "history"])]
    pub diff: Option<String>,
    /// Scan the index (what the next commit would add), for pre-commit hooks.
    #[arg(long, conflicts_with = "history")]
    pub staged: bool,
    /// Scan every blob reachable from any ref, once each.
    #[arg(long)]
    pub history: bool,
    /// With --history: only commits after REV.
    #[arg(long, value_name = "REV", requires = "history")]
    pub since: Option<String>,
    /// Run only these analyzers (comma-separated: secrets, code, config) [default: all]
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub analyzers: Vec<String>,
}

/// `10M`, `512k`, `1G`, `4096` -> bytes (binary multiples).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let lower = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (num, mult) = match lower.chars().last() {
        Some('k') => (&lower[..lower.len() - 1], 1u64 << 10),
        Some('m') => (&lower[..lower.len() - 1], 1 << 20),
        Some('g') => (&lower[..lower.len() - 1], 1 << 30),
        _ => (lower, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("`{t}` is not a size (examples: 4096, 512K, 10M, 1G)"))
}

impl WalkArgs {
    /// The engine options these flags ask for.
    pub fn engine_options(&self, timings: bool) -> EngineOptions {
        EngineOptions {
            roots: self.paths.clone(),
            exclude: self.exclude.clone(),
            max_file_size: self.max_file_size,
            threads: self.threads.map(usize::from),
            offline: self.offline,
            threat_model: self.threat_model,
            timings,
            progress: Some(Arc::new(Progress::default())),
        }
    }

    /// The engine with the standard analyzers, for these flags.
    pub fn engine(&self, timings: bool) -> anyhow::Result<Engine> {
        Engine::new(self.engine_options(timings), scan_analyzers)
    }
}

impl ScanArgs {
    /// What to scan, from `--diff`, `--staged` and `--history`.
    pub fn target(&self) -> Target {
        if let Some(rev) = &self.diff {
            if rev.is_empty() {
                Target::Diff(DiffBase::FromCi)
            } else {
                Target::Diff(DiffBase::Rev(rev.clone()))
            }
        } else if self.staged {
            Target::Staged
        } else if self.history {
            Target::History {
                since: self.since.clone(),
            }
        } else {
            Target::Tree
        }
    }
}

/// A progress spinner over the engine's counters while a scan runs.
pub fn spinner(engine: &Engine, target: &Target) -> progress::Spinner {
    let what = match target {
        Target::Diff(_) => "scanning changes",
        Target::Staged => "scanning the index",
        Target::History { .. } => "scanning history",
        _ => "scanning",
    };
    let counters = engine.options.progress.clone().unwrap_or_default();
    progress::start(counters, what, progress::wanted())
}

pub fn run(args: ScanArgs) -> anyhow::Result<ExitCode> {
    let mut engine = args.walk.engine(args.stats)?;
    engine.select_analyzers(&args.analyzers)?;
    let fail_on = engine.fail_threshold(args.fail_on);
    let filters = Filters {
        min_severity: args.min_severity,
        ..Filters::default()
    }
    .with_baseline_file(args.baseline.as_deref())?;
    let target = args.target();
    let mut out = {
        let _spinner = spinner(&engine, &target);
        engine.scan(&target, &filters)?
    };

    let rules = all_rules(&engine.analyzers);
    let report_start = Instant::now();
    let to_terminal = args.output.is_none();
    let color = to_terminal
        && args.format == Format::Text
        && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
    let report = Report {
        findings: &out.findings,
        rules: &rules,
        stats: &out.stats,
        warnings: &out.warnings,
        show_secrets: args.show_secrets,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    let mut rendered = render(args.format, &report, color);
    if args.verbose && args.format == Format::Text {
        rendered.push_str(&vibeguard_report::text::render_skipped(&out.stats));
    }
    for also in &args.also {
        std::fs::write(&also.path, render(also.format, &report, false))
            .with_context(|| format!("cannot write {}", also.path.display()))?;
    }
    out.stats.report = report_start.elapsed();

    print_warnings(&out.warnings);
    if vibeguard_deps::analyzer::dependency_files_seen()
        && let Some(w) = crate::analyzers::deps_store_warning(&engine.policy)
    {
        eprintln!("warning: {w}");
    }
    match &args.output {
        Some(path) => std::fs::write(path, rendered.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => write_stdout(&rendered)?,
    }
    if args.stats {
        let block = vibeguard_report::text::render_stats(&out.stats);
        if args.format == Format::Text && to_terminal {
            write_stdout(&block)?;
        } else {
            eprint!("{block}");
        }
    }
    Ok(ExitCode::from(u8::from(fails(&out.findings, fail_on))))
}

/// One report in one format.
pub fn render(format: Format, report: &Report<'_>, color: bool) -> String {
    match format {
        Format::Text => vibeguard_report::text::render(report, color),
        Format::Json => vibeguard_report::json::render(report),
        Format::Sarif => vibeguard_report::sarif::render(report),
        Format::Markdown => vibeguard_report::markdown::render(report),
        Format::Github => vibeguard_report::github::render(report),
        Format::Html => vibeguard_report::html::render(report),
        Format::GitlabSast => vibeguard_report::gitlab::render(report),
    }
}

/// Write to stdout; a closed pipe (`| head`) is not an error.
pub fn write_stdout(s: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

/// Warnings go to stderr, at most 20 of them.
pub fn print_warnings(warnings: &[String]) {
    const MAX: usize = 20;
    for w in warnings.iter().take(MAX) {
        eprintln!("warning: {}", vibeguard_report::sanitize::terminal_safe(w));
    }
    if warnings.len() > MAX {
        eprintln!("warning: ... and {} more", warnings.len() - MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_suffixes() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("512K"), Ok(512 * 1024));
        assert_eq!(parse_size("10MiB"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("").is_err());
    }
}
