//! What the AI bill of materials reads from a repository: every commit with its
//! identities and message, git notes, files at a revision, line origins (blame) of the
//! working tree, and writing notes back (`provenance export --git-ai`).
//!
//! One [`GitRepo`] is opened per command and shared; blame of many files runs in
//! parallel on thread-local handles.

mod blame;
mod commits;
mod notes;
mod snapshot;

pub use blame::{BlameHunk, FileBlame};
pub use commits::CommitInfo;
pub use notes::NoteWrite;

use crate::error::GitError;
use std::path::{Path, PathBuf};

/// A repository opened for reading provenance.
pub struct GitRepo {
    repo: gix::ThreadSafeRepository,
    workdir: Option<PathBuf>,
}

impl GitRepo {
    /// The repository that contains `path`.
    pub fn discover(path: &Path) -> Result<GitRepo, GitError> {
        let repo = crate::repo::discover(path)?;
        let workdir = repo.workdir().map(Path::to_path_buf);
        Ok(GitRepo {
            repo: repo.into_sync(),
            workdir,
        })
    }

    /// The work tree's root (`None` for a bare repository).
    pub fn workdir(&self) -> Option<&Path> {
        self.workdir.as_deref()
    }

    pub(crate) fn local(&self) -> gix::Repository {
        let mut repo = self.repo.to_thread_local();
        // Blame and history walks revisit the same objects many times.
        repo.object_cache_size_if_unset(16 * 1024 * 1024);
        repo
    }

    /// HEAD's commit id in hex, `None` when the branch has no commit yet.
    pub fn head(&self) -> Result<Option<String>, GitError> {
        let repo = self.local();
        if crate::repo::head_is_unborn(&repo)? {
            return Ok(None);
        }
        Ok(Some(
            repo.head_id()
                .map_err(GitError::repository)?
                .detach()
                .to_string(),
        ))
    }

    /// The commit a revision names (`HEAD~3`, a branch, a tag, an id), in hex.
    pub fn resolve(&self, rev: &str) -> Result<String, GitError> {
        let repo = self.local();
        Ok(crate::repo::resolve_commit(&repo, rev)?.0.to_string())
    }

    /// The branch HEAD points at (`main`), if any.
    pub fn branch(&self) -> Option<String> {
        let repo = self.local();
        let head = repo.head_name().ok()??;
        Some(head.shorten().to_string())
    }

    /// The URL of the `origin` remote (or the only remote), with any credentials in it
    /// removed.
    pub fn remote_url(&self) -> Option<String> {
        let repo = self.local();
        let names = repo.remote_names();
        let name = if names.iter().any(|n| n.as_ref() as &[u8] == b"origin") {
            "origin".to_string()
        } else if names.len() == 1 {
            names.iter().next()?.to_string()
        } else {
            return None;
        };
        let remote = repo.find_remote(name.as_str()).ok()?;
        let url = remote.url(gix::remote::Direction::Fetch)?;
        let mut url = url.clone();
        url.set_user(None);
        url.set_password(None);
        Some(url.to_bstring().to_string())
    }
}

/// Lines of `new` that a line diff against `old` marks as added or replaced (the same
/// histogram diff `scan --diff` uses): what an edit wrote.
pub fn added_lines_between(old: &[u8], new: &[u8]) -> crate::LineSet {
    crate::lines::added_lines(old, new)
}

fn parse_id(hex: &str) -> Result<gix::ObjectId, GitError> {
    gix::ObjectId::from_hex(hex.as_bytes()).map_err(|e| GitError::BadRevision {
        rev: hex.to_string(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests;
