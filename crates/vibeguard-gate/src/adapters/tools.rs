//! Tool calls to [`Action`]s. Agents name the same tools differently (`Bash`,
//! `run_shell_command`, `Shell`, `bash`) and spell the same arguments differently
//! (`file_path`, `path`, `absolute_path`); this is the one place that knows them all.

use crate::action::{Action, EditOp};
use crate::request::InputError;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

const SHELL: &[&str] = &[
    "Bash",
    "PowerShell",
    "run_shell_command",
    "Shell",
    "bash",
    "powershell",
    "shell",
    "exec_command",
    "local_shell",
    "container.exec",
    "run_terminal_cmd",
    "run_in_terminal",
];
const WRITE: &[&str] = &["Write", "create", "write_file", "Create", "create_file"];
const EDIT: &[&str] = &[
    "Edit",
    "MultiEdit",
    "replace",
    "edit",
    "str_replace",
    "Update",
    "search_replace",
    "replace_string_in_file",
];
const NOTEBOOK: &[&str] = &["NotebookEdit", "notebook_edit"];
const PATCH: &[&str] = &["apply_patch", "ApplyPatch"];
const READ: &[&str] = &[
    "Read",
    "view",
    "read_file",
    "ReadFile",
    "read",
    "NotebookRead",
];
const SEARCH: &[&str] = &[
    "Grep",
    "Glob",
    "grep",
    "glob",
    "search_file_content",
    "grep_search",
    "file_search",
    "LS",
    "list_directory",
    "ls",
];
const FETCH: &[&str] = &["WebFetch", "web_fetch", "fetch", "fetch_url"];
const WEB_SEARCH: &[&str] = &["WebSearch", "google_web_search", "web_search"];
const DELETE: &[&str] = &["Delete", "delete_file"];

/// A string field under any of `names`.
pub fn str_field<'v>(obj: &'v Map<String, Value>, names: &[&str]) -> Option<&'v str> {
    names
        .iter()
        .find_map(|n| obj.get(*n).and_then(Value::as_str))
}

fn required<'v>(
    obj: &'v Map<String, Value>,
    names: &[&str],
    tool: &str,
) -> Result<&'v str, InputError> {
    str_field(obj, names)
        .ok_or_else(|| InputError::new(format!("{tool}: missing `{}` in the tool input", names[0])))
}

const PATH_FIELDS: &[&str] = &[
    "file_path",
    "path",
    "filePath",
    "absolute_path",
    "notebook_path",
    "target_file",
];

fn path_of(
    obj: &Map<String, Value>,
    tool: &str,
    cwd: Option<&Path>,
) -> Result<PathBuf, InputError> {
    let p = required(obj, PATH_FIELDS, tool)?;
    if p.is_empty() {
        return Err(InputError::new(format!("{tool}: empty path")));
    }
    Ok(join(cwd, p))
}

/// A path from the agent: absolute stays, relative is taken against the agent's cwd.
pub fn join(cwd: Option<&Path>, p: &str) -> PathBuf {
    let path = PathBuf::from(p);
    match cwd {
        Some(c) if path.is_relative() && !p.starts_with('~') => c.join(path),
        _ => path,
    }
}

/// A shell command given as a string or as an argv array (seen from Codex).
fn command_of(obj: &Map<String, Value>, tool: &str) -> Result<String, InputError> {
    for name in ["command", "cmd", "command_line"] {
        match obj.get(name) {
            Some(Value::String(s)) => return Ok(s.clone()),
            Some(Value::Array(items)) => {
                let words: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
                let words = words.ok_or_else(|| {
                    InputError::new(format!("{tool}: `{name}` array holds a non-string"))
                })?;
                // `["bash", "-lc", "script"]` is the script; otherwise quote each word.
                if words.len() == 3
                    && matches!(words[0], "bash" | "sh" | "zsh" | "/bin/bash" | "/bin/sh")
                    && matches!(words[1], "-c" | "-lc")
                {
                    return Ok(words[2].to_string());
                }
                return Ok(words
                    .iter()
                    .map(|w| shell_quote(w))
                    .collect::<Vec<_>>()
                    .join(" "));
            }
            Some(_) => {
                return Err(InputError::new(format!("{tool}: `{name}` is not a string")));
            }
            None => {}
        }
    }
    Err(InputError::new(format!(
        "{tool}: missing `command` in the tool input"
    )))
}

