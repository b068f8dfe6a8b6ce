//! Where the policy and the repository of a scan root are.

use std::path::{Path, PathBuf};
use vibeguard_core::Policy;

/// The folder whose `vibeguard.toml` governs a scan root (a file root uses its folder).
pub fn policy_dir(root: &Path) -> &Path {
    let dir = if root.is_file() {
        root.parent().unwrap_or(Path::new("."))
    } else {
        root
    };
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

/// Load `vibeguard.toml` for a scan root. A malformed policy is an error, never silently
/// ignored.
pub fn load_policy(root: &Path) -> anyhow::Result<Policy> {
    Ok(Policy::load_from_dir(policy_dir(root))?)
}

/// The working tree of the repository containing `start` (a `.git` folder or file).
pub fn repo_workdir(start: &Path) -> Option<PathBuf> {
    let mut dir = std::fs::canonicalize(start).ok()?;
    if dir.is_file() {
        dir.pop();
    }
    loop {
        if dir.join(".git").exists() {
            return Some(dir);
        }
        if !dir.pop() {
            return None;
        }
    }
}
