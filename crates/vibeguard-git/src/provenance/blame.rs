//! Line origins: which commit last brought each line of a file into its current form,
//! and at which line of that commit's version it stood (the line numbers git-ai notes
//! and Agent Trace records refer to). Renames are followed.

use super::{GitRepo, parse_id};
use crate::error::GitError;
use gix::bstr::{BStr, ByteSlice};
use serde::Serialize;

/// Consecutive lines that came from one commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlameHunk {
    /// 1-based first line in the blamed content.
    pub start: u32,
    pub len: u32,
    /// The commit (hex) that introduced the lines; `None` for lines that are only in the
    /// working tree (not committed yet).
    pub commit: Option<String>,
    /// 1-based first line of the hunk in the commit's version of the file.
    pub source_start: u32,
    /// The file's path in that commit when it differs (renamed since).
    pub source_path: Option<String>,
}

/// The blame of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileBlame {
    pub hunks: Vec<BlameHunk>,
    /// Lines in the blamed content.
    pub lines: u32,
}

impl FileBlame {
    /// Every line of `content` as not committed yet (a file HEAD does not have).
    pub fn uncommitted(content: &[u8]) -> FileBlame {
        let lines = count_lines(content);
        FileBlame {
            hunks: if lines == 0 {
                Vec::new()
            } else {
                vec![BlameHunk {
                    start: 1,
                    len: lines,
                    commit: None,
                    source_start: 1,
                    source_path: None,
                }]
            },
            lines,
        }
    }
}

/// Lines as git counts them: a last line without a newline still counts.
pub fn count_lines(content: &[u8]) -> u32 {
    let n = content.iter().filter(|&&b| b == b'\n').count();
    let extra = usize::from(!content.is_empty() && !content.ends_with(b"\n"));
    (n + extra) as u32
}

impl GitRepo {
    /// Blame `path` (repository-relative) with `content` as the working-tree version on
    /// top of commit `head`: lines that `head` does not have are uncommitted. A file that
    /// `head` does not have is wholly uncommitted.
    pub fn blame(&self, path: &str, content: &[u8], head: &str) -> Result<FileBlame, GitError> {
        let repo = self.local();
        let oid = parse_id(head)?;
        let commit = repo
            .find_commit(oid)
            .map_err(|e| GitError::object(oid, e))?;
        let tree = commit.tree().map_err(|e| GitError::object(oid, e))?;
        let in_head = tree
            .lookup_entry_by_path(path)
            .map_err(|e| GitError::object(oid, e))?
            .is_some_and(|e| e.mode().is_blob());
        if !in_head {
            return Ok(FileBlame::uncommitted(content));
        }
        let cache = repo
            .commit_graph_if_enabled()
            .map_err(GitError::repository)?;
        let mut resources = repo
            .diff_resource_cache_for_tree_diff()
            .map_err(GitError::repository)?;
        let options = gix::blame::Options {
            diff_algorithm: gix::diff::blob::Algorithm::Histogram,
            ranges: gix::blame::BlameRanges::WholeFile,
            since: None,
            rewrites: Some(Default::default()),
            debug_track_path: false,
        };
        let path_b: &BStr = path.as_bytes().as_bstr();
        let outcome = gix::blame::file(
            &repo.objects,
            gix::blame::Start::Contents {
                first_suspect: oid,
                contents: std::borrow::Cow::Borrowed(content),
            },
            cache,
            &mut resources,
            path_b,
            options,
        )
        .map_err(|e| {
            GitError::Repository(format!("blame {path}: {}", crate::error::one_line(&e)))
        })?;
        let null = gix::ObjectId::null(repo.object_hash());
        let hunks = outcome
            .entries
            .iter()
            .map(|e| BlameHunk {
                start: e.start_in_blamed_file + 1,
                len: e.len.get(),
                commit: (e.commit_id != null).then(|| e.commit_id.to_string()),
                source_start: e.start_in_source_file + 1,
                source_path: e
                    .source_file_name
                    .as_ref()
                    .map(|n| n.to_str_lossy().into_owned()),
            })
            .collect();
        Ok(FileBlame {
            hunks,
            lines: count_lines(content),
        })
    }
}
