//! Installing `vibeguard hook <agent>` into each agent's project settings by merging into
//! the existing JSON: other keys and other hooks stay as they are, our entry appears
//! exactly once per event, and a file that already has it is left byte for byte alone.

use super::json::Json;
use vibeguard_gate::Agent;

/// How an agent nests its hook entries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `hooks.<Event> = [{matcher?, hooks: [entry]}]` (Claude Code, Codex, Gemini).
    Grouped,
    /// `hooks.<event> = [entry]` (Cursor, Copilot, Windsurf).
    Flat,
}

/// Where and how one agent's hook is registered.
pub struct HookSpec {
    pub agent: Agent,
    /// Settings file, relative to the project root.
    pub file: &'static str,
    shape: Shape,
    /// Event name and, for grouped shapes, the group matcher (None: no matcher key).
    events: &'static [(&'static str, Option<&'static str>)],
    /// Top-level keys added when absent (`version`).
    top: &'static [(&'static str, i64)],
}

/// Seconds an agent waits for the hook; the gate answers in milliseconds and fails closed
/// on its own deadline (1 s by default) well before this.
const TIMEOUT_SECS: i64 = 10;

const SPECS: &[HookSpec] = &[
    HookSpec {
        agent: Agent::Claude,
        file: ".claude/settings.json",
        shape: Shape::Grouped,
        events: &[
            ("PreToolUse", Some("*")),
            ("UserPromptSubmit", None),
            ("ConfigChange", None),
        ],
        top: &[],
    },
    HookSpec {
        agent: Agent::Cursor,
        file: ".cursor/hooks.json",
        shape: Shape::Flat,
        events: &[
            ("beforeShellExecution", None),
            ("beforeMCPExecution", None),
            ("beforeReadFile", None),
            ("preToolUse", None),
        ],
        top: &[("version", 1)],
    },
    HookSpec {
        agent: Agent::Codex,
        file: ".codex/hooks.json",
        shape: Shape::Grouped,
        events: &[("PreToolUse", None)],
        top: &[],
    },
    HookSpec {
        agent: Agent::Gemini,
        file: ".gemini/settings.json",
        shape: Shape::Grouped,
        events: &[("BeforeTool", Some(".*"))],
        top: &[],
    },
    HookSpec {
        agent: Agent::Copilot,
        file: ".github/hooks/vibeguard.json",
        shape: Shape::Flat,
        events: &[("preToolUse", None)],
        top: &[("version", 1)],
    },
    HookSpec {
        agent: Agent::Windsurf,
        file: ".windsurf/hooks.json",
        shape: Shape::Flat,
        events: &[
            ("pre_run_command", None),
            ("pre_write_code", None),
            ("pre_read_code", None),
            ("pre_mcp_tool_use", None),
            ("pre_user_prompt", None),
        ],
        top: &[],
    },
];

pub fn spec(agent: Agent) -> &'static HookSpec {
    SPECS
        .iter()
        .find(|s| s.agent == agent)
        .expect("every agent has a hook spec")
}

/// A program path as one shell word (quoted when it holds anything but safe characters).
fn shell_word(program: &str) -> String {
    if !program.is_empty()
        && program
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+@%:,=".contains(c))
    {
        program.to_string()
    } else {
        format!("'{}'", program.replace('\'', r"'\''"))
    }
}

/// The hook entry vibeguard installs for `agent`, exactly as written to its settings.
/// `program` is what starts vibeguard: the absolute path of the installed binary, or
/// `vibeguard` when none was found on PATH.
pub fn entry(agent: Agent, program: &str) -> Json {
    let shell = format!("{} hook {}", shell_word(program), agent.as_str());
    match agent {
        // Exec form: Claude Code runs the binary directly, without a shell in between.
        Agent::Claude => Json::obj(&[
            ("type", Json::str("command")),
            ("command", Json::str(program)),
            (
                "args",
                Json::Array(vec![Json::str("hook"), Json::str("claude")]),
            ),
            ("timeout", Json::int(TIMEOUT_SECS)),
        ]),
        Agent::Codex => Json::obj(&[
            ("type", Json::str("command")),
            ("command", Json::String(shell)),
            ("timeout", Json::int(TIMEOUT_SECS)),
        ]),
        // Gemini counts its timeout in milliseconds.
        Agent::Gemini => Json::obj(&[
            ("type", Json::str("command")),
            ("name", Json::str("vibeguard")),
            ("command", Json::String(shell)),
            ("timeout", Json::int(TIMEOUT_SECS * 1000)),
        ]),
        Agent::Cursor => Json::obj(&[
            ("command", Json::String(shell)),
            ("timeout", Json::int(TIMEOUT_SECS)),
        ]),
        Agent::Copilot => Json::obj(&[
            ("type", Json::str("command")),
            ("bash", Json::String(shell)),
            ("timeoutSec", Json::int(TIMEOUT_SECS)),
        ]),
        Agent::Windsurf => Json::obj(&[
            ("command", Json::String(shell)),
            ("show_output", Json::Bool(true)),
        ]),
    }
}