fn shell_quote(w: &str) -> String {
    if !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c))
    {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', r"'\''"))
    }
}

fn edit_op(obj: &Map<String, Value>) -> Option<EditOp> {
    let old = str_field(obj, &["old_string", "old_str", "oldString"])?;
    let new = str_field(obj, &["new_string", "new_str", "newString"]).unwrap_or("");
    let replace_all = obj
        .get("replace_all")
        .and_then(Value::as_bool)
        .unwrap_or(false)
        || obj
            .get("expected_replacements")
            .and_then(Value::as_u64)
            .is_some_and(|n| n > 1);
    Some(EditOp {
        old: old.to_string(),
        new: new.to_string(),
        replace_all,
    })
}

fn edits_of(obj: &Map<String, Value>, tool: &str) -> Result<Vec<EditOp>, InputError> {
    if let Some(list) = obj.get("edits") {
        let arr = list
            .as_array()
            .ok_or_else(|| InputError::new(format!("{tool}: `edits` is not an array")))?;
        return arr
            .iter()
            .map(|e| {
                e.as_object()
                    .and_then(edit_op)
                    .ok_or_else(|| InputError::new(format!("{tool}: an edit lacks `old_string`")))
            })
            .collect();
    }
    edit_op(obj)
        .map(|e| vec![e])
        .ok_or_else(|| InputError::new(format!("{tool}: missing `old_string` in the tool input")))
}

/// Every http(s) URL in a text (Gemini's web_fetch takes a prompt naming URLs).
pub fn urls_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || "<>\"'()[]".contains(c)) {
        let lower = word.to_ascii_lowercase();
        if let Some(i) = lower.find("http://").or_else(|| lower.find("https://")) {
            let url = word[i..].trim_end_matches(['.', ',', ';', ':', '!', '?']);
            out.push(url.to_string());
        }
    }
    out
}

/// `mcp__server__tool` → (`server`, `tool`).
pub fn split_mcp(name: &str) -> Option<(String, String)> {
    let rest = name.strip_prefix("mcp__")?;
    let (server, tool) = rest.split_once("__")?;
    Some((server.to_string(), tool.to_string()))
}

