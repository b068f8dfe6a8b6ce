//! What a scan counted and where its time went (`--stats`), and live progress counters.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How many of the slowest rules and files are kept.
pub const TOP_N: usize = 10;

/// Why a file was not scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// A NUL byte in the first 8 KiB.
    Binary,
    /// Larger than `--max-file-size`.
    TooLarge,
    /// A symbolic link below the scanned root (never followed).
    Symlink,
}

impl SkipReason {
    /// The name used in the JSON and SARIF reports and by `--verbose`.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Binary => "binary",
            SkipReason::TooLarge => "too-large",
            SkipReason::Symlink => "symlink",
        }
    }
}

/// One file the scan did not look into, so a user can see what was not checked.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SkippedFile {
    /// Display path, as findings would show it.
    pub path: String,
    pub reason: SkipReason,
    /// Size in bytes, when it was known.
    pub size: Option<u64>,
}

/// Counters and timings of one scan. Stage times summed over worker threads are CPU
/// time across threads, so on N threads they can add up to more than the wall time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanStats {
    /// The scan read git blobs (`--staged`, `--history`), not files from a folder.
    pub from_blobs: bool,
    pub files_scanned: u64,
    pub bytes_scanned: u64,
    pub skipped_binary: u64,
    pub skipped_large: u64,
    pub skipped_symlinks: u64,
    /// Every skipped file (binary, too large, symlink), sorted by path after the scan.
    /// The counters above also count skips that have no path (history blobs the git
    /// walk skipped itself).
    pub skipped: Vec<SkippedFile>,
    /// Files or folders that could not be read (each is also a warning).
    pub unreadable: u64,
    pub suppressed_inline: u64,
    pub suppressed_baseline: u64,
    /// Findings dropped by the added-lines filter (`--diff`, `--staged`).
    pub filtered_unchanged: u64,
    /// Findings dropped because they were below the severity threshold.
    pub filtered_severity: u64,
    /// Findings of rules switched off in `vibeguard.toml`.
    pub filtered_disabled: u64,
    /// Walking the tree and reading files, summed over threads.
    pub walk_read: Duration,
    /// Time in each analyzer, summed over threads.
    pub analyzer_time: HashMap<String, Duration>,
    /// Time in the filters (inline suppressions, baseline, diff lines, threshold).
    pub filter: Duration,
    /// Set by the caller after rendering.
    pub report: Duration,
    /// Wall-clock time of the whole scan.
    pub wall: Duration,
    /// Per-rule time, only when timings were requested; slowest first after `finish`.
    pub slowest_rules: Vec<(String, Duration)>,
    /// The slowest files to analyze, slowest first.
    pub slowest_files: Vec<(String, Duration)>,
}

impl ScanStats {
    pub(crate) fn merge(&mut self, o: ScanStats) {
        self.files_scanned += o.files_scanned;
        self.bytes_scanned += o.bytes_scanned;
        self.skipped_binary += o.skipped_binary;
        self.skipped_large += o.skipped_large;
        self.skipped_symlinks += o.skipped_symlinks;
        self.skipped.extend(o.skipped);
        self.unreadable += o.unreadable;
        self.suppressed_inline += o.suppressed_inline;
        self.suppressed_baseline += o.suppressed_baseline;
        self.filtered_unchanged += o.filtered_unchanged;
        self.filtered_severity += o.filtered_severity;
        self.filtered_disabled += o.filtered_disabled;
        self.walk_read += o.walk_read;
        for (k, v) in o.analyzer_time {
            *self.analyzer_time.entry(k).or_default() += v;
        }
        self.filter += o.filter;
        merge_rule_times(&mut self.slowest_rules, o.slowest_rules);
        self.slowest_files.extend(o.slowest_files);
        keep_slowest(&mut self.slowest_files);
    }

    /// Count a skipped file and remember its path.
    pub fn skip(&mut self, path: &str, reason: SkipReason, size: Option<u64>) {
        match reason {
            SkipReason::Binary => self.skipped_binary += 1,
            SkipReason::TooLarge => self.skipped_large += 1,
            SkipReason::Symlink => self.skipped_symlinks += 1,
        }
        self.skipped.push(SkippedFile {
            path: path.to_string(),
            reason,
            size,
        });
    }

    /// Analyzer stage times sorted by name (stable output).
    pub fn analyzer_stages(&self) -> Vec<(&str, Duration)> {
        let mut v: Vec<(&str, Duration)> = self
            .analyzer_time
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect();
        v.sort();
        v
    }
}

fn merge_rule_times(into: &mut Vec<(String, Duration)>, from: Vec<(String, Duration)>) {
    if from.is_empty() {
        return;
    }
    let mut map: HashMap<String, Duration> = into.drain(..).collect();
    for (k, v) in from {
        *map.entry(k).or_default() += v;
    }
    into.extend(map);
    into.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
}

pub(crate) fn keep_slowest(v: &mut Vec<(String, Duration)>) {
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(TOP_N);
}

/// Live counters a caller can poll from another thread to draw a progress bar.
#[derive(Debug, Default)]
pub struct Progress {
    pub files: AtomicU64,
    pub bytes: AtomicU64,
}

impl Progress {
    pub(crate) fn add(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> (u64, u64) {
        (
            self.files.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }
}
