//! `scan --history`: every unique blob reachable from any ref, each read once and handed
//! to the scanner with the oldest commit that introduced it.
//!
//! Three phases keep it fast:
//! 1. [`graph`]: walk the commit graph from every tip (branches, remote-tracking branches,
//!    tags, HEAD) and order the commits oldest first (parents before children);
//! 2. [`trees`]: walk each commit's tree in that order, skipping every subtree id already
//!    seen (an unchanged directory costs one hash lookup), recording the first commit and
//!    path of each new blob id and the blobs it replaced at that path;
//! 3. [`read`]: read the recorded blobs on all rayon threads and call the visitor, by
//!    default with only the lines each blob introduced (see [`BlobContent`]).

mod graph;
mod read;
mod trees;

use crate::error::GitError;
use crate::lines::LineSet;
use crate::repo;
use gix::hashtable::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};
use vibeguard_core::Provenance;

/// One unique blob from history, with the first commit that introduced it.
#[derive(Debug, Clone)]
pub struct HistoryBlob<'a> {
    /// The blob's object id (hex): the dedup key, and what `git cat-file -p` takes.
    pub blob_id: &'a str,
    pub path: &'a str,
    /// The content to scan: the whole blob, or with [`BlobContent::IntroducedLines`] and a
    /// previous version, the blob with every line that version already had emptied (line
    /// numbers and the columns of the kept lines are the blob's own).
    pub bytes: &'a [u8],
    /// The lines kept in `bytes` when lines were emptied; `None` when `bytes` is the whole blob.
    pub introduced: Option<&'a LineSet>,
    pub provenance: &'a Provenance,
}

/// What the visitor gets of each blob.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BlobContent {
    /// Only the lines that the blob's version of the file introduced compared with the
    /// versions at the same path in the parents of the commit that brought it (all of it
    /// for a new path, or when a previous version was binary or too large to be scanned). Every line of history is still scanned once, in the blob where
    /// it first appeared, and so reported once with the commit that wrote it instead of
    /// again for every later version of the file; and far fewer bytes are scanned.
    #[default]
    IntroducedLines,
    /// Every blob whole.
    Whole,
}

/// What to walk and how to hand blobs over.
#[derive(Debug, Clone, Default)]
pub struct HistoryOptions<'a> {
    /// Only commits not reachable from this revision.
    pub since: Option<&'a str>,
    /// Larger blobs are skipped and counted.
    pub max_blob_size: u64,
    pub content: BlobContent,
}

#[derive(Debug, Clone, Default)]
pub struct HistoryStats {
    /// Commits walked.
    pub commits: u64,
    /// Unique blobs handed to the visitor.
    pub blobs: u64,
    /// Size of those blobs.
    pub bytes: u64,
    /// Bytes handed to the visitor (less than `bytes` when only introduced lines are kept).
    pub bytes_scanned: u64,
    pub skipped_binary: u64,
    pub skipped_large: u64,
    /// The skipped blobs, each with the first path it was found at.
    pub skipped: Vec<vibeguard_core::pipeline::SkippedFile>,
    /// Time spent walking commits and trees to find the unique blobs.
    pub walk_time: Duration,
    /// Time spent reading blobs and in `visit` (wall clock, all threads together).
    pub read_time: Duration,
}

/// Delta-base cache per thread: deltas in a pack chain onto shared bases, and re-inflating
/// a base for every sibling is the cost without one. Measured on flask's history (164 MB of
/// blobs, versions read grouped by path): CPU time is flat from 2 MB to 64 MB per thread
/// while peak memory grows from 45 to 160 MB, so a small cache wins.
const PACK_CACHE_BYTES: usize = 2 * 1024 * 1024;
/// Decoded-object cache while walking trees, where each changed directory is read again
/// as the base of its next version.
const TREE_CACHE_BYTES: usize = 4 * 1024 * 1024;

