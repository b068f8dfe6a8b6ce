//! vibeguard's own audit log (`.vibeguard/audit.db`) as a provenance source: which files
//! agents wrote or edited through the gate, which package installs the gate let through,
//! and every decision, counted by rule.
//!
//! The log records a redacted one-line summary of each action (`write PATH (N bytes)`,
//! `edit PATH (N edits)`, `shell: COMMAND`); paths and commands are read back from it.

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use vibeguard_store::{AuditFilter, AuditLog};

/// A file an agent wrote or edited through the gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GateWrite {
    /// Seconds since the epoch.
    pub time: i64,
    pub agent: String,
    pub session: String,
    /// Relative to the project root when it lies inside it.
    pub path: String,
    pub decision: String,
}

/// A shell command that installs or adds packages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GateInstall {
    pub time: i64,
    pub agent: String,
    pub session: String,
    pub command: String,
    pub decision: String,
}

/// Decisions of one rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RuleDecisions {
    pub rule: String,
    pub allow: u64,
    pub ask: u64,
    pub deny: u64,
}

/// Everything the audit log says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditFacts {
    /// The log existed and was read.
    pub present: bool,
    pub records: u64,
    pub allow: u64,
    pub ask: u64,
    pub deny: u64,
    /// Decisions by rule (actions no rule fired on are counted above only).
    pub by_rule: Vec<RuleDecisions>,
    /// Decisions by agent: agent -> (allow, ask, deny).
    pub by_agent: BTreeMap<String, [u64; 3]>,
    pub writes: Vec<GateWrite>,
    pub installs: Vec<GateInstall>,
    /// The most recent denied and asked actions (newest first, at most 50).
    pub blocked: Vec<BlockedAction>,
    pub warning: Option<String>,
}

/// A denied or asked action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockedAction {
    pub time: String,
    pub agent: String,
    pub decision: String,
    pub rules: Vec<String>,
    pub summary: String,
}

fn seconds(time: &str) -> i64 {
    time.parse::<jiff::Timestamp>()
        .map(|t| t.as_second())
        .unwrap_or(0)
}

/// Read the log in `state_dir` (normally `<root>/.vibeguard`), keeping records at or
/// after `since` (seconds) when given. A log that cannot be read is a warning.
pub fn read(state_dir: &Path, root: &Path, since: Option<i64>) -> AuditFacts {
    let mut facts = AuditFacts::default();
    let log = match AuditLog::open_existing(state_dir) {
        Ok(Some(l)) => l,
        Ok(None) => return facts,
        Err(e) => {
            facts.warning = Some(format!("the audit log could not be opened: {e}"));
            return facts;
        }
    };
    let records = match log.query(&AuditFilter::default()) {
        Ok(r) => r,
        Err(e) => {
            facts.warning = Some(format!("the audit log could not be read: {e}"));
            return facts;
        }
    };
    facts.present = true;
    let mut rules: BTreeMap<String, RuleDecisions> = BTreeMap::new();
    for stored in records.iter().rev() {
        let r = &stored.record;
        let t = seconds(&r.time);
        if since.is_some_and(|s| t < s) {
            continue;
        }
        facts.records += 1;
        let slot = match r.decision.as_str() {
            "allow" => 0,
            "ask" => 1,
            "deny" => 2,
            _ => continue,
        };
        match slot {
            0 => facts.allow += 1,
            1 => facts.ask += 1,
            _ => facts.deny += 1,
        }
        facts.by_agent.entry(r.agent.clone()).or_default()[slot] += 1;
        for rule in &r.rules {
            let e = rules.entry(rule.clone()).or_insert_with(|| RuleDecisions {
                rule: rule.clone(),
                ..RuleDecisions::default()
            });
            match slot {
                0 => e.allow += 1,
                1 => e.ask += 1,
                _ => e.deny += 1,
            }
        }
        if slot > 0 && facts.blocked.len() < 50 {
            facts.blocked.push(BlockedAction {
                time: r.time.clone(),
                agent: r.agent.clone(),
                decision: r.decision.clone(),
                rules: r.rules.clone(),
                summary: r.input_digest.clone(),
            });
        }
        if let Some(path) = written_path(&r.input_digest) {
            facts.writes.push(GateWrite {
                time: t,
                agent: r.agent.clone(),
                session: r.session.clone(),
                path: relative_to(root, path),
                decision: r.decision.clone(),
            });
        } else if let Some(cmd) = r.input_digest.strip_prefix("shell: ")
            && is_install(cmd)
        {
            facts.installs.push(GateInstall {
                time: t,
                agent: r.agent.clone(),
                session: r.session.clone(),
                command: cmd.to_string(),
                decision: r.decision.clone(),
            });
        }
    }
    facts.writes.reverse();
    facts.installs.reverse();
    facts.by_rule = rules.into_values().collect();
    facts
}

