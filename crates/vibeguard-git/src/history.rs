//! `scan --history`: every unique blob reachable from any ref, each read once and handed
//! to the scanner with the oldest commit that introduced it.
//!
//! Three phases keep it fast:
//! 1. walk the commit graph from every tip (branches, remote-tracking branches, tags,
//!    HEAD) and order the commits oldest first (topologically, parents before children);
//! 2. walk each commit's tree in that order, skipping every subtree id already seen (an
//!    unchanged directory costs one hash lookup), recording the first commit and path of
//!    each new blob id;
//! 3. read the recorded blobs on all rayon threads, each thread with its own repository
//!    handle and delta-base cache, and call the visitor.

use crate::error::GitError;
use crate::repo;
use gix::ObjectId;
use gix::bstr::{BStr, ByteSlice};
use gix::hashtable::HashSet;
use gix::objs::tree::EntryKind;
use gix::prelude::{Find, FindExt, HeaderExt};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use vibeguard_core::Provenance;

/// One unique blob from history, with the first commit that introduced it.
#[derive(Debug, Clone)]
pub struct HistoryBlob<'a> {
    /// The blob's object id (hex): the dedup key, and what `git cat-file -p` takes.
    pub blob_id: &'a str,
    pub path: &'a str,
    pub bytes: &'a [u8],
    pub provenance: &'a Provenance,
}

#[derive(Debug, Clone, Default)]
pub struct HistoryStats {
    /// Commits walked.
    pub commits: u64,
    /// Unique blobs handed to the visitor.
    pub blobs: u64,
    /// Bytes handed to the visitor.
    pub bytes: u64,
    pub skipped_binary: u64,
    pub skipped_large: u64,
    /// Time spent walking commits and trees to find the unique blobs.
    pub walk_time: Duration,
    /// Time spent reading blobs and in `visit` (wall clock, all threads together).
    pub read_time: Duration,
}

/// How many leading bytes are sniffed for a NUL (the same window git uses).
const BINARY_SNIFF: usize = 8000;
/// Delta-base cache per thread: deltas in a pack chain onto shared bases, and re-inflating
/// a base for every sibling is the cost without one. Measured on flask's history (164 MB of
/// blobs): CPU time is flat from 1 MB to 64 MB while peak memory grows from 30 to 160 MB,
/// so a small cache wins.
const PACK_CACHE_BYTES: usize = 8 * 1024 * 1024;
/// Blobs claimed by a thread at a time: big enough to keep the atomic cold, small enough
/// to balance the tail.
const CHUNK: usize = 64;

