//! One hook call, agent-neutral: who asked, for which event, and what it wants to do.

use crate::action::Action;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// The agents vibeguard speaks to, each with its own hook protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Agent {
    Claude,
    Cursor,
    Codex,
    Gemini,
    Copilot,
    Windsurf,
}

impl Agent {
    pub const ALL: [Agent; 6] = [
        Agent::Claude,
        Agent::Cursor,
        Agent::Codex,
        Agent::Gemini,
        Agent::Copilot,
        Agent::Windsurf,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Agent::Claude => "claude",
            Agent::Cursor => "cursor",
            Agent::Codex => "codex",
            Agent::Gemini => "gemini",
            Agent::Copilot => "copilot",
            Agent::Windsurf => "windsurf",
        }
    }
}

impl fmt::Display for Agent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Agent {
    type Err = String;
    fn from_str(s: &str) -> Result<Agent, String> {
        Agent::ALL
            .into_iter()
            .find(|a| a.as_str() == s.to_ascii_lowercase())
            .ok_or_else(|| {
                format!(
                    "unknown agent `{s}` (expected claude, cursor, codex, gemini, copilot or windsurf)"
                )
            })
    }
}

/// What kind of moment the event is; decides how a verdict is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// Before a tool runs (PreToolUse, BeforeTool, beforeShellExecution, pre_run_command...).
    ToolUse,
    /// A permission dialog is about to be shown (Claude/Codex PermissionRequest).
    PermissionRequest,
    /// A user prompt is about to be sent (UserPromptSubmit, beforeSubmitPrompt...).
    Prompt,
    /// The agent's settings changed (Claude ConfigChange).
    ConfigChange,
    /// An event the gate does not judge (PostToolUse, Stop, SessionStart...).
    Ignored,
}

/// The event as the agent named it, and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub name: String,
    pub kind: EventKind,
}

/// A parsed hook call.
#[derive(Debug, Clone, PartialEq)]
pub struct HookRequest {
    pub agent: Agent,
    pub event: Event,
    pub session: Option<String>,
    /// Working directory the agent reported.
    pub cwd: Option<PathBuf>,
    /// Workspace root the agent reported (Cursor `workspace_roots[0]`).
    pub workspace_root: Option<PathBuf>,
    /// Tool name as the agent called it (empty for prompts and settings changes).
    pub tool: String,
    /// `None` for ignored events.
    pub action: Option<Action>,
}

/// What the hook process prints and how it exits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HookOutput {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: u8,
}

impl HookOutput {
    /// Exit 0, no output: "no decision" in every protocol.
    pub fn silent() -> HookOutput {
        HookOutput::default()
    }

    pub fn json(value: serde_json::Value) -> HookOutput {
        HookOutput {
            stdout: format!("{value}\n"),
            stderr: String::new(),
            exit_code: 0,
        }
    }

    /// Exit 2 with the reason on stderr: a block in Claude, Codex, Cursor, Gemini and
    /// Windsurf.
    pub fn block(reason: &str) -> HookOutput {
        HookOutput {
            stdout: String::new(),
            stderr: format!("{reason}\n"),
            exit_code: 2,
        }
    }
}

/// Why a hook input could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

impl InputError {
    pub fn new(msg: impl Into<String>) -> InputError {
        InputError(msg.into())
    }
}
