//! Agent Trace records (agent-trace.dev, v0.1.0): JSON objects, one per line, in
//! `.agent-trace/*.jsonl`, saying which line ranges of which files an AI (or a person)
//! contributed, in which conversation, with which model.
//!
//! Reading is lenient about what the specification leaves open (the reference
//! implementation writes `"version": "1.0"`); a line that is not a record is a warning,
//! never fatal. Writing is what the gate does for every write or edit it allows: the
//! ranges the edit added in the file as it will be, each with a `sha256:` hash of its
//! lines so the lines can be found again after they move, and the commit the working tree
//! was on (`vcs.revision`), as the reference implementation records it.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Where records are kept, relative to the project root.
pub const TRACE_DIR: &str = ".agent-trace";
/// The file the gate appends to (the reference implementation's file name).
pub const TRACE_FILE: &str = "traces.jsonl";
/// The Agent Trace version the gate writes.
pub const SPEC_VERSION: &str = "0.1.0";
/// The vendor key of vibeguard's own metadata in a record.
pub const VENDOR_KEY: &str = "dev.vibeguard";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vcs {
    #[serde(rename = "type")]
    pub kind: String,
    pub revision: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contributor {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub start_line: u32,
    pub end_line: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contributor: Option<Contributor>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    #[serde(rename = "type")]
    pub kind: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contributor: Option<Contributor>,
    pub ranges: Vec<Range>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceFile {
    pub path: String,
    pub conversations: Vec<Conversation>,
}

/// One trace record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceRecord {
    pub version: String,
    pub id: String,
    pub timestamp: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vcs: Option<Vcs>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<Tool>,
    pub files: Vec<TraceFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Value>,
}

/// What the gate knows about the agent behind a record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateMeta {
    pub agent: String,
    #[serde(default)]
    pub session: String,
    #[serde(default)]
    pub tool: String,
    #[serde(default)]
    pub decision: String,
}

impl TraceRecord {
    /// vibeguard's metadata, when the gate wrote this record.
    pub fn gate_meta(&self) -> Option<GateMeta> {
        let v = self.metadata.as_ref()?.get(VENDOR_KEY)?;
        serde_json::from_value(v.clone()).ok()
    }

    /// The record's time in seconds since the epoch (`None` when unparsable).
    pub fn time(&self) -> Option<i64> {
        self.timestamp
            .parse::<jiff::Timestamp>()
            .ok()
            .map(|t| t.as_second())
    }
}

/// Records read from a project, with the lines that were not records.
#[derive(Debug, Clone, Default)]
pub struct TraceSet {
    pub records: Vec<TraceRecord>,
    /// Files read, relative to the root.
    pub files: Vec<String>,
    pub warnings: Vec<String>,
}

/// Every record in `<root>/.agent-trace/*.jsonl` (and `*.json` holding one record or a
/// list of them).
pub fn read_dir(root: &Path) -> TraceSet {
    let mut set = TraceSet::default();
    let dir = root.join(TRACE_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return set;
    };
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("jsonl" | "json")
                )
        })
        .collect();
    paths.sort();
    for p in paths {
        let rel = format!(
            "{TRACE_DIR}/{}",
            p.file_name().unwrap_or_default().to_string_lossy()
        );
        let text = match std::fs::read(&p) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                set.warnings.push(format!("{rel}: cannot read: {e}"));
                continue;
            }
        };
        set.files.push(rel.clone());
        if p.extension().and_then(|e| e.to_str()) == Some("json") {
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(serde_json::Value::Array(items)) => {
                    for (i, item) in items.into_iter().enumerate() {
                        push_value(&mut set, &rel, i + 1, item);
                    }
                }
                Ok(v) => push_value(&mut set, &rel, 1, v),
                Err(e) => set.warnings.push(format!("{rel}: not a trace record: {e}")),
            }
            continue;
        }
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<serde_json::Value>(line) {
                Ok(v) => push_value(&mut set, &rel, i + 1, v),
                Err(e) => set
                    .warnings
                    .push(format!("{rel}:{}: not a trace record: {e}", i + 1)),
            }
        }
    }
    set
}

fn push_value(set: &mut TraceSet, file: &str, line: usize, v: serde_json::Value) {
    match serde_json::from_value::<TraceRecord>(v) {
        Ok(r) => set.records.push(r),
        Err(e) => set
            .warnings
            .push(format!("{file}:{line}: not a trace record: {e}")),
    }
}

/// `sha256:<hex>` of lines, each followed by a newline: the content hash the gate writes
/// for a range.
pub fn range_hash<S: AsRef<str>>(lines: &[S]) -> String {
    let mut h = Sha256::new();
    for l in lines {
        h.update(l.as_ref().as_bytes());
        h.update(b"\n");
    }
    format!("sha256:{}", hex::encode(h.finalize()))
}

/// A model name as `provider/model` (models.dev convention) when the provider is clear
/// from the name; otherwise as given.
pub fn model_id(model: &str) -> String {
    let m = model.trim();
    if m.contains('/') {
        return m.to_string();
    }
    let lower = m.to_ascii_lowercase();
    let provider = if lower.starts_with("claude") {
        Some("anthropic")
    } else if lower.starts_with("gpt-")
        || lower.starts_with("o1")
        || lower.starts_with("o3")
        || lower.starts_with("o4")
        || lower.starts_with("codex")
    {
        Some("openai")
    } else if lower.starts_with("gemini") {
        Some("google")
    } else {
        None
    };
    match provider {
        Some(p) => format!("{p}/{m}"),
        None => m.to_string(),
    }
}

