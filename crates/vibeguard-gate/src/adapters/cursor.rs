//! Cursor hooks.
//!
//! Input: common `{conversation_id, hook_event_name, workspace_roots, ...}` plus per event
//! `beforeShellExecution {command, cwd}`, `beforeMCPExecution {tool_name, tool_input
//! (a JSON string), url | command}`, `beforeReadFile {file_path, content}`,
//! `preToolUse {tool_name, tool_input, cwd}`, `beforeSubmitPrompt {prompt}`.
//! Output (snake_case): `{"permission": allow|ask|deny, "user_message", "agent_message"}`;
//! beforeReadFile knows only allow/deny; preToolUse also gets `decision`/`reason`;
//! beforeSubmitPrompt `{"continue": bool, "user_message"}`. beforeMCPExecution and
//! beforeReadFile treat missing output as a block, so allow is written out explicitly.

use super::{ask_as_block, block_message, message, object_or_json_string, str_of, tools};
use crate::action::{Action, Decision, EditOp, Verdict};
use crate::request::{Agent, Event, EventKind, HookOutput, HookRequest, InputError};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

pub fn parse(input: &Value, event: Option<&str>) -> Result<HookRequest, InputError> {
    let name = event
        .or_else(|| str_of(input, "hook_event_name"))
        .ok_or_else(|| InputError::new("missing `hook_event_name`"))?;
    let workspace_root = input
        .get("workspace_roots")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_str)
        .map(PathBuf::from);
    let cwd = str_of(input, "cwd")
        .map(PathBuf::from)
        .or_else(|| workspace_root.clone());
    let mut req = HookRequest {
        agent: Agent::Cursor,
        event: Event {
            name: name.to_string(),
            kind: EventKind::ToolUse,
        },
        session: str_of(input, "conversation_id")
            .or_else(|| str_of(input, "session_id"))
            .map(str::to_string),
        cwd: cwd.clone(),
        workspace_root,
        tool: String::new(),
        action: None,
    };
    let need = |key: &str| {
        str_of(input, key).ok_or_else(|| InputError::new(format!("{name}: missing `{key}`")))
    };
    let action = match name {
        "beforeShellExecution" => {
            req.tool = "Shell".into();
            Action::Shell {
                command: need("command")?.to_string(),
                cwd: cwd.clone(),
            }
        }
        "beforeMCPExecution" => {
            let tool = need("tool_name")?;
            req.tool = tool.to_string();
            let args = object_or_json_string(input.get("tool_input"), "tool_input")?;
            let (server, tool) = match tools::split_mcp(tool) {
                Some(st) => st,
                None => (
                    str_of(input, "server_name")
                        .or_else(|| str_of(input, "url"))
                        .or_else(|| str_of(input, "command"))
                        .unwrap_or("unknown")
                        .to_string(),
                    tool.to_string(),
                ),
            };
            Action::Mcp {
                server,
                tool,
                input: args,
            }
        }
        "beforeReadFile" => {
            req.tool = "Read".into();
            Action::Read {
                path: tools::join(cwd.as_deref(), need("file_path")?),
            }
        }
        "preToolUse" => {
            let tool = need("tool_name")?;
            req.tool = tool.to_string();
            let args = object_or_json_string(input.get("tool_input"), "tool_input")?;
            pre_tool_use(tool, &args, cwd.as_deref())?
        }
        "beforeSubmitPrompt" => {
            req.event.kind = EventKind::Prompt;
            Action::Prompt {
                text: need("prompt")?.to_string(),
            }
        }
        // an event this version does not know, carrying a command or a tool call
        other if !super::is_known_event(Agent::Cursor, other) && input.get("command").is_some() => {
            req.tool = "Shell".into();
            Action::Shell {
                command: need("command")?.to_string(),
                cwd: cwd.clone(),
            }
        }
        other
            if !super::is_known_event(Agent::Cursor, other) && input.get("tool_name").is_some() =>
        {
            let tool = need("tool_name")?;
            req.tool = tool.to_string();
            let args = object_or_json_string(input.get("tool_input"), "tool_input")?;
            pre_tool_use(tool, &args, cwd.as_deref())?
        }
        _ => {
            req.event.kind = EventKind::Ignored;
            return Ok(req);
        }
    };
    req.action = Some(action);
    Ok(req)
}

