//! `vibeguard init`: plan every managed file first, then write. Planning reads only, so a
//! malformed settings file stops init before any file is touched, and `--check` is the
//! same plan without the writing.

pub mod config;
pub mod context;
pub mod gitignore;
pub mod hooks;
pub mod json;

use std::path::{Path, PathBuf};
use vibeguard_core::Policy;
use vibeguard_gate::{Agent, GatePolicy, Profile};

/// What the user asked for.
pub struct Options {
    pub root: PathBuf,
    /// `--agent`; `None` when not given.
    pub agents: Option<Vec<Agent>>,
    /// `--profile`; `None` when not given.
    pub profile: Option<Profile>,
    /// `--check`: only the files that must follow the policy (hooks, sections).
    pub check: bool,
    /// What the hooks start: the absolute path of the installed binary, or `vibeguard`.
    pub program: String,
}

/// One managed file.
pub struct Item {
    /// Path relative to the project root, with `/`.
    pub rel: String,
    pub before: Option<String>,
    /// New content, or `None` when the file already is what init would write.
    pub after: Option<String>,
    /// What init writes into it, for the report.
    pub what: String,
    /// Hook programs in this file that cannot be started (`--check`).
    pub unresolved: Vec<String>,
}

/// The plan for one run.
pub struct Plan {
    pub profile: Profile,
    pub agents: Vec<Agent>,
    pub items: Vec<Item>,
}

fn read(root: &Path, rel: &str) -> Result<Option<String>, String> {
    let path = root.join(rel);
    match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{rel} is not UTF-8 text")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Where a hook's program is: an absolute or relative path that is an executable file,
/// or a bare name found in a PATH directory.
pub fn resolve_program(program: &str) -> Option<PathBuf> {
    let executable = |p: &Path| {
        std::fs::metadata(p).is_ok_and(|m| {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                m.is_file() && m.permissions().mode() & 0o111 != 0
            }
            #[cfg(not(unix))]
            {
                m.is_file()
            }
        })
    };
    if program.contains('/') || program.contains('\\') {
        let p = PathBuf::from(program);
        return executable(&p).then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .filter(|d| d.is_absolute())
        .map(|d| d.join(program))
        .find(|p| executable(p))
}

/// Agents whose traces are already in the project.
fn detect(root: &Path) -> Vec<Agent> {
    let has = |p: &str| root.join(p).exists();
    Agent::ALL
        .into_iter()
        .filter(|a| match a {
            Agent::Claude => has(".claude") || has("CLAUDE.md"),
            Agent::Cursor => has(".cursor") || has(".cursorrules"),
            Agent::Codex => has(".codex"),
            Agent::Gemini => has(".gemini") || has("GEMINI.md"),
            Agent::Copilot => has(".github/copilot-instructions.md") || has(".github/hooks"),
            Agent::Windsurf => has(".windsurf") || has(".windsurfrules"),
        })
        .collect()
}

fn parse_recorded(policy: &Policy) -> Result<Vec<Agent>, String> {
    policy
        .agents
        .enabled
        .iter()
        .map(|n| {
            n.parse::<Agent>()
                .map_err(|e| format!("{} [agents] enabled: {e}", Policy::FILE_NAME))
        })
        .collect()
}

/// Agents in the canonical order, without repeats.
fn canonical(agents: impl IntoIterator<Item = Agent>) -> Vec<Agent> {
    let set: Vec<Agent> = agents.into_iter().collect();
    Agent::ALL.into_iter().filter(|a| set.contains(a)).collect()
}

/// Context files and the agents that read them. AGENTS.md is read by Codex, Cursor,
/// Copilot and Windsurf and is always written; the others only for their agent.
fn context_files(agents: &[Agent]) -> Vec<&'static str> {
    let mut files = Vec::new();
    if agents.contains(&Agent::Claude) {
        files.push("CLAUDE.md");
    }
    files.push("AGENTS.md");
    if agents.contains(&Agent::Cursor) {
        files.push(".cursor/rules/vibeguard.mdc");
    }
    if agents.contains(&Agent::Copilot) {
        files.push(".github/copilot-instructions.md");
    }
    // Gemini CLI reads GEMINI.md unless its settings name other context files.
    if agents.contains(&Agent::Gemini) {
        files.push("GEMINI.md");
    }
    files
}

