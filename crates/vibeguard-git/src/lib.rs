//! Change-aware scanning on gix (no shelling out to git): lines added since a revision,
//! the staged index, and every blob reachable from any ref, each scanned once.

use std::collections::BTreeMap;
use std::path::Path;
use vibeguard_core::Provenance;

/// Sorted, merged inclusive ranges of 1-based line numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineSet {
    pub ranges: Vec<(u32, u32)>,
}

impl LineSet {
    pub fn contains(&self, line: u32) -> bool {
        let i = self.ranges.partition_point(|&(_, end)| end < line);
        self.ranges.get(i).is_some_and(|&(start, _)| start <= line)
    }
}

/// Files changed since a revision, each with the lines that were added (paths relative to
/// the repository root, `/`-separated).
pub type AddedLines = BTreeMap<String, LineSet>;

/// A file as it is in the index, with the lines added relative to HEAD.
#[derive(Debug, Clone)]
pub struct StagedFile {
    pub path: String,
    pub bytes: Vec<u8>,
    pub added: LineSet,
}

/// One unique blob from history, with the first commit that introduced it.
#[derive(Debug, Clone)]
pub struct HistoryBlob<'a> {
    pub path: &'a str,
    pub bytes: &'a [u8],
    pub provenance: &'a Provenance,
}

#[derive(Debug, Clone, Default)]
pub struct HistoryStats {
    pub commits: u64,
    pub blobs: u64,
    pub bytes: u64,
    pub skipped_binary: u64,
    pub skipped_large: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("not yet implemented: {0}")]
    NotYet(&'static str),
}

/// Working tree compared with `rev`: which lines were added.
pub fn added_lines_since(_repo: &Path, _rev: &str) -> Result<AddedLines, GitError> {
    Err(GitError::NotYet("scan --diff"))
}

/// The index compared with HEAD.
pub fn staged_files(_repo: &Path) -> Result<Vec<StagedFile>, GitError> {
    Err(GitError::NotYet("scan --staged"))
}

/// Visit every unique blob reachable from all refs (or only commits after `since`),
/// in parallel; `visit` is called once per blob.
pub fn history_blobs(
    _repo: &Path,
    _since: Option<&str>,
    _max_blob_size: u64,
    _visit: &(dyn Fn(HistoryBlob<'_>) + Sync),
) -> Result<HistoryStats, GitError> {
    Err(GitError::NotYet("scan --history"))
}
