//! `vibeguard scan`: the working tree, a change (`--diff`), the index (`--staged`) or the
//! whole history (`--history`), through the same analyzers and filters.

use crate::analyzers::{all_rules, load_policy, scan_analyzers};
use crate::progress;
use anyhow::{Context, bail};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;
use vibeguard_core::baseline::{Baseline, BaselineIndex};
use vibeguard_core::pipeline::{
    self, AddedLineMap, BlobScan, FilterConfig, Progress, ScanOptions, ScanOutput,
};
use vibeguard_core::{Analyzer, Policy, Severity};
use vibeguard_report::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
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
    /// Only findings on lines added since REV (working tree compared with REV).
    #[arg(long, value_name = "REV", conflicts_with_all = ["staged", "history"])]
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

/// The scan settings both `scan` and `baseline` derive from the flags and the policy.
pub struct Setup {
    pub roots: Vec<PathBuf>,
    pub policy: Policy,
    pub analyzers: Vec<Box<dyn Analyzer>>,
    pub options: ScanOptions,
}

impl Setup {
    pub fn new(walk: &WalkArgs, timings: bool) -> anyhow::Result<Setup> {
        let roots = if walk.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            walk.paths.clone()
        };
        for r in &roots {
            if let Err(e) = std::fs::metadata(r) {
                bail!("cannot scan {}: {}", r.display(), io_reason(&e));
            }
        }
        let policy = load_policy(&roots[0])?;
        let analyzers = scan_analyzers(&policy)?;
        let mut exclude = policy.scan.exclude.clone();
        exclude.extend(walk.exclude.iter().cloned());
        let threads = pipeline::effective_threads(walk.threads.map_or(0, usize::from));
        let options = ScanOptions {
            roots: roots.clone(),
            threads,
            max_file_size: walk
                .max_file_size
                .or(policy.scan.max_file_size)
                .unwrap_or(pipeline::DEFAULT_MAX_FILE_SIZE),
            exclude,
            timings,
            only_paths: None,
            progress: Some(Arc::new(Progress::default())),
        };
        Ok(Setup {
            roots,
            policy,
            analyzers,
            options,
        })
    }

    /// Rule ids switched off in the policy (`[scan].disable`, `[secrets].disable`).
    pub fn disabled_rules(&self) -> HashSet<String> {
        let mut set: HashSet<String> = self.policy.scan.disable.iter().cloned().collect();
        set.extend(self.policy.secrets.disable.iter().map(|id| {
            if id.contains('/') {
                id.clone()
            } else {
                format!("secrets/{id}")
            }
        }));
        set
    }

    /// Walk the roots (the working tree).
    pub fn scan_tree(&self) -> anyhow::Result<ScanOutput> {
        let _spinner = self.spinner("scanning");
        Ok(pipeline::scan_paths(&self.analyzers, &self.options)?)
    }

    fn spinner(&self, what: &'static str) -> progress::Spinner {
        let counters = self.options.progress.clone().unwrap_or_default();
        progress::start(counters, what, progress::wanted())
    }
}

/// `No such file or directory (os error 2)` -> `No such file or directory`.
fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

pub fn run(args: ScanArgs) -> anyhow::Result<ExitCode> {
    let mut setup = Setup::new(&args.walk, args.stats)?;
    let fail_on = args
        .fail_on
        .or(setup.policy.scan.fail_on)
        .unwrap_or(Severity::Low);
    let baseline = match &args.baseline {
        Some(p) => Some(BaselineIndex::new(&Baseline::load(p)?)),
        None => None,
    };
    let mut filters = FilterConfig {
        disabled: setup.disabled_rules(),
        baseline,
        added_lines: None,
        min_severity: args.min_severity,
    };
    let mut out = if let Some(rev) = &args.diff {
        scan_diff(&setup, rev, &mut filters)?
    } else if args.staged {
        scan_staged(&setup, &mut filters)?
    } else if args.history {
        // History is for secrets: a credential stays live after the commit that removed
        // it, while insecure code in an old version is not actionable (and history blobs
        // carry only the lines each version introduced, so code rules would lack context).
        setup.analyzers.retain(|a| a.name() == "secrets");
        scan_history(&setup, args.since.as_deref())?
    } else {
        setup.scan_tree()?
    };
    pipeline::apply_filters(&mut out, &filters);

    let rules = all_rules(&setup.analyzers);
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
    let mut rendered = match args.format {
        Format::Text => vibeguard_report::text::render(&report, color),
        Format::Json => vibeguard_report::json::render(&report),
        Format::Sarif => vibeguard_report::sarif::render(&report),
    };
    if args.verbose && args.format == Format::Text {
        rendered.push_str(&vibeguard_report::text::render_skipped(&out.stats));
    }
    out.stats.report = report_start.elapsed();

    print_warnings(&out.warnings);
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
    let failed = out.findings.iter().any(|f| f.severity >= fail_on);
    Ok(ExitCode::from(u8::from(failed)))
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

fn single_root<'a>(setup: &'a Setup, flag: &str) -> anyhow::Result<&'a Path> {
    match setup.roots.as_slice() {
        [one] => Ok(one),
        _ => bail!("{flag} takes at most one PATH (a folder inside the repository)"),
    }
}