pub fn plan(opts: &Options) -> Result<Plan, String> {
    let root = &opts.root;
    let toml_before = read(root, Policy::FILE_NAME)?;
    let loaded = match &toml_before {
        Some(text) => Some(config::load(text)?),
        None if opts.check => {
            return Err(format!(
                "{} is missing: run `vibeguard init` first",
                Policy::FILE_NAME
            ));
        }
        None => None,
    };
    let recorded = match &loaded {
        Some(l) => parse_recorded(&l.policy)?,
        None => Vec::new(),
    };
    let agents = if opts.check {
        let chosen = opts.agents.clone().unwrap_or(recorded.clone());
        if chosen.is_empty() {
            return Err(format!(
                "{} has no [agents] enabled list: run `vibeguard init` or pass --agent",
                Policy::FILE_NAME
            ));
        }
        canonical(chosen)
    } else {
        let mut chosen = recorded.clone();
        chosen.extend(opts.agents.clone().unwrap_or_default());
        if chosen.is_empty() {
            chosen = detect(root);
        }
        if chosen.is_empty() {
            chosen = Agent::ALL.to_vec();
        }
        canonical(chosen)
    };

    let mut items = Vec::new();
    // vibeguard.toml (init only: --check judges the other files against it).
    let gate = if opts.check {
        loaded.expect("checked above").gate
    } else {
        let (after, what, gate) = plan_policy(
            toml_before.as_deref(),
            loaded.as_ref(),
            opts.profile,
            &agents,
            &recorded,
        )?;
        items.push(Item {
            rel: Policy::FILE_NAME.to_string(),
            before: toml_before.clone(),
            after,
            what,
            unresolved: Vec::new(),
        });
        let gi_before = read(root, ".gitignore")?;
        items.push(Item {
            rel: ".gitignore".to_string(),
            after: gitignore::with_state_dir(gi_before.as_deref()),
            before: gi_before,
            what: "ignores .vibeguard/".to_string(),
            unresolved: Vec::new(),
        });
        gate
    };

    for agent in &agents {
        let spec = hooks::spec(*agent);
        let before = read(root, spec.file)?;
        // --check judges the hooks, not where this machine keeps the binary: an entry
        // that starts vibeguard from another path is in sync if that path works.
        let existing = before
            .as_deref()
            .map(|t| hooks::programs(spec, t))
            .unwrap_or_default();
        let program = match existing.as_slice() {
            [p] if opts.check => p.clone(),
            _ => opts.program.clone(),
        };
        let merged = hooks::merge(spec, before.as_deref(), &program)?;
        let what = if merged.events.is_empty() {
            format!("`vibeguard hook {agent}`")
        } else {
            format!("`vibeguard hook {agent}` on {}", merged.events.join(", "))
        };
        let unresolved = if opts.check {
            existing
                .into_iter()
                .filter(|p| resolve_program(p).is_none())
                .collect()
        } else {
            Vec::new()
        };
        items.push(Item {
            rel: spec.file.to_string(),
            before,
            after: merged.text,
            what,
            unresolved,
        });
    }

    let section = context::section(&gate);
    for rel in context_files(&agents) {
        let before = read(root, rel)?;
        let mut after = context::apply(before.as_deref(), &section, rel)?;
        if before.is_none() && rel.ends_with(".mdc") {
            after.insert_str(0, context::MDC_FRONT_MATTER);
        }
        items.push(Item {
            rel: rel.to_string(),
            after: (before.as_deref() != Some(after.as_str())).then_some(after),
            before,
            what: format!("security section ({} profile)", gate.profile.as_str()),
            unresolved: Vec::new(),
        });
    }
    Ok(Plan {
        profile: gate.profile,
        agents,
        items,
    })
}

/// The new `vibeguard.toml` (None: unchanged), a description of the change, and the gate
/// policy the rest of the plan follows.
fn plan_policy(
    before: Option<&str>,
    loaded: Option<&config::Loaded>,
    profile: Option<Profile>,
    agents: &[Agent],
    recorded: &[Agent],
) -> Result<(Option<String>, String, GatePolicy), String> {
    let (after, what) = match (before, loaded) {
        (Some(text), Some(l)) => {
            let mut new = text.to_string();
            let mut what = Vec::new();
            if let Some(p) = profile.filter(|p| *p != l.gate.profile) {
                new = config::set_key(&new, "gate", "profile", &format!("\"{}\"", p.as_str()))?;
                what.push(format!(
                    "profile {} -> {}",
                    l.gate.profile.as_str(),
                    p.as_str()
                ));
            }
            if agents != recorded {
                let list = config::agents_literal(agents);
                new = config::set_key(&new, "agents", "enabled", &list)?;
                what.push(format!("agents {list}"));
            }
            if new == text {
                (None, "policy kept".to_string())
            } else {
                (Some(new), what.join(", "))
            }
        }
        _ => {
            let p = profile.unwrap_or_default();
            let names: Vec<&str> = agents.iter().map(|a| a.as_str()).collect();
            (
                Some(config::template(p, agents)),
                format!("profile {}, agents {}", p.as_str(), names.join(", ")),
            )
        }
    };
    let Some(new) = &after else {
        let gate = loaded.expect("an unchanged file was loaded").gate.clone();
        return Ok((after, what, gate));
    };
    // The line edits must have done what they meant to; otherwise ask for a hand edit.
    let reloaded = config::load(new).map_err(|e| {
        format!(
            "cannot update {} automatically ({e}); edit it by hand",
            Policy::FILE_NAME
        )
    })?;
    let wanted_agents: Vec<&str> = agents.iter().map(|a| a.as_str()).collect();
    if profile.is_some_and(|p| p != reloaded.gate.profile)
        || reloaded.policy.agents.enabled != wanted_agents
    {
        return Err(format!(
            "cannot update {} automatically (profile or [agents] is written in a form init does not edit); edit it by hand",
            Policy::FILE_NAME
        ));
    }
    Ok((after, what, reloaded.gate))
}

/// Writes every changed item; the plan was computed completely before this runs.
pub fn write(root: &Path, plan: &Plan) -> Result<(), String> {
    for item in &plan.items {
        let Some(after) = &item.after else { continue };
        let path = root.join(&item.rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, after)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