/// A tool call as an [`Action`]. `input` is the tool's arguments (an object; agents that
/// send a JSON string are decoded by the caller).
pub fn tool_action(tool: &str, input: &Value, cwd: Option<&Path>) -> Result<Action, InputError> {
    if let Some((server, t)) = split_mcp(tool) {
        return Ok(Action::Mcp {
            server,
            tool: t,
            input: input.clone(),
        });
    }
    let empty = Map::new();
    let obj = match input {
        Value::Object(o) => o,
        Value::Null => &empty,
        _ => {
            return Err(InputError::new(format!(
                "{tool}: the tool input is not an object"
            )));
        }
    };
    let is = |names: &[&str]| names.contains(&tool);
    if is(SHELL) {
        let command = command_of(obj, tool)?;
        let dir = str_field(
            obj,
            &[
                "working_directory",
                "dir_path",
                "workdir",
                "cwd",
                "directory",
            ],
        );
        return Ok(Action::Shell {
            command,
            cwd: dir
                .map(|d| join(cwd, d))
                .or_else(|| cwd.map(Path::to_path_buf)),
        });
    }
    if is(PATCH) {
        let patch = match str_field(obj, &["patch", "input"]) {
            Some(p) => p.to_string(),
            None => command_of(obj, tool)?,
        };
        let dir = str_field(obj, &["workdir", "cwd"]);
        return Ok(Action::Patch {
            patch,
            cwd: dir
                .map(|d| join(cwd, d))
                .or_else(|| cwd.map(Path::to_path_buf)),
        });
    }
    // Anthropic-style text editor tool: one name, a `command` argument.
    if tool == "str_replace_editor" || tool == "str_replace_based_edit_tool" {
        let sub = str_field(obj, &["command"]).unwrap_or("");
        return match sub {
            "view" => Ok(Action::Read {
                path: path_of(obj, tool, cwd)?,
            }),
            "create" => Ok(Action::Write {
                path: path_of(obj, tool, cwd)?,
                content: str_field(obj, &["file_text", "content"])
                    .unwrap_or("")
                    .to_string(),
            }),
            "insert" => Ok(Action::Edit {
                path: path_of(obj, tool, cwd)?,
                edits: vec![EditOp {
                    old: String::new(),
                    new: str_field(obj, &["new_str", "insert_text"])
                        .unwrap_or("")
                        .to_string(),
                    replace_all: false,
                }],
            }),
            _ => Ok(Action::Edit {
                path: path_of(obj, tool, cwd)?,
                edits: edits_of(obj, tool)?,
            }),
        };
    }
    if is(WRITE) {
        let content =
            str_field(obj, &["content", "file_text", "text", "contents"]).ok_or_else(|| {
                InputError::new(format!("{tool}: missing `content` in the tool input"))
            })?;
        return Ok(Action::Write {
            path: path_of(obj, tool, cwd)?,
            content: content.to_string(),
        });
    }
    if is(NOTEBOOK) {
        let mode = str_field(obj, &["edit_mode"]).unwrap_or("replace");
        let path = path_of(obj, tool, cwd)?;
        if mode == "delete" {
            return Ok(Action::Edit {
                path,
                edits: Vec::new(),
            });
        }
        // The new cell source is scanned as text appended to the notebook.
        let source = str_field(obj, &["new_source"]).unwrap_or("");
        return Ok(Action::Edit {
            path,
            edits: vec![EditOp {
                old: String::new(),
                new: source.to_string(),
                replace_all: false,
            }],
        });
    }
    if is(EDIT) {
        let path = path_of(obj, tool, cwd)?;
        // Copilot's `edit` may create a file with `file_text`.
        if let (None, Some(text)) = (
            obj.get("old_str").or(obj.get("old_string")),
            str_field(obj, &["file_text", "content"]),
        ) {
            return Ok(Action::Write {
                path,
                content: text.to_string(),
            });
        }
        return Ok(Action::Edit {
            path,
            edits: edits_of(obj, tool)?,
        });
    }
    if is(READ) {
        return Ok(Action::Read {
            path: path_of(obj, tool, cwd)?,
        });
    }
    if tool == "read_many_files" {
        let paths = obj
            .get("paths")
            .and_then(Value::as_array)
            .ok_or_else(|| InputError::new("read_many_files: missing `paths`"))?
            .iter()
            .filter_map(Value::as_str)
            .map(|p| join(cwd, p))
            .collect();
        return Ok(Action::ReadMany { paths });
    }
    if is(DELETE) {
        return Ok(Action::Delete {
            path: path_of(obj, tool, cwd)?,
        });
    }
    if is(SEARCH) {
        let pattern = str_field(obj, &["pattern", "glob", "query", "regex"])
            .unwrap_or("")
            .to_string();
        // With a content pattern present, `glob`/`include` is a separate file filter.
        let file_glob = str_field(obj, &["pattern", "query", "regex"])
            .and_then(|_| str_field(obj, &["glob", "include"]))
            .map(str::to_string);
        let path = str_field(obj, &["path", "dir_path", "directory", "target_directory"])
            .map(|p| join(cwd, p));
        return Ok(Action::Search {
            pattern,
            path: path.or_else(|| cwd.map(Path::to_path_buf)),
            file_glob,
        });
    }
    if is(FETCH) {
        let urls = match str_field(obj, &["url", "uri"]) {
            Some(u) => vec![u.to_string()],
            None => urls_in(str_field(obj, &["prompt"]).unwrap_or("")),
        };
        if urls.is_empty() {
            return Err(InputError::new(format!("{tool}: no URL in the tool input")));
        }
        return Ok(Action::Fetch { urls });
    }
    if is(WEB_SEARCH) {
        return Ok(Action::WebSearch {
            query: str_field(obj, &["query"]).unwrap_or("").to_string(),
        });
    }
    Ok(Action::Other {
        tool: tool.to_string(),
        input: input.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_every_spelling_of_a_shell_tool() {
        for tool in ["Bash", "run_shell_command", "Shell", "bash"] {
            let a = tool_action(tool, &json!({"command": "ls"}), Some(Path::new("/p"))).unwrap();
            assert_eq!(
                a,
                Action::Shell {
                    command: "ls".into(),
                    cwd: Some("/p".into())
                }
            );
        }
        let a = tool_action(
            "Bash",
            &json!({"command": ["bash", "-lc", "rm -rf x"]}),
            None,
        )
        .unwrap();
        assert!(matches!(a, Action::Shell { command, .. } if command == "rm -rf x"));
        let a = tool_action(
            "Bash",
            &json!({"command": ["git", "commit", "-m", "a b"]}),
            None,
        )
        .unwrap();
        assert!(matches!(a, Action::Shell { command, .. } if command == "git commit -m 'a b'"));
    }

    #[test]
    fn maps_file_tools() {
        let cwd = Some(Path::new("/p"));
        assert_eq!(
            tool_action(
                "write_file",
                &json!({"file_path": "a.txt", "content": "x"}),
                cwd
            )
            .unwrap(),
            Action::Write {
                path: "/p/a.txt".into(),
                content: "x".into()
            }
        );
        let a = tool_action("MultiEdit", &json!({"file_path": "/p/a", "edits": [
            {"old_string": "a", "new_string": "b"}, {"old_string": "c", "new_string": "d", "replace_all": true}]}), cwd).unwrap();
        assert!(
            matches!(a, Action::Edit { edits, .. } if edits.len() == 2 && edits[1].replace_all)
        );
        assert!(matches!(
            tool_action("view", &json!({"path": "/etc/passwd"}), cwd).unwrap(),
            Action::Read { .. }
        ));
        assert!(tool_action("Write", &json!({"file_path": "a"}), cwd).is_err());
        assert!(tool_action("Edit", &json!({"file_path": "a", "new_string": "x"}), cwd).is_err());
    }

    #[test]
    fn maps_mcp_fetch_and_unknown() {
        assert!(matches!(
            tool_action("mcp__github__create_issue", &json!({}), None).unwrap(),
            Action::Mcp { server, tool, .. } if server == "github" && tool == "create_issue"
        ));
        assert_eq!(
            tool_action("web_fetch", &json!({"prompt": "summarise https://a.example/x and http://169.254.169.254/latest."}), None).unwrap(),
            Action::Fetch { urls: vec!["https://a.example/x".into(), "http://169.254.169.254/latest".into()] }
        );
        assert!(matches!(
            tool_action("Frobnicate", &json!({}), None).unwrap(),
            Action::Other { .. }
        ));
    }

    #[test]
    fn maps_read_many_files() {
        let a = tool_action(
            "read_many_files",
            &json!({"paths": ["src/**/*.rs", "~/.ssh/id_rsa"]}),
            Some(Path::new("/p")),
        )
        .unwrap();
        assert_eq!(
            a,
            Action::ReadMany {
                paths: vec!["/p/src/**/*.rs".into(), "~/.ssh/id_rsa".into()]
            }
        );
    }
}
