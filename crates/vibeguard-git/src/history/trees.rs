//! The tree side of a history walk: each commit's tree, skipping every subtree already
//! seen, recording new blobs with the versions of the same path in the commit's parents.

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
    /// The blobs at the same path in the commit's parents (empty for a new path).
    pub bases: Vec<ObjectId>,
}

/// Walks trees across commits, remembering every tree and blob id already seen.
pub(super) struct TreeWalker<'r> {
    repo: &'r gix::Repository,
    seen_trees: HashSet<ObjectId>,
    seen_blobs: HashSet<ObjectId>,
    pub found: Vec<FoundBlob>,
    /// Read buffers per tree depth (for the tree and its bases), reused across commits.
    bufs: Vec<(Vec<u8>, Vec<Vec<u8>>)>,
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
        self.walk(tree, &[], None)
    }

    /// Walks `tree` of `commit`; new blobs are recorded with their counterparts in `bases`
    /// (the parents' trees). Only `None` for `commit` marks without recording.
    pub fn walk(
        &mut self,
        tree: ObjectId,
        bases: &[ObjectId],
        commit: Option<u32>,
    ) -> Result<(), GitError> {
        self.path.clear();
        if self.seen_trees.insert(tree) {
            self.walk_tree(tree, bases, 0, commit)?;
        }
        Ok(())
    }

    fn walk_tree(
        &mut self,
        tree: ObjectId,
        bases: &[ObjectId],
        depth: usize,
        commit: Option<u32>,
    ) -> Result<(), GitError> {
        if self.bufs.len() <= depth {
            self.bufs.resize_with(depth + 1, Default::default);
        }
        let (mut buf, mut base_bufs) = std::mem::take(&mut self.bufs[depth]);
        if base_bufs.len() < bases.len() {
            base_bufs.resize_with(bases.len(), Vec::new);
        }
        let result = self.walk_entries(tree, bases, &mut buf, &mut base_bufs, depth, commit);
        self.bufs[depth] = (buf, base_bufs);
        result
    }

    fn walk_entries(
        &mut self,
        tree: ObjectId,
        bases: &[ObjectId],
        buf: &mut Vec<u8>,
        base_bufs: &mut [Vec<u8>],
        depth: usize,
        commit: Option<u32>,
    ) -> Result<(), GitError> {
        let mut base_entries = Vec::with_capacity(bases.len());
        if commit.is_some() {
            for (base, base_buf) in bases.iter().zip(base_bufs.iter_mut()) {
                base_entries.push(self.entries_by_name(*base, base_buf)?);
            }
        }
        let mut sub_bases = Vec::new();
        let entries = self
            .repo
            .objects
            .find_tree_iter(&tree, buf)
            .map_err(|e| GitError::object(tree, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| GitError::object(tree, e))?;
            let counterparts = |want: fn(EntryKind) -> bool| -> Vec<ObjectId> {
                base_entries
                    .iter()
                    .filter_map(|m| m.get(entry.filename))
                    .filter(|(kind, _)| want(*kind))
                    .map(|(_, id)| *id)
                    .collect()
            };
            match entry.mode.kind() {
                EntryKind::Tree => {
                    let id = entry.oid.to_owned();
                    if self.seen_trees.insert(id) {
                        sub_bases.clear();
                        sub_bases.extend(counterparts(|k| k == EntryKind::Tree));
                        let len = self.push_path(entry.filename);
                        let subs = std::mem::take(&mut sub_bases);
                        self.walk_tree(id, &subs, depth + 1, commit)?;
                        sub_bases = subs;
                        self.path.truncate(len);
                    }
                }
                EntryKind::Blob | EntryKind::BlobExecutable => {
                    let id = entry.oid.to_owned();
                    if self.seen_blobs.insert(id)
                        && let Some(commit) = commit
                    {
                        let mut bases = counterparts(|k| {
                            matches!(k, EntryKind::Blob | EntryKind::BlobExecutable)
                        });
                        bases.dedup();
                        let len = self.push_path(entry.filename);
                        self.found.push(FoundBlob {
                            id,
                            commit,
                            path: self.path.to_str_lossy().into_owned(),
                            bases,
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
