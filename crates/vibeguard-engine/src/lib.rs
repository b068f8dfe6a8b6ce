//! vibeguard-engine: the one scan API behind every front end.
//!
//! `vibeguard scan`, `baseline`, the language server, the MCP server, the git pre-commit
//! hook and the CI action all describe *what* to scan as a [`Target`] (a working tree, a
//! change since a revision, the index, the whole history, one document held in memory by
//! an editor, a snippet from an agent) and *which findings to keep* as [`Filters`]
//! (baseline, severity threshold). The [`Engine`] owns the rest: it loads
//! `vibeguard.toml`, builds the analyzers once, applies the policy's exclusions and
//! switched-off rules, inline suppressions and the added-lines filter of a change. No front
//! end assembles that pipeline itself, so a finding is the same finding everywhere.
//!
//! The analyzers themselves come from the caller as an [`AnalyzerSet`] (the binary's
//! `scan_analyzers`): the engine sits above core and git and knows no analyzer crate.

pub mod ci;
mod document;
mod engine;
mod git;
mod policy;

pub use engine::{AnalyzerSet, DiffBase, Engine, EngineOptions, Filters, Target, fails};
pub use policy::{load_policy, policy_dir, repo_workdir};
pub use vibeguard_core::pipeline::ScanOutput;
