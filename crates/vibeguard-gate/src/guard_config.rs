//! Claude Code `ConfigChange`: block a settings change that switches the guard off.
//!
//! The hook only runs if some settings file registers it, so after a change either the
//! changed file sets `disableAllHooks`, or no settings file Claude Code reads still
//! names `vibeguard hook` — in both cases the change removes the guard.

use crate::action::{GateFinding, Tier};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The text every installed hook command contains.
pub const HOOK_MARKER: &str = "vibeguard hook";

const MANAGED_SETTINGS: &[&str] = &[
    "/etc/claude-code/managed-settings.json",
    "/Library/Application Support/ClaudeCode/managed-settings.json",
];

/// Where Claude Code reads settings with hooks for this project.
pub fn settings_files(root: &Path, home: &Path) -> Vec<PathBuf> {
    let mut v = vec![
        root.join(".claude/settings.json"),
        root.join(".claude/settings.local.json"),
        home.join(".claude/settings.json"),
    ];
    v.extend(MANAGED_SETTINGS.iter().map(PathBuf::from));
    v
}

/// Does this settings document register a vibeguard hook? Shell form
/// (`"command": "vibeguard hook claude"`) or exec form (`"command": "vibeguard"` or a
/// path to it, with `"args": ["hook", ...]`).
pub fn registers_guard(doc: &Value) -> bool {
    fn is_guard_entry(o: &serde_json::Map<String, Value>) -> bool {
        let Some(cmd) = o.get("command").and_then(Value::as_str) else {
            return false;
        };
        if cmd.contains(HOOK_MARKER) {
            return true;
        }
        let program = cmd.trim().rsplit(['/', '\\']).next().unwrap_or("");
        let first_arg = o
            .get("args")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(Value::as_str);
        matches!(program, "vibeguard" | "vibeguard.exe") && first_arg == Some("hook")
    }
    fn walk(v: &Value) -> bool {
        match v {
            Value::Array(a) => a.iter().any(walk),
            Value::Object(o) => is_guard_entry(o) || o.values().any(walk),
            _ => false,
        }
    }
    doc.get("hooks").is_some_and(walk)
}

fn disables_hooks(doc: &Value) -> bool {
    doc.get("disableAllHooks").and_then(Value::as_bool) == Some(true)
}

/// Findings for one ConfigChange (`source` as Claude names it, `path` when given).
pub fn check_config_change(
    source: &str,
    path: Option<&Path>,
    root: &Path,
    home: &Path,
) -> Vec<GateFinding> {
    if source == "skills" {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(p) = path
        && let Ok(text) = std::fs::read_to_string(p)
    {
        match serde_json::from_str::<Value>(&text) {
                Ok(doc) if disables_hooks(&doc) => out.push(GateFinding {
                    rule_id: "gate/guard-disabled".to_string(),
                    tier: Tier::High,
                    reason: format!(
                        "{} sets disableAllHooks, which switches off the vibeguard gate",
                        p.display()
                    ),
                    hint: Some(
                        "remove `disableAllHooks`; to allow one action, add a rule override in vibeguard.toml [gate.rules]"
                            .to_string(),
                    ),
                }),
                Ok(_) => {}
                Err(e) => out.push(GateFinding {
                    rule_id: "gate/guard-config-unreadable".to_string(),
                    tier: Tier::Medium,
                    reason: format!(
                        "{} is not valid JSON ({e}); vibeguard cannot confirm the gate is still installed",
                        p.display()
                    ),
                    hint: Some("fix the JSON syntax of the settings file".to_string()),
                }),
            }
    }
    let files = settings_files(root, home);
    let mut extra: Vec<PathBuf> = Vec::new();
    if let Some(p) = path
        && !files.iter().any(|f| f == p)
    {
        extra.push(p.to_path_buf());
    }
    let still_installed = files.iter().chain(extra.iter()).any(|f| {
        std::fs::read_to_string(f)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            .is_some_and(|doc| registers_guard(&doc) && !disables_hooks(&doc))
    });
    if !still_installed {
        out.push(GateFinding {
            rule_id: "gate/guard-removed".to_string(),
            tier: Tier::High,
            reason: "after this settings change no Claude Code settings file registers the `vibeguard hook` command: the change removes the gate".to_string(),
            hint: Some(
                "keep the vibeguard hook entry (re-run `vibeguard init --agent claude`); change vibeguard.toml to relax a rule instead"
                    .to_string(),
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn recognises_installed_hooks() {
        let shell_form = json!({"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [
            {"type": "command", "command": "vibeguard hook claude"}]}]}});
        let exec_form = json!({"hooks": {"PreToolUse": [{"hooks": [
            {"type": "command", "command": "/usr/local/bin/vibeguard", "args": ["hook", "claude"]}]}]}});
        let other = json!({"hooks": {"PreToolUse": [{"hooks": [
            {"type": "command", "command": "prettier --write"}]}]}, "model": "x"});
        assert!(registers_guard(&shell_form));
        assert!(registers_guard(&exec_form));
        let bare_exec = json!({"hooks": {"PreToolUse": [{"hooks": [
            {"type": "command", "command": "vibeguard", "args": ["hook", "claude"], "timeout": 10}]}]}});
        assert!(registers_guard(&bare_exec));
        let lookalike = json!({"hooks": {"PreToolUse": [{"hooks": [
            {"type": "command", "command": "other-tool", "args": ["hook", "claude"]}]}]}});
        assert!(!registers_guard(&lookalike));
        assert!(!registers_guard(&other));
        assert!(!registers_guard(&json!({"permissions": {}})));
    }

    #[test]
    fn blocks_removal_and_disable_all_hooks() {
        let root = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        let settings = root.path().join(".claude/settings.json");
        std::fs::create_dir_all(settings.parent().unwrap()).unwrap();
        let installed = json!({"hooks": {"PreToolUse": [{"hooks": [
            {"type": "command", "command": "vibeguard hook claude"}]}]}});
        std::fs::write(&settings, installed.to_string()).unwrap();
        let f = check_config_change(
            "project_settings",
            Some(&settings),
            root.path(),
            home.path(),
        );
        assert!(f.is_empty(), "{f:?}");

        std::fs::write(&settings, r#"{"hooks": {}}"#).unwrap();
        let f = check_config_change(
            "project_settings",
            Some(&settings),
            root.path(),
            home.path(),
        );
        assert_eq!(f[0].rule_id, "gate/guard-removed");

        let mut disabled = installed.clone();
        disabled["disableAllHooks"] = json!(true);
        std::fs::write(&settings, disabled.to_string()).unwrap();
        let f = check_config_change(
            "project_settings",
            Some(&settings),
            root.path(),
            home.path(),
        );
        assert!(
            f.iter().any(|x| x.rule_id == "gate/guard-disabled"),
            "{f:?}"
        );
    }
}
