//! The agent-neutral vocabulary of the gate: what an agent wants to do, what we found,
//! and what we decided.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;
pub use vibeguard_core::{GateFinding, Tier};

/// One edit of a file: replace `old` with `new` (all occurrences when `replace_all`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditOp {
    pub old: String,
    pub new: String,
    pub replace_all: bool,
}

/// What an agent asks to do, whatever agent it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// Run a shell command.
    Shell {
        command: String,
        cwd: Option<PathBuf>,
    },
    /// Create or overwrite a file with `content`.
    Write { path: PathBuf, content: String },
    /// Apply string replacements to an existing file.
    Edit { path: PathBuf, edits: Vec<EditOp> },
    /// A Codex `apply_patch` envelope (`*** Begin Patch` ...).
    Patch { patch: String, cwd: Option<PathBuf> },
    /// Read a file (Read, view, read_file).
    Read { path: PathBuf },
    /// Read several files or globs at once (Gemini's read_many_files).
    ReadMany { paths: Vec<PathBuf> },
    /// Search file contents or names (Grep, Glob).
    Search {
        pattern: String,
        path: Option<PathBuf>,
        /// A file-name filter next to a content pattern (Grep's `glob`, Gemini's
        /// `include`): it names which files get read, so it is checked like a path.
        file_glob: Option<String>,
    },
    /// Fetch one or more URLs (WebFetch, web_fetch; Gemini's web_fetch names several).
    Fetch { urls: Vec<String> },
    /// Delete a file (Cursor's `Delete` tool).
    Delete { path: PathBuf },
    /// A web search query.
    WebSearch { query: String },
    /// An MCP tool call.
    Mcp {
        server: String,
        tool: String,
        input: serde_json::Value,
    },
    /// A user prompt about to be sent to the model.
    Prompt { text: String },
    /// A change to the agent's own settings (Claude Code ConfigChange).
    ConfigChange {
        source: String,
        path: Option<PathBuf>,
    },
    /// A tool we do not model; decided by policy (`unknown_tool`).
    Other {
        tool: String,
        input: serde_json::Value,
    },
}

/// What the gate answers. Ordered by strictness: `Allow < Ask < Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Allow,
    Ask,
    Deny,
}

/// The gate's answer for one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub decision: Decision,
    pub findings: Vec<GateFinding>,
    /// One message combining the findings that drove the decision.
    pub reason: String,
    /// Packages a command would install (logged; the dependency checker decides later).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<String>,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "allow",
            Decision::Ask => "ask",
            Decision::Deny => "deny",
        }
    }
}

impl std::str::FromStr for Decision {
    type Err = String;
    fn from_str(s: &str) -> Result<Decision, String> {
        match s {
            "allow" => Ok(Decision::Allow),
            "ask" => Ok(Decision::Ask),
            "deny" => Ok(Decision::Deny),
            other => Err(format!(
                "unknown decision `{other}` (expected allow, ask or deny)"
            )),
        }
    }
}

impl Verdict {
    /// Nothing found: the gate has no objection.
    pub fn allow() -> Verdict {
        Verdict {
            decision: Decision::Allow,
            findings: Vec::new(),
            reason: String::new(),
            packages: Vec::new(),
        }
    }

    /// The gate could not judge the action (bad input, invalid policy, panic, deadline):
    /// a person must look at it.
    pub fn fail_closed(reason: impl Into<String>) -> Verdict {
        let reason = reason.into();
        Verdict {
            decision: Decision::Ask,
            findings: vec![GateFinding {
                rule_id: "gate/fail-closed".to_string(),
                tier: Tier::High,
                reason: reason.clone(),
                hint: None,
            }],
            reason,
            packages: Vec::new(),
        }
    }

    /// Highest tier among the findings.
    pub fn max_tier(&self) -> Option<Tier> {
        self.findings.iter().map(|f| f.tier).max()
    }

    /// Rule ids that fired, in order, without duplicates.
    pub fn rule_ids(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in &self.findings {
            if !out.contains(&f.rule_id) {
                out.push(f.rule_id.clone());
            }
        }
        out
    }
}
