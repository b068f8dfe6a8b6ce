//! `scan --staged`: what the next commit would add, read from the index.

use crate::error::GitError;
use crate::lines::{LineSet, added_lines};
use crate::repo;
use crate::tree;
use gix::bstr::ByteSlice;
use gix::index::entry::{Flags, Mode, Stage};
use std::collections::HashMap;
use std::path::Path;

/// A file as it is in the index, with the lines added relative to HEAD.
#[derive(Debug, Clone)]
pub struct StagedFile {
    pub path: String,
    pub bytes: Vec<u8>,
    pub added: LineSet,
}

/// The index compared with HEAD: every regular file whose staged blob differs from HEAD's
/// (every file when there is no commit yet), its staged bytes (not the working-tree copy)
/// and the lines it adds. Entries being removed, intent-to-add placeholders and
/// unresolved conflicts are skipped: none of them is content a commit would record.
pub fn staged_files(repo_path: &Path) -> Result<Vec<StagedFile>, GitError> {
    let repo = repo::discover(repo_path)?;
    let head = match repo::head_tree(&repo)? {
        Some(tree) => tree::flatten(&repo, tree)?,
        None => HashMap::new(),
    };
    let index = repo.index_or_empty().map_err(GitError::repository)?;
    let mut out = Vec::new();
    for entry in index.entries() {
        if entry.stage() != Stage::Unconflicted
            || entry.flags.intersects(Flags::REMOVE | Flags::INTENT_TO_ADD)
            || !(entry.mode == Mode::FILE || entry.mode == Mode::FILE_EXECUTABLE)
        {
            continue;
        }
        let path = entry.path(&index);
        let before = head.get(path).filter(|f| f.is_regular());
        if before.is_some_and(|b| b.id == entry.id) {
            continue;
        }
        let bytes = repo::read_blob(&repo, &entry.id)?;
        let added = match before {
            Some(before) => added_lines(&repo::read_blob(&repo, &before.id)?, &bytes),
            None => LineSet::all_lines_of(&bytes),
        };
        out.push(StagedFile {
            path: path.to_str_lossy().into_owned(),
            bytes,
            added,
        });
    }
    Ok(out)
}
