//! One error type with one-line messages a user can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("not a git repository (or any of its parent directories): {}", path.display())]
    NotARepository { path: PathBuf },

    #[error("{} is a bare repository: comparing with the working tree needs a checkout", path.display())]
    BareRepository { path: PathBuf },

    #[error("the repository has no commits yet, so there is no revision to compare with")]
    NoCommits,

    #[error("bad revision '{rev}': {reason}")]
    BadRevision { rev: String, reason: String },

    #[error(
        "shallow repository: its history is incomplete, so a history scan would miss commits \
         (fetch the full history first, e.g. `git fetch --unshallow`)"
    )]
    Shallow,

    #[error("git object {id} is missing or corrupt: {reason}")]
    Object { id: String, reason: String },

    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("git: {0}")]
    Repository(String),
}

impl GitError {
    /// Any gix error as a single line (gix errors may chain causes over several lines).
    pub(crate) fn repository(err: impl std::fmt::Display) -> Self {
        GitError::Repository(one_line(&err))
    }

    pub(crate) fn object(id: impl std::fmt::Display, err: impl std::fmt::Display) -> Self {
        GitError::Object {
            id: id.to_string(),
            reason: one_line(&err),
        }
    }
}

pub(crate) fn one_line(err: &dyn std::fmt::Display) -> String {
    let text = err.to_string();
    let parts: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    parts.join("; ")
}

/// The innermost sentence of an error chain, which for gix is the specific one ("the ref
/// partially named 'x' could not be found") under the generic ones ("couldn't parse");
/// bare kinds like `NotFound` at the very bottom are passed over.
pub(crate) fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut best = one_line(&err);
    let mut cause = err.source();
    while let Some(next) = cause {
        let text = one_line(&next);
        if text.contains(' ') {
            best = text;
        }
        cause = next.source();
    }
    best
}
