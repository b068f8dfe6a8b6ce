//! Commit markers of coding agents: who a commit names as its author, committer or
//! co-author, and what its message says about the tool and model.
//!
//! Identities are matched by e-mail address or by a GitHub bot login, never by a name
//! alone: "Claude Monet <claude@example.com>" is a person. The accepted forms:
//! - `Co-authored-by:` trailers (any case) whose address is an agent's (Claude Code
//!   `noreply@anthropic.com`, Codex `noreply@openai.com`, Cursor
//!   `cursoragent@cursor.com`, Aider `noreply@aider.chat`, Copilot's GitHub account, ...);
//!   the display name may name the model (`Claude Opus 4.5`, `aider (gpt-4o)`);
//! - author or committer identities of agents (the same addresses, and GitHub bot
//!   accounts such as `copilot-swe-agent[bot]` or `devin-ai-integration[bot]`), and
//!   Aider's ` (aider)` suffix on the author name, which Aider adds itself;
//! - `Assisted-by: AGENT:MODEL [tools]` trailers (Linux kernel convention);
//! - the tool's own signature line (`Generated with [Claude Code](...)`) and Aider's
//!   `aider: ` subject prefix.
//!
//! Trailers are read anywhere in the message, so a squash commit that kept the messages
//! of the commits it replaced keeps their markers.

use serde::Serialize;
use vibeguard_git::provenance::CommitInfo;

/// How a commit said an agent took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkerKind {
    CoAuthor,
    Author,
    Committer,
    AssistedBy,
    Signature,
}

/// One marker found in a commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    /// Canonical agent name (`claude`, `codex`, `cursor`, `copilot`, `aider`, ...).
    pub agent: String,
    pub model: Option<String>,
    pub kind: MarkerKind,
    /// The text that carried it (the trailer or identity), for the reader to check.
    pub evidence: String,
}

/// Agent addresses: exact e-mail (lowercase) -> agent.
const EMAILS: &[(&str, &str)] = &[
    ("noreply@anthropic.com", "claude"),
    ("noreply@openai.com", "codex"),
    ("cursoragent@cursor.com", "cursor"),
    ("noreply@aider.chat", "aider"),
    ("noreply@codeium.com", "windsurf"),
    ("noreply@windsurf.com", "windsurf"),
    ("openhands@all-hands.dev", "openhands"),
    ("amp@ampcode.com", "amp"),
];

/// Addresses shared by many products of one vendor: an agent only together with the
/// product named in the identity (`Gemini CLI <noreply@google.com>`).
const SHARED_EMAILS: &[(&str, &str, &str)] = &[("noreply@google.com", "gemini", "gemini")];

/// GitHub accounts of agents (the login; bots end in `[bot]`), seen in
/// `<id>+<login>@users.noreply.github.com` addresses and as names.
const GITHUB_LOGINS: &[(&str, &str)] = &[
    ("copilot", "copilot"),
    ("copilot-swe-agent[bot]", "copilot"),
    ("github-copilot[bot]", "copilot"),
    ("claude[bot]", "claude"),
    ("devin-ai-integration[bot]", "devin"),
    ("google-labs-jules[bot]", "jules"),
    ("chatgpt-codex-connector[bot]", "codex"),
    ("amazon-q-developer[bot]", "amazon-q"),
    ("cursor-agent[bot]", "cursor"),
    ("openhands-agent", "openhands"),
    ("sweep-ai[bot]", "sweep"),
];

/// The agent an identity belongs to, by its address (or bot login).
pub fn agent_of_identity(name: &str, email: &str) -> Option<&'static str> {
    let email = email.trim().trim_matches(['<', '>']).to_ascii_lowercase();
    if let Some((_, a)) = EMAILS.iter().find(|(e, _)| *e == email) {
        return Some(a);
    }
    let lname = name.to_ascii_lowercase();
    if let Some((_, a, product)) = SHARED_EMAILS.iter().find(|(e, _, _)| *e == email)
        && lname.contains(product)
    {
        return Some(a);
    }
    if let Some(local) = email.strip_suffix("@users.noreply.github.com") {
        let login = local.split_once('+').map_or(local, |(_, l)| l);
        if let Some((_, a)) = GITHUB_LOGINS.iter().find(|(l, _)| *l == login) {
            return Some(a);
        }
    }
    // A bot login as the name, with the bot's own GitHub address or none at all.
    if lname.ends_with("[bot]")
        && (email.is_empty() || email.ends_with("@users.noreply.github.com"))
        && let Some((_, a)) = GITHUB_LOGINS.iter().find(|(l, _)| *l == lname)
    {
        return Some(a);
    }
    None
}

