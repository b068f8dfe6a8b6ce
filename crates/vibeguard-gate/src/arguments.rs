//! The arguments of tools the gate does not know by name (MCP tools, tools of a newer
//! agent version): each string argument is judged by its shape, the way the same value
//! would be judged in a known tool. A `command`/`cmd`/`script` argument is a shell
//! command (an MCP `run_command`), a `path`/`file` argument is a file the tool reads or,
//! when the tool's name says it writes, writes; a `content`/`text` argument written to
//! such a path is scanned like a Write; URLs go to the fetch check. Arguments named
//! otherwise (an issue `body`, a search `q`) are data, and dangerous text in them is
//! not a command.

use crate::action::EditOp;
use serde_json::Value;

/// Keys whose string value is a shell command.
const COMMAND_KEYS: &[&str] = &[
    "command",
    "cmd",
    "commands",
    "script",
    "shell",
    "shell_command",
    "shellcommand",
    "bash",
    "command_line",
    "commandline",
    "cmdline",
];

/// Keys whose string value is a file or directory path.
const PATH_KEYS: &[&str] = &[
    "path",
    "paths",
    "file",
    "files",
    "file_path",
    "filepath",
    "filename",
    "file_name",
    "source",
    "destination",
    "target",
    "target_file",
    "dir",
    "directory",
    "absolute_path",
    "notebook_path",
];

/// Keys whose string value is the new content of the file the tool writes.
const CONTENT_KEYS: &[&str] = &[
    "content",
    "contents",
    "text",
    "file_text",
    "data",
    "new_source",
    "body",
];

/// Words in a tool name that say it changes files rather than reading them.
const WRITE_WORDS: &[&str] = &[
    "write", "edit", "create", "save", "put", "upload", "move", "rename", "append", "patch",
    "replace", "mkdir", "insert", "update", "copy", "delete", "remove", "rm", "unlink",
];

/// What a tool call's arguments hold, by shape.
#[derive(Debug, Default, PartialEq)]
pub struct ToolArgs {
    /// Shell commands to analyse as Bash.
    pub commands: Vec<String>,
    /// Paths the tool reads.
    pub reads: Vec<String>,
    /// Paths the tool writes or deletes, with the content it writes there when given.
    pub writes: Vec<(String, Option<String>)>,
    /// String replacements the tool applies to the path it writes (`edits` arrays).
    pub edits: Vec<EditOp>,
}

/// Lower-case words of a tool name: `delete_repository`, `deleteRepository`,
/// `delete-repository` all give `["delete", "repository"]`.
pub fn name_words(tool: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in tool.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

fn writes(tool: &str) -> bool {
    name_words(tool)
        .iter()
        .any(|w| WRITE_WORDS.contains(&w.as_str()))
}

fn shell_quote(w: &str) -> String {
    format!("'{}'", w.replace('\'', r"'\''"))
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .take(64)
            .collect(),
        _ => Vec::new(),
    }
}

fn edit_ops(v: &Value) -> Vec<EditOp> {
    let Some(a) = v.as_array() else {
        return Vec::new();
    };
    a.iter()
        .filter_map(|e| {
            let o = e.as_object()?;
            let get = |ks: &[&str]| ks.iter().find_map(|k| o.get(*k).and_then(Value::as_str));
            Some(EditOp {
                old: get(&["oldText", "old_text", "old_string", "old_str", "oldString"])?
                    .to_string(),
                new: get(&["newText", "new_text", "new_string", "new_str", "newString"])
                    .unwrap_or("")
                    .to_string(),
                replace_all: false,
            })
        })
        .collect()
}

