//! git-ai authorship logs (`authorship/3.0.0`): git notes under `refs/notes/ai`, one per
//! commit, saying which lines of that commit's version of each file an AI session or a
//! known human wrote. Lines a log does not cover are "untracked" (unknown).
//!
//! Format: an attestation section (a file path at the start of a line, quoted when it
//! holds whitespace; then two-space-indented `<key> <ranges>` lines), a line `---`, and a
//! JSON metadata object (`schema_version`, `base_commit_sha`, `prompts`, `sessions`,
//! `humans`). Keys: `s_<hex>::t_<hex>` (a session, looked up in `sessions` by the part
//! before `::`), `h_<hex>` (a known human, in `humans`), bare hex (a legacy prompt, in
//! `prompts`).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

pub const NOTES_REF: &str = "refs/notes/ai";
pub const SCHEMA_VERSION: &str = "authorship/3.0.0";

/// Who wrote attested lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    Agent {
        tool: String,
        session: Option<String>,
        model: Option<String>,
    },
    Human {
        author: Option<String>,
    },
}

/// Attested lines of one file: (author, 1-based inclusive ranges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileAttestation {
    pub path: String,
    pub entries: Vec<(Author, Vec<(u32, u32)>)>,
}

/// One parsed authorship log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorshipLog {
    pub base_commit_sha: Option<String>,
    pub files: Vec<FileAttestation>,
}

impl AuthorshipLog {
    /// The author of `line` (1-based) of `path`, if attested.
    pub fn author_of(&self, path: &str, line: u32) -> Option<&Author> {
        let f = self.files.iter().find(|f| f.path == path)?;
        f.entries.iter().find_map(|(a, ranges)| {
            ranges
                .iter()
                .any(|&(s, e)| line >= s && line <= e)
                .then_some(a)
        })
    }
}

#[derive(Debug, Default, Deserialize, Serialize)]
struct AgentId {
    #[serde(default)]
    tool: String,
    #[serde(default)]
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    model: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
struct SessionRecord {
    #[serde(default)]
    agent_id: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    human_author: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
struct HumanRecord {
    #[serde(default)]
    author: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
struct Metadata {
    #[serde(default)]
    schema_version: String,
    #[serde(default)]
    base_commit_sha: Option<String>,
    #[serde(default)]
    prompts: BTreeMap<String, SessionRecord>,
    #[serde(default)]
    sessions: BTreeMap<String, SessionRecord>,
    #[serde(default)]
    humans: BTreeMap<String, HumanRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    git_ai_version: Option<String>,
}

/// Parse one note; an error names what is wrong (the note is then skipped, not fatal).
pub fn parse(note: &str) -> Result<AuthorshipLog, String> {
    let mut attest = Vec::new();
    let mut meta_text = String::new();
    let mut in_meta = false;
    for line in note.lines() {
        if !in_meta && line == "---" {
            in_meta = true;
            continue;
        }
        if in_meta {
            meta_text.push_str(line);
            meta_text.push('\n');
        } else {
            attest.push(line);
        }
    }
    if !in_meta {
        return Err("no `---` line between attestations and metadata".into());
    }
    let meta: Metadata =
        serde_json::from_str(&meta_text).map_err(|e| format!("metadata is not valid JSON: {e}"))?;
    if !meta.schema_version.starts_with("authorship/") {
        return Err(format!(
            "unknown schema_version `{}` (expected {SCHEMA_VERSION})",
            meta.schema_version
        ));
    }
    let mut files: Vec<FileAttestation> = Vec::new();
    for line in attest {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(entry) = line.strip_prefix("  ") {
            let Some(file) = files.last_mut() else {
                return Err("an attestation line before any file path".into());
            };
            let (key, ranges) = entry
                .trim()
                .split_once(' ')
                .ok_or_else(|| format!("attestation without ranges: `{entry}`"))?;
            let ranges = parse_ranges(ranges)?;
            file.entries.push((author_of_key(key, &meta), ranges));
        } else {
            let path = line.trim_end();
            let path = path
                .strip_prefix('"')
                .and_then(|p| p.strip_suffix('"'))
                .unwrap_or(path);
            files.push(FileAttestation {
                path: path.to_string(),
                entries: Vec::new(),
            });
        }
    }
    Ok(AuthorshipLog {
        base_commit_sha: meta.base_commit_sha,
        files,
    })
}

fn author_of_key(key: &str, meta: &Metadata) -> Author {
    let agent = |r: Option<&SessionRecord>| match r {
        Some(r) => Author::Agent {
            tool: r.agent_id.tool.to_ascii_lowercase(),
            session: Some(r.agent_id.id.clone()).filter(|s| !s.is_empty()),
            model: r.agent_id.model.clone().filter(|m| !m.is_empty()),
        },
        // An AI key whose record is missing is still AI-written.
        None => Author::Agent {
            tool: "unknown".into(),
            session: None,
            model: None,
        },
    };
    if key.starts_with("h_") {
        return Author::Human {
            author: meta.humans.get(key).map(|h| h.author.clone()),
        };
    }
    if key.starts_with("s_") {
        let session = key.split("::").next().unwrap_or(key);
        return agent(meta.sessions.get(session));
    }
    agent(meta.prompts.get(key))
}

/// `1-10,15,20-22` as inclusive ranges.
pub fn parse_ranges(text: &str) -> Result<Vec<(u32, u32)>, String> {
    let mut out = Vec::new();
    for part in text.trim().split(',') {
        let bad = || format!("bad line range `{part}`");
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?),
            None => {
                let n: u32 = part.parse().map_err(|_| bad())?;
                (n, n)
            }
        };
        if a == 0 || b < a {
            return Err(bad());
        }
        out.push((a, b));
    }
    Ok(out)
}

/// Lines as ranges text (`1-3,7`), from sorted, distinct line numbers.
pub fn format_ranges(lines: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let start = lines[i];
        let mut end = start;
        while i + 1 < lines.len() && lines[i + 1] == end + 1 {
            i += 1;
            end = lines[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    parts.join(",")
}

/// One AI session's lines in one commit, for writing a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionLines {
    pub tool: String,
    pub conversation: String,
    pub model: Option<String>,
    /// A stable id for the checkpoint the lines came from (a trace record id).
    pub checkpoint: String,
    /// path -> sorted line numbers in the commit's version of the file.
    pub lines: BTreeMap<String, Vec<u32>>,
}

fn hex14(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))[..14].to_string()
}

