//! Files as a commit recorded them: one file's bytes, or the list of every file.

use super::{GitRepo, parse_id};
use crate::error::GitError;
use crate::tree;
use gix::bstr::{BStr, ByteSlice};
use gix::objs::Exists;

impl GitRepo {
    /// The bytes of `path` (repository-relative, `/`-separated) at commit `id`; `Ok(None)`
    /// when the commit has no regular file there.
    pub fn file_at(&self, id: &str, path: &str) -> Result<Option<Vec<u8>>, GitError> {
        let repo = self.local();
        let oid = parse_id(id)?;
        if !repo.objects.exists(&oid) {
            return Ok(None);
        }
        let commit = repo
            .find_commit(oid)
            .map_err(|e| GitError::object(oid, e))?;
        let tree = commit.tree().map_err(|e| GitError::object(oid, e))?;
        let entry = tree
            .lookup_entry_by_path(path)
            .map_err(|e| GitError::object(oid, e))?;
        let Some(entry) = entry else {
            return Ok(None);
        };
        if !entry.mode().is_blob() {
            return Ok(None);
        }
        let blob = crate::repo::read_blob(&repo, entry.oid())?;
        Ok(Some(blob))
    }

    /// Every regular file of commit `id`: (path, blob id in hex), sorted by path.
    pub fn files_at(&self, id: &str) -> Result<Vec<(String, String)>, GitError> {
        let repo = self.local();
        let oid = parse_id(id)?;
        let commit = repo
            .find_commit(oid)
            .map_err(|e| GitError::object(oid, e))?;
        let tree_id = commit.tree_id().map_err(|e| GitError::object(oid, e))?;
        let flat = tree::flatten(&repo, tree_id.detach())?;
        let mut out: Vec<(String, String)> = flat
            .into_iter()
            .filter(|(_, f)| f.is_regular())
            .map(|(p, f)| (path_string(p.as_ref()), f.id.to_string()))
            .collect();
        out.sort();
        Ok(out)
    }

    /// A blob's bytes by hex id.
    pub fn blob(&self, id: &str) -> Result<Vec<u8>, GitError> {
        let repo = self.local();
        let oid = parse_id(id)?;
        crate::repo::read_blob(&repo, &oid)
    }
}

fn path_string(p: &BStr) -> String {
    p.to_str_lossy().into_owned()
}
