//! Gate vocabulary shared by the shell analyzer and the gate engine.

use serde::{Deserialize, Serialize};

/// Risk of one gate finding; the policy profile maps tiers to decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Low,
    Medium,
    High,
}

/// One thing the gate noticed about an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateFinding {
    /// Rule id, `gate/...` for shell and tool rules, or a scan rule id (`secrets/...`)
    /// for content an agent is about to write.
    pub rule_id: String,
    pub tier: Tier,
    /// Why, in words the agent can act on (never containing a raw secret).
    pub reason: String,
    /// What to do instead, when there is a safer way.
    pub hint: Option<String>,
}