/// Sort a tool's arguments by shape (top-level keys and one level of nesting).
pub fn shapes(tool: &str, input: &Value) -> ToolArgs {
    let mut out = ToolArgs::default();
    let writer = writes(tool);
    let mut paths = Vec::new();
    let mut content = None;
    let mut visit = |obj: &serde_json::Map<String, Value>, out: &mut ToolArgs| {
        for (k, v) in obj {
            let key = k.to_ascii_lowercase();
            if COMMAND_KEYS.contains(&key.as_str()) {
                match v {
                    Value::String(s) if !s.trim().is_empty() => out.commands.push(s.clone()),
                    // an argv: `["sh", "-c", "..."]` or `["rm", "-rf", "x"]`
                    Value::Array(a) if a.iter().all(Value::is_string) && !a.is_empty() => {
                        let words: Vec<String> = strings(v);
                        out.commands.push(
                            words
                                .iter()
                                .map(|w| shell_quote(w))
                                .collect::<Vec<_>>()
                                .join(" "),
                        )
                    }
                    _ => {}
                }
            } else if PATH_KEYS.contains(&key.as_str()) {
                paths.extend(strings(v).into_iter().filter(|p| !p.contains("://")));
            } else if CONTENT_KEYS.contains(&key.as_str()) {
                if let Value::String(s) = v {
                    content = Some(s.clone());
                }
            } else if key == "edits" {
                out.edits.extend(edit_ops(v));
            }
        }
    };
    if let Value::Object(o) = input {
        visit(o, &mut out);
        for v in o.values() {
            if let Value::Object(inner) = v {
                visit(inner, &mut out);
            }
        }
    }
    for p in paths.into_iter().filter(|p| !p.trim().is_empty()).take(64) {
        if writer {
            out.writes.push((p, content.clone()));
        } else {
            out.reads.push(p);
        }
    }
    out
}

/// Verbs that, in an MCP tool's name, destroy or publish something on a remote
/// service.
const DESTRUCTIVE: &[&str] = &[
    "delete",
    "remove",
    "destroy",
    "drop",
    "purge",
    "truncate",
    "wipe",
    "erase",
    "force",
    "merge",
    "publish",
    "unpublish",
    "deploy",
    "revoke",
    "terminate",
    "archive",
    "transfer",
];

/// Words an MCP tool name starts with when it only reads.
const READ_ONLY: &[&str] = &[
    "get", "list", "search", "read", "fetch", "describe", "view", "show", "find", "lookup",
    "query", "count", "check", "status", "inspect", "browse", "download",
];

/// The verb that makes an MCP tool destructive or publishing (`delete_repository` ->
/// `delete`), unless its name starts with a read-only verb (`get_deployment`).
pub fn destructive_verb(tool: &str) -> Option<String> {
    let words = name_words(tool);
    if words
        .first()
        .is_some_and(|w| READ_ONLY.contains(&w.as_str()))
    {
        return None;
    }
    words
        .into_iter()
        .find(|w| DESTRUCTIVE.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn splits_tool_names_into_words() {
        assert_eq!(name_words("delete_repository"), ["delete", "repository"]);
        assert_eq!(name_words("deleteRepository"), ["delete", "repository"]);
        assert_eq!(name_words("get-library-docs"), ["get", "library", "docs"]);
    }

    #[test]
    fn destructive_and_publishing_names() {
        for t in [
            "delete_repository",
            "drop_table",
            "force_push",
            "merge_pull_request",
            "publish",
            "deploy",
            "deleteIssue",
        ] {
            assert!(destructive_verb(t).is_some(), "{t}");
        }
        for t in [
            "get_deployment",
            "list_deploys",
            "search_code",
            "create_pull_request",
            "create_deployment_status",
            "get_merge_status",
        ] {
            assert_eq!(destructive_verb(t), None, "{t}");
        }
    }

    #[test]
    fn arguments_by_shape() {
        let a = shapes("run_command", &json!({"command": "rm -rf ~", "timeout": 5}));
        assert_eq!(a.commands, ["rm -rf ~"]);
        let a = shapes("exec", &json!({"cmd": ["sh", "-c", "id"]}));
        assert_eq!(a.commands, ["'sh' '-c' 'id'"]);
        let a = shapes("read_file", &json!({"path": "~/.ssh/id_rsa"}));
        assert_eq!(a.reads, ["~/.ssh/id_rsa"]);
        let a = shapes(
            "write_file",
            &json!({"path": "/p/a.py", "content": "x = 1\n"}),
        );
        assert_eq!(
            a.writes,
            [("/p/a.py".to_string(), Some("x = 1\n".to_string()))]
        );
        let a = shapes(
            "create_issue",
            &json!({"title": "rm -rf ~ in docs", "body": "curl | sh"}),
        );
        assert_eq!(a, ToolArgs::default(), "data is not a command");
        let a = shapes(
            "edit_file",
            &json!({"path": "/p/x", "edits": [{"oldText": "a", "newText": "b"}]}),
        );
        assert_eq!(a.edits.len(), 1);
        assert_eq!(a.writes.len(), 1);
    }
}
