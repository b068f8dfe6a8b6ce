//! Agent adapters: each agent's hook JSON in, a [`HookRequest`] out; a [`Verdict`] in,
//! that agent's exact protocol out (JSON shape, field casing, exit code).
//!
//! Rendering never emits a blanket "allow" where "no output" means "no decision": an
//! allow from vibeguard only means vibeguard has no objection, and the agent's own
//! permission rules still apply.

mod claude;
mod codex;
mod copilot;
mod cursor;
mod gemini;
pub mod tools;
mod windsurf;

use crate::action::{Decision, Verdict};
use crate::request::{Agent, Event, HookOutput, HookRequest, InputError};
use serde_json::Value;

/// Longest message put in a protocol field (Claude caps hook output at 10,000 chars).
const MAX_MESSAGE: usize = 4000;

/// Parse one hook input. `event` overrides the event name for agents whose input does
/// not carry one (Copilot CLI).
pub fn parse(agent: Agent, input: &Value, event: Option<&str>) -> Result<HookRequest, InputError> {
    if !input.is_object() {
        return Err(InputError::new("the hook input is not a JSON object"));
    }
    match agent {
        Agent::Claude => claude::parse(input, event, Agent::Claude),
        Agent::Codex => claude::parse(input, event, Agent::Codex),
        Agent::Cursor => cursor::parse(input, event),
        Agent::Gemini => gemini::parse(input, event),
        Agent::Copilot => copilot::parse(input, event),
        Agent::Windsurf => windsurf::parse(input, event),
    }
}

/// Render a verdict. `event` is `None` when the input could not be parsed far enough to
/// know the event; the adapter then blocks in the way that works for any event.
pub fn render(agent: Agent, event: Option<&Event>, verdict: &Verdict) -> HookOutput {
    match agent {
        Agent::Claude => claude::render(event, verdict),
        Agent::Codex => codex::render(event, verdict),
        Agent::Cursor => cursor::render(event, verdict),
        Agent::Gemini => gemini::render(event, verdict),
        Agent::Copilot => copilot::render(event, verdict),
        Agent::Windsurf => windsurf::render(event, verdict),
    }
}

/// Events each agent sends that the gate knows, whether or not it judges them. An
/// event outside these lists is new to this version: it is never silently allowed
/// (a tool call it carries is judged, anything else is logged).
pub fn is_known_event(agent: Agent, name: &str) -> bool {
    const CLAUDE: &[&str] = &[
        "PreToolUse",
        "PermissionRequest",
        "UserPromptSubmit",
        "ConfigChange",
        "PostToolUse",
        "PostToolUseFailure",
        "Notification",
        "Stop",
        "SubagentStart",
        "SubagentStop",
        "SessionStart",
        "SessionEnd",
        "PreCompact",
        "Setup",
        "TeammateIdle",
        "TaskCompleted",
    ];
    const GEMINI: &[&str] = &[
        "BeforeTool",
        "AfterTool",
        "BeforeAgent",
        "AfterAgent",
        "BeforeModel",
        "AfterModel",
        "BeforeToolSelection",
        "SessionStart",
        "SessionEnd",
        "PreCompress",
        "Notification",
    ];
    const CURSOR: &[&str] = &[
        "beforeShellExecution",
        "beforeMCPExecution",
        "beforeReadFile",
        "preToolUse",
        "beforeSubmitPrompt",
        "afterFileEdit",
        "afterShellExecution",
        "afterMCPExecution",
        "afterAgentResponse",
        "afterAgentThought",
        "stop",
        "sessionStart",
        "sessionEnd",
        "beforeTabFileRead",
        "afterTabFileEdit",
        "postToolUse",
        "postToolUseFailure",
        "subagentStart",
        "subagentStop",
        "preCompact",
    ];
    const COPILOT: &[&str] = &[
        "preToolUse",
        "postToolUse",
        "userPromptSubmitted",
        "sessionStart",
        "sessionEnd",
        "errorOccurred",
        "agentStop",
        "subagentStop",
    ];
    let name = name.strip_prefix(copilot::VSCODE_PREFIX).unwrap_or(name);
    match agent {
        Agent::Claude | Agent::Codex => CLAUDE.contains(&name),
        Agent::Gemini => GEMINI.contains(&name),
        Agent::Cursor => CURSOR.contains(&name),
        Agent::Copilot => COPILOT.contains(&name) || CLAUDE.contains(&name),
        Agent::Windsurf => name.starts_with("pre_") || name.starts_with("post_"),
    }
}

