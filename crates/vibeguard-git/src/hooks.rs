//! Where git runs a repository's hooks from (`vibeguard hook install-git`).

use crate::error::GitError;
use crate::repo;
use std::path::{Path, PathBuf};

/// The folder git runs hooks from for the repository containing `path`: `core.hooksPath`
/// when set (relative values are relative to the working tree, as git reads them),
/// otherwise `hooks/` in the common git directory (shared by every worktree).
pub fn hooks_dir(path: &Path) -> Result<PathBuf, GitError> {
    let repo = repo::discover(path)?;
    let configured = repo
        .config_snapshot()
        .trusted_path("core.hooksPath")
        .map_err(GitError::repository)?;
    if let Some(p) = configured {
        if p.is_absolute() {
            return Ok(p);
        }
        let base = repo.workdir().unwrap_or_else(|| repo.git_dir());
        return Ok(base.join(p));
    }
    Ok(repo.common_dir().join("hooks"))
}
