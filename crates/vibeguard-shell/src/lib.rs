//! Shell command understanding for the agent gate: parse a command line however it is
//! wrapped or disguised, find what it would really do, and report `gate/...` findings.

use std::path::{Path, PathBuf};
use vibeguard_core::{GateFinding, RuleInfo};

/// Where the command runs: needed to tell "inside the project" from "outside".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellContext {
    pub cwd: PathBuf,
    pub project_root: PathBuf,
    pub home: PathBuf,
}

/// One package-manager install seen in a command (names as typed, versions kept).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PackageInstall {
    pub manager: String,
    pub packages: Vec<String>,
}

/// Everything the shell analysis learned about one command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShellReport {
    pub findings: Vec<GateFinding>,
    pub packages: Vec<PackageInstall>,
    /// Set when the real parser rejected the input (the fallback tokenizer was used).
    pub parse_error: Option<String>,
}

/// How a tool touches a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathAccess {
    Read,
    Write,
    Delete,
}

/// Analyse one shell command line.
pub fn analyze_command(_command: &str, _cx: &ShellContext) -> ShellReport {
    ShellReport::default()
}

/// Classify a path touched by a file tool (Read/Write/Edit/Grep/Glob).
pub fn classify_path(_path: &Path, _access: PathAccess, _cx: &ShellContext) -> Vec<GateFinding> {
    Vec::new()
}

/// Classify a URL fetched by a web tool or a download command.
pub fn classify_url(_url: &str) -> Vec<GateFinding> {
    Vec::new()
}

/// Every `gate/*` rule with its documentation.
pub fn rules() -> Vec<RuleInfo> {
    Vec::new()
}