/// Visit every unique blob reachable from all refs (or only from commits not reachable from
/// `since`), in parallel; `visit` is called once per blob that is neither binary nor larger
/// than `max_blob_size`.
pub fn history_blobs(
    repo_path: &Path,
    since: Option<&str>,
    max_blob_size: u64,
    visit: &(dyn Fn(HistoryBlob<'_>) + Sync),
) -> Result<HistoryStats, GitError> {
    let started = Instant::now();
    let mut repo = repo::discover(repo_path)?;
    if repo.is_shallow().map_err(GitError::repository)? {
        return Err(GitError::Shallow);
    }
    let partial = is_partial_clone(&repo);
    set_pack_cache(&mut repo);
    walk_and_read(repo, since, max_blob_size, visit, started).map_err(|err| match err {
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
    repo: gix::Repository,
    since: Option<&str>,
    max_blob_size: u64,
    visit: &(dyn Fn(HistoryBlob<'_>) + Sync),
    started: Instant,
) -> Result<HistoryStats, GitError> {
    let excluded = match since {
        Some(rev) => {
            let (commit, _) = repo::resolve_commit(&repo, rev)?;
            ancestors(&repo, commit)?
        }
        None => HashSet::default(),
    };
    let tips = tips(&repo)?;
    let graph = CommitGraph::load(&repo, &tips, &excluded)?;
    let order = graph.oldest_first();

    let mut walker = TreeWalker::new(&repo);
    for tree in graph.boundary_trees(&repo, &excluded)? {
        walker.walk(tree, None)?;
    }
    for &idx in &order {
        walker.walk(graph.commits[idx].tree, Some(idx as u32))?;
    }
    let found = walker.found;
    let walk_time = started.elapsed();
    let reading = Instant::now();

    let provenance: Vec<CommitMeta> = graph.commits.into_iter().map(|c| c.meta).collect();
    let mut stats = read_and_visit(repo.into_sync(), &found, &provenance, max_blob_size, visit)?;
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

/// Namespaces whose refs are history: local branches, remote-tracking branches and tags.
/// Others (stash, notes, a hosting service's pull-request refs) are left out.
const HISTORY_REFS: [&str; 3] = ["refs/heads/", "refs/remotes/", "refs/tags/"];

/// Commit ids at the tip of HEAD and of every branch, remote-tracking branch and tag
/// (peeled); a tag of a tree or blob is left out. A ref that cannot be read is an error,
/// not silently skipped.
fn tips(repo: &gix::Repository) -> Result<Vec<ObjectId>, GitError> {
    let mut out = Vec::new();
    if !repo::head_is_unborn(repo)? {
        out.push(repo.head_id().map_err(GitError::repository)?.detach());
    }
    let platform = repo.references().map_err(GitError::repository)?;
    for prefix in HISTORY_REFS {
        let refs = platform.prefixed(prefix).map_err(GitError::repository)?;
        for reference in refs {
            let mut reference = reference.map_err(GitError::repository)?;
            let name = reference.name().as_bstr().to_owned();
            let id = reference
                .peel_to_id()
                .map_err(|e| {
                    GitError::Repository(format!("ref {name}: {}", crate::error::one_line(&e)))
                })?
                .detach();
            let header = repo
                .objects
                .header(id)
                .map_err(|e| GitError::object(id, e))?;
            if header.kind() == gix::objs::Kind::Commit {
                out.push(id);
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Every commit reachable from `start`, `start` included.
fn ancestors(repo: &gix::Repository, start: ObjectId) -> Result<HashSet<ObjectId>, GitError> {
    let mut seen = HashSet::default();
    let mut stack = vec![start];
    let mut buf = Vec::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let data = repo
            .objects
            .find_commit_iter(&id, &mut buf)
            .map_err(|e| GitError::object(id, e))?;
        stack.extend(data.parent_ids().filter(|p| !seen.contains(p)));
    }
    Ok(seen)
}

/// Author of a commit, kept for the provenance of the blobs it introduced.
#[derive(Debug, Clone)]
struct CommitMeta {
    id: ObjectId,
    author: String,
    email: String,
    date: String,
}

struct CommitNode {
    tree: ObjectId,
    parents: Vec<ObjectId>,
    /// Committer time in seconds: orders commits that the graph leaves unordered.
    time: i64,
    meta: CommitMeta,
}

struct CommitGraph {
    commits: Vec<CommitNode>,
    index: HashMap<ObjectId, usize>,
}

impl CommitGraph {
    /// Every commit reachable from `tips` but not in `excluded`.
    fn load(
        repo: &gix::Repository,
        tips: &[ObjectId],
        excluded: &HashSet<ObjectId>,
    ) -> Result<Self, GitError> {
        let mut graph = CommitGraph {
            commits: Vec::new(),
            index: HashMap::new(),
        };
        let mut stack: Vec<ObjectId> = tips
            .iter()
            .filter(|t| !excluded.contains(*t))
            .copied()
            .collect();
        let mut buf = Vec::new();
        let hash = repo.object_hash();
        while let Some(id) = stack.pop() {
            if graph.index.contains_key(&id) {
                continue;
            }
            let data = repo
                .objects
                .find(&id, &mut buf)
                .map_err(|e| GitError::object(id, e))?;
            if data.kind != gix::objs::Kind::Commit {
                return Err(GitError::object(
                    id,
                    format!("expected a commit, found a {}", data.kind),
                ));
            }
            let commit = gix::objs::CommitRef::from_bytes(data.data, hash)
                .map_err(|e| GitError::object(id, e))?;
            let parents: Vec<ObjectId> = commit.parents().collect();
            let time = commit
                .committer()
                .ok()
                .and_then(|c| c.time().ok())
                .map_or(0, |t| t.seconds);
            let author = commit.author().map_err(|e| GitError::object(id, e))?;
            let date = author
                .time()
                .map(|t| t.format_or_unix(gix::date::time::format::ISO8601_STRICT))
                .unwrap_or_default();
            let node = CommitNode {
                tree: commit.tree(),
                time,
                meta: CommitMeta {
                    id,
                    author: author.name.trim().to_str_lossy().into_owned(),
                    email: author.email.trim().to_str_lossy().into_owned(),
                    date,
                },
                parents,
            };
            stack.extend(
                node.parents
                    .iter()
                    .filter(|p| !excluded.contains(*p) && !graph.index.contains_key(*p))
                    .copied(),
            );
            graph.index.insert(id, graph.commits.len());
            graph.commits.push(node);
        }
        Ok(graph)
    }

    /// Commit indices with parents before children, and among commits whose parents are
    /// all done, the oldest first (Kahn's algorithm on a min-heap of commit times).
    fn oldest_first(&self) -> Vec<usize> {
        let n = self.commits.len();
        let mut pending = vec![0u32; n];
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (child, node) in self.commits.iter().enumerate() {
            for parent in &node.parents {
                if let Some(&p) = self.index.get(parent) {
                    pending[child] += 1;
                    children[p].push(child);
                }
            }
        }
        let mut ready: BinaryHeap<Reverse<(i64, usize)>> = (0..n)
            .filter(|&i| pending[i] == 0)
            .map(|i| Reverse((self.commits[i].time, i)))
            .collect();
        let mut order = Vec::with_capacity(n);
        while let Some(Reverse((_, i))) = ready.pop() {
            order.push(i);
            for &c in &children[i] {
                pending[c] -= 1;
                if pending[c] == 0 {
                    ready.push(Reverse((self.commits[c].time, c)));
                }
            }
        }
        order
    }

    /// Trees of the excluded commits that are parents of included ones: their content was
    /// already there at `--since`, so it is marked seen before walking the new commits.
    fn boundary_trees(
        &self,
        repo: &gix::Repository,
        excluded: &HashSet<ObjectId>,
    ) -> Result<Vec<ObjectId>, GitError> {
        let mut boundary: Vec<ObjectId> = self
            .commits
            .iter()
            .flat_map(|c| c.parents.iter())
            .filter(|p| excluded.contains(*p))
            .copied()
            .collect();
        boundary.sort();
        boundary.dedup();
        let mut buf = Vec::new();
        boundary
            .into_iter()
            .map(|id| {
                repo.objects
                    .find_commit_iter(&id, &mut buf)
                    .and_then(|mut c| c.tree_id())
                    .map_err(|e| GitError::object(id, e))
            })
            .collect()
    }
}

/// A blob seen for the first time: where and in which commit.
struct FoundBlob {
    id: ObjectId,
    commit: u32,
    path: String,
}

/// Walks trees across commits, remembering every tree and blob id already seen.
struct TreeWalker<'r> {
    repo: &'r gix::Repository,
    seen_trees: HashSet<ObjectId>,
    seen_blobs: HashSet<ObjectId>,
    found: Vec<FoundBlob>,
    /// One read buffer per tree depth, reused across commits.
    bufs: Vec<Vec<u8>>,
    path: Vec<u8>,
}

impl<'r> TreeWalker<'r> {
    fn new(repo: &'r gix::Repository) -> Self {
        TreeWalker {
            repo,
            seen_trees: HashSet::default(),
            seen_blobs: HashSet::default(),
            found: Vec::new(),
            bufs: Vec::new(),
            path: Vec::new(),
        }
    }

    /// Walks `tree`; new blobs are recorded for `commit`, or only marked seen when `None`.
    fn walk(&mut self, tree: ObjectId, commit: Option<u32>) -> Result<(), GitError> {
        self.path.clear();
        if self.seen_trees.insert(tree) {
            self.walk_tree(tree, 0, commit)?;
        }
        Ok(())
    }

    fn walk_tree(
        &mut self,
        tree: ObjectId,
        depth: usize,
        commit: Option<u32>,
    ) -> Result<(), GitError> {
        if self.bufs.len() <= depth {
            self.bufs.resize_with(depth + 1, Vec::new);
        }
        let mut buf = std::mem::take(&mut self.bufs[depth]);
        let result = self.walk_entries(tree, &mut buf, depth, commit);
        self.bufs[depth] = buf;
        result
    }

    fn walk_entries(
        &mut self,
        tree: ObjectId,
        buf: &mut Vec<u8>,
        depth: usize,
        commit: Option<u32>,
    ) -> Result<(), GitError> {
        let entries = self
            .repo
            .objects
            .find_tree_iter(&tree, buf)
            .map_err(|e| GitError::object(tree, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| GitError::object(tree, e))?;
            match entry.mode.kind() {
                EntryKind::Tree => {
                    let id = entry.oid.to_owned();
                    if self.seen_trees.insert(id) {
                        let len = self.push_path(entry.filename);
                        self.walk_tree(id, depth + 1, commit)?;
                        self.path.truncate(len);
                    }
                }
                EntryKind::Blob | EntryKind::BlobExecutable => {
                    let id = entry.oid.to_owned();
                    if self.seen_blobs.insert(id)
                        && let Some(commit) = commit
                    {
                        let len = self.push_path(entry.filename);
                        self.found.push(FoundBlob {
                            id,
                            commit,
                            path: self.path.to_str_lossy().into_owned(),
                        });
                        self.path.truncate(len);
                    }
                }
                // Symlink targets are paths, and submodule commits live in other repositories.
                EntryKind::Link | EntryKind::Commit => {}
            }
        }
        Ok(())
    }

    /// Appends `/name` (or `name` at the root); returns the length to truncate back to.
    fn push_path(&mut self, name: &BStr) -> usize {
        let len = self.path.len();
        if len > 0 {
            self.path.push(b'/');
        }
        self.path.extend_from_slice(name);
        len
    }
}

/// Reads the found blobs on every rayon thread and calls `visit` for each text blob.
fn read_and_visit(
    shared: gix::ThreadSafeRepository,
    found: &[FoundBlob],
    commits: &[CommitMeta],
    max_blob_size: u64,
    visit: &(dyn Fn(HistoryBlob<'_>) + Sync),
) -> Result<HistoryStats, GitError> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let first_error: Mutex<Option<GitError>> = Mutex::new(None);
    let (blobs, bytes, binary, large) = (
        AtomicU64::new(0),
        AtomicU64::new(0),
        AtomicU64::new(0),
        AtomicU64::new(0),
    );
    let threads = rayon::current_num_threads().max(1);
    rayon::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|_| {
                let mut repo = shared.to_thread_local();
                set_pack_cache(&mut repo);
                let mut buf = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                    if start >= found.len() {
                        break;
                    }
                    for blob in &found[start..(start + CHUNK).min(found.len())] {
                        let data = match repo.objects.try_find(&blob.id, &mut buf) {
                            Ok(Some(data)) => data.data,
                            Ok(None) => {
                                record_error(
                                    &first_error,
                                    &stop,
                                    GitError::object(blob.id, "not in the object database"),
                                );
                                return;
                            }
                            Err(e) => {
                                record_error(&first_error, &stop, GitError::object(blob.id, e));
                                return;
                            }
                        };
                        if data.len() as u64 > max_blob_size {
                            large.fetch_add(1, Ordering::Relaxed);
                            continue;
                        }
                        if data[..data.len().min(BINARY_SNIFF)].contains(&0) {
                            binary.fetch_add(1, Ordering::Relaxed);
                            continue;
                        }
                        let meta = &commits[blob.commit as usize];
                        let provenance = Provenance {
                            commit: meta.id.to_hex().to_string(),
                            author: meta.author.clone(),
                            email: meta.email.clone(),
                            date: meta.date.clone(),
                            path: blob.path.clone(),
                        };
                        blobs.fetch_add(1, Ordering::Relaxed);
                        bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
                        let blob_id = blob.id.to_hex().to_string();
                        visit(HistoryBlob {
                            blob_id: &blob_id,
                            path: &blob.path,
                            bytes: data,
                            provenance: &provenance,
                        });
                    }
                }
            });
        }
    });
    if let Some(err) = first_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(err);
    }
    Ok(HistoryStats {
        blobs: blobs.into_inner(),
        bytes: bytes.into_inner(),
        skipped_binary: binary.into_inner(),
        skipped_large: large.into_inner(),
        ..HistoryStats::default()
    })
}

fn record_error(slot: &Mutex<Option<GitError>>, stop: &AtomicBool, err: GitError) {
    stop.store(true, Ordering::Relaxed);
    let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
    slot.get_or_insert(err);
}
