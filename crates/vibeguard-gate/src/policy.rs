//! The `[gate]` section of `vibeguard.toml`: which decision each finding gets.
//!
//! A profile maps risk tiers to decisions; per-rule overrides, MCP server/tool decisions,
//! a path allowlist and the project scope refine it. Unknown keys are errors, and an
//! invalid section makes the gate fail closed (the caller turns the error into ask).

use crate::action::{Decision, Tier};
use crate::wildcard::wildcard_match;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Duration;

/// How cautious the gate is. See [`Profile::decide`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// Log low and medium, ask for high: for throwaway prototypes.
    Prototype,
    /// Allow low, ask medium, deny high.
    #[default]
    Standard,
    /// Like standard for findings, but unknown tools and private-network fetches are not
    /// waved through, and an action the gate cannot judge is denied rather than asked.
    Strict,
    /// Deny medium and high: a person runs those actions themselves.
    Regulated,
}

impl Profile {
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Prototype => "prototype",
            Profile::Standard => "standard",
            Profile::Strict => "strict",
            Profile::Regulated => "regulated",
        }
    }

    /// The decision for a finding of `tier` when no override applies.
    pub fn decide(self, tier: Tier) -> Decision {
        use Decision::*;
        match (self, tier) {
            (_, Tier::Low) => Allow,
            (Profile::Prototype, Tier::Medium) => Allow,
            (Profile::Prototype, Tier::High) => Ask,
            (Profile::Standard | Profile::Strict, Tier::Medium) => Ask,
            (Profile::Standard | Profile::Strict, Tier::High) => Deny,
            (Profile::Regulated, Tier::Medium | Tier::High) => Deny,
        }
    }

    fn default_unknown_tool(self) -> Decision {
        match self {
            Profile::Prototype | Profile::Standard => Decision::Allow,
            Profile::Strict | Profile::Regulated => Decision::Ask,
        }
    }

    fn default_private_fetch(self) -> Decision {
        match self {
            Profile::Prototype => Decision::Allow,
            Profile::Standard => Decision::Ask,
            Profile::Strict | Profile::Regulated => Decision::Deny,
        }
    }

    /// What the gate answers when it cannot judge an action (bad input, panic, deadline).
    pub fn fail_closed(self) -> Decision {
        match self {
            Profile::Prototype | Profile::Standard => Decision::Ask,
            Profile::Strict | Profile::Regulated => Decision::Deny,
        }
    }
}

/// The `[gate]` table exactly as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGate {
    profile: Option<Profile>,
    #[serde(default)]
    rules: BTreeMap<String, Decision>,
    #[serde(default)]
    allow_paths: Vec<String>,
    scope: Option<Vec<String>>,
    #[serde(default)]
    mcp: BTreeMap<String, Decision>,
    private_fetch: Option<Decision>,
    deadline_ms: Option<u64>,
    unknown_tool: Option<Decision>,
    copilot_ask: Option<Decision>,
    agent_trace: Option<bool>,
}

/// The resolved gate policy.
#[derive(Debug, Clone, PartialEq)]
pub struct GatePolicy {
    pub profile: Profile,
    /// Per-rule decisions: exact ids (`gate/git-force-push`) or a domain wildcard
    /// (`secrets/*`).
    pub rules: BTreeMap<String, Decision>,
    /// Globs (absolute, `~/...` or relative to the project root) of paths whose path
    /// findings and scope findings are dropped.
    pub allow_paths: Vec<String>,
    /// Directories (relative to the project root, absolute or `~/...`) the agent may write.
    pub scope: Vec<String>,
    /// MCP decisions keyed `server/tool`, `server/*`, `server` or `*`.
    pub mcp: BTreeMap<String, Decision>,
    /// Decision for fetches of private-network addresses.
    pub private_fetch: Decision,
    /// Time the analysis may take before the gate gives up and fails closed.
    pub deadline: Duration,
    /// Decision for tools the gate does not model.
    pub unknown_tool: Decision,
    /// What an "ask" becomes for Copilot CLI: whether it honours `ask` differs between
    /// versions, so by default it is a deny with the reason (like Codex); `"ask"` when
    /// the installed version is known to show the prompt.
    pub copilot_ask: Decision,
    /// Write an Agent Trace record (`.agent-trace/traces.jsonl`) for every write or edit
    /// the gate allows, so the lines an agent wrote can be attributed later even when the
    /// agent records nothing itself. On by default in `regulated`.
    pub agent_trace: bool,
}

impl Default for GatePolicy {
    fn default() -> GatePolicy {
        GatePolicy::for_profile(Profile::Standard)
    }
}