/// Visit every unique blob reachable from all refs (or only from commits not reachable from
/// `since`), in parallel; `visit` is called once per blob that is neither binary nor larger
/// than `max_blob_size`, with the lines that blob introduced ([`BlobContent::IntroducedLines`]).
pub fn history_blobs(
    repo_path: &Path,
    since: Option<&str>,
    max_blob_size: u64,
    visit: &(dyn Fn(HistoryBlob<'_>) + Sync),
) -> Result<HistoryStats, GitError> {
    let options = HistoryOptions {
        since,
        max_blob_size,
        content: BlobContent::IntroducedLines,
    };
    history_blobs_with(repo_path, &options, visit)
}

/// [`history_blobs`] with every option.
pub fn history_blobs_with(
    repo_path: &Path,
    options: &HistoryOptions<'_>,
    visit: &(dyn Fn(HistoryBlob<'_>) + Sync),
) -> Result<HistoryStats, GitError> {
    let started = Instant::now();
    let mut repo = repo::discover(repo_path)?;
    if repo.is_shallow().map_err(GitError::repository)? {
        return Err(GitError::Shallow);
    }
    let partial = is_partial_clone(&repo);
    set_pack_cache(&mut repo);
    walk_and_read(repo, options, visit, started).map_err(|err| match err {
        GitError::Object { id, reason } if partial => GitError::Object {
            id,
            reason: format!(
                "{reason} (this is a partial clone: objects it never fetched cannot be scanned)"
            ),
        },
        other => other,
    })
}

/// A partial clone (`git clone --filter=...`) leaves objects on the server by design; a
/// missing object there is expected, and the error says so.
fn is_partial_clone(repo: &gix::Repository) -> bool {
    let config = repo.config_snapshot();
    if config.string("extensions.partialClone").is_some() {
        return true;
    }
    std::fs::read_dir(repo.common_dir().join("objects").join("pack")).is_ok_and(|dir| {
        dir.flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "promisor"))
    })
}

fn walk_and_read(
    mut repo: gix::Repository,
    options: &HistoryOptions<'_>,
    visit: &(dyn Fn(HistoryBlob<'_>) + Sync),
    started: Instant,
) -> Result<HistoryStats, GitError> {
    let excluded = match options.since {
        Some(rev) => {
            let (commit, _) = repo::resolve_commit(&repo, rev)?;
            graph::ancestors(&repo, commit)?
        }
        None => HashSet::default(),
    };
    let tips = graph::tips(&repo)?;
    let graph = graph::CommitGraph::load(&repo, &tips, &excluded)?;
    let order = graph.oldest_first();
    let bases = graph.parent_trees(&repo)?;

    // The parent's version of a changed directory was usually read a commit ago.
    repo.object_cache_size(Some(TREE_CACHE_BYTES));
    let mut walker = trees::TreeWalker::new(&repo);
    for tree in graph.boundary_trees(&repo, &excluded)? {
        walker.mark_seen(tree)?;
    }
    for &idx in &order {
        walker.walk(graph.commits[idx].tree, &bases[idx], Some(idx as u32))?;
    }
    let mut found = walker.found;
    // Versions of one file next to each other (oldest first): a thread then usually has a
    // blob's previous version in hand, and packs store those versions as deltas of each
    // other, so the delta-base cache hits.
    found.sort_by(|a, b| a.path.cmp(&b.path));
    let walk_time = started.elapsed();
    let reading = Instant::now();

    let commits: Vec<graph::CommitMeta> = graph.commits.into_iter().map(|c| c.meta).collect();
    let job = read::Job {
        found: &found,
        commits: &commits,
        max_blob_size: options.max_blob_size,
        content: options.content,
        visit,
    };
    let mut stats = read::read_and_visit(repo.into_sync(), &job)?;
    stats.commits = order.len() as u64;
    stats.walk_time = walk_time;
    stats.read_time = reading.elapsed();
    Ok(stats)
}

fn set_pack_cache(repo: &mut gix::Repository) {
    repo.objects.set_pack_cache(|| {
        Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
            PACK_CACHE_BYTES,
        ))
    });
}
