//! The scan pipeline: walk -> read each file once -> every interested analyzer ->
//! inline suppressions -> filters. It never prints and never exits: the CLI renders
//! [`ScanOutput`] and decides the exit status.
//!
//! Two entry points share the per-file engine: [`scan_paths`] walks directories, and
//! [`BlobScan`] takes in-memory contents (the staged index, history blobs).

mod engine;
pub mod filter;
pub mod stats;
mod walk;

pub use engine::{SNIFF_LEN, looks_binary};
pub use filter::{
    AddedLineMap, FilterConfig, apply as apply_filters, dedup_findings, sort_findings,
};
pub use stats::{Progress, ScanStats, SkipReason, SkippedFile};
pub use walk::{ExcludeError, Excludes, IGNORE_FILE, PathFilter};

use crate::analyzer::Analyzer;
use crate::finding::{Finding, Provenance};
use engine::{Acc, Engine};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Default `--max-file-size`: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub roots: Vec<PathBuf>,
    /// Worker threads; 0 means one per available core.
    pub threads: usize,
    pub max_file_size: u64,
    /// Exclude globs (`--exclude` and `[scan].exclude`).
    pub exclude: Vec<String>,
    /// Record per-rule timings for `--stats`.
    pub timings: bool,
    /// Scan only these display paths (used by `--diff`: the files a change touched).
    pub only_paths: Option<HashSet<String>>,
    /// Counters for a progress bar, updated as files are read.
    pub progress: Option<Arc<Progress>>,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            roots: vec![PathBuf::from(".")],
            threads: 0,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            exclude: Vec::new(),
            timings: false,
            only_paths: None,
            progress: None,
        }
    }
}

/// Findings (inline suppressions already applied, not yet filtered), counters and the
/// warnings (unreadable files and folders) of one scan.
#[derive(Debug, Default)]
pub struct ScanOutput {
    pub findings: Vec<Finding>,
    pub stats: ScanStats,
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("cannot scan {path}: {message}")]
    BadRoot { path: String, message: String },
    #[error(transparent)]
    Exclude(#[from] ExcludeError),
}

/// Number of worker threads for a `--threads` value (0 = available cores).
pub fn effective_threads(threads: usize) -> usize {
    if threads > 0 {
        threads
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// Walk the roots and run every analyzer on every text file.
pub fn scan_paths(
    analyzers: &[Box<dyn Analyzer>],
    opts: &ScanOptions,
) -> Result<ScanOutput, PipelineError> {
    let start = Instant::now();
    for root in &opts.roots {
        if let Err(e) = std::fs::metadata(root) {
            return Err(PipelineError::BadRoot {
                path: root.display().to_string(),
                message: e.to_string(),
            });
        }
    }
    let excludes = Excludes::new(&opts.exclude)?;
    for a in analyzers {
        a.begin_scan(&opts.roots);
    }
    let engine = Engine {
        analyzers,
        timings: opts.timings,
        max_file_size: opts.max_file_size,
    };
    let shared = Mutex::new(Acc::default());
    let several = opts.roots.len() > 1;
    for root in &opts.roots {
        let job = walk::WalkJob {
            root,
            prefix: several.then(|| walk::as_given(root)),
            threads: effective_threads(opts.threads),
            excludes: &excludes,
            only_paths: opts.only_paths.as_ref(),
            engine: &engine,
            progress: opts.progress.as_deref(),
        };
        walk::walk(&job, &shared);
    }
    let acc = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(finish(acc, start))
}

fn finish(acc: Acc, start: Instant) -> ScanOutput {
    let (mut findings, mut warnings, mut stats) = acc.into_parts();
    sort_findings(&mut findings);
    warnings.sort();
    stats.skipped.sort();
    stats.wall = start.elapsed();
    ScanOutput {
        findings,
        stats,
        warnings,
    }
}

/// Scan in-memory contents with the same analyzers, from any number of threads at once
/// (`--staged`, `--history`). Blobs over the size limit or binary are skipped and counted.
pub struct BlobScan<'a> {
    engine: Engine<'a>,
    shared: Mutex<Acc>,
    start: Instant,
    progress: Option<Arc<Progress>>,
}

impl<'a> BlobScan<'a> {
    pub fn new(
        analyzers: &'a [Box<dyn Analyzer>],
        max_file_size: u64,
        timings: bool,
        progress: Option<Arc<Progress>>,
    ) -> BlobScan<'a> {
        BlobScan {
            engine: Engine {
                analyzers,
                timings,
                max_file_size,
            },
            shared: Mutex::new(Acc::default()),
            start: Instant::now(),
            progress,
        }
    }

    /// Analyze one blob; `path` becomes the findings' location path and `provenance` is
    /// attached to each finding.
    pub fn scan(&self, path: &str, bytes: &[u8], provenance: Option<&Provenance>) {
        let mut acc = Acc::default();
        self.engine.scan_bytes(path, bytes, provenance, &mut acc);
        if let Some(p) = &self.progress {
            p.add(bytes.len() as u64);
        }
        self.shared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .merge(acc);
    }

    /// Record a warning (for a blob the caller could not load).
    pub fn warn(&self, message: String) {
        let mut acc = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        acc.stats.unreadable += 1;
        acc.warnings.push(message);
    }

    pub fn finish(self) -> ScanOutput {
        let acc = self.shared.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut out = finish(acc, self.start);
        out.stats.from_blobs = true;
        out
    }
}

#[cfg(test)]
mod tests;
