//! `vibeguard.toml`: the template init writes, and the two line edits it makes to an
//! existing file (the gate profile and the `[agents]` list), leaving comments and every
//! other line exactly as they were.

use vibeguard_core::Policy;
use vibeguard_gate::{Agent, GatePolicy, Profile};

/// The file written when a project has no `vibeguard.toml` yet.
pub fn template(profile: Profile, agents: &[Agent]) -> String {
    format!(
        r#"# vibeguard.toml: one policy for the agent gate, the scanner and the agents' context.
# Written by `vibeguard init`. After editing, run `vibeguard init` again to regenerate the
# security section in CLAUDE.md / AGENTS.md / .cursor/rules / copilot instructions;
# `vibeguard init --check` (for CI) exits 1 when hooks or sections drifted from this file.

[scan]
# Globs skipped by every scan, on top of .gitignore and .vibeguardignore.
# exclude = ["vendor/**", "testdata/**"]
# Default threshold for `vibeguard scan --fail-on` (info, low, medium, high, critical).
# fail_on = "high"
# Rule ids switched off everywhere.
# disable = []
# Largest file scanned, in bytes (default 10 MiB).
# max_file_size = 10485760
# Whose input the code analyzer treats as untrusted: "remote" (requests, browser input,
# network reads) or "local" (also environment variables, configuration and data files,
# the console and database rows, for setuid tools, shared hosts and CI jobs).
# threat_model = "remote"

[secrets]
# Built-in secret rule ids to switch off.
# disable = []
# Exact values known not to be secrets in this project.
# allow_values = []
# Project-specific secret formats:
# [[secrets.rules]]
# id = "acme-token"
# description = "ACME internal API token"
# regex = "acme_([a-z0-9]{{32}})"
# keywords = ["acme_"]

[gate]
# How cautious the gate is with agent tool calls:
#   prototype  low and medium risk run, high risk asks a person
#   standard   low runs, medium asks, high is denied
#   strict     like standard; unknown tools ask, actions it cannot judge are denied
#   regulated  medium and high risk are denied: a person runs those actions
profile = "{profile}"
# Directories the agent may write, relative to this file (default: the project).
# scope = ["."]
# Paths whose findings are dropped (globs; relative, absolute or ~/...).
# allow_paths = []
# Decision for fetches of private-network addresses (allow, ask, deny).
# private_fetch = "ask"
# Decision for tools the gate does not model.
# unknown_tool = "allow"
# Time the gate may take before it fails closed, in milliseconds.
# deadline_ms = 1000
# What an "ask" becomes for Copilot CLI: "deny" (with the reason; not every version
# shows approval prompts) or "ask" when yours does.
# copilot_ask = "deny"
# Per-rule decisions: an exact rule id or a domain wildcard.
# [gate.rules]
# "gate/git-force-push" = "ask"
# "secrets/*" = "deny"
# MCP tools: "server/tool", "server/*", "server" or "*". Without an entry, tools whose
# name says they delete, drop, force-push, merge, publish or deploy ask.
# [gate.mcp]
# "github/delete_repository" = "deny"
# "filesystem" = "allow"

[agents]
# Agents whose project settings carry the vibeguard hook (init --check verifies them).
enabled = {agents}
"#,
        profile = profile.as_str(),
        agents = agents_literal(agents),
    )
}

pub fn agents_literal(agents: &[Agent]) -> String {
    let names: Vec<String> = agents.iter().map(|a| format!("\"{a}\"")).collect();
    format!("[{}]", names.join(", "))
}

/// The parsed policy and the gate's reading of it.
pub struct Loaded {
    pub policy: Policy,
    pub gate: GatePolicy,
}

pub fn load(text: &str) -> Result<Loaded, String> {
    let policy = Policy::from_toml(text, Policy::FILE_NAME).map_err(|e| e.to_string())?;
    let gate = GatePolicy::from_table(policy.gate.as_ref())
        .map_err(|e| format!("{}: {e}", Policy::FILE_NAME))?;
    vibeguard_gate::runner::check_rule_ids(&policy, crate::cmd::hook::make_analyzers)?;
    Ok(Loaded { policy, gate })
}

fn is_header(line: &str) -> bool {
    line.trim_start().starts_with('[')
}

fn header_name(line: &str) -> Option<&str> {
    let t = line.trim();
    let t = t.split('#').next().unwrap_or(t).trim();
    t.strip_prefix('[')?.strip_suffix(']').map(str::trim)
}

/// Sets `key = value` (a one-line TOML value) in `[section]`: replaces the key's line,
/// or adds it under the header, or appends the section. Refuses a value spread over
/// several lines rather than guessing where it ends.
pub fn set_key(text: &str, section: &str, key: &str, value: &str) -> Result<String, String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let new_line = format!("{key} = {value}\n");
    let Some(h) = lines.iter().position(|l| header_name(l) == Some(section)) else {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("[{section}]\n{new_line}"));
        return Ok(out);
    };
    let end = lines[h + 1..]
        .iter()
        .position(|l| is_header(l))
        .map_or(lines.len(), |p| h + 1 + p);
    let found = (h + 1..end).find(|i| {
        let t = lines[*i].trim_start();
        t.strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with('='))
    });
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    match found {
        Some(i) => {
            let old = lines[i];
            let opens = old.matches('[').count() + old.matches('{').count();
            let closes = old.matches(']').count() + old.matches('}').count();
            if opens != closes {
                return Err(format!(
                    "{}: `{key}` in [{section}] spans several lines; set it to {value} by hand",
                    Policy::FILE_NAME
                ));
            }
            out[i] = new_line;
        }
        None => {
            if !out[h].ends_with('\n') {
                out[h].push('\n');
            }
            out.insert(h + 1, new_line);
        }
    }
    Ok(out.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_for_every_profile() {
        for p in [
            Profile::Prototype,
            Profile::Standard,
            Profile::Strict,
            Profile::Regulated,
        ] {
            let loaded = load(&template(p, &[Agent::Claude, Agent::Cursor])).unwrap();
            assert_eq!(loaded.gate.profile, p);
            assert_eq!(loaded.policy.agents.enabled, vec!["claude", "cursor"]);
        }
    }

    #[test]
    fn set_key_keeps_everything_else() {
        let text = "# mine\n[gate]\n# why strict\nprofile = \"strict\" # note\n[gate.rules]\n\"a/b\" = \"ask\"\n";
        let out = set_key(text, "gate", "profile", "\"regulated\"").unwrap();
        assert_eq!(
            out,
            "# mine\n[gate]\n# why strict\nprofile = \"regulated\"\n[gate.rules]\n\"a/b\" = \"ask\"\n"
        );
        let added = set_key("[scan]\n", "gate", "profile", "\"strict\"").unwrap();
        assert_eq!(added, "[scan]\n\n[gate]\nprofile = \"strict\"\n");
        let under = set_key("[gate]\nscope = [\".\"]\n", "gate", "profile", "\"strict\"").unwrap();
        assert_eq!(under, "[gate]\nprofile = \"strict\"\nscope = [\".\"]\n");
        assert!(
            set_key(
                "[agents]\nenabled = [\n\"claude\",\n]\n",
                "agents",
                "enabled",
                "[]"
            )
            .is_err()
        );
    }
}