/// The authorship log of one commit from AI sessions' lines.
pub fn write(commit: &str, sessions: &[SessionLines], tool_version: &str) -> String {
    let mut by_file: BTreeMap<&str, Vec<(String, &Vec<u32>)>> = BTreeMap::new();
    let mut meta = Metadata {
        schema_version: SCHEMA_VERSION.into(),
        base_commit_sha: Some(commit.into()),
        git_ai_version: None,
        ..Metadata::default()
    };
    for s in sessions {
        let session_id = format!("s_{}", hex14(&format!("{}:{}", s.tool, s.conversation)));
        let key = format!("{session_id}::t_{}", hex14(&s.checkpoint));
        meta.sessions.insert(
            session_id,
            SessionRecord {
                agent_id: AgentId {
                    tool: s.tool.clone(),
                    id: s.conversation.clone(),
                    model: s.model.clone(),
                },
                human_author: None,
            },
        );
        for (path, lines) in &s.lines {
            if !lines.is_empty() {
                by_file
                    .entry(path.as_str())
                    .or_default()
                    .push((key.clone(), lines));
            }
        }
    }
    let mut out = String::new();
    for (path, entries) in by_file {
        if path.contains([' ', '\t', '\n']) {
            out.push_str(&format!("\"{path}\"\n"));
        } else {
            out.push_str(path);
            out.push('\n');
        }
        for (key, lines) in entries {
            out.push_str(&format!("  {key} {}\n", format_ranges(lines)));
        }
    }
    out.push_str("---\n");
    let mut json = serde_json::to_value(&meta).unwrap_or_default();
    if let Some(obj) = json.as_object_mut() {
        obj.insert(
            "git_ai_version".into(),
            serde_json::Value::String(format!("vibeguard {tool_version}")),
        );
    }
    out.push_str(&serde_json::to_string_pretty(&json).unwrap_or_default());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = r#"src/main.rs
  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10,15-20
  h_31dce776f88375 35-40
"src/my file.rs"
  abcd1234abcd1234 1-50
---
{
  "schema_version": "authorship/3.0.0",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {
    "abcd1234abcd1234": {
      "agent_id": {"tool": "cursor", "id": "old", "model": "gpt-4"},
      "human_author": "Dev <dev@example.com>",
      "total_additions": 50, "total_deletions": 0, "accepted_lines": 50, "overriden_lines": 0
    }
  },
  "humans": {"h_31dce776f88375": {"author": "Dev <dev@example.com>"}},
  "sessions": {
    "s_c9883b05a2487d": {
      "agent_id": {"tool": "claude", "id": "conv_abc123", "model": "claude-sonnet-4-5-20250514"}
    }
  }
}
"#;

    #[test]
    fn reads_sessions_humans_and_legacy_prompts() {
        let log = parse(NOTE).unwrap();
        assert_eq!(log.files.len(), 2);
        assert_eq!(log.files[1].path, "src/my file.rs");
        match log.author_of("src/main.rs", 16).unwrap() {
            Author::Agent { tool, model, .. } => {
                assert_eq!(tool, "claude");
                assert_eq!(model.as_deref(), Some("claude-sonnet-4-5-20250514"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            log.author_of("src/main.rs", 36),
            Some(Author::Human { .. })
        ));
        assert_eq!(log.author_of("src/main.rs", 12), None, "untracked");
        assert!(matches!(
            log.author_of("src/my file.rs", 50),
            Some(Author::Agent { tool, .. }) if tool == "cursor"
        ));
    }

    #[test]
    fn broken_notes_are_errors_not_guesses() {
        assert!(parse("src/a.rs\n  x 1-2\n").is_err());
        assert!(parse("---\nnot json").is_err());
        assert!(parse("a\n  k 5-2\n---\n{\"schema_version\":\"authorship/3.0.0\"}").is_err());
        assert!(parse("---\n{\"schema_version\":\"other/1\"}").is_err());
    }

    #[test]
    fn what_is_written_reads_back() {
        let mut lines = BTreeMap::new();
        lines.insert("a b.py".to_string(), vec![1, 2, 3, 7]);
        lines.insert("c.py".to_string(), vec![4]);
        let text = write(
            &"a".repeat(40),
            &[SessionLines {
                tool: "claude".into(),
                conversation: "sess-1".into(),
                model: Some("claude-opus-4-5".into()),
                checkpoint: "trace-1".into(),
                lines,
            }],
            "0.1.0",
        );
        assert!(text.contains("\"a b.py\"\n  s_"), "{text}");
        assert!(text.contains(" 1-3,7\n"), "{text}");
        let log = parse(&text).unwrap();
        assert!(matches!(
            log.author_of("c.py", 4),
            Some(Author::Agent { tool, model: Some(m), .. }) if tool == "claude" && m == "claude-opus-4-5"
        ));
        assert_eq!(log.author_of("a b.py", 5), None);
    }
}