/// Is this hook entry one of ours (any version of it)?
fn is_ours(entry: &Json) -> bool {
    let mentions = |key: &str| {
        entry
            .get(key)
            .and_then(Json::as_str)
            .is_some_and(|c| c.contains("vibeguard hook") || c.contains("vibeguard' hook"))
    };
    if mentions("command") || mentions("bash") || mentions("powershell") {
        return true;
    }
    let exec = entry
        .get("command")
        .and_then(Json::as_str)
        .is_some_and(|c| c == "vibeguard" || c.ends_with("/vibeguard"));
    let first_arg_hook = matches!(entry.get("args"), Some(Json::Array(a)) if a.first().and_then(Json::as_str) == Some("hook"));
    exec && first_arg_hook
}

/// Result of merging our hooks into one settings file.
#[derive(Debug)]
pub struct Merged {
    /// New file text, or `None` when the file already has exactly our hooks.
    pub text: Option<String>,
    /// Events added or rewritten.
    pub events: Vec<&'static str>,
}

/// The program each of our hook entries in a settings file starts (exec form:
/// `command`; shell form: the first word of the command line).
pub fn programs(spec: &HookSpec, text: &str) -> Vec<String> {
    let Ok(doc) = Json::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let Some(Json::Object(events)) = doc.get("hooks") else {
        return out;
    };
    let mut entries: Vec<&Json> = Vec::new();
    for (_, list) in events {
        let Json::Array(list) = list else { continue };
        for item in list {
            match item.get("hooks") {
                Some(Json::Array(inner)) => entries.extend(inner.iter()),
                _ => entries.push(item),
            }
        }
    }
    for e in entries.into_iter().filter(|e| is_ours(e)) {
        let program = if matches!(e.get("args"), Some(Json::Array(_))) {
            e.get("command").and_then(Json::as_str).map(str::to_string)
        } else {
            ["command", "bash", "powershell"]
                .iter()
                .find_map(|k| e.get(k).and_then(Json::as_str))
                .and_then(first_word)
        };
        if let Some(p) = program
            && !out.contains(&p)
        {
            out.push(p);
        }
    }
    let _ = spec;
    out
}

/// The first word of a command line, unquoted (`'/opt/my tools/vibeguard' hook x`).
fn first_word(line: &str) -> Option<String> {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix('\'') {
        return rest.split_once('\'').map(|(w, _)| w.to_string());
    }
    if let Some(rest) = line.strip_prefix('"') {
        return rest.split_once('"').map(|(w, _)| w.to_string());
    }
    line.split_whitespace().next().map(str::to_string)
}

/// Merges the hooks of `spec` into `existing` (the file's text, if it exists), with
/// `program` starting vibeguard.
pub fn merge(spec: &HookSpec, existing: Option<&str>, program: &str) -> Result<Merged, String> {
    let mut doc = match existing {
        Some(text) => {
            Json::parse(text).map_err(|e| format!("{} is not valid JSON: {e}", spec.file))?
        }
        None => Json::Object(Vec::new()),
    };
    let Json::Object(top) = &mut doc else {
        return Err(format!(
            "{}: expected a JSON object at the top level",
            spec.file
        ));
    };
    let mut changed_top = false;
    for (key, value) in spec.top.iter().rev() {
        if !top.iter().any(|(k, _)| k == key) {
            top.insert(0, (key.to_string(), Json::int(*value)));
            changed_top = true;
        }
    }
    if !top.iter().any(|(k, _)| k == "hooks") {
        top.push(("hooks".to_string(), Json::Object(Vec::new())));
    }
    let hooks = doc.get_mut("hooks").expect("just ensured");
    let Json::Object(events) = hooks else {
        return Err(format!("{}: \"hooks\" must be a JSON object", spec.file));
    };
    let want = entry(spec.agent, program);
    let mut changed = Vec::new();
    for (event, matcher) in spec.events {
        if !events.iter().any(|(k, _)| k == event) {
            events.push((event.to_string(), Json::Array(Vec::new())));
        }
        let list = events
            .iter_mut()
            .rev()
            .find(|(k, _)| k == event)
            .map(|(_, v)| v)
            .expect("just ensured");
        let Json::Array(list) = list else {
            return Err(format!("{}: hooks.{event} must be a JSON array", spec.file));
        };
        let ok = match spec.shape {
            Shape::Flat => merge_flat(list, &want),
            Shape::Grouped => merge_grouped(list, &want, *matcher, spec.file, event)?,
        };
        if !ok {
            changed.push(*event);
        }
    }
    if changed.is_empty() && !changed_top && existing.is_some() {
        return Ok(Merged {
            text: None,
            events: changed,
        });
    }
    Ok(Merged {
        text: Some(doc.to_pretty()),
        events: changed,
    })
}

