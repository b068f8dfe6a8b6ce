//! AI provenance: which lines, files and components came from agents, by which agent and
//! model, according to which source, and what the gate decided along the way.
//!
//! Sources, merged, each attribution naming the one that said it:
//! - [`gitai`]: git-ai authorship logs in `refs/notes/ai` (line level, per commit);
//! - [`agent_trace`]: Agent Trace records in `.agent-trace/` (line level), including the
//!   ones the gate writes for the writes and edits it allows;
//! - [`markers`]: commit markers of agents (commit level: every line the commit brought);
//! - [`audit`]: vibeguard's audit log (files written through the gate, installs, every
//!   decision by rule).
//!
//! Lines are joined to sources through the blame of the working tree. A finer source wins
//! over a coarser one: a git-ai note or a trace record over a commit marker. "Unknown" is
//! an answer of its own: no source said where the line came from, which is not evidence
//! that a person wrote it.

pub mod agent_trace;
pub mod audit;
mod build;
mod claims;
pub mod gitai;
pub mod markers;
mod summary;

pub use build::{ComponentSite, Options, build};

use serde::Serialize;
use std::collections::BTreeMap;

/// The sentence every output carries about unknown lines.
pub const UNKNOWN_NOTE: &str = "unknown: no source recorded where these lines came from; \
this is not evidence that a person wrote them (agents' commit markers are often turned off or stripped)";

/// Where a line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Agent,
    Human,
    Unknown,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Agent => "agent",
            Origin::Human => "human",
            Origin::Unknown => "unknown",
        }
    }
}

/// Which source said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A git-ai authorship log (refs/notes/ai).
    GitAi,
    /// An Agent Trace record written by an agent or another tool.
    AgentTrace,
    /// vibeguard's gate: a trace record it wrote, or its audit log.
    Gate,
    /// An agent's marker on the commit that brought the line.
    CommitMarker,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::GitAi => "git-ai",
            Source::AgentTrace => "agent-trace",
            Source::Gate => "gate",
            Source::CommitMarker => "commit-marker",
        }
    }
}

/// Who wrote a line, and who says so.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Attribution {
    pub origin: Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    pub source: Source,
    /// The commit whose marker said it (commit markers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

/// Lines by origin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub lines: u64,
    pub agent: u64,
    pub human: u64,
    pub unknown: u64,
    /// Attributed lines by the source that attributed them.
    pub by_source: BTreeMap<String, u64>,
}

impl Counts {
    pub fn add(&mut self, other: &Counts) {
        self.lines += other.lines;
        self.agent += other.agent;
        self.human += other.human;
        self.unknown += other.unknown;
        for (k, v) in &other.by_source {
            *self.by_source.entry(k.clone()).or_default() += v;
        }
    }

    /// Share of agent lines, in percent.
    pub fn agent_percent(&self) -> f64 {
        if self.lines == 0 {
            0.0
        } else {
            self.agent as f64 * 100.0 / self.lines as f64
        }
    }
}

/// Consecutive lines with one attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    pub start: u32,
    pub end: u32,
    #[serde(flatten)]
    pub attribution: Attribution,
}

/// One file of the working tree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileProvenance {
    pub path: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub agents: Vec<String>,
    pub models: Vec<String>,
    /// Writes and edits of this file the gate allowed.
    pub gate_writes: u32,
    /// Attributed lines (unknown lines are left out).
    pub runs: Vec<Run>,
    /// Attribution id of each line (0: unknown), for `--diff`.
    #[serde(skip)]
    pub(crate) line_attr: Vec<u32>,
}

/// A directory: the sum of the files below it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DirProvenance {
    /// `.` for the root.
    pub path: String,
    pub files: u64,
    #[serde(flatten)]
    pub counts: Counts,
}

/// One agent across the project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AgentSummary {
    pub agent: String,
    pub models: Vec<String>,
    pub lines: u64,
    pub files: u64,
    /// Commits carrying this agent's marker.
    pub commits: u64,
    /// Writes and edits through the gate.
    pub gate_writes: u64,
    /// Gate decisions for this agent: allow, ask, deny.
    pub gate_decisions: [u64; 3],
    pub sources: Vec<String>,
}

/// A commit an agent's marker names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarkedCommit {
    pub id: String,
    pub time: String,
    pub subject: String,
    pub agent: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    pub markers: Vec<markers::Marker>,
}

/// A commit, briefly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitRef {
    pub id: String,
    pub time: String,
    pub subject: String,
}

/// How a component got into the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentProvenance {
    pub bom_ref: String,
    /// The declaration the answer is about.
    pub file: String,
    pub line: u32,
    /// The commit that brought the declaration's line in its current form (`None`: not
    /// committed yet, or no git history).
    pub introduced_by: Option<CommitRef>,
    pub origin: Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The sources behind the answer (`commit-marker`, `git-ai`, `agent-trace`, `gate`).
    pub sources: Vec<String>,
    /// What each source said, in words.
    pub evidence: Vec<String>,
}

/// What was read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceSummary {
    /// The root is inside a git repository with at least one commit.
    pub git: bool,
    pub commits: u64,
    pub marked_commits: u64,
    pub gitai_notes: u64,
    /// Notes of commits no longer in the history (rebased or squashed away) whose lines
    /// were carried over by content.
    pub gitai_rewritten: u64,
    pub trace_records: u64,
    pub trace_records_by_gate: u64,
    pub trace_files: Vec<String>,
    pub audit_records: u64,
    /// Files whose lines were blamed (the others had no source to join).
    pub blamed_files: u64,
}

/// Everything provenance found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Provenance {
    pub note: String,
    /// The commit the working tree is on.
    pub head: Option<String>,
    pub sources: SourceSummary,
    pub totals: Counts,
    pub agents: Vec<AgentSummary>,
    pub directories: Vec<DirProvenance>,
    pub files: Vec<FileProvenance>,
    pub commits: Vec<MarkedCommit>,
    pub components: Vec<ComponentProvenance>,
    pub gate: audit::AuditFacts,
    pub warnings: Vec<String>,
    /// Interned attributions; id 0 is unknown.
    #[serde(skip)]
    pub(crate) attributions: Vec<Attribution>,
}

impl Provenance {
    /// The attribution of line `line` (1-based) of `path`, `None` for unknown.
    pub fn line(&self, path: &str, line: u32) -> Option<&Attribution> {
        let f = self.files.iter().find(|f| f.path == path)?;
        let id = *f.line_attr.get(line.checked_sub(1)? as usize)?;
        (id != 0).then(|| &self.attributions[id as usize])
    }

    pub fn component(&self, bom_ref: &str) -> Option<&ComponentProvenance> {
        self.components.iter().find(|c| c.bom_ref == bom_ref)
    }
}
