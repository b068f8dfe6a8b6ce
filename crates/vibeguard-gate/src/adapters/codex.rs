//! Codex CLI: Claude's input shape, but PreToolUse supports only `deny` (Codex rejects
//! `ask` as unsupported and then runs the call). So ask becomes deny with a reason that
//! says what a person can do; the reason also goes to stderr with exit 2, which every
//! Codex version treats as a block.

use super::{ask_as_block, block_message, claude, message};
use crate::action::{Decision, Verdict};
use crate::request::{Event, EventKind, HookOutput};
use serde_json::json;

pub fn render(event: Option<&Event>, verdict: &Verdict) -> HookOutput {
    let Some(event) = event else {
        return HookOutput::block(&block_message(verdict));
    };
    if verdict.decision == Decision::Allow {
        return HookOutput::silent();
    }
    let reason = match verdict.decision {
        Decision::Ask => ask_as_block(verdict),
        _ => message(verdict),
    };
    match event.kind {
        EventKind::ToolUse => HookOutput {
            stdout: format!(
                "{}\n",
                json!({
                    "hookSpecificOutput": {
                        "hookEventName": event.name,
                        "permissionDecision": "deny",
                        "permissionDecisionReason": reason,
                    }
                })
            ),
            stderr: format!("{reason}\n"),
            exit_code: 2,
        },
        EventKind::PermissionRequest => HookOutput::json(json!({
            "hookSpecificOutput": {
                "hookEventName": event.name,
                "decision": {"behavior": "deny", "message": reason},
            }
        })),
        EventKind::Prompt => claude::prompt_output(&event.name, verdict),
        EventKind::ConfigChange => HookOutput::block(&reason),
        EventKind::Ignored => HookOutput::silent(),
    }
}