/// The model a co-author name carries (`Claude Opus 4.5`, `aider (gpt-4o)`), when it
/// says more than the tool's bare name.
fn model_of_name(agent: &str, name: &str) -> Option<String> {
    let name = name.trim();
    if let (Some(open), true) = (name.find('('), name.ends_with(')')) {
        let inner = name[open + 1..name.len() - 1].trim();
        if !inner.is_empty() {
            return Some(inner.to_string());
        }
    }
    let bare = [
        "claude",
        "claude code",
        "codex",
        "openai codex",
        "cursor",
        "cursor agent",
        "aider",
        "copilot",
        "github copilot",
        "gemini",
        "gemini cli",
        "windsurf",
        "cascade",
        "amp",
        "openhands",
    ];
    let lower = name.to_ascii_lowercase();
    if bare.contains(&lower.as_str()) || lower.ends_with("[bot]") || lower.is_empty() {
        return None;
    }
    // A name that starts with the tool's own word and goes on names a model.
    let first = lower.split_whitespace().next().unwrap_or("");
    (agent.starts_with(first) || first.starts_with(agent)).then(|| name.to_string())
}

/// Split `Name <email>`.
fn identity(value: &str) -> (&str, &str) {
    match (value.find('<'), value.rfind('>')) {
        (Some(a), Some(b)) if a < b => (value[..a].trim(), value[a + 1..b].trim()),
        _ => (value.trim(), ""),
    }
}

/// Canonical name of an agent as `Assisted-by:` writes it (`Claude`, `GitHub-Copilot`).
fn canonical_agent(word: &str) -> String {
    let w = word.trim().to_ascii_lowercase().replace(' ', "-");
    match w.as_str() {
        "claude" | "claude-code" | "claudecode" => "claude".into(),
        "codex" | "openai-codex" | "codex-cli" => "codex".into(),
        "copilot" | "github-copilot" => "copilot".into(),
        "gemini" | "gemini-cli" => "gemini".into(),
        "cursor" | "cursor-agent" => "cursor".into(),
        _ => w,
    }
}

/// Every agent marker of one commit.
pub fn markers(c: &CommitInfo) -> Vec<Marker> {
    let mut out: Vec<Marker> = Vec::new();
    let mut push = |m: Marker| {
        if !out
            .iter()
            .any(|o| o.agent == m.agent && o.kind == m.kind && o.model == m.model)
        {
            out.push(m);
        }
    };
    for (name, email, kind) in [
        (&c.author_name, &c.author_email, MarkerKind::Author),
        (&c.committer_name, &c.committer_email, MarkerKind::Committer),
    ] {
        if let Some(agent) = agent_of_identity(name, email) {
            push(Marker {
                agent: agent.to_string(),
                model: None,
                kind,
                evidence: format!("{name} <{email}>"),
            });
        } else if kind == MarkerKind::Author && name.ends_with(" (aider)") {
            push(Marker {
                agent: "aider".into(),
                model: None,
                kind,
                evidence: format!("{name} <{email}>"),
            });
        }
    }
    for (i, raw) in c.message.lines().enumerate() {
        let line = raw.trim();
        if i == 0 && line.starts_with("aider: ") {
            push(Marker {
                agent: "aider".into(),
                model: None,
                kind: MarkerKind::Signature,
                evidence: line.chars().take(80).collect(),
            });
        }
        if let Some(agent) = signature_line(line) {
            push(Marker {
                agent: agent.into(),
                model: None,
                kind: MarkerKind::Signature,
                evidence: line.to_string(),
            });
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        match key.as_str() {
            "co-authored-by" | "co-developed-by" => {
                let (name, email) = identity(value);
                if let Some(agent) = agent_of_identity(name, email) {
                    push(Marker {
                        agent: agent.to_string(),
                        model: model_of_name(agent, name),
                        kind: MarkerKind::CoAuthor,
                        evidence: line.to_string(),
                    });
                }
            }
            "assisted-by" | "generated-by" => {
                // AGENT_NAME:MODEL_VERSION [TOOL...]
                let first = value.split_whitespace().next().unwrap_or("");
                if first.is_empty() {
                    continue;
                }
                let (agent, model) = match first.split_once(':') {
                    Some((a, m)) => (a, Some(m.to_string()).filter(|m| !m.is_empty())),
                    None => (first, None),
                };
                if agent.contains('@') || agent.contains('<') {
                    continue; // a person's identity, not an agent
                }
                push(Marker {
                    agent: canonical_agent(agent),
                    model,
                    kind: MarkerKind::AssistedBy,
                    evidence: line.to_string(),
                });
            }
            _ => {}
        }
    }
    out
}

/// A tool's own "generated with" line in a message body.
fn signature_line(line: &str) -> Option<&'static str> {
    let l = line.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    let l = l.to_ascii_lowercase();
    if l.starts_with("generated with [claude code](") || l == "generated with claude code" {
        return Some("claude");
    }
    None
}

/// The agent and model a commit's markers name (the first marker that names a model
/// wins the model), `None` when there is no marker.
pub fn summarize(ms: &[Marker]) -> Option<(String, Option<String>)> {
    let first = ms.first()?;
    let model = ms
        .iter()
        .filter(|m| m.agent == first.agent)
        .find_map(|m| m.model.clone());
    Some((first.agent.clone(), model))
}

#[cfg(test)]
mod tests;