/// What an ask becomes for agents whose handling of it is configured: Copilot CLI
/// gets a deny with the reason unless `[gate] copilot_ask = "ask"` (VS Code's Copilot,
/// which speaks Claude's protocol, asks as usual).
pub fn map_ask(
    agent: Agent,
    event: &Event,
    mut verdict: Verdict,
    policy: &crate::policy::GatePolicy,
) -> Verdict {
    if agent == Agent::Copilot
        && verdict.decision == Decision::Ask
        && policy.copilot_ask == Decision::Deny
        && !event.name.starts_with(copilot::VSCODE_PREFIX)
    {
        verdict.reason = format!(
            "{} (Copilot CLI: asks are answered as denials; set [gate] copilot_ask = \"ask\" in vibeguard.toml if your version shows approval prompts)",
            verdict.reason
        );
        verdict.decision = Decision::Deny;
    }
    verdict
}

/// The message for the agent and the user: what vibeguard decided and why.
pub(crate) fn message(verdict: &Verdict) -> String {
    let reason = if verdict.reason.is_empty() {
        "no reason given".to_string()
    } else {
        verdict.reason.clone()
    };
    let what = match verdict.decision {
        Decision::Deny => "blocked",
        Decision::Ask => "needs a person's approval",
        Decision::Allow => "allowed",
    };
    clip(format!("vibeguard: {what}: {reason}"))
}

/// The message for a block whatever the verdict said (input the gate could not read).
pub(crate) fn block_message(verdict: &Verdict) -> String {
    let reason = if verdict.reason.is_empty() {
        "no reason given"
    } else {
        verdict.reason.as_str()
    };
    clip(format!("vibeguard: blocked: {reason}"))
}

/// The message for agents that cannot ask: the ask becomes a block that says what a
/// person can do.
pub(crate) fn ask_as_block(verdict: &Verdict) -> String {
    clip(format!(
        "{} — this agent cannot ask for approval, so vibeguard blocks it. A person can run the action themselves, or allow it with a rule override in vibeguard.toml [gate.rules].",
        message(verdict)
    ))
}

fn clip(mut s: String) -> String {
    if s.len() > MAX_MESSAGE {
        let mut end = MAX_MESSAGE;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push('…');
    }
    s
}

/// Common fields, tolerant of absence.
pub(crate) fn str_of<'v>(input: &'v Value, key: &str) -> Option<&'v str> {
    input.get(key).and_then(Value::as_str)
}

