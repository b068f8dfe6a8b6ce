//! Flattening a tree into path -> blob, for comparing one snapshot with another.

use crate::error::GitError;
use gix::ObjectId;
use gix::bstr::BString;
use gix::objs::tree::EntryKind;
use gix::prelude::FindExt;
use std::collections::HashMap;

/// A file in a tree snapshot.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TreeFile {
    pub id: ObjectId,
    pub kind: EntryKind,
}

impl TreeFile {
    pub fn is_regular(&self) -> bool {
        matches!(self.kind, EntryKind::Blob | EntryKind::BlobExecutable)
    }
}

/// Every non-tree entry of `tree`, keyed by its `/`-separated path.
pub(crate) fn flatten(
    repo: &gix::Repository,
    tree: ObjectId,
) -> Result<HashMap<BString, TreeFile>, GitError> {
    let mut out = HashMap::new();
    let mut prefix = BString::default();
    flatten_into(repo, tree, &mut prefix, &mut out)?;
    Ok(out)
}

fn flatten_into(
    repo: &gix::Repository,
    tree: ObjectId,
    prefix: &mut BString,
    out: &mut HashMap<BString, TreeFile>,
) -> Result<(), GitError> {
    let mut buf = Vec::new();
    let iter = repo
        .objects
        .find_tree_iter(&tree, &mut buf)
        .map_err(|e| GitError::object(tree, e))?;
    for entry in iter {
        let entry = entry.map_err(|e| GitError::object(tree, e))?;
        let len = prefix.len();
        if !prefix.is_empty() {
            prefix.push(b'/');
        }
        prefix.extend_from_slice(entry.filename);
        let kind = entry.mode.kind();
        if kind == EntryKind::Tree {
            flatten_into(repo, entry.oid.to_owned(), prefix, out)?;
        } else {
            out.insert(
                prefix.clone(),
                TreeFile {
                    id: entry.oid.to_owned(),
                    kind,
                },
            );
        }
        prefix.truncate(len);
    }
    Ok(())
}
