//! Windsurf Cascade hooks.
//!
//! Input: `{agent_action_name, trajectory_id, execution_id, tool_info: {...}}` with
//! `tool_info` = `{command_line, cwd}` | `{file_path, edits}` | `{file_path}` |
//! `{mcp_server_name, mcp_tool_name, mcp_tool_arguments}` | `{user_prompt}`.
//! Output: no JSON protocol; exit 2 from a `pre_*` hook blocks and the reason goes to
//! stderr. There is no ask: ask blocks with a reason that says what a person can do. A
//! prompt that only warrants a warning is let through with the warning on stdout.

use super::{
    ask_as_block, block_message, message, object_or_json_string, prompt_message, str_of, tools,
};
use crate::action::{Action, Decision, EditOp, Verdict};
use crate::request::{Agent, Event, EventKind, HookOutput, HookRequest, InputError};
use serde_json::Value;
use std::path::PathBuf;

pub fn parse(input: &Value, event: Option<&str>) -> Result<HookRequest, InputError> {
    let name = event
        .or_else(|| str_of(input, "agent_action_name"))
        .ok_or_else(|| InputError::new("missing `agent_action_name`"))?;
    let empty = Value::Object(Default::default());
    let info = input.get("tool_info").unwrap_or(&empty);
    let cwd = str_of(info, "cwd").map(PathBuf::from);
    let mut req = HookRequest {
        agent: Agent::Windsurf,
        event: Event {
            name: name.to_string(),
            kind: EventKind::ToolUse,
        },
        session: str_of(input, "trajectory_id").map(str::to_string),
        cwd: cwd.clone(),
        workspace_root: None,
        tool: name.to_string(),
        action: None,
    };
    let need = |key: &str| {
        str_of(info, key)
            .ok_or_else(|| InputError::new(format!("{name}: missing `tool_info.{key}`")))
    };
    let action = match name {
        "pre_run_command" => Action::Shell {
            command: need("command_line")?.to_string(),
            cwd,
        },
        "pre_read_code" => Action::Read {
            path: tools::join(cwd.as_deref(), need("file_path")?),
        },
        "pre_write_code" => {
            let path = tools::join(cwd.as_deref(), need("file_path")?);
            let edits = info
                .get("edits")
                .and_then(Value::as_array)
                .ok_or_else(|| InputError::new("pre_write_code: missing `tool_info.edits`"))?
                .iter()
                .map(|e| EditOp {
                    old: str_of(e, "old_string").unwrap_or("").to_string(),
                    new: str_of(e, "new_string").unwrap_or("").to_string(),
                    replace_all: false,
                })
                .collect();
            Action::Edit { path, edits }
        }
        "pre_mcp_tool_use" => Action::Mcp {
            server: need("mcp_server_name")?.to_string(),
            tool: need("mcp_tool_name")?.to_string(),
            input: object_or_json_string(info.get("mcp_tool_arguments"), "mcp_tool_arguments")?,
        },
        "pre_user_prompt" => {
            req.event.kind = EventKind::Prompt;
            Action::Prompt {
                text: need("user_prompt")?.to_string(),
            }
        }
        other if other.starts_with("pre_") => {
            return Err(InputError::new(format!(
                "unknown Windsurf pre-hook `{other}`"
            )));
        }
        _ => {
            req.event.kind = EventKind::Ignored;
            return Ok(req);
        }
    };
    req.action = Some(action);
    Ok(req)
}

pub fn render(event: Option<&Event>, verdict: &Verdict) -> HookOutput {
    let Some(event) = event else {
        return HookOutput::block(&block_message(verdict));
    };
    match (event.kind, verdict.decision) {
        (EventKind::Ignored, _) | (_, Decision::Allow) => HookOutput::silent(),
        (EventKind::Prompt, Decision::Ask) => HookOutput {
            stdout: format!("{}\n", prompt_message(verdict, true)),
            stderr: String::new(),
            exit_code: 0,
        },
        (EventKind::Prompt, Decision::Deny) => HookOutput::block(&prompt_message(verdict, false)),
        (_, Decision::Ask) => HookOutput::block(&ask_as_block(verdict)),
        (_, Decision::Deny) => HookOutput::block(&message(verdict)),
    }
}
