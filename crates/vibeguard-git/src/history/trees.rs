//! The tree side of a history walk: each commit's tree, skipping every subtree already
//! seen, recording new blobs with the version of the same path in the first parent.

use crate::error::GitError;
use gix::ObjectId;
use gix::bstr::{BStr, ByteSlice};
use gix::hashtable::HashSet;
use gix::objs::tree::EntryKind;
use gix::prelude::FindExt;
use std::collections::HashMap;

/// A blob seen for the first time: where, in which commit, and what it replaced.
pub(super) struct FoundBlob {
    pub id: ObjectId,
    pub commit: u32,
    pub path: String,
    /// The blob at the same path in the commit's first parent, if there was one.
    pub base: Option<ObjectId>,
}

/// Walks trees across commits, remembering every tree and blob id already seen.
pub(super) struct TreeWalker<'r> {
    repo: &'r gix::Repository,
    seen_trees: HashSet<ObjectId>,
    seen_blobs: HashSet<ObjectId>,
    pub found: Vec<FoundBlob>,
    /// Read buffers per tree depth (for the tree and its base), reused across commits.
    bufs: Vec<(Vec<u8>, Vec<u8>)>,
    path: Vec<u8>,
}

impl<'r> TreeWalker<'r> {
    pub fn new(repo: &'r gix::Repository) -> Self {
        TreeWalker {
            repo,
            seen_trees: HashSet::default(),
            seen_blobs: HashSet::default(),
            found: Vec::new(),
            bufs: Vec::new(),
            path: Vec::new(),
        }
    }

    /// Marks everything in `tree` as seen without recording it (content that predates
    /// `--since`).
    pub fn mark_seen(&mut self, tree: ObjectId) -> Result<(), GitError> {
        self.walk(tree, None, None)
    }

    /// Walks `tree` of `commit`; new blobs are recorded with their counterpart in `base`
    /// (the first parent's tree). Only `None` for `commit` marks without recording.
    pub fn walk(
        &mut self,
        tree: ObjectId,
        base: Option<ObjectId>,
        commit: Option<u32>,
    ) -> Result<(), GitError> {
        self.path.clear();
        if self.seen_trees.insert(tree) {
            self.walk_tree(tree, base, 0, commit)?;
        }
        Ok(())
    }

    fn walk_tree(
        &mut self,
        tree: ObjectId,
        base: Option<ObjectId>,
        depth: usize,
        commit: Option<u32>,
    ) -> Result<(), GitError> {
        if self.bufs.len() <= depth {
            self.bufs.resize_with(depth + 1, Default::default);
        }
        let (mut buf, mut base_buf) = std::mem::take(&mut self.bufs[depth]);
        let result = self.walk_entries(tree, base, &mut buf, &mut base_buf, depth, commit);
        self.bufs[depth] = (buf, base_buf);
        result
    }

    fn walk_entries(
        &mut self,
        tree: ObjectId,
        base: Option<ObjectId>,
        buf: &mut Vec<u8>,
        base_buf: &mut Vec<u8>,
        depth: usize,
        commit: Option<u32>,
    ) -> Result<(), GitError> {
        let base_entries = match (base, commit) {
            (Some(base), Some(_)) => self.entries_by_name(base, base_buf)?,
            _ => HashMap::new(),
        };
        let entries = self
            .repo
            .objects
            .find_tree_iter(&tree, buf)
            .map_err(|e| GitError::object(tree, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| GitError::object(tree, e))?;
            let counterpart = base_entries.get(entry.filename);
            match entry.mode.kind() {
                EntryKind::Tree => {
                    let id = entry.oid.to_owned();
                    if self.seen_trees.insert(id) {
                        let sub_base = counterpart
                            .filter(|(kind, _)| *kind == EntryKind::Tree)
                            .map(|(_, id)| *id);
                        let len = self.push_path(entry.filename);
                        self.walk_tree(id, sub_base, depth + 1, commit)?;
                        self.path.truncate(len);
                    }
                }
                EntryKind::Blob | EntryKind::BlobExecutable => {
                    let id = entry.oid.to_owned();
                    if self.seen_blobs.insert(id)
                        && let Some(commit) = commit
                    {
                        let base = counterpart
                            .filter(|(kind, _)| {
                                matches!(kind, EntryKind::Blob | EntryKind::BlobExecutable)
                            })
                            .map(|(_, id)| *id);
                        let len = self.push_path(entry.filename);
                        self.found.push(FoundBlob {
                            id,
                            commit,
                            path: self.path.to_str_lossy().into_owned(),
                            base,
                        });
                        self.path.truncate(len);
                    }
                }
                // Symlink targets are paths, and submodule commits live in other repositories.
                EntryKind::Link | EntryKind::Commit => {}
            }
        }
        Ok(())
    }

    /// The entries of a base tree by file name.
    fn entries_by_name<'b>(
        &self,
        tree: ObjectId,
        buf: &'b mut Vec<u8>,
    ) -> Result<HashMap<&'b BStr, (EntryKind, ObjectId)>, GitError> {
        let entries = self
            .repo
            .objects
            .find_tree_iter(&tree, buf)
            .map_err(|e| GitError::object(tree, e))?;
        entries
            .map(|entry| {
                let entry = entry.map_err(|e| GitError::object(tree, e))?;
                Ok((entry.filename, (entry.mode.kind(), entry.oid.to_owned())))
            })
            .collect()
    }

    /// Appends `/name` (or `name` at the root); returns the length to truncate back to.
    fn push_path(&mut self, name: &BStr) -> usize {
        let len = self.path.len();
        if len > 0 {
            self.path.push(b'/');
        }
        self.path.extend_from_slice(name);
        len
    }
}