/// The path of a `write PATH (N bytes)` or `edit PATH (N edits)` summary.
fn written_path(summary: &str) -> Option<&str> {
    let (rest, tail) = if let Some(r) = summary.strip_prefix("write ") {
        (r, " bytes)")
    } else if let Some(r) = summary.strip_prefix("edit ") {
        (r, " edits)")
    } else {
        return None;
    };
    let rest = rest.strip_suffix(tail)?;
    let open = rest.rfind(" (")?;
    let n = &rest[open + 2..];
    n.bytes().all(|b| b.is_ascii_digit()).then(|| &rest[..open])
}

fn relative_to(root: &Path, path: &str) -> String {
    let p = Path::new(path);
    if p.is_absolute() {
        if let Ok(rel) = p.strip_prefix(root) {
            return crate::walk::relative(Path::new(""), rel);
        }
        // The root may be given through a symlink or as a relative path.
        if let Ok(canon) = root.canonicalize()
            && let Ok(rel) = p.strip_prefix(&canon)
        {
            return crate::walk::relative(Path::new(""), rel);
        }
        return path.to_string();
    }
    crate::walk::relative(Path::new(""), p)
}

/// Package-manager words that add packages to a project.
const INSTALLS: &[(&str, &[&str])] = &[
    ("npm", &["install", "i", "add", "isntall", "in"]),
    ("pnpm", &["add", "install", "i"]),
    ("yarn", &["add"]),
    ("bun", &["add", "install", "i"]),
    ("pip", &["install"]),
    ("pip3", &["install"]),
    ("uv", &["add", "pip"]),
    ("poetry", &["add"]),
    ("pipenv", &["install"]),
    ("cargo", &["add", "install"]),
    ("go", &["get", "install"]),
    ("gem", &["install"]),
    ("bundle", &["add"]),
    ("composer", &["require"]),
];

/// Whether a command line runs a package manager's install or add.
pub fn is_install(cmd: &str) -> bool {
    let words: Vec<&str> = cmd.split_whitespace().collect();
    words.windows(2).any(|w| {
        let tool = w[0].rsplit('/').next().unwrap_or(w[0]);
        INSTALLS
            .iter()
            .any(|(t, verbs)| *t == tool && verbs.contains(&w[1]))
    })
}

/// Whether an install command names a package (as a word, possibly with a version
/// `name@1.2`, `name==1.2`, `name>=1`).
pub fn names_package(cmd: &str, name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    cmd.split_whitespace().any(|w| {
        let w = w.trim_matches(['\'', '"']).to_ascii_lowercase();
        if w == name {
            return true;
        }
        // `@scope/pkg@1.0`: the version separator is the last `@` after the first char.
        let base = match w[1.min(w.len())..].rfind('@') {
            Some(i) => &w[..i + 1],
            None => w.as_str(),
        };
        let base = base
            .split(['=', '<', '>', '~', '!', '[', ';'])
            .next()
            .unwrap_or(base);
        base == name
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_give_back_paths_and_installs() {
        assert_eq!(
            written_path("write /p/src/a b.py (12 bytes)"),
            Some("/p/src/a b.py")
        );
        assert_eq!(written_path("edit src/x.rs (3 edits)"), Some("src/x.rs"));
        assert_eq!(written_path("write x (lots)"), None);
        assert_eq!(written_path("shell: ls"), None);
        assert!(is_install("npm install left-pad@1.3.0"));
        assert!(is_install("cd web && pnpm add -D vite"));
        assert!(is_install("python -m pip install requests==2.31.0"));
        assert!(!is_install("npm test"));
        assert!(names_package("npm install left-pad@1.3.0", "left-pad"));
        assert!(names_package("npm i @types/node@20", "@types/node"));
        assert!(names_package("pip install 'requests>=2'", "requests"));
        assert!(!names_package("pip install requests-toolbelt", "requests"));
    }
}
