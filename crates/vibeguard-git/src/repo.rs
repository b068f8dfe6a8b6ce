//! Opening a repository and resolving revisions, with errors mapped to [`GitError`].

use crate::error::GitError;
use gix::ObjectId;
use gix::prelude::FindExt;
use std::path::Path;

/// Finds the repository that contains `path` (any file or directory inside a work tree).
pub(crate) fn discover(path: &Path) -> Result<gix::Repository, GitError> {
    let meta = std::fs::metadata(path).map_err(|source| GitError::Io {
        path: path.to_owned(),
        source,
    })?;
    let start = match path.parent() {
        Some(parent) if meta.is_file() && parent.as_os_str().is_empty() => Path::new("."),
        Some(parent) if meta.is_file() => parent,
        _ => path,
    };
    gix::discover(start).map_err(|_| GitError::NotARepository {
        path: path.to_owned(),
    })
}

/// True when HEAD points at a branch that has no commit yet.
pub(crate) fn head_is_unborn(repo: &gix::Repository) -> Result<bool, GitError> {
    Ok(repo.head().map_err(GitError::repository)?.is_unborn())
}

/// The commit that `rev` names (tags are peeled), as (commit id, tree id).
pub(crate) fn resolve_commit(
    repo: &gix::Repository,
    rev: &str,
) -> Result<(ObjectId, ObjectId), GitError> {
    let bad = |reason: String| GitError::BadRevision {
        rev: rev.to_owned(),
        reason,
    };
    let id = match repo.rev_parse_single(rev) {
        Ok(id) => id,
        Err(err) => {
            if head_is_unborn(repo)? {
                return Err(GitError::NoCommits);
            }
            return Err(bad(crate::error::innermost(&err)));
        }
    };
    let object = id.object().map_err(|e| GitError::object(id, e))?;
    let commit = object
        .peel_to_commit()
        .map_err(|_| bad("it does not name a commit".to_owned()))?;
    let tree = commit
        .tree_id()
        .map_err(|e| GitError::object(commit.id, e))?;
    Ok((commit.id, tree.detach()))
}

/// The tree of HEAD's commit, or `None` when HEAD is unborn.
pub(crate) fn head_tree(repo: &gix::Repository) -> Result<Option<ObjectId>, GitError> {
    if head_is_unborn(repo)? {
        return Ok(None);
    }
    let commit = repo.head_commit().map_err(GitError::repository)?;
    let tree = commit
        .tree_id()
        .map_err(|e| GitError::object(commit.id, e))?;
    Ok(Some(tree.detach()))
}

/// A blob's bytes, owned.
pub(crate) fn read_blob(repo: &gix::Repository, id: &gix::oid) -> Result<Vec<u8>, GitError> {
    let mut buf = Vec::new();
    repo.objects
        .find_blob(id, &mut buf)
        .map_err(|e| GitError::object(id, e))?;
    Ok(buf)
}
