//! Gemini CLI.
//!
//! Input: `{session_id, cwd, hook_event_name, tool_name, tool_input, ...}`; BeforeTool for
//! tools, BeforeAgent carries the user's `prompt`.
//! Output: `{"decision": "deny", "reason": ...}` with exit 2 and the reason on stderr for
//! a block; nothing for allow. BeforeTool has no ask: ask becomes deny with a reason
//! that says what a person can do.

use super::{ask_as_block, block_message, message, str_of, tools::tool_action};
use crate::action::{Action, Decision, Verdict};
use crate::request::{Agent, Event, EventKind, HookOutput, HookRequest, InputError};
use serde_json::{Value, json};
use std::path::PathBuf;

pub fn parse(input: &Value, event: Option<&str>) -> Result<HookRequest, InputError> {
    let name = event
        .or_else(|| str_of(input, "hook_event_name"))
        .ok_or_else(|| InputError::new("missing `hook_event_name`"))?;
    let cwd = str_of(input, "cwd").map(PathBuf::from);
    let mut req = HookRequest {
        agent: Agent::Gemini,
        event: Event {
            name: name.to_string(),
            kind: EventKind::Ignored,
        },
        session: str_of(input, "session_id").map(str::to_string),
        cwd: cwd.clone(),
        workspace_root: None,
        tool: String::new(),
        action: None,
    };
    match name {
        "BeforeTool" => {
            let tool =
                str_of(input, "tool_name").ok_or_else(|| InputError::new("missing `tool_name`"))?;
            let args = input
                .get("tool_input")
                .ok_or_else(|| InputError::new("missing `tool_input`"))?;
            req.event.kind = EventKind::ToolUse;
            req.tool = tool.to_string();
            req.action = Some(tool_action(tool, args, cwd.as_deref())?);
        }
        "BeforeAgent" => {
            let prompt =
                str_of(input, "prompt").ok_or_else(|| InputError::new("missing `prompt`"))?;
            req.event.kind = EventKind::Prompt;
            req.action = Some(Action::Prompt {
                text: prompt.to_string(),
            });
        }
        other
            if !super::is_known_event(Agent::Gemini, other) && input.get("tool_name").is_some() =>
        {
            let tool = str_of(input, "tool_name")
                .ok_or_else(|| InputError::new("`tool_name` is not a string"))?;
            let empty = Value::Object(Default::default());
            req.event.kind = EventKind::ToolUse;
            req.tool = tool.to_string();
            req.action = Some(tool_action(
                tool,
                input.get("tool_input").unwrap_or(&empty),
                cwd.as_deref(),
            )?);
        }
        _ => {}
    }
    Ok(req)
}

fn deny(reason: &str) -> HookOutput {
    HookOutput {
        stdout: format!("{}\n", json!({"decision": "deny", "reason": reason})),
        stderr: format!("{reason}\n"),
        exit_code: 2,
    }
}

pub fn render(event: Option<&Event>, verdict: &Verdict) -> HookOutput {
    let Some(event) = event else {
        return deny(&block_message(verdict));
    };
    match (event.kind, verdict.decision) {
        (EventKind::Ignored, _) | (_, Decision::Allow) => HookOutput::silent(),
        (EventKind::Prompt, Decision::Ask) => HookOutput::json(json!({
            "systemMessage": message(verdict),
        })),
        (_, Decision::Ask) => deny(&ask_as_block(verdict)),
        (_, Decision::Deny) => deny(&message(verdict)),
    }
}