/// Leaves `list` alone and returns true when it holds exactly one entry of ours equal to
/// `want`; otherwise removes every entry of ours, appends `want` and returns false.
fn merge_flat(list: &mut Vec<Json>, want: &Json) -> bool {
    let ours: Vec<usize> = (0..list.len()).filter(|i| is_ours(&list[*i])).collect();
    if ours.len() == 1 && &list[ours[0]] == want {
        return true;
    }
    list.retain(|e| !is_ours(e));
    list.push(want.clone());
    false
}

fn merge_grouped(
    list: &mut Vec<Json>,
    want: &Json,
    matcher: Option<&str>,
    file: &str,
    event: &str,
) -> Result<bool, String> {
    let mut ours = Vec::new();
    for (gi, group) in list.iter().enumerate() {
        if !matches!(group, Json::Object(_)) {
            return Err(format!("{file}: hooks.{event}[{gi}] must be a JSON object"));
        }
        match group.get("hooks") {
            None => {}
            Some(Json::Array(entries)) => {
                for (hi, e) in entries.iter().enumerate() {
                    if is_ours(e) {
                        ours.push((gi, hi));
                    }
                }
            }
            Some(_) => {
                return Err(format!(
                    "{file}: hooks.{event}[{gi}].hooks must be a JSON array"
                ));
            }
        }
    }
    if let [(gi, hi)] = ours[..] {
        let group = &list[gi];
        let same_matcher = group.get("matcher").and_then(Json::as_str) == matcher
            && (matcher.is_some() || group.get("matcher").is_none());
        let Some(Json::Array(entries)) = group.get("hooks") else {
            unreachable!("checked above")
        };
        if same_matcher && &entries[hi] == want {
            return Ok(true);
        }
    }
    // Drop every entry of ours, and groups that held nothing else.
    list.retain_mut(|group| {
        let Some(Json::Array(entries)) = group.get_mut("hooks") else {
            return true;
        };
        let before = entries.len();
        entries.retain(|e| !is_ours(e));
        !(entries.is_empty() && before > 0)
    });
    let mut group = Vec::new();
    if let Some(m) = matcher {
        group.push(("matcher".to_string(), Json::str(m)));
    }
    group.push(("hooks".to_string(), Json::Array(vec![want.clone()])));
    list.push(Json::Object(group));
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_is_idempotent_for_every_agent() {
        for agent in Agent::ALL {
            let s = spec(agent);
            let first = merge(s, None, "vibeguard").unwrap();
            let text = first.text.unwrap();
            assert_eq!(first.events.len(), s.events.len());
            let second = merge(s, Some(&text), "vibeguard").unwrap();
            assert!(
                second.text.is_none(),
                "{agent}: second merge changed {:?}",
                second.events
            );
        }
    }

    #[test]
    fn keeps_other_hooks_and_replaces_an_outdated_entry_of_ours() {
        let text = r#"{"hooks": {"PreToolUse": [
            {"matcher": "Bash", "hooks": [{"type": "command", "command": "other-guard"},
                                           {"type": "command", "command": "vibeguard hook claude"}]}
        ]}, "model": "x"}"#;
        let m = merge(spec(Agent::Claude), Some(text), "vibeguard").unwrap();
        let out = Json::parse(&m.text.unwrap()).unwrap();
        let Some(Json::Array(groups)) = out.get("hooks").unwrap().get("PreToolUse") else {
            panic!()
        };
        assert_eq!(groups.len(), 2);
        assert_eq!(
            groups[0].get("hooks").unwrap(),
            &Json::Array(vec![Json::obj(&[
                ("type", Json::str("command")),
                ("command", Json::str("other-guard"))
            ])])
        );
        assert_eq!(groups[1].get("matcher"), Some(&Json::str("*")));
        assert_eq!(out.get("model"), Some(&Json::str("x")));
    }

    #[test]
    fn rejects_wrong_shapes_with_the_file_name() {
        let s = spec(Agent::Cursor);
        assert!(
            merge(s, Some("[1]"), "vibeguard")
                .unwrap_err()
                .contains(".cursor/hooks.json")
        );
        assert!(
            merge(s, Some("{\"hooks\": 3}"), "vibeguard")
                .unwrap_err()
                .contains("\"hooks\"")
        );
        assert!(
            merge(s, Some("{\"hooks\": {\"preToolUse\": {}}}"), "vibeguard")
                .unwrap_err()
                .contains("array")
        );
        assert!(
            merge(s, Some("{\"hooks\": "), "vibeguard")
                .unwrap_err()
                .contains("not valid JSON")
        );
    }
}
