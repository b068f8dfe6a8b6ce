//! Claude Code (and Codex, whose input uses the same shape).
//!
//! Input: `{session_id, cwd, hook_event_name, tool_name, tool_input, ...}`.
//! Output: PreToolUse `hookSpecificOutput.permissionDecision` ask/deny with
//! `permissionDecisionReason`, nothing for allow; UserPromptSubmit `decision: block` or a
//! `systemMessage` warning; ConfigChange exit 2 with the reason on stderr.

use super::{block_message, message, str_of, tools::tool_action};
use crate::action::{Action, Decision, Verdict};
use crate::request::{Agent, Event, EventKind, HookOutput, HookRequest, InputError};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

pub fn parse(input: &Value, event: Option<&str>, agent: Agent) -> Result<HookRequest, InputError> {
    let name = event
        .or_else(|| str_of(input, "hook_event_name"))
        .ok_or_else(|| InputError::new("missing `hook_event_name`"))?;
    let cwd = str_of(input, "cwd").map(PathBuf::from);
    let mut req = HookRequest {
        agent,
        event: Event {
            name: name.to_string(),
            kind: EventKind::Ignored,
        },
        session: str_of(input, "session_id")
            .or_else(|| str_of(input, "sessionId"))
            .map(str::to_string),
        cwd: cwd.clone(),
        workspace_root: None,
        tool: String::new(),
        action: None,
    };
    match name {
        "PreToolUse" | "PermissionRequest" => {
            let tool =
                str_of(input, "tool_name").ok_or_else(|| InputError::new("missing `tool_name`"))?;
            let tool_input = input
                .get("tool_input")
                .ok_or_else(|| InputError::new("missing `tool_input`"))?;
            req.event.kind = if name == "PreToolUse" {
                EventKind::ToolUse
            } else {
                EventKind::PermissionRequest
            };
            req.tool = tool.to_string();
            req.action = Some(tool_action(tool, tool_input, cwd.as_deref())?);
        }
        "UserPromptSubmit" => {
            let prompt =
                str_of(input, "prompt").ok_or_else(|| InputError::new("missing `prompt`"))?;
            req.event.kind = EventKind::Prompt;
            req.action = Some(Action::Prompt {
                text: prompt.to_string(),
            });
        }
        "ConfigChange" => {
            req.event.kind = EventKind::ConfigChange;
            req.action = Some(Action::ConfigChange {
                source: str_of(input, "source").unwrap_or("").to_string(),
                path: str_of(input, "file_path").map(|p| {
                    let p = Path::new(p);
                    match &cwd {
                        Some(c) if p.is_relative() => c.join(p),
                        _ => p.to_path_buf(),
                    }
                }),
            });
        }
        // An event this version does not know that carries a tool call (a renamed or
        // new pre-tool event) is judged as one, never waved through.
        other if !super::is_known_event(agent, other) && input.get("tool_name").is_some() => {
            let tool = str_of(input, "tool_name")
                .ok_or_else(|| InputError::new("`tool_name` is not a string"))?;
            let empty = Value::Object(Default::default());
            let tool_input = input.get("tool_input").unwrap_or(&empty);
            req.event.kind = EventKind::ToolUse;
            req.tool = tool.to_string();
            req.action = Some(tool_action(tool, tool_input, cwd.as_deref())?);
        }
        _ => {}
    }
    Ok(req)
}

pub fn render(event: Option<&Event>, verdict: &Verdict) -> HookOutput {
    let Some(event) = event else {
        // Unknown event: exit 2 blocks every event that can block.
        return HookOutput::block(&block_message(verdict));
    };
    if verdict.decision == Decision::Allow {
        return HookOutput::silent();
    }
    match event.kind {
        // an event of unknown shape: exit 2 with the reason blocks wherever blocking is
        // possible, and the JSON fields of PreToolUse may mean nothing there
        EventKind::ToolUse if event.name != "PreToolUse" => HookOutput::block(&message(verdict)),
        EventKind::ToolUse => HookOutput::json(json!({
            "hookSpecificOutput": {
                "hookEventName": event.name,
                "permissionDecision": verdict.decision.as_str(),
                "permissionDecisionReason": message(verdict),
            }
        })),
        EventKind::PermissionRequest => {
            if verdict.decision == Decision::Deny {
                HookOutput::json(json!({
                    "hookSpecificOutput": {
                        "hookEventName": event.name,
                        "decision": {"behavior": "deny", "message": message(verdict)},
                    }
                }))
            } else {
                // The person is being asked already: no decision.
                HookOutput::silent()
            }
        }
        EventKind::Prompt => prompt_output(&event.name, verdict),
        EventKind::ConfigChange => HookOutput::block(&message(verdict)),
        EventKind::Ignored => HookOutput::silent(),
    }
}

/// UserPromptSubmit: deny blocks (and erases) the prompt; ask warns the user and tells
/// the model not to spread the value.
pub(super) fn prompt_output(event_name: &str, verdict: &Verdict) -> HookOutput {
    if verdict.decision == Decision::Deny {
        return HookOutput::json(json!({"decision": "block", "reason": message(verdict)}));
    }
    HookOutput::json(json!({
        "systemMessage": format!("{} — the prompt was sent; rotate the credential if it was real.", message(verdict)),
        "hookSpecificOutput": {
            "hookEventName": event_name,
            "additionalContext": "vibeguard: the user's prompt contains what looks like a secret. Do not repeat it, write it into files, commit it or send it anywhere; use an environment variable instead.",
        }
    }))
}
