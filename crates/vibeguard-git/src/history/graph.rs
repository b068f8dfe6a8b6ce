//! The commit side of a history walk: which commits (tips, `--since`), in which order.

use crate::error::GitError;
use crate::repo;
use gix::ObjectId;
use gix::bstr::ByteSlice;
use gix::hashtable::HashSet;
use gix::prelude::{FindExt, HeaderExt};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// Namespaces whose refs are history: local branches, remote-tracking branches and tags.
/// Others (stash, notes, a hosting service's pull-request refs) are left out.
const HISTORY_REFS: [&str; 3] = ["refs/heads/", "refs/remotes/", "refs/tags/"];

/// Commit ids at the tip of HEAD and of every branch, remote-tracking branch and tag
/// (peeled); a tag of a tree or blob is left out. A ref that cannot be read is an error,
/// not silently skipped.
pub(super) fn tips(repo: &gix::Repository) -> Result<Vec<ObjectId>, GitError> {
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
pub(super) fn ancestors(
    repo: &gix::Repository,
    start: ObjectId,
) -> Result<HashSet<ObjectId>, GitError> {
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
pub(super) struct CommitMeta {
    pub id: ObjectId,
    pub author: String,
    pub email: String,
    pub date: String,
}

pub(super) struct CommitNode {
    pub tree: ObjectId,
    pub parents: Vec<ObjectId>,
    /// Committer time in seconds: orders commits that the graph leaves unordered.
    time: i64,
    pub meta: CommitMeta,
}

pub(super) struct CommitGraph {
    pub commits: Vec<CommitNode>,
    index: HashMap<ObjectId, usize>,
}

impl CommitGraph {
    /// Every commit reachable from `tips` but not in `excluded`.
    pub fn load(
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
    pub fn oldest_first(&self) -> Vec<usize> {
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
    pub fn boundary_trees(
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

    /// The trees of each commit's parents, the versions a new blob is compared with. A
    /// parent outside the walk (before `--since`) is read.
    pub fn parent_trees(&self, repo: &gix::Repository) -> Result<Vec<Vec<ObjectId>>, GitError> {
        let mut buf = Vec::new();
        let mut tree_of = |parent: &ObjectId| -> Result<ObjectId, GitError> {
            if let Some(&p) = self.index.get(parent) {
                return Ok(self.commits[p].tree);
            }
            repo.objects
                .find_commit_iter(parent, &mut buf)
                .and_then(|mut c| c.tree_id())
                .map_err(|e| GitError::object(parent, e))
        };
        self.commits
            .iter()
            .map(|c| c.parents.iter().map(&mut tree_of).collect())
            .collect()
    }
}
