//! The working-tree walk: the `ignore` crate's parallel walker, each file read once.
//!
//! Honours .gitignore (also outside a git repository), `.ignore`, `.vibeguardignore` and
//! the exclude globs; never follows symlinks, so nothing outside the scanned root is read;
//! skips `.git/` and vibeguard's own `.vibeguard/` state.

use super::engine::{Acc, Engine, SNIFF_LEN, looks_binary};
use super::stats::{Progress, SkipReason};
use globset::{GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};
use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

/// Custom ignore file read in every directory, with .gitignore syntax.
pub const IGNORE_FILE: &str = ".vibeguardignore";

/// Exclude globs, matched against paths relative to the scanned root.
///
/// A pattern without `/` matches a file or directory name anywhere (`*.min.js`,
/// `node_modules`); a pattern with `/` is anchored at the root (`vendor/**`, `/build`).
/// A matching directory excludes everything below it.
#[derive(Debug, Clone)]
pub struct Excludes {
    set: GlobSet,
}

/// An exclude pattern that is not a valid glob.
#[derive(Debug, thiserror::Error)]
#[error("invalid exclude glob `{pattern}`: {message}")]
pub struct ExcludeError {
    pub pattern: String,
    pub message: String,
}

impl Excludes {
    pub fn new(patterns: &[String]) -> Result<Excludes, ExcludeError> {
        let err = |p: &str, e: &dyn std::fmt::Display| ExcludeError {
            pattern: p.to_string(),
            message: e.to_string(),
        };
        let mut b = GlobSetBuilder::new();
        for p in patterns {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            let anchored = p.trim_start_matches('/').trim_end_matches('/');
            let base = if p.trim_end_matches('/').contains('/') {
                anchored.to_string()
            } else {
                format!("**/{anchored}")
            };
            for g in [base.clone(), format!("{base}/**")] {
                let glob = globset::GlobBuilder::new(&g)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| err(p, &e))?;
                b.add(glob);
            }
        }
        Ok(Excludes {
            set: b.build().map_err(|e| err("<set>", &e))?,
        })
    }

    pub fn is_excluded(&self, rel: &str) -> bool {
        !rel.is_empty() && self.set.is_match(rel)
    }
}

/// Everything one walk of one root needs.
pub(crate) struct WalkJob<'a> {
    pub root: &'a Path,
    /// Prepended to relative paths when several roots are scanned at once.
    pub prefix: Option<String>,
    pub threads: usize,
    pub excludes: &'a Excludes,
    pub only_paths: Option<&'a HashSet<String>>,
    pub engine: &'a Engine<'a>,
    pub progress: Option<&'a Progress>,
}

/// Path shown for `path` under `root`, `/`-separated.
pub(crate) fn display_path(root: &Path, path: &Path, prefix: Option<&str>) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut s = String::new();
    for c in rel.components() {
        if matches!(c, std::path::Component::CurDir) {
            continue;
        }
        if !s.is_empty() {
            s.push('/');
        }
        s.push_str(&c.as_os_str().to_string_lossy());
    }
    match prefix {
        Some(p) if !p.is_empty() && !s.is_empty() => format!("{p}/{s}"),
        Some(p) if s.is_empty() => p.to_string(),
        _ => s,
    }
}

/// A path as the user typed it, `/`-separated, without a leading `./`.
pub(crate) fn as_given(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut t = s.as_str();
    while let Some(rest) = t.strip_prefix("./") {
        t = rest;
    }
    t.to_string()
}

/// A worker's accumulator, merged into the shared one when the worker finishes.
struct Worker<'a> {
    acc: Acc,
    /// Read buffer reused for every file this worker reads (no fresh pages per file).
    buf: Vec<u8>,
    out: &'a Mutex<Acc>,
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        let acc = std::mem::take(&mut self.acc);
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        out.merge(acc);
    }
}

pub(crate) fn walk(job: &WalkJob<'_>, out: &Mutex<Acc>) {
    let root = job.root.to_path_buf();
    let excludes = job.excludes.clone();
    let mut b = WalkBuilder::new(job.root);
    b.hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(true)
        .require_git(false)
        .ignore(true)
        .parents(true)
        .follow_links(false)
        .threads(job.threads)
        .add_custom_ignore_filename(IGNORE_FILE)
        .filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            if is_dir && e.depth() > 0 && (e.file_name() == ".git" || e.file_name() == ".vibeguard")
            {
                return false;
            }
            let rel = display_path(&root, e.path(), None);
            !excludes.is_excluded(&rel)
        });
    b.build_parallel().run(|| {
        let mut w = Worker {
            acc: Acc::default(),
            buf: Vec::new(),
            out,
        };
        Box::new(move |entry| {
            visit(job, &mut w.acc, &mut w.buf, entry);
            WalkState::Continue
        })
    });
}