/// The working tree of the repository containing `start` (a `.git` folder or file).
fn repo_workdir(start: &Path) -> Option<PathBuf> {
    let mut dir = std::fs::canonicalize(start).ok()?;
    if dir.is_file() {
        dir.pop();
    }
    loop {
        if dir.join(".git").exists() {
            return Some(dir);
        }
        if !dir.pop() {
            return None;
        }
    }
}

fn scan_diff(setup: &Setup, rev: &str, filters: &mut FilterConfig) -> anyhow::Result<ScanOutput> {
    let root = single_root(setup, "--diff")?;
    let added = vibeguard_git::added_lines_since(root, rev).context("scan --diff")?;
    let workdir =
        repo_workdir(root).context("scan --diff: cannot find the repository's working tree")?;
    let canon_root = std::fs::canonicalize(root)?;
    let root_is_file = canon_root.is_file();
    let mut map = AddedLineMap::new();
    for (path, lines) in added {
        let abs = workdir.join(&path);
        let display = if root_is_file {
            if abs != canon_root {
                continue;
            }
            as_given(root)
        } else {
            match abs.strip_prefix(&canon_root) {
                Ok(rel) => rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
                Err(_) => continue,
            }
        };
        map.insert(display, lines.ranges);
    }
    let mut opts = setup.options.clone();
    opts.only_paths = Some(map.keys().cloned().collect());
    let _spinner = setup.spinner("scanning changes");
    let out = pipeline::scan_paths(&setup.analyzers, &opts)?;
    filters.added_lines = Some(map);
    Ok(out)
}

fn as_given(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.trim_start_matches("./").to_string()
}

fn blob_scan(setup: &Setup) -> BlobScan<'_> {
    BlobScan::new(
        &setup.analyzers,
        setup.options.max_file_size,
        setup.options.timings,
        setup.options.progress.clone(),
    )
}

fn thread_pool(setup: &Setup) -> anyhow::Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(setup.options.threads)
        .build()
        .context("cannot start worker threads")
}

/// Exclude globs plus the repository's top-level `.vibeguardignore`, for the modes that
/// read git objects instead of walking a folder.
fn repo_path_filter(setup: &Setup, root: &Path) -> anyhow::Result<pipeline::PathFilter> {
    let excludes = pipeline::Excludes::new(&setup.options.exclude)?;
    let (filter, warning) = pipeline::PathFilter::new(repo_workdir(root).as_deref(), excludes);
    if let Some(w) = warning {
        print_warnings(&[w]);
    }
    Ok(filter)
}

fn scan_staged(setup: &Setup, filters: &mut FilterConfig) -> anyhow::Result<ScanOutput> {
    let root = single_root(setup, "--staged")?;
    let files = vibeguard_git::staged_files(root).context("scan --staged")?;
    let skip = repo_path_filter(setup, root)?;
    let files: Vec<_> = files
        .into_iter()
        .filter(|f| !skip.is_skipped(&f.path))
        .collect();
    let _spinner = setup.spinner("scanning the index");
    let scan = blob_scan(setup);
    thread_pool(setup)?.install(|| {
        files
            .par_iter()
            .for_each(|f| scan.scan(&f.path, &f.bytes, None))
    });
    filters.added_lines = Some(
        files
            .into_iter()
            .map(|f| (f.path, f.added.ranges))
            .collect(),
    );
    Ok(scan.finish())
}

fn scan_history(setup: &Setup, since: Option<&str>) -> anyhow::Result<ScanOutput> {
    let root = single_root(setup, "--history")?;
    let skip = repo_path_filter(setup, root)?;
    let _spinner = setup.spinner("scanning history");
    let scan = blob_scan(setup);
    let git_stats = thread_pool(setup)?.install(|| {
        vibeguard_git::history_blobs(root, since, setup.options.max_file_size, &|b| {
            if !skip.is_skipped(b.path) {
                scan.scan(b.path, b.bytes, Some(b.provenance));
            }
        })
    });
    let git_stats = git_stats.context("scan --history")?;
    let mut out = scan.finish();
    out.stats.skipped_binary += git_stats.skipped_binary;
    out.stats.skipped_large += git_stats.skipped_large;
    out.stats.skipped.extend(git_stats.skipped);
    out.stats.skipped.sort();
    // Finding the unique blobs (commit and tree walk) is this mode's "walk".
    out.stats.walk_read += git_stats.walk_time;
    Ok(out)
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