/// One file an agent wrote or edited through the gate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateWrite {
    /// Relative to the project root, `/`-separated.
    pub path: String,
    pub before: String,
    pub after: String,
}

/// Who made the writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateContext {
    pub agent: String,
    pub session: String,
    pub model: Option<String>,
    pub tool: String,
    pub decision: String,
    pub revision: Option<String>,
    /// RFC 3339.
    pub timestamp: String,
    pub tool_version: String,
}

/// The record for writes the gate let through: per file, the ranges the write added;
/// `None` when no write adds a line (deletions only).
pub fn gate_record(cx: &GateContext, writes: &[GateWrite]) -> Option<TraceRecord> {
    let mut files = Vec::new();
    for w in writes {
        let added =
            vibeguard_git::provenance::added_lines_between(w.before.as_bytes(), w.after.as_bytes());
        if added.is_empty() {
            continue;
        }
        let lines: Vec<&str> = w.after.lines().collect();
        let ranges = added
            .ranges
            .iter()
            .map(|&(s, e)| {
                let slice =
                    &lines[(s as usize - 1).min(lines.len())..(e as usize).min(lines.len())];
                Range {
                    start_line: s,
                    end_line: e,
                    content_hash: Some(range_hash(slice)),
                    contributor: None,
                }
            })
            .collect();
        let mut related = Vec::new();
        if !cx.session.is_empty() {
            related.push(Related {
                kind: "session".into(),
                url: format!(
                    "urn:vibeguard:session:{}:{}",
                    urn_part(&cx.agent),
                    urn_part(&cx.session)
                ),
            });
        }
        files.push(TraceFile {
            path: w.path.clone(),
            conversations: vec![Conversation {
                url: None,
                contributor: Some(Contributor {
                    kind: "ai".into(),
                    model_id: cx.model.as_deref().map(model_id),
                }),
                ranges,
                related,
            }],
        });
    }
    if files.is_empty() {
        return None;
    }
    let meta = GateMeta {
        agent: cx.agent.clone(),
        session: cx.session.clone(),
        tool: cx.tool.clone(),
        decision: cx.decision.clone(),
    };
    let seed = format!(
        "{}\0{}\0{}\0{}\0{}",
        cx.timestamp,
        cx.session,
        std::process::id(),
        writes.len(),
        writes.iter().map(|w| w.after.len()).sum::<usize>()
    );
    Some(TraceRecord {
        version: SPEC_VERSION.into(),
        id: uuid_v4_like(seed.as_bytes()),
        timestamp: cx.timestamp.clone(),
        vcs: cx.revision.as_ref().map(|r| Vcs {
            kind: "git".into(),
            revision: r.clone(),
        }),
        tool: Some(Tool {
            name: "vibeguard".into(),
            version: Some(cx.tool_version.clone()),
        }),
        files,
        metadata: Some(serde_json::json!({ VENDOR_KEY: meta })),
    })
}

/// Percent-encode what a URN part may not hold.
fn urn_part(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A random-looking version-4 UUID from a digest of `seed` (time, session, process and
/// sizes make it unique per record without a random source).
pub fn uuid_v4_like(seed: &[u8]) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut h = Sha256::new();
    h.update(seed);
    h.update(nanos.to_le_bytes());
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let x = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &x[0..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..32]
    )
}

/// Append one record to `<root>/.agent-trace/traces.jsonl` (created when missing). One
/// `write` of one line, so records of concurrent hooks do not interleave.
pub fn append(root: &Path, record: &TraceRecord) -> std::io::Result<()> {
    use std::io::Write;
    let dir = root.join(TRACE_DIR);
    std::fs::create_dir_all(&dir)?;
    let mut line = serde_json::to_string(record).map_err(std::io::Error::other)?;
    line.push('\n');
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(TRACE_FILE))?;
    f.write_all(line.as_bytes())
}

/// The commit HEAD is on, read from `.git` without opening the repository (cheap enough
/// for a hook call): `HEAD`, the branch's loose ref, then `packed-refs`. Worktrees
/// (`.git` as a file naming the git directory) are followed.
pub fn head_revision(root: &Path) -> Option<String> {
    let mut dir = root;
    let git = loop {
        let g = dir.join(".git");
        if g.exists() {
            break g;
        }
        dir = dir.parent()?;
    };
    let git_dir = if git.is_file() {
        let text = std::fs::read_to_string(&git).ok()?;
        let p = text.trim().strip_prefix("gitdir:")?.trim().to_string();
        let p = Path::new(&p);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            dir.join(p)
        }
    } else {
        git
    };
    let head = std::fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let head = head.trim();
    let is_id = |s: &str| s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let Some(name) = head.strip_prefix("ref:") else {
        return is_id(head).then(|| head.to_string());
    };
    let name = name.trim();
    let common = std::fs::read_to_string(git_dir.join("commondir"))
        .ok()
        .map(|c| git_dir.join(c.trim()))
        .unwrap_or_else(|| git_dir.clone());
    for d in [&git_dir, &common] {
        if let Ok(id) = std::fs::read_to_string(d.join(name)) {
            let id = id.trim();
            if is_id(id) {
                return Some(id.to_string());
            }
        }
    }
    let packed = std::fs::read_to_string(common.join("packed-refs")).ok()?;
    packed.lines().find_map(|l| {
        let (id, r) = l.split_once(' ')?;
        (r.trim() == name && is_id(id)).then(|| id.to_string())
    })
}

#[cfg(test)]
mod tests;
