//! Every commit reachable from a revision, with what provenance reads from it: author and
//! committer identities, times and the full message (trailers included).

use super::{GitRepo, parse_id};
use crate::error::GitError;
use gix::ObjectId;
use gix::bstr::ByteSlice;
use gix::objs::Exists;
use gix::prelude::FindExt;
use serde::Serialize;
use std::collections::HashSet;

/// One commit as provenance needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitInfo {
    /// Full hex id.
    pub id: String,
    pub parents: Vec<String>,
    pub author_name: String,
    pub author_email: String,
    /// Seconds since the Unix epoch.
    pub author_time: i64,
    pub committer_name: String,
    pub committer_email: String,
    pub committer_time: i64,
    /// The whole message: subject, body and trailers.
    pub message: String,
}

impl GitRepo {
    /// Every commit reachable from `start` (a hex id), `start` included, newest committer
    /// time first.
    pub fn commits(&self, start: &str) -> Result<Vec<CommitInfo>, GitError> {
        let repo = self.local();
        let mut seen: HashSet<ObjectId> = HashSet::new();
        let mut stack = vec![parse_id(start)?];
        let mut out = Vec::new();
        let mut buf = Vec::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let info = read_commit(&repo, id, &mut buf)?;
            for p in &info.parents {
                let pid = parse_id(p)?;
                if !seen.contains(&pid) {
                    stack.push(pid);
                }
            }
            out.push(info);
        }
        out.sort_by_key(|c| std::cmp::Reverse(c.committer_time));
        Ok(out)
    }

    /// One commit by hex id; `Ok(None)` when the object is not in the repository (a
    /// rewritten commit that was garbage-collected).
    pub fn commit(&self, id: &str) -> Result<Option<CommitInfo>, GitError> {
        let repo = self.local();
        let oid = parse_id(id)?;
        if !repo.objects.exists(&oid) {
            return Ok(None);
        }
        let mut buf = Vec::new();
        read_commit(&repo, oid, &mut buf).map(Some)
    }

    /// Paths (repository-relative, `/`-separated) whose content a commit changed against
    /// its first parent (against nothing for a root commit). Renames count as an
    /// addition of the new path.
    pub fn changed_paths(&self, id: &str) -> Result<Vec<String>, GitError> {
        let repo = self.local();
        let oid = parse_id(id)?;
        let commit = repo
            .find_commit(oid)
            .map_err(|e| GitError::object(oid, e))?;
        let new_tree = commit.tree().map_err(|e| GitError::object(oid, e))?;
        let old_tree = match commit.parent_ids().next() {
            Some(p) => Some(
                repo.find_commit(p)
                    .map_err(|e| GitError::object(p, e))?
                    .tree()
                    .map_err(|e| GitError::object(p, e))?,
            ),
            None => None,
        };
        let changes = repo
            .diff_tree_to_tree(old_tree.as_ref(), &new_tree, gix::diff::Options::default())
            .map_err(GitError::repository)?;
        let mut out: Vec<String> = changes
            .iter()
            .filter(|c| !c.entry_mode().is_tree())
            .map(|c| c.location().to_str_lossy().into_owned())
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }
}

fn read_commit(
    repo: &gix::Repository,
    id: ObjectId,
    buf: &mut Vec<u8>,
) -> Result<CommitInfo, GitError> {
    let data = repo
        .objects
        .find(&id, buf)
        .map_err(|e| GitError::object(id, e))?;
    if data.kind != gix::objs::Kind::Commit {
        return Err(GitError::object(
            id,
            format!("expected a commit, found a {}", data.kind),
        ));
    }
    let c = gix::objs::CommitRef::from_bytes(data.data, repo.object_hash())
        .map_err(|e| GitError::object(id, e))?;
    let author = c.author().map_err(|e| GitError::object(id, e))?;
    let committer = c.committer().map_err(|e| GitError::object(id, e))?;
    Ok(CommitInfo {
        id: id.to_string(),
        parents: c.parents().map(|p| p.to_string()).collect(),
        author_name: author.name.trim().to_str_lossy().into_owned(),
        author_email: author.email.trim().to_str_lossy().into_owned(),
        author_time: author.seconds(),
        committer_name: committer.name.trim().to_str_lossy().into_owned(),
        committer_email: committer.email.trim().to_str_lossy().into_owned(),
        committer_time: committer.seconds(),
        message: c.message.to_str_lossy().into_owned(),
    })
}
