//! vibeguard-bom: the AI bill of materials.
//!
//! What a project is made of and how much of it came from agents:
//! - [`components`]: every package every lockfile and manifest names (the dependency
//!   analyzer's inventory), merged into components with purls, hashes, licenses, scopes,
//!   the files that declare them and the dependency graph; [`members`]: the project's
//!   own packages with their versions; [`actions`]: the actions and images its CI uses;
//!   [`dists`]: Python distributions the tree holds;
//!   [`sources`] joins the three;
//! - [`vulns`]: their vulnerabilities from the local advisory store;
//! - [`provenance`]: which lines, files and components agents wrote, with which model,
//!   by which source (commit markers, git-ai notes, Agent Trace records, the gate's audit
//!   log), and what the gate decided;
//! - writers: [`cyclonedx`] (1.6 JSON), [`spdx`] (3.0.1 JSON-LD), [`markdown`];
//! - [`diff`]: only what a change adds or removes; [`export`]: provenance as git-ai notes.

#![allow(
    clippy::type_complexity,
    clippy::wrong_self_convention,
    clippy::collapsible_if
)]

pub mod actions;
pub mod components;
pub mod cyclonedx;
pub mod diff;
pub mod dists;
pub mod export;
pub mod hashes;
pub mod licenses;
pub mod markdown;
pub mod members;
pub mod provenance;
pub mod sources;
pub mod spdx;
pub mod vulns;
pub mod walk;

use serde::Serialize;
use std::path::{Path, PathBuf};

/// Why a BOM could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BomError {
    #[error("{}: not a directory", .0.display())]
    NotADirectory(PathBuf),
    #[error("invalid exclude pattern: {0}")]
    Exclude(String),
    #[error("{0}")]
    Git(#[from] vibeguard_git::GitError),
}

/// What the BOM says about itself and the project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub tool_name: String,
    pub tool_version: String,
    /// The rules the BOM's tool carries (`vibeguard 0.1.0: 212 rules, sha256 ...`).
    pub ruleset: Option<String>,
    /// The project's name (the root directory's name).
    pub name: String,
    /// The repository's remote URL, without credentials.
    pub repository: Option<String>,
    pub commit: Option<String>,
    pub branch: Option<String>,
    /// RFC 3339 UTC.
    pub timestamp: String,
    /// `urn:uuid:...`, new for every BOM.
    pub serial: String,
}

/// A bill of materials.
#[derive(Debug, Clone, Serialize)]
pub struct Bom {
    pub meta: Meta,
    pub components: components::Components,
    pub vulnerabilities: vulns::VulnReport,
    pub provenance: Option<provenance::Provenance>,
    /// Set on a BOM narrowed to a change (`--diff`).
    pub diff: Option<diff::BomDiff>,
}

/// How to build one.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    /// The advisory store to match components against (`None`: not checked).
    pub advisory_db: Option<PathBuf>,
    /// Accepted advisories (any alias).
    pub advisory_ignore: Vec<String>,
    /// Exclude globs relative to the root (`[scan] exclude`).
    pub excludes: Vec<String>,
    /// Read provenance sources (git history, notes, traces, the audit log).
    pub provenance: bool,
    /// Blame every text file, not only the ones a source names.
    pub blame_all: bool,
    pub tool_version: String,
    pub ruleset: Option<String>,
    /// vibeguard's state directory (default `<root>/.vibeguard`).
    pub state_dir: Option<PathBuf>,
}

/// Build the BOM of the project at `opts.root`.
pub fn build(opts: &Options) -> Result<Bom, BomError> {
    let root = opts.root.as_path();
    if !root.is_dir() {
        return Err(BomError::NotADirectory(root.to_path_buf()));
    }
    let excludes = vibeguard_core::pipeline::Excludes::new(&opts.excludes)
        .map_err(|e| BomError::Exclude(e.to_string()))?;
    let files = walk::files(root, &excludes);
    let dep_texts: Vec<(String, String)> = files
        .iter()
        .filter(|f| sources::is_source_file(&f.rel))
        .filter_map(|f| {
            if !dists::needs_text(&f.rel) {
                return Some((f.rel.clone(), String::new()));
            }
            let bytes = std::fs::read(&f.abs).ok()?;
            Some((f.rel.clone(), String::from_utf8_lossy(&bytes).into_owned()))
        })
        .collect();
    let read = |p: &str| std::fs::read_to_string(root.join(p)).ok();
    let comps = sources::components(&dep_texts, &read);
    let vulnerabilities = match &opts.advisory_db {
        Some(db) => vulns::audit(&comps, db, &opts.advisory_ignore),
        None => vulns::VulnReport {
            note: Some("vulnerabilities were not checked".into()),
            ..vulns::VulnReport::default()
        },
    };
    let meta = meta(root, opts);
    let provenance = opts.provenance.then(|| {
        let sites = comps
            .list
            .iter()
            .filter_map(|c| {
                let o = c.occurrences.first()?;
                Some(provenance::ComponentSite {
                    bom_ref: c.bom_ref.clone(),
                    name: c.name.clone(),
                    file: o.file.clone(),
                    line: o.line,
                })
            })
            .collect();
        provenance::build(&provenance::Options {
            root,
            files: &files,
            components: sites,
            state_dir: opts
                .state_dir
                .clone()
                .unwrap_or_else(|| root.join(vibeguard_store::STATE_DIR)),
            blame_all: opts.blame_all,
        })
    });
    Ok(Bom {
        meta,
        components: comps,
        vulnerabilities,
        provenance,
        diff: None,
    })
}

/// One line naming a rule set: the tool version, how many rules and a digest of their
/// ids (two builds with the same line carry the same rules).
pub fn ruleset_line(version: &str, ids: &[String]) -> String {
    use sha2::Digest;
    let mut sorted: Vec<&String> = ids.iter().collect();
    sorted.sort();
    let mut h = sha2::Sha256::new();
    for id in sorted {
        h.update(id.as_bytes());
        h.update(b"\n");
    }
    let digest = hex::encode(h.finalize());
    format!(
        "vibeguard {version} rules: {} (ids sha256 {})",
        ids.len(),
        &digest[..16]
    )
}

fn meta(root: &Path, opts: &Options) -> Meta {
    let canon = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let name = canon
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    let repo = vibeguard_git::GitRepo::discover(root).ok();
    let now = jiff::Timestamp::now();
    Meta {
        tool_name: "vibeguard".into(),
        tool_version: opts.tool_version.clone(),
        ruleset: opts.ruleset.clone(),
        name,
        repository: repo.as_ref().and_then(|r| r.remote_url()),
        commit: repo.as_ref().and_then(|r| r.head().ok().flatten()),
        branch: repo.as_ref().and_then(|r| r.branch()),
        timestamp: now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        serial: format!(
            "urn:uuid:{}",
            provenance::agent_trace::uuid_v4_like(canon.to_string_lossy().as_bytes())
        ),
    }
}
