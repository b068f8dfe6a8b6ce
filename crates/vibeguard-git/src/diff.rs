//! `scan --diff REV`: which lines of the working tree were added since a revision.

use crate::error::GitError;
use crate::lines::{AddedLines, LineSet, added_lines};
use crate::repo;
use crate::tree::{self, TreeFile};
use gix::bstr::{BStr, ByteSlice};
use gix::index::entry::{Flags, Mode, Stat, stat};
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// Working tree compared with `rev`: for every file whose content on disk differs from
/// `rev` (tracked files, and untracked files that are not ignored, which count as wholly
/// added), the lines that were added. Files with only deletions are left out.
pub fn added_lines_since(repo_path: &Path, rev: &str) -> Result<AddedLines, GitError> {
    let repo = repo::discover(repo_path)?;
    let workdir = repo
        .workdir()
        .ok_or_else(|| GitError::BareRepository {
            path: repo.git_dir().to_owned(),
        })?
        .to_owned();
    let (_, rev_tree) = repo::resolve_commit(&repo, rev)?;
    let old = tree::flatten(&repo, rev_tree)?;
    let index = repo.index_or_empty().map_err(GitError::repository)?;

    let mut out = AddedLines::new();
    let mut last_path: Option<&BStr> = None;
    for entry in index.entries() {
        let path = entry.path(&index);
        // Conflicted paths have several stages; the file on disk is what counts, once.
        if last_path == Some(path) {
            continue;
        }
        last_path = Some(path);
        if entry.flags.contains(Flags::REMOVE)
            || !(entry.mode == Mode::FILE || entry.mode == Mode::FILE_EXECUTABLE)
        {
            continue;
        }
        let disk = workdir.join(repo_relative(path)?);
        let Ok(meta) = std::fs::symlink_metadata(&disk) else {
            continue; // deleted in the working tree (or skip-worktree): nothing added
        };
        if !meta.is_file() {
            continue;
        }
        let before = old.get(path).filter(|f| f.is_regular());
        if let Some(before) = before
            && entry.stage_raw() == 0
            && before.id == entry.id
            && stat_unchanged(&entry.stat, &disk, &index)
        {
            continue; // same blob in REV and index, and the file matches the index
        }
        let bytes = read_file(&disk)?;
        if let Some(set) = added_against(&repo, before, &bytes)? {
            out.insert(path.to_str_lossy().into_owned(), set);
        }
    }

    for rela in untracked_files(&repo, &index)? {
        let disk = workdir.join(repo_relative(rela.as_ref())?);
        let bytes = read_file(&disk)?;
        let set = LineSet::all_lines_of(&bytes);
        if !set.is_empty() {
            out.insert(rela.to_str_lossy().into_owned(), set);
        }
    }
    Ok(out)
}

/// Added lines of `bytes` relative to `before` (all of them when there was no file);
/// `None` when nothing was added.
fn added_against(
    repo: &gix::Repository,
    before: Option<&TreeFile>,
    bytes: &[u8],
) -> Result<Option<LineSet>, GitError> {
    let set = match before {
        Some(before) => {
            let old = repo::read_blob(repo, &before.id)?;
            if old == bytes {
                return Ok(None);
            }
            added_lines(&old, bytes)
        }
        None => LineSet::all_lines_of(bytes),
    };
    Ok((!set.is_empty()).then_some(set))
}

/// True when the file's stat data still matches what the index recorded and the entry is
/// not racily clean (modified in the same instant the index was written).
fn stat_unchanged(recorded: &Stat, disk: &Path, index: &gix::index::State) -> bool {
    let Ok(meta) = gix::index::fs::Metadata::from_path_no_follow(disk) else {
        return false;
    };
    let Ok(now) = Stat::from_fs(&meta) else {
        return false;
    };
    let opts = stat::Options::default();
    recorded.matches(&now, opts) && !recorded.is_racy(index.timestamp(), opts)
}

/// A repository path (always `/`-separated) as a platform path.
fn repo_relative(path: &BStr) -> Result<std::path::PathBuf, GitError> {
    gix::path::from_bstr(path)
        .map(|p| p.into_owned())
        .map_err(|e| GitError::Repository(format!("path {path}: {}", crate::error::one_line(&e))))
}

fn read_file(path: &Path) -> Result<Vec<u8>, GitError> {
    std::fs::read(path).map_err(|source| GitError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Untracked files that no ignore rule excludes, one entry per file (not collapsed into
/// directories), without descending into nested repositories.
fn untracked_files(
    repo: &gix::Repository,
    index: &gix::index::State,
) -> Result<Vec<gix::bstr::BString>, GitError> {
    use gix::dir::entry::{Kind, Status};
    use gix::dir::walk::EmissionMode;

    let options = repo
        .dirwalk_options()
        .map_err(GitError::repository)?
        .emit_untracked(EmissionMode::Matching)
        .emit_ignored(None)
        .emit_tracked(false)
        .recurse_repositories(false);
    let mut collect = gix::dir::walk::delegate::Collect::default();
    let interrupt = AtomicBool::new(false);
    repo.dirwalk(index, None::<&str>, &interrupt, options, &mut collect)
        .map_err(GitError::repository)?;
    let mut files: Vec<_> = collect
        .into_entries_by_path()
        .into_iter()
        .filter(|(e, _)| e.status == Status::Untracked && e.disk_kind == Some(Kind::File))
        .map(|(e, _)| e.rela_path)
        .collect();
    files.dedup();
    Ok(files)
}
