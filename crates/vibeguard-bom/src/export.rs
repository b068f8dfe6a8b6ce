//! `provenance export --git-ai`: the line-level attribution vibeguard holds (the gate's
//! trace records and other Agent Trace records) written as git-ai authorship logs, so
//! teams that use git-ai see the same lines.
//!
//! Each agent line of the working tree is placed in the commit that brought it (blame),
//! at its line number in that commit's version of the file, and grouped into one log per
//! commit. Commits that already carry a git-ai note keep it (git-ai's own record wins);
//! lines not committed yet, and lines only a commit marker attributes, are not exported.

use crate::provenance::gitai::{self, SessionLines};
use crate::provenance::{Origin, Provenance, Source};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use vibeguard_git::GitRepo;
use vibeguard_git::provenance::NoteWrite;

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportReport {
    /// Commits that received a note.
    pub written: Vec<String>,
    /// Commits left alone because they already had a note.
    pub kept: Vec<String>,
    pub lines: u64,
    /// Agent lines not committed yet (they are exported once committed).
    pub uncommitted: u64,
    /// The notes commit (`None` when nothing was written or on a dry run).
    pub notes_commit: Option<String>,
}

/// Write git-ai notes for the line-level agent attributions in `p`.
pub fn git_ai(
    root: &Path,
    p: &Provenance,
    tool_version: &str,
    dry_run: bool,
) -> Result<ExportReport, crate::BomError> {
    let repo = GitRepo::discover(root)?;
    let Some(head) = repo.head()? else {
        return Ok(ExportReport::default());
    };
    let prefix = match repo.workdir() {
        Some(wd) => {
            let wd = wd.canonicalize().unwrap_or_else(|_| wd.to_path_buf());
            let r = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
            crate::walk::relative(&wd, &r)
        }
        None => String::new(),
    };
    let existing: BTreeSet<String> = repo
        .notes(gitai::NOTES_REF)?
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    // commit -> session key -> lines
    let mut per_commit: BTreeMap<
        String,
        BTreeMap<(String, String, Option<String>), BTreeMap<String, Vec<u32>>>,
    > = BTreeMap::new();
    let mut report = ExportReport::default();
    for f in &p.files {
        let lines: Vec<&crate::provenance::Run> = f
            .runs
            .iter()
            .filter(|r| {
                r.attribution.origin == Origin::Agent
                    && matches!(r.attribution.source, Source::Gate | Source::AgentTrace)
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        let repo_path = if prefix.is_empty() {
            f.path.clone()
        } else {
            format!("{prefix}/{}", f.path)
        };
        let content = std::fs::read(root.join(&f.path)).unwrap_or_default();
        let blame = repo.blame(&repo_path, &content, &head)?;
        for run in lines {
            let a = &run.attribution;
            let key = (
                a.agent.clone().unwrap_or_else(|| "unknown".into()),
                a.session.clone().unwrap_or_default(),
                a.model.clone(),
            );
            for line in run.start..=run.end {
                let Some(h) = blame
                    .hunks
                    .iter()
                    .find(|h| line >= h.start && line < h.start + h.len)
                else {
                    continue;
                };
                let Some(commit) = &h.commit else {
                    report.uncommitted += 1;
                    continue;
                };
                let src_line = h.source_start + (line - h.start);
                let src_path = h.source_path.clone().unwrap_or_else(|| repo_path.clone());
                per_commit
                    .entry(commit.clone())
                    .or_default()
                    .entry(key.clone())
                    .or_default()
                    .entry(src_path)
                    .or_default()
                    .push(src_line);
            }
        }
    }
    let mut notes = Vec::new();
    for (commit, sessions) in per_commit {
        if existing.contains(&commit) {
            report.kept.push(commit);
            continue;
        }
        let mut list = Vec::new();
        for ((tool, conversation, model), mut files) in sessions {
            for v in files.values_mut() {
                v.sort_unstable();
                v.dedup();
                report.lines += v.len() as u64;
            }
            list.push(SessionLines {
                checkpoint: format!("{commit}:{tool}:{conversation}"),
                tool,
                conversation,
                model,
                lines: files,
            });
        }
        notes.push(NoteWrite {
            text: gitai::write(&commit, &list, tool_version),
            commit: commit.clone(),
        });
        report.written.push(commit);
    }
    if !dry_run && !notes.is_empty() {
        report.notes_commit = Some(repo.add_notes(
            gitai::NOTES_REF,
            &notes,
            ("vibeguard", "vibeguard@localhost"),
            "vibeguard: authorship logs from the gate's trace records",
        )?);
    }
    Ok(report)
}