/// Longest deadline accepted: agents cancel hooks after their own timeout (Cursor 30 s,
/// Gemini 60 s), and a cancelled hook fails open.
const MAX_DEADLINE_MS: u64 = 20_000;

impl GatePolicy {
    pub fn for_profile(profile: Profile) -> GatePolicy {
        GatePolicy {
            profile,
            rules: BTreeMap::new(),
            allow_paths: Vec::new(),
            scope: vec![".".to_string()],
            mcp: BTreeMap::new(),
            private_fetch: profile.default_private_fetch(),
            deadline: Duration::from_millis(1000),
            unknown_tool: profile.default_unknown_tool(),
            copilot_ask: Decision::Deny,
            agent_trace: profile == Profile::Regulated,
        }
    }

    /// Resolve the `[gate]` table of a parsed `vibeguard.toml` (`None`: no section).
    pub fn from_table(table: Option<&toml::Table>) -> Result<GatePolicy, String> {
        let Some(table) = table else {
            return Ok(GatePolicy::default());
        };
        let raw: RawGate =
            toml::Value::Table(table.clone())
                .try_into()
                .map_err(|e: toml::de::Error| {
                    format!(
                        "[gate]: {}",
                        vibeguard_core::suggest::with_serde_suggestion(e.message())
                    )
                })?;
        let profile = raw.profile.unwrap_or_default();
        let mut p = GatePolicy::for_profile(profile);
        for key in raw.rules.keys() {
            if !key.contains('/') {
                return Err(format!(
                    "[gate.rules]: `{key}` is not a rule id (expected `domain/slug` or `domain/*`)"
                ));
            }
        }
        p.rules = raw.rules;
        for g in &raw.allow_paths {
            if g.trim().is_empty() {
                return Err("[gate] allow_paths: empty pattern".to_string());
            }
        }
        p.allow_paths = raw.allow_paths;
        if let Some(scope) = raw.scope {
            if scope.iter().any(|s| s.trim().is_empty()) {
                return Err("[gate] scope: empty directory".to_string());
            }
            p.scope = scope;
        }
        p.mcp = raw.mcp;
        if let Some(d) = raw.private_fetch {
            p.private_fetch = d;
        }
        if let Some(d) = raw.unknown_tool {
            p.unknown_tool = d;
        }
        match raw.copilot_ask {
            Some(Decision::Allow) => {
                return Err(
                    "[gate] copilot_ask = \"allow\": expected \"ask\" (the installed Copilot CLI shows approval prompts) or \"deny\""
                        .to_string(),
                );
            }
            Some(d) => p.copilot_ask = d,
            None => {}
        }
        if let Some(t) = raw.agent_trace {
            p.agent_trace = t;
        }
        if let Some(ms) = raw.deadline_ms {
            if ms == 0 || ms > MAX_DEADLINE_MS {
                return Err(format!(
                    "[gate] deadline_ms = {ms}: expected 1..={MAX_DEADLINE_MS}"
                ));
            }
            p.deadline = Duration::from_millis(ms);
        }
        Ok(p)
    }