/// A tool input sent as an object or as a JSON string (Cursor MCP, Copilot toolArgs).
pub(crate) fn object_or_json_string(v: Option<&Value>, what: &str) -> Result<Value, InputError> {
    match v {
        None | Some(Value::Null) => Ok(Value::Object(Default::default())),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(Value::Object(Default::default())),
        Some(Value::String(s)) => serde_json::from_str(s)
            .map_err(|e| InputError::new(format!("{what} is a string but not JSON: {e}"))),
        Some(other) => Ok(other.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::{GateFinding, Tier};
    use crate::request::EventKind;
    use serde_json::json;

    fn verdict(decision: Decision) -> Verdict {
        Verdict {
            decision,
            findings: vec![GateFinding {
                rule_id: "gate/x".into(),
                tier: Tier::Medium,
                reason: "r".into(),
                hint: None,
            }],
            reason: "gate/x: r".into(),
            packages: Vec::new(),
        }
    }

    fn ev(name: &str, kind: EventKind) -> Event {
        Event {
            name: name.into(),
            kind,
        }
    }

    fn stdout_json(o: &HookOutput) -> Value {
        serde_json::from_str(o.stdout.trim()).unwrap()
    }

    #[test]
    fn ask_renders_per_agent() {
        let ask = verdict(Decision::Ask);
        let claude = render(
            Agent::Claude,
            Some(&ev("PreToolUse", EventKind::ToolUse)),
            &ask,
        );
        assert_eq!(
            stdout_json(&claude)["hookSpecificOutput"]["permissionDecision"],
            "ask"
        );
        assert_eq!(claude.exit_code, 0);

        let codex = render(
            Agent::Codex,
            Some(&ev("PreToolUse", EventKind::ToolUse)),
            &ask,
        );
        assert_eq!(
            stdout_json(&codex)["hookSpecificOutput"]["permissionDecision"],
            "deny"
        );
        assert_eq!(codex.exit_code, 2);

        let gemini = render(
            Agent::Gemini,
            Some(&ev("BeforeTool", EventKind::ToolUse)),
            &ask,
        );
        assert_eq!(gemini.exit_code, 2);
        assert!(gemini.stderr.contains("cannot ask"));

        let copilot = render(
            Agent::Copilot,
            Some(&ev("preToolUse", EventKind::ToolUse)),
            &ask,
        );
        assert_eq!(
            stdout_json(&copilot),
            json!({"permissionDecision": "ask", "permissionDecisionReason": "vibeguard: needs a person's approval: gate/x: r"})
        );

        let windsurf = render(
            Agent::Windsurf,
            Some(&ev("pre_run_command", EventKind::ToolUse)),
            &ask,
        );
        assert_eq!(windsurf.exit_code, 2);

        let read = render(
            Agent::Cursor,
            Some(&ev("beforeReadFile", EventKind::ToolUse)),
            &ask,
        );
        assert_eq!(
            stdout_json(&read)["permission"],
            "deny",
            "beforeReadFile has no ask"
        );
        let shell = render(
            Agent::Cursor,
            Some(&ev("beforeShellExecution", EventKind::ToolUse)),
            &ask,
        );
        assert_eq!(stdout_json(&shell)["permission"], "ask");
    }

    #[test]
    fn allow_is_silent_where_silence_means_no_decision() {
        let allow = Verdict::allow();
        for (agent, name) in [
            (Agent::Claude, "PreToolUse"),
            (Agent::Codex, "PreToolUse"),
            (Agent::Gemini, "BeforeTool"),
            (Agent::Copilot, "preToolUse"),
            (Agent::Windsurf, "pre_run_command"),
        ] {
            let out = render(agent, Some(&ev(name, EventKind::ToolUse)), &allow);
            assert_eq!(out, HookOutput::silent(), "{agent}");
        }
        // Cursor's fail-closed events need an explicit answer.
        let out = render(
            Agent::Cursor,
            Some(&ev("beforeMCPExecution", EventKind::ToolUse)),
            &allow,
        );
        assert_eq!(stdout_json(&out), json!({"permission": "allow"}));
    }

    #[test]
    fn permission_request_only_ever_denies() {
        let e = ev("PermissionRequest", EventKind::PermissionRequest);
        let out = render(Agent::Claude, Some(&e), &verdict(Decision::Deny));
        assert_eq!(
            stdout_json(&out)["hookSpecificOutput"]["decision"]["behavior"],
            "deny"
        );
        assert_eq!(
            render(Agent::Claude, Some(&e), &verdict(Decision::Ask)),
            HookOutput::silent()
        );
    }

    #[test]
    fn long_reasons_are_clipped() {
        let mut v = verdict(Decision::Deny);
        v.reason = "é".repeat(10_000);
        assert!(message(&v).len() <= MAX_MESSAGE + '…'.len_utf8());
    }
}
