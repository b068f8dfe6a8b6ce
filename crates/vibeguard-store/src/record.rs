//! The audit record: one gate decision.

use serde::{Deserialize, Serialize};

/// One gate decision as the hook reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// RFC 3339 UTC; filled by `append` when empty.
    pub time: String,
    /// `claude`, `cursor`, `codex`, `gemini`, `copilot`, `windsurf`, or `check`.
    pub agent: String,
    /// The agent's session / conversation id, when it sends one.
    pub session: String,
    /// Tool name as the agent calls it (`Bash`, `Write`, `mcp__x__y`...).
    pub tool: String,
    /// A short, redacted summary of the input; never a raw secret.
    pub input_digest: String,
    /// SHA-256 (hex) of the full raw input, to match a record to an input later.
    pub input_sha256: String,
    /// Rule ids that fired.
    pub rules: Vec<String>,
    /// Highest tier among the findings (`low`, `medium`, `high`), if any.
    pub tier: Option<String>,
    /// `allow`, `ask` or `deny`.
    pub decision: String,
    pub reason: String,
    /// Time the gate took, in microseconds.
    pub latency_us: u64,
}

/// A record as stored, with its id and chain hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRecord {
    pub id: i64,
    #[serde(flatten)]
    pub record: AuditRecord,
    pub prev_hash: String,
    pub hash: String,
}
