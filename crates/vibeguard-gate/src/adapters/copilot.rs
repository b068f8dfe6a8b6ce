//! GitHub Copilot (CLI and cloud agent).
//!
//! Input: `{timestamp, cwd, toolName, toolArgs}` where `toolArgs` is a JSON string (some
//! versions send an object); no event name, so a `prompt` field means
//! userPromptSubmitted (whose output Copilot ignores). VS Code's Copilot agent sends
//! Claude-compatible PascalCase input with `hook_event_name`; that is answered in the
//! Claude shape.
//! Output: flat `{"permissionDecision": ask|deny, "permissionDecisionReason": ...}`,
//! nothing for allow.

use super::{block_message, claude, message, object_or_json_string, str_of, tools::tool_action};
use crate::action::{Decision, Verdict};
use crate::request::{Agent, Event, EventKind, HookOutput, HookRequest, InputError};
use serde_json::{Value, json};
use std::path::PathBuf;

/// Event name used for Claude-compatible (VS Code) input, so rendering can tell.
pub(super) const VSCODE_PREFIX: &str = "vscode:";

pub fn parse(input: &Value, event: Option<&str>) -> Result<HookRequest, InputError> {
    if input.get("hook_event_name").is_some() && input.get("toolArgs").is_none() {
        let mut req = claude::parse(input, event, Agent::Copilot)?;
        req.event.name = format!("{VSCODE_PREFIX}{}", req.event.name);
        return Ok(req);
    }
    let cwd = str_of(input, "cwd").map(PathBuf::from);
    let name = match event {
        Some(e) => e.to_string(),
        None if input.get("toolName").is_some() => "preToolUse".to_string(),
        None if input.get("prompt").is_some() => "userPromptSubmitted".to_string(),
        None => {
            return Err(InputError::new(
                "neither `toolName` nor `prompt` in the input",
            ));
        }
    };
    let mut req = HookRequest {
        agent: Agent::Copilot,
        event: Event {
            name: name.clone(),
            kind: EventKind::Ignored,
        },
        session: str_of(input, "sessionId")
            .or_else(|| str_of(input, "session_id"))
            .map(str::to_string),
        cwd: cwd.clone(),
        workspace_root: None,
        tool: String::new(),
        action: None,
    };
    if name == "preToolUse" {
        let tool =
            str_of(input, "toolName").ok_or_else(|| InputError::new("missing `toolName`"))?;
        let args = object_or_json_string(
            input.get("toolArgs").or_else(|| input.get("toolInput")),
            "toolArgs",
        )?;
        req.event.kind = EventKind::ToolUse;
        req.tool = tool.to_string();
        req.action = Some(tool_action(tool, &args, cwd.as_deref())?);
    }
    Ok(req)
}

pub fn render(event: Option<&Event>, verdict: &Verdict) -> HookOutput {
    if let Some(e) = event
        && let Some(name) = e.name.strip_prefix(VSCODE_PREFIX)
    {
        let claude_event = Event {
            name: name.to_string(),
            kind: e.kind,
        };
        return claude::render(Some(&claude_event), verdict);
    }
    let m = message(verdict);
    match event {
        // Unknown input: deny is the decision every Copilot version processes.
        None => HookOutput::json(
            json!({"permissionDecision": "deny", "permissionDecisionReason": block_message(verdict)}),
        ),
        Some(e) if e.kind != EventKind::ToolUse => HookOutput::silent(),
        Some(_) => match verdict.decision {
            Decision::Allow => HookOutput::silent(),
            d => HookOutput::json(json!({
                "permissionDecision": d.as_str(),
                "permissionDecisionReason": m,
            })),
        },
    }
}
