//! Git notes under a notes ref (git-ai keeps authorship logs in `refs/notes/ai`): reading
//! every note, and adding notes in a new notes commit.
//!
//! A notes ref points at a commit whose tree names each annotated object by its hex id,
//! either flat (`<40 hex>`) or fanned out in directories (`ab/cdef...`); both are read.
//! Notes are written flat, keeping every existing note.

use super::{GitRepo, parse_id};
use crate::error::GitError;
use gix::ObjectId;
use gix::bstr::{BString, ByteSlice};
use std::collections::BTreeMap;

/// One note to add: replaces an existing note of the same commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteWrite {
    /// The annotated commit (hex).
    pub commit: String,
    pub text: String,
}

impl GitRepo {
    /// Every note under `notes_ref` (`refs/notes/ai`) as (annotated object hex, text);
    /// empty when the ref does not exist.
    pub fn notes(&self, notes_ref: &str) -> Result<Vec<(String, String)>, GitError> {
        let repo = self.local();
        let Some(map) = note_blobs(&repo, notes_ref)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::with_capacity(map.len());
        for (target, blob) in map {
            let bytes = crate::repo::read_blob(&repo, &blob)?;
            out.push((target, bytes.to_str_lossy().into_owned()));
        }
        Ok(out)
    }

    /// Add `notes` under `notes_ref` in one new notes commit by `who` (name, email);
    /// returns the new notes commit (hex). Notes of other commits are kept.
    pub fn add_notes(
        &self,
        notes_ref: &str,
        notes: &[NoteWrite],
        who: (&str, &str),
        message: &str,
    ) -> Result<String, GitError> {
        let mut repo = self.local();
        let previous = notes_commit(&repo, notes_ref)?;
        let mut map = note_blobs(&repo, notes_ref)?.unwrap_or_default();
        for n in notes {
            parse_id(&n.commit)?;
            let blob = repo
                .write_blob(n.text.as_bytes())
                .map_err(GitError::repository)?
                .detach();
            map.insert(n.commit.clone(), blob);
        }
        let entries: Vec<gix::objs::tree::Entry> = map
            .into_iter()
            .map(|(name, oid)| gix::objs::tree::Entry {
                mode: gix::objs::tree::EntryKind::Blob.into(),
                filename: BString::from(name),
                oid,
            })
            .collect();
        let tree = repo
            .write_object(gix::objs::Tree { entries })
            .map_err(GitError::repository)?
            .detach();
        let signature = gix::actor::Signature {
            name: who.0.into(),
            email: who.1.into(),
            time: gix::date::Time::now_local_or_utc(),
        };
        let commit = gix::objs::Commit {
            tree,
            parents: previous.into_iter().collect(),
            author: signature.clone(),
            committer: signature,
            encoding: None,
            message: message.into(),
            extra_headers: Vec::new(),
        };
        let id = repo
            .write_object(commit)
            .map_err(GitError::repository)?
            .detach();
        let constraint = match previous {
            Some(p) => gix::refs::transaction::PreviousValue::MustExistAndMatch(p.into()),
            None => gix::refs::transaction::PreviousValue::MustNotExist,
        };
        // The ref update writes a reflog entry, which needs a committer: with none
        // configured (a CI runner, a fresh container), the notes' own author stands in.
        repo.committer_or_set_fallback(who.0, who.1)
            .map_err(GitError::repository)?;
        repo.reference(notes_ref, id, constraint, message)
            .map_err(GitError::repository)?;
        Ok(id.to_string())
    }
}

fn notes_commit(repo: &gix::Repository, notes_ref: &str) -> Result<Option<ObjectId>, GitError> {
    let Some(mut r) = repo
        .try_find_reference(notes_ref)
        .map_err(GitError::repository)?
    else {
        return Ok(None);
    };
    let id = r.peel_to_id().map_err(GitError::repository)?.detach();
    Ok(Some(id))
}

/// Annotated object (hex) -> note blob, from the notes commit's tree.
fn note_blobs(
    repo: &gix::Repository,
    notes_ref: &str,
) -> Result<Option<BTreeMap<String, ObjectId>>, GitError> {
    let Some(id) = notes_commit(repo, notes_ref)? else {
        return Ok(None);
    };
    let commit = repo.find_commit(id).map_err(|e| GitError::object(id, e))?;
    let tree = commit.tree_id().map_err(|e| GitError::object(id, e))?;
    let flat = crate::tree::flatten(repo, tree.detach())?;
    let mut out = BTreeMap::new();
    for (path, file) in flat {
        let name: String = path.to_str_lossy().chars().filter(|c| *c != '/').collect();
        if name.len() == 40 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
            out.insert(name.to_ascii_lowercase(), file.id);
        }
    }
    Ok(Some(out))
}