    /// A per-rule override: the exact id wins over a `domain/*` wildcard.
    pub fn rule_override(&self, rule_id: &str) -> Option<Decision> {
        if let Some(d) = self.rules.get(rule_id) {
            return Some(*d);
        }
        self.rules
            .iter()
            .filter(|(k, _)| k.contains('*') && wildcard_match(k, rule_id))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, d)| *d)
    }

    /// The `[gate.mcp]` decision for one MCP tool: `server/tool`, then the most specific
    /// matching wildcard (`server/*`, `*/tool`), then `server`, then `*`.
    pub fn mcp_decision(&self, server: &str, tool: &str) -> Option<(String, Decision)> {
        let full = format!("{server}/{tool}");
        if let Some(d) = self.mcp.get(&full) {
            return Some((full, *d));
        }
        let wild = self
            .mcp
            .iter()
            .filter(|(k, _)| k.contains('/') && k.contains('*') && wildcard_match(k, &full))
            .max_by_key(|(k, _)| k.chars().filter(|c| *c != '*').count());
        if let Some((k, d)) = wild {
            return Some((k.clone(), *d));
        }
        if let Some(d) = self.mcp.get(server) {
            return Some((server.to_string(), *d));
        }
        self.mcp.get("*").map(|d| ("*".to_string(), *d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<GatePolicy, String> {
        let table: toml::Table = toml::from_str(text).unwrap();
        GatePolicy::from_table(Some(&table))
    }

    #[test]
    fn profiles_map_tiers_as_the_issue_says() {
        use Decision::*;
        let row = |p: Profile| {
            [
                p.decide(Tier::Low),
                p.decide(Tier::Medium),
                p.decide(Tier::High),
            ]
        };
        assert_eq!(row(Profile::Prototype), [Allow, Allow, Ask]);
        assert_eq!(row(Profile::Standard), [Allow, Ask, Deny]);
        assert_eq!(row(Profile::Strict), [Allow, Ask, Deny]);
        assert_eq!(row(Profile::Regulated), [Allow, Deny, Deny]);
    }

    #[test]
    fn strict_differs_from_standard_in_its_defaults() {
        let std = GatePolicy::for_profile(Profile::Standard);
        let strict = GatePolicy::for_profile(Profile::Strict);
        assert_eq!(std.unknown_tool, Decision::Allow);
        assert_eq!(strict.unknown_tool, Decision::Ask);
        assert_eq!(std.private_fetch, Decision::Ask);
        assert_eq!(strict.private_fetch, Decision::Deny);
        assert_eq!(Profile::Strict.fail_closed(), Decision::Deny);
        assert_eq!(Profile::Standard.fail_closed(), Decision::Ask);
    }

    #[test]
    fn parses_every_key() {
        let p = parse(
            r#"
profile = "regulated"
allow_paths = ["~/.aws/config", "fixtures/**"]
scope = [".", "../shared"]
private_fetch = "allow"
deadline_ms = 250
unknown_tool = "deny"
[rules]
"gate/git-force-push" = "ask"
"secrets/*" = "deny"
[mcp]
"github/*" = "ask"
"github/delete_repo" = "deny"
"filesystem" = "allow"
"#,
        )
        .unwrap();
        assert_eq!(p.profile, Profile::Regulated);
        assert_eq!(p.deadline, Duration::from_millis(250));
        assert_eq!(p.private_fetch, Decision::Allow);
        assert_eq!(p.unknown_tool, Decision::Deny);
        assert_eq!(p.scope, vec![".", "../shared"]);
        assert_eq!(p.rule_override("gate/git-force-push"), Some(Decision::Ask));
        assert_eq!(
            p.rule_override("secrets/aws-access-key"),
            Some(Decision::Deny)
        );
        assert_eq!(p.rule_override("gate/rm-rf"), None);
        assert_eq!(
            p.mcp_decision("github", "delete_repo").unwrap().1,
            Decision::Deny
        );
        assert_eq!(
            p.mcp_decision("github", "list_issues").unwrap().1,
            Decision::Ask
        );
        assert_eq!(
            p.mcp_decision("filesystem", "read").unwrap().1,
            Decision::Allow
        );
        assert_eq!(p.mcp_decision("slack", "post"), None);
    }

    #[test]
    fn typos_name_the_closest_key_or_value() {
        let e = parse("profil = \"strict\"").unwrap_err();
        assert!(e.contains("did you mean `profile`?"), "{e}");
        let e = parse("profile = \"strcit\"").unwrap_err();
        assert!(e.contains("did you mean `strict`?"), "{e}");
        let e = parse("[rules]\n\"gate/x\" = \"dney\"").unwrap_err();
        assert!(e.contains("did you mean `deny`?"), "{e}");
    }

    #[test]
    fn rejects_typos_and_bad_values() {
        assert!(parse("profil = \"strict\"").unwrap_err().contains("profil"));
        assert!(parse("profile = \"lenient\"").is_err());
        assert!(parse("[rules]\n\"gate/x\" = \"maybe\"").is_err());
        assert!(parse("[rules]\nnoslash = \"deny\"").is_err());
        assert!(parse("deadline_ms = 0").is_err());
        assert!(parse("deadline_ms = 999999").is_err());
        assert!(parse("scope = [\"\"]").is_err());
    }

    #[test]
    fn copilot_ask_defaults_to_deny_and_rejects_allow() {
        assert_eq!(GatePolicy::default().copilot_ask, Decision::Deny);
        assert_eq!(
            parse("copilot_ask = \"ask\"").unwrap().copilot_ask,
            Decision::Ask
        );
        assert!(
            parse("copilot_ask = \"allow\"")
                .unwrap_err()
                .contains("copilot_ask")
        );
    }

    #[test]
    fn missing_section_is_the_standard_profile() {
        let p = GatePolicy::from_table(None).unwrap();
        assert_eq!(p, GatePolicy::for_profile(Profile::Standard));
        assert_eq!(p.deadline, Duration::from_millis(1000));
    }
}
