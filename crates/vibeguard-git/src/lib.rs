//! Change-aware scanning on gix (no shelling out to git): lines added since a revision,
//! the staged index, and every blob reachable from any ref, each scanned once.
//!
//! Three entry points serve `vibeguard scan`:
//! - [`added_lines_since`] for `--diff REV`: the working tree against a revision;
//! - [`staged_files`] for `--staged`: the index against HEAD (what a commit would add);
//! - [`history_blobs`] for `--history`: every unique blob in the repository's history,
//!   each with the first commit that introduced it, by default reduced to the lines it
//!   introduced over the previous version of its file.

mod diff;
mod error;
mod history;
mod hooks;
mod introduced;
mod lines;
pub mod provenance;
mod repo;
mod staged;
mod tree;

pub use diff::added_lines_since;
pub use error::GitError;
pub use history::{
    BlobContent, HistoryBlob, HistoryOptions, HistoryStats, history_blobs, history_blobs_with,
};
pub use hooks::hooks_dir;
pub use lines::{AddedLines, LineSet};
pub use provenance::GitRepo;
pub use staged::{StagedFile, staged_files};
