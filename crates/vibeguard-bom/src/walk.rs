//! The project's files, walked the way `scan` walks them: .gitignore, `.ignore` and
//! `.vibeguardignore` honoured, `.git/` and vibeguard's own state skipped, symlinks never
//! followed (nothing outside the root is read).

use ignore::WalkBuilder;
use std::path::{Path, PathBuf};

/// One regular file under the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkedFile {
    /// Relative to the root, `/`-separated.
    pub rel: String,
    pub abs: PathBuf,
    pub size: u64,
}

/// Directories never walked: VCS internals, vibeguard's state, and installed package
/// trees (their packages are what the lockfiles already name).
const SKIPPED_DIRS: [&str; 4] = [".git", ".vibeguard", "node_modules", ".agent-trace"];

/// Every regular file under `root`, sorted by relative path, with `excludes` (globs
/// relative to the root, as in `[scan] exclude`) left out.
pub fn files(root: &Path, excludes: &vibeguard_core::pipeline::Excludes) -> Vec<WalkedFile> {
    let mut b = WalkBuilder::new(root);
    b.hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .parents(false)
        .follow_links(false)
        .add_custom_ignore_filename(vibeguard_core::pipeline::IGNORE_FILE)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && SKIPPED_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
        });
    let mut out = Vec::new();
    for entry in b.build().flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let rel = relative(root, entry.path());
        if rel.is_empty() || excludes.is_excluded(&rel) {
            continue;
        }
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(WalkedFile {
            rel,
            abs: entry.path().to_path_buf(),
            size,
        });
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// `path` relative to `root`, `/`-separated.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut s = String::new();
    for c in rel.components() {
        if let std::path::Component::Normal(n) = c {
            if !s.is_empty() {
                s.push('/');
            }
            s.push_str(&n.to_string_lossy());
        }
    }
    s
}