fn visit(
    job: &WalkJob<'_>,
    acc: &mut Acc,
    buf: &mut Vec<u8>,
    entry: Result<ignore::DirEntry, ignore::Error>,
) {
    let t = Instant::now();
    let entry = match entry {
        Ok(e) => e,
        Err(e) => {
            acc.stats.unreadable += 1;
            acc.warnings.push(e.to_string());
            acc.stats.walk_read += t.elapsed();
            return;
        }
    };
    let rel = if entry.depth() == 0 {
        // The root itself is a file: show it the way the user named it.
        job.prefix.clone().unwrap_or_else(|| as_given(entry.path()))
    } else {
        display_path(job.root, entry.path(), job.prefix.as_deref())
    };
    if entry.path_is_symlink() {
        if job.only_paths.is_none_or(|only| only.contains(&rel)) {
            acc.stats.skip(&rel, SkipReason::Symlink, None);
        }
        return;
    }
    if !entry.file_type().is_some_and(|t| t.is_file()) {
        return;
    }
    if job.only_paths.is_some_and(|only| !only.contains(&rel)) {
        return;
    }
    // lstat again right before opening: a FIFO or device swapped in since the listing
    // would block or never end, so only a regular file is opened.
    // A root the user named is followed even if it is a symlink; nothing below it is.
    let stat = if entry.depth() == 0 {
        std::fs::metadata
    } else {
        std::fs::symlink_metadata
    };
    let listed = match stat(entry.path()) {
        Ok(m) if m.file_type().is_file() => inode(&m),
        Ok(_) => {
            acc.stats.unreadable += 1;
            acc.warnings.push(format!(
                "{rel}: changed while being scanned (no longer a regular file)"
            ));
            return;
        }
        Err(e) => {
            acc.stats.unreadable += 1;
            acc.warnings.push(format!("{rel}: cannot read: {e}"));
            return;
        }
    };
    let ok = read_file(job, acc, entry.path(), &rel, buf, listed);
    acc.stats.walk_read += t.elapsed();
    if ok {
        if let Some(p) = job.progress {
            p.add(buf.len() as u64);
        }
        job.engine.analyze(&rel, buf, None, acc);
    }
}

/// Read one file once: size limit from metadata, binary sniff on the first 8 KiB, then
/// the rest, into `buf`. `false` when skipped (counted) or unreadable (warned).
///
/// `listed_ino` is the inode `lstat` gave for this path just before: if the opened
/// file is a different one, the path was swapped (for instance for a symlink to a file
/// outside the root) between listing and opening, and the file is not read.
pub(crate) fn read_file(
    job: &WalkJob<'_>,
    acc: &mut Acc,
    path: &Path,
    rel: &str,
    buf: &mut Vec<u8>,
    listed_ino: Option<u64>,
) -> bool {
    buf.clear();
    let warn = |acc: &mut Acc, e: std::io::Error| {
        acc.stats.unreadable += 1;
        acc.warnings.push(format!("{rel}: cannot read: {e}"));
    };
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            warn(acc, e);
            return false;
        }
    };
    let len = match f.metadata() {
        Ok(m) if !same_inode(&m, listed_ino) => {
            warn(
                acc,
                std::io::Error::other("changed while being scanned (not the listed file)"),
            );
            return false;
        }
        Ok(m) if m.is_file() => m.len(),
        Ok(_) => {
            warn(acc, std::io::Error::other("not a regular file"));
            return false;
        }
        Err(e) => {
            warn(acc, e);
            return false;
        }
    };
    if len > job.engine.max_file_size {
        acc.stats.skip(rel, SkipReason::TooLarge, Some(len));
        return false;
    }
    buf.reserve(len as usize + 1);
    let read = (&mut f).take(SNIFF_LEN as u64).read_to_end(buf);
    if let Err(e) = read {
        warn(acc, e);
        return false;
    }
    if looks_binary(buf) {
        acc.stats.skip(rel, SkipReason::Binary, Some(len));
        return false;
    }
    if let Err(e) = f.read_to_end(buf) {
        warn(acc, e);
        return false;
    }
    if buf.len() as u64 > job.engine.max_file_size {
        // The file grew while we read it.
        acc.stats
            .skip(rel, SkipReason::TooLarge, Some(buf.len() as u64));
        return false;
    }
    true
}

/// A file's inode number (from `lstat`, not the listing's `d_ino`, which some filesystems
/// such as overlayfs number differently).
#[cfg(unix)]
fn inode(m: &std::fs::Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    Some(m.ino())
}

#[cfg(not(unix))]
fn inode(_m: &std::fs::Metadata) -> Option<u64> {
    None
}

#[cfg(unix)]
fn same_inode(m: &std::fs::Metadata, listed: Option<u64>) -> bool {
    use std::os::unix::fs::MetadataExt;
    listed.is_none_or(|ino| ino == m.ino())
}

#[cfg(not(unix))]
fn same_inode(_m: &std::fs::Metadata, _listed: Option<u64>) -> bool {
    true
}

/// Which repository paths to skip when there is no tree to walk (`--staged`,
/// `--history`): the exclude globs and the repository's top-level `.vibeguardignore`.
pub struct PathFilter {
    excludes: Excludes,
    ignore: Option<ignore::gitignore::Gitignore>,
}

impl PathFilter {
    /// `workdir` is the repository's working tree; a missing `.vibeguardignore` is fine,
    /// an unreadable or malformed one is reported in the returned warning.
    pub fn new(workdir: Option<&Path>, excludes: Excludes) -> (PathFilter, Option<String>) {
        let mut warning = None;
        let ignore = workdir.and_then(|dir| {
            let file = dir.join(IGNORE_FILE);
            if !file.is_file() {
                return None;
            }
            let mut b = ignore::gitignore::GitignoreBuilder::new(dir);
            if let Some(e) = b.add(&file) {
                warning = Some(format!("{}: {e}", file.display()));
            }
            b.build().ok()
        });
        (PathFilter { excludes, ignore }, warning)
    }

    /// Is this repository-relative path skipped?
    pub fn is_skipped(&self, rel: &str) -> bool {
        self.excludes.is_excluded(rel)
            || self
                .ignore
                .as_ref()
                .is_some_and(|g| g.matched_path_or_any_parents(rel, false).is_ignore())
    }
}
