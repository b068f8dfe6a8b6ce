//! `vibeguard init --mcp`: register `vibeguard mcp` in the project-level MCP settings of
//! the agents that read one, keeping every other server and key as it was.
//!
//! - Claude Code: `.mcp.json` (`mcpServers`)
//! - Cursor: `.cursor/mcp.json` (`mcpServers`)
//! - Gemini CLI: `.gemini/settings.json` (`mcpServers`, next to its hooks)
//! - Copilot in VS Code: `.vscode/mcp.json` (`servers`, with `type: stdio`)
//!
//! Codex CLI and Windsurf read MCP servers only from the user's home configuration, which
//! init does not touch; README.md shows the lines to add there.

use crate::init::json::Json;
use std::path::Path;
use vibeguard_gate::Agent;

/// One settings file and the key its servers live under.
struct Target {
    rel: &'static str,
    key: &'static str,
    vscode: bool,
}

fn target(agent: Agent) -> Option<Target> {
    let (rel, key, vscode) = match agent.as_str() {
        "claude" => (".mcp.json", "mcpServers", false),
        "cursor" => (".cursor/mcp.json", "mcpServers", false),
        "gemini" => (".gemini/settings.json", "mcpServers", false),
        "copilot" => (".vscode/mcp.json", "servers", true),
        _ => return None,
    };
    Some(Target { rel, key, vscode })
}

fn entry(vscode: bool) -> Json {
    let mut pairs = Vec::new();
    if vscode {
        pairs.push(("type", Json::str("stdio")));
    }
    pairs.push(("command", Json::str("vibeguard")));
    pairs.push(("args", Json::Array(vec![Json::str("mcp")])));
    Json::obj(&pairs)
}

/// Add (or update) the `vibeguard` server in each agent's file; returns one line per file
/// for the init report. A malformed file is an error and nothing is written to it.
pub fn register(root: &Path, agents: &[Agent]) -> Result<Vec<String>, String> {
    let mut report = Vec::new();
    let mut seen = Vec::new();
    for t in agents.iter().filter_map(|a| target(*a)) {
        if seen.contains(&t.rel) {
            continue;
        }
        seen.push(t.rel);
        let path = root.join(t.rel);
        let before = std::fs::read_to_string(&path).ok();
        let mut doc = Json::parse(before.as_deref().unwrap_or("")).map_err(|e| {
            format!(
                "{} is not valid JSON ({e}); fix it and run init again",
                t.rel
            )
        })?;
        let Json::Object(top) = &mut doc else {
            return Err(format!("{} is not a JSON object", t.rel));
        };
        if !top.iter().any(|(k, _)| k == t.key) {
            top.push((t.key.to_string(), Json::Object(Vec::new())));
        }
        let Some(Json::Object(servers)) = doc.get_mut(t.key) else {
            return Err(format!("{}: `{}` is not an object", t.rel, t.key));
        };
        let wanted = entry(t.vscode);
        match servers.iter_mut().find(|(k, _)| k == "vibeguard") {
            Some((_, v)) if *v == wanted => {
                report.push(format!("  unchanged {}", t.rel));
                continue;
            }
            Some((_, v)) => *v = wanted,
            None => servers.push(("vibeguard".to_string(), wanted)),
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(&path, doc.to_pretty())
            .map_err(|e| format!("cannot write {}: {e}", t.rel))?;
        let verb = if before.is_some() {
            "updated"
        } else {
            "created"
        };
        report.push(format!("  {verb:<9} {}: MCP server `vibeguard mcp`", t.rel));
    }
    Ok(report)
}