/// Cursor's preToolUse names tools by type: Shell, Read, Write, Grep, Delete, MCP, Task.
fn pre_tool_use(tool: &str, args: &Value, cwd: Option<&Path>) -> Result<Action, InputError> {
    match tool {
        // A Write without content (path only) is checked for where it writes.
        "Write" if args.get("content").is_none() && args.get("contents").is_none() => {
            let path = args
                .get("file_path")
                .or_else(|| args.get("path"))
                .and_then(Value::as_str)
                .ok_or_else(|| InputError::new("Write: missing `file_path`"))?;
            Ok(Action::Edit {
                path: tools::join(cwd, path),
                edits: Vec::<EditOp>::new(),
            })
        }
        "MCP" => Ok(Action::Mcp {
            server: args
                .get("server_name")
                .or_else(|| args.get("server"))
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_string(),
            tool: args
                .get("tool_name")
                .or_else(|| args.get("name"))
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_string(),
            input: args.clone(),
        }),
        // Cursor documents only Shell's arguments; for the other tool types an
        // unexpected shape is judged as an unknown tool (logged) rather than blocking
        // every read and search. Reads and shell commands have their own documented
        // events (beforeReadFile, beforeShellExecution).
        "Shell" => tools::tool_action(tool, args, cwd),
        _ => tools::tool_action(tool, args, cwd).or_else(|_| {
            Ok(Action::Other {
                tool: format!("cursor:{tool}"),
                input: args.clone(),
            })
        }),
    }
}

pub fn render(event: Option<&Event>, verdict: &Verdict) -> HookOutput {
    let d = verdict.decision;
    let Some(event) = event else {
        let m = block_message(verdict);
        // Exit 2 is "deny" for every Cursor event; the JSON says the same.
        return HookOutput {
            stdout: format!(
                "{}\n",
                json!({"permission": "deny", "decision": "deny", "continue": false,
                       "reason": m, "user_message": m, "agent_message": m})
            ),
            stderr: format!("{m}\n"),
            exit_code: 2,
        };
    };
    let m = message(verdict);
    match (event.kind, event.name.as_str()) {
        (EventKind::Ignored, _) => HookOutput::silent(),
        (EventKind::Prompt, _) => {
            if d == Decision::Deny {
                HookOutput::json(json!({"continue": false, "user_message": m}))
            } else if d == Decision::Ask {
                HookOutput::json(json!({"continue": true, "user_message": m}))
            } else {
                HookOutput::json(json!({"continue": true}))
            }
        }
        (_, "beforeReadFile") => match d {
            Decision::Allow => HookOutput::json(json!({"permission": "allow"})),
            Decision::Ask => {
                let b = ask_as_block(verdict);
                HookOutput::json(
                    json!({"permission": "deny", "user_message": b, "agent_message": b}),
                )
            }
            Decision::Deny => HookOutput::json(
                json!({"permission": "deny", "user_message": m, "agent_message": m}),
            ),
        },
        (_, "preToolUse") => match d {
            Decision::Allow => {
                HookOutput::json(json!({"decision": "allow", "permission": "allow"}))
            }
            // `decision` knows only allow/deny: an ask is a deny there, `permission` asks.
            Decision::Ask | Decision::Deny => HookOutput::json(json!({
                "decision": "deny",
                "reason": if d == Decision::Ask { ask_as_block(verdict) } else { m.clone() },
                "permission": d.as_str(),
                "user_message": m,
                "agent_message": m,
            })),
        },
        _ => match d {
            Decision::Allow => HookOutput::json(json!({"permission": "allow"})),
            _ => HookOutput::json(json!({
                "permission": d.as_str(),
                "user_message": m,
                "agent_message": m,
            })),
        },
    }
}
