//! Reading every source and joining them to the lines of the working tree.

use super::agent_trace::{self, TraceRecord};
use super::audit::{self, AuditFacts};
use super::claims::{Claims, RangeClaim, SLACK_SECONDS, Version, resolve};
use super::gitai::{self, Author};
use super::markers;
use super::summary;
use super::*;
use crate::walk::WalkedFile;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use vibeguard_git::GitRepo;
use vibeguard_git::provenance::{CommitInfo, FileBlame};

/// Files larger than this are counted as unknown without reading their history.
const MAX_BLAME_BYTES: u64 = 4 * 1024 * 1024;
/// Files larger than this are not read at all (as in `scan`).
const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Where a component is declared, to find out how it got there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentSite {
    pub bom_ref: String,
    pub name: String,
    /// Relative to the root.
    pub file: String,
    pub line: u32,
}

/// What to read.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    pub root: &'a Path,
    pub files: &'a [WalkedFile],
    pub components: Vec<ComponentSite>,
    /// vibeguard's state directory (the audit log), normally `<root>/.vibeguard`.
    pub state_dir: PathBuf,
    /// Blame every text file, even those no source names (slower; the answer is the
    /// same, only the run counts differ in `blamed_files`).
    pub blame_all: bool,
}

/// Interned attributions; id 0 is "unknown".
struct Interner {
    list: Vec<Attribution>,
    ids: HashMap<Attribution, u32>,
}

impl Interner {
    fn new() -> Interner {
        let unknown = Attribution {
            origin: Origin::Unknown,
            agent: None,
            model: None,
            session: None,
            source: Source::CommitMarker,
            commit: None,
        };
        Interner {
            list: vec![unknown],
            ids: HashMap::new(),
        }
    }

    fn id(&mut self, a: Attribution) -> u32 {
        if let Some(&i) = self.ids.get(&a) {
            return i;
        }
        let i = self.list.len() as u32;
        self.ids.insert(a.clone(), i);
        self.list.push(a);
        i
    }
}

/// Everything read before the per-file join.
struct Context {
    repo: Option<GitRepo>,
    head: Option<String>,
    /// The root relative to the repository's work tree (`""` or `sub/dir`).
    prefix: String,
    commits: Vec<CommitInfo>,
    commit_index: HashMap<String, usize>,
    marker_attr: HashMap<String, u32>,
    /// Attribution of each note author, by (commit, path, line) lookup result.
    note_attr: HashMap<(String, String), Vec<(u32, Vec<(u32, u32)>)>>,
    line_claims: HashMap<String, Vec<(String, u32, i64)>>,
    range_claims: HashMap<String, Vec<RangeClaim>>,
    candidates: BTreeSet<String>,
}

impl Context {
    fn commit(&self, id: &str) -> Option<&CommitInfo> {
        self.commit_index.get(id).map(|&i| &self.commits[i])
    }

    /// A repository path as a root-relative path, `None` outside the root.
    fn from_repo(&self, path: &str) -> Option<String> {
        if self.prefix.is_empty() {
            return Some(path.to_string());
        }
        path.strip_prefix(&self.prefix)
            .and_then(|p| p.strip_prefix('/'))
            .map(str::to_string)
    }

    fn to_repo(&self, rel: &str) -> String {
        if self.prefix.is_empty() {
            rel.to_string()
        } else {
            format!("{}/{rel}", self.prefix)
        }
    }
}

fn agent_name(tool: &str) -> String {
    let t = tool.trim().to_ascii_lowercase();
    match t.as_str() {
        "claude-code" | "claude code" | "claudecode" | "anthropic" => "claude".into(),
        "codex-cli" | "openai-codex" => "codex".into(),
        "github-copilot" => "copilot".into(),
        "gemini-cli" => "gemini".into(),
        "" => "unknown".into(),
        _ => t,
    }
}

fn rfc3339(secs: i64) -> String {
    jiff::Timestamp::from_second(secs)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn subject(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_string()
}

/// Read every source under `opts.root` and join them to its lines and components.
pub fn build(opts: &Options<'_>) -> Provenance {
    let mut p = Provenance {
        note: UNKNOWN_NOTE.to_string(),
        ..Provenance::default()
    };
    let mut interner = Interner::new();
    let mut cx = Context {
        repo: None,
        head: None,
        prefix: String::new(),
        commits: Vec::new(),
        commit_index: HashMap::new(),
        marker_attr: HashMap::new(),
        note_attr: HashMap::new(),
        line_claims: HashMap::new(),
        range_claims: HashMap::new(),
        candidates: BTreeSet::new(),
    };
    read_git(opts, &mut cx, &mut p, &mut interner);
    let traces = agent_trace::read_dir(opts.root);
    p.warnings.extend(traces.warnings.iter().cloned());
    p.sources.trace_files = traces.files.clone();
    for r in &traces.records {
        read_trace(r, &mut cx, &mut p, &mut interner);
    }
    let facts = audit::read(&opts.state_dir, opts.root, None);
    if let Some(w) = &facts.warning {
        p.warnings.push(w.clone());
    }
    p.sources.audit_records = facts.records;
    for w in facts.writes.iter().filter(|w| w.decision == "allow") {
        cx.candidates.insert(w.path.clone());
    }
    for c in &opts.components {
        cx.candidates.insert(c.file.clone());
    }
    p.attributions = interner.list;
    let attributions = &p.attributions;
    // The per-file join, in parallel.
    let dep_files: BTreeSet<&str> = opts.components.iter().map(|c| c.file.as_str()).collect();
    let results: Vec<(
        FileProvenance,
        Option<Vec<Option<u32>>>,
        Vec<String>,
        Vec<String>,
    )> = opts
        .files
        .par_iter()
        .filter_map(|f| {
            let keep_commits = dep_files.contains(f.rel.as_str());
            join_file(f, &cx, attributions, opts.blame_all, keep_commits)
        })
        .collect();
    let mut line_commits: HashMap<String, Vec<Option<u32>>> = HashMap::new();
    let mut lines_of: HashMap<String, Vec<String>> = HashMap::new();
    for (fp, commits, warnings, lines) in results {
        p.warnings.extend(warnings);
        if let Some(c) = commits {
            line_commits.insert(fp.path.clone(), c);
            lines_of.insert(fp.path.clone(), lines);
        }
        p.files.push(fp);
    }
    p.sources.blamed_files = p
        .files
        .iter()
        .filter(|f| cx.candidates.contains(&f.path) || opts.blame_all)
        .count() as u64;
    p.files.sort_by(|a, b| a.path.cmp(&b.path));
    for f in &mut p.files {
        f.gate_writes = facts
            .writes
            .iter()
            .filter(|w| w.decision == "allow" && w.path == f.path)
            .count() as u32;
        for w in facts
            .writes
            .iter()
            .filter(|w| w.decision == "allow" && w.path == f.path)
        {
            if !f.agents.contains(&w.agent) {
                f.agents.push(w.agent.clone());
            }
        }
        f.agents.sort();
    }
    p.components = opts
        .components
        .iter()
        .map(|site| component(site, &cx, &p, &facts, &line_commits, &lines_of))
        .collect();
    p.head = cx.head.clone();
    summary::finish(&mut p, &cx.commits, &facts);
    p.gate = facts;
    p
}

fn read_git(opts: &Options<'_>, cx: &mut Context, p: &mut Provenance, interner: &mut Interner) {
    let Ok(repo) = GitRepo::discover(opts.root) else {
        return;
    };
    if let Some(wd) = repo.workdir() {
        let root = opts
            .root
            .canonicalize()
            .unwrap_or_else(|_| opts.root.to_path_buf());
        let wd = wd.canonicalize().unwrap_or_else(|_| wd.to_path_buf());
        cx.prefix = crate::walk::relative(&wd, &root);
    }
    let head = match repo.head() {
        Ok(Some(h)) => h,
        Ok(None) => {
            cx.repo = Some(repo);
            return;
        }
        Err(e) => {
            p.warnings.push(format!("git: {e}"));
            return;
        }
    };
    match repo.commits(&head) {
        Ok(c) => cx.commits = c,
        Err(e) => p.warnings.push(format!("git history: {e}")),
    }
    p.sources.git = true;
    p.sources.commits = cx.commits.len() as u64;
    for (i, c) in cx.commits.iter().enumerate() {
        cx.commit_index.insert(c.id.clone(), i);
    }
    // Commit markers.
    let mut marked = Vec::new();
    for c in &cx.commits {
        let ms = markers::markers(c);
        let Some((agent, model)) = markers::summarize(&ms) else {
            continue;
        };
        let id = interner.id(Attribution {
            origin: Origin::Agent,
            agent: Some(agent.clone()),
            model: model.clone(),
            session: None,
            source: Source::CommitMarker,
            commit: Some(c.id.clone()),
        });
        cx.marker_attr.insert(c.id.clone(), id);
        p.commits.push(MarkedCommit {
            id: c.id.clone(),
            time: rfc3339(c.committer_time),
            subject: subject(&c.message),
            agent,
            model,
            markers: ms,
        });
        marked.push(c.id.clone());
    }
    p.sources.marked_commits = marked.len() as u64;
    let changed: Vec<Vec<String>> = marked
        .par_iter()
        .map(|id| repo.changed_paths(id).unwrap_or_default())
        .collect();
    for paths in changed {
        for path in paths {
            if let Some(rel) = cx.from_repo(&path) {
                cx.candidates.insert(rel);
            }
        }
    }
    // git-ai notes.
    let notes = match repo.notes(gitai::NOTES_REF) {
        Ok(n) => n,
        Err(e) => {
            p.warnings
                .push(format!("git notes {}: {e}", gitai::NOTES_REF));
            Vec::new()
        }
    };
    for (commit, text) in notes {
        let log = match gitai::parse(&text) {
            Ok(l) => l,
            Err(e) => {
                p.warnings.push(format!(
                    "git-ai note on {}: {e}; skipped",
                    &commit[..12.min(commit.len())]
                ));
                continue;
            }
        };
        p.sources.gitai_notes += 1;
        for f in &log.files {
            if let Some(rel) = cx.from_repo(&f.path) {
                cx.candidates.insert(rel);
            }
        }
        let mut per_file = Vec::new();
        for f in &log.files {
            let entries: Vec<(u32, Vec<(u32, u32)>)> = f
                .entries
                .iter()
                .map(|(author, ranges)| (intern_author(interner, author), ranges.clone()))
                .collect();
            per_file.push((f.path.clone(), entries));
        }
        if cx.commit_index.contains_key(&commit) {
            for (path, entries) in per_file {
                cx.note_attr.insert((commit.clone(), path), entries);
            }
            continue;
        }
        // A note of a commit the history no longer has (rewritten by a rebase, amend or
        // squash): its lines become content claims, so they are found in the new commits.
        let info = match repo.commit(&commit) {
            Ok(Some(info)) => info,
            _ => {
                p.warnings.push(format!(
                    "git-ai note on {}: the commit is gone from the repository; its lines cannot be placed",
                    &commit[..12.min(commit.len())]
                ));
                continue;
            }
        };
        p.sources.gitai_rewritten += 1;
        for (path, entries) in per_file {
            let Some(rel) = cx.from_repo(&path) else {
                continue;
            };
            let Ok(Some(bytes)) = repo.file_at(&commit, &path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            let lines: Vec<&str> = text.lines().collect();
            for (attr, ranges) in entries {
                for (s, e) in ranges {
                    for n in s..=e {
                        if let Some(l) = lines.get(n as usize - 1) {
                            cx.line_claims.entry(rel.clone()).or_default().push((
                                l.to_string(),
                                attr,
                                info.committer_time,
                            ));
                        }
                    }
                }
            }
        }
    }
    cx.head = Some(head);
    cx.repo = Some(repo);
}

fn intern_author(interner: &mut Interner, author: &Author) -> u32 {
    match author {
        Author::Agent {
            tool,
            session,
            model,
        } => interner.id(Attribution {
            origin: Origin::Agent,
            agent: Some(agent_name(tool)),
            model: model.clone(),
            session: session.clone(),
            source: Source::GitAi,
            commit: None,
        }),
        Author::Human { .. } => interner.id(Attribution {
            origin: Origin::Human,
            agent: None,
            model: None,
            session: None,
            source: Source::GitAi,
            commit: None,
        }),
    }
}

fn read_trace(r: &TraceRecord, cx: &mut Context, p: &mut Provenance, interner: &mut Interner) {
    p.sources.trace_records += 1;
    let gate = r.gate_meta();
    if gate.is_some() {
        p.sources.trace_records_by_gate += 1;
    }
    let Some(time) = r.time() else {
        p.warnings.push(format!(
            "Agent Trace record {}: timestamp `{}` is not RFC 3339; skipped",
            r.id, r.timestamp
        ));
        return;
    };
    let (source, agent, session) = match &gate {
        Some(g) => (
            Source::Gate,
            Some(agent_name(&g.agent)),
            Some(g.session.clone()).filter(|s| !s.is_empty()),
        ),
        None => (
            Source::AgentTrace,
            r.tool.as_ref().map(|t| agent_name(&t.name)),
            None,
        ),
    };
    for f in &r.files {
        // Trace paths are relative to the repository root.
        let rel = if cx.repo.is_some() {
            match cx.from_repo(&f.path) {
                Some(r) => r,
                None => continue,
            }
        } else {
            f.path.clone()
        };
        cx.candidates.insert(rel.clone());
        for conv in &f.conversations {
            let session = session.clone().or_else(|| {
                conv.related
                    .iter()
                    .find(|x| x.kind == "session")
                    .map(|x| x.url.clone())
                    .or_else(|| conv.url.clone())
            });
            for range in &conv.ranges {
                let Some(contributor) = range.contributor.as_ref().or(conv.contributor.as_ref())
                else {
                    continue;
                };
                let origin = match contributor.kind.as_str() {
                    "ai" | "mixed" => Origin::Agent,
                    "human" => Origin::Human,
                    _ => continue,
                };
                let attribution = interner.id(Attribution {
                    origin,
                    agent: if origin == Origin::Agent {
                        agent.clone()
                    } else {
                        None
                    },
                    model: contributor.model_id.clone(),
                    session: session.clone(),
                    source,
                    commit: None,
                });
                cx.range_claims
                    .entry(rel.clone())
                    .or_default()
                    .push(RangeClaim {
                        start: range.start_line,
                        end: range.end_line,
                        hash: range
                            .content_hash
                            .clone()
                            .filter(|h| h.starts_with("sha256:")),
                        time,
                        revision: r.vcs.as_ref().map(|v| v.revision.clone()),
                        attribution,
                    });
            }
        }
    }
}

type Joined = (
    FileProvenance,
    Option<Vec<Option<u32>>>,
    Vec<String>,
    Vec<String>,
);

/// One file: its lines, their blame, and each line's attribution.
fn join_file(
    f: &WalkedFile,
    cx: &Context,
    attributions: &[Attribution],
    blame_all: bool,
    keep_commits: bool,
) -> Option<Joined> {
    if f.size > MAX_FILE_BYTES {
        return None;
    }
    let bytes = std::fs::read(&f.abs).ok()?;
    let sniff = &bytes[..bytes.len().min(vibeguard_core::pipeline::SNIFF_LEN)];
    if vibeguard_core::pipeline::looks_binary(sniff) {
        return None;
    }
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    let mut warnings = Vec::new();
    let mut fp = FileProvenance {
        path: f.rel.clone(),
        ..FileProvenance::default()
    };
    let wanted = blame_all || cx.candidates.contains(&f.rel);
    let mut line_attr = vec![0u32; lines.len()];
    let mut line_commit: Vec<Option<u32>> = vec![None; lines.len()];
    if wanted && f.size <= MAX_BLAME_BYTES {
        let repo_path = cx.to_repo(&f.rel);
        let blame = match (&cx.repo, &cx.head) {
            (Some(repo), Some(head)) => match repo.blame(&repo_path, &bytes, head) {
                Ok(b) => Some(b),
                Err(e) => {
                    warnings.push(format!("{}: {e}", f.rel));
                    None
                }
            },
            _ => Some(FileBlame::uncommitted(&bytes)),
        };
        if let Some(blame) = blame {
            // Per line: (commit index, line in that commit's version, path there).
            let mut origin: Vec<Option<(u32, u32, Option<&str>)>> = vec![None; lines.len()];
            for h in &blame.hunks {
                let Some(c) = h.commit.as_deref() else {
                    continue;
                };
                let Some(&ci) = cx.commit_index.get(c) else {
                    continue;
                };
                for k in 0..h.len {
                    let at = (h.start + k - 1) as usize;
                    if at < origin.len() {
                        origin[at] =
                            Some((ci as u32, h.source_start + k, h.source_path.as_deref()));
                        line_commit[at] = Some(ci as u32);
                    }
                }
            }
            let mut claims = file_claims(f, cx, &lines, &origin);
            for (i, text) in lines.iter().enumerate() {
                let o = origin[i];
                // 1. A git-ai note of the commit that brought the line.
                if let Some((ci, src_line, src_path)) = o {
                    let commit = &cx.commits[ci as usize].id;
                    let path = src_path
                        .map(str::to_string)
                        .unwrap_or_else(|| cx.to_repo(&f.rel));
                    if let Some(entries) = cx.note_attr.get(&(commit.clone(), path)) {
                        if let Some((attr, _)) = entries.iter().find(|(_, ranges)| {
                            ranges.iter().any(|&(s, e)| src_line >= s && src_line <= e)
                        }) {
                            line_attr[i] = *attr;
                            continue;
                        }
                    }
                }
                // 2. A content claim (trace records, rewritten notes).
                let commit_time = o.map(|(ci, _, _)| cx.commits[ci as usize].committer_time);
                if let Some(attr) = claims.take(text, commit_time) {
                    line_attr[i] = attr;
                    continue;
                }
                // 3. A marker on the commit.
                if let Some((ci, _, _)) = o
                    && let Some(&attr) = cx.marker_attr.get(&cx.commits[ci as usize].id)
                {
                    line_attr[i] = attr;
                }
            }
        }
    }
    // Counts, runs, agents and models.
    fp.counts.lines = lines.len() as u64;
    let mut agents = BTreeSet::new();
    let mut models = BTreeSet::new();
    let mut i = 0;
    while i < line_attr.len() {
        let id = line_attr[i];
        let mut j = i;
        while j + 1 < line_attr.len() && line_attr[j + 1] == id {
            j += 1;
        }
        let n = (j - i + 1) as u64;
        if id == 0 {
            fp.counts.unknown += n;
        } else {
            let a = &attributions[id as usize];
            match a.origin {
                Origin::Agent => fp.counts.agent += n,
                Origin::Human => fp.counts.human += n,
                Origin::Unknown => fp.counts.unknown += n,
            }
            *fp.counts
                .by_source
                .entry(a.source.as_str().to_string())
                .or_default() += n;
            if let Some(ag) = &a.agent {
                agents.insert(ag.clone());
            }
            if let Some(m) = &a.model {
                models.insert(m.clone());
            }
            fp.runs.push(Run {
                start: i as u32 + 1,
                end: j as u32 + 1,
                attribution: a.clone(),
            });
        }
        i = j + 1;
    }
    fp.agents = agents.into_iter().collect();
    fp.models = models.into_iter().collect();
    fp.line_attr = line_attr;
    let kept_lines = if keep_commits {
        lines.iter().map(|l| l.to_string()).collect()
    } else {
        Vec::new()
    };
    Some((
        fp,
        keep_commits.then_some(line_commit),
        warnings,
        kept_lines,
    ))
}

/// The content claims on one file: rewritten notes' lines, and trace ranges resolved
/// against the versions of the file they may number.
fn file_claims(
    f: &WalkedFile,
    cx: &Context,
    lines: &[&str],
    origin: &[Option<(u32, u32, Option<&str>)>],
) -> Claims {
    let mut claims = Claims::default();
    if let Some(list) = cx.line_claims.get(&f.rel) {
        for (text, attr, time) in list {
            claims.add(text, *attr, *time);
        }
    }
    let Some(ranges) = cx.range_claims.get(&f.rel) else {
        return claims;
    };
    let earliest = ranges.iter().map(|r| r.time).min().unwrap_or(0);
    let mut versions = vec![Version {
        commit: None,
        time: None,
        lines: lines.iter().map(|l| l.to_string()).collect(),
    }];
    if let (Some(repo), Some(head)) = (&cx.repo, &cx.head) {
        let repo_path = cx.to_repo(&f.rel);
        // Commits that brought current lines after the first record, newest first, then
        // the revisions the records name.
        let mut ids: Vec<u32> = origin.iter().flatten().map(|(ci, _, _)| *ci).collect();
        ids.sort();
        ids.dedup();
        let mut wanted: Vec<&CommitInfo> = ids
            .iter()
            .map(|&ci| &cx.commits[ci as usize])
            .filter(|c| c.committer_time + SLACK_SECONDS >= earliest)
            .collect();
        wanted.sort_by_key(|c| std::cmp::Reverse(c.committer_time));
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut commits: Vec<&str> = vec![head.as_str()];
        commits.extend(wanted.iter().map(|c| c.id.as_str()));
        let revisions: Vec<&str> = ranges
            .iter()
            .filter_map(|r| r.revision.as_deref())
            .collect();
        commits.extend(revisions);
        for id in commits {
            if !seen.insert(id) {
                continue;
            }
            let Ok(Some(bytes)) = repo.file_at(id, &repo_path) else {
                continue;
            };
            let time = cx.commit(id).map(|c| c.committer_time);
            versions.push(Version {
                commit: Some(id.to_string()),
                time,
                lines: String::from_utf8_lossy(&bytes)
                    .lines()
                    .map(str::to_string)
                    .collect(),
            });
        }
    }
    for r in ranges {
        if let Some(found) = resolve(r, &versions) {
            for l in found {
                claims.add(&l, r.attribution, r.time);
            }
        }
    }
    claims
}

/// How one component got into the project.
fn component(
    site: &ComponentSite,
    cx: &Context,
    p: &Provenance,
    facts: &AuditFacts,
    line_commits: &HashMap<String, Vec<Option<u32>>>,
    lines_of: &HashMap<String, Vec<String>>,
) -> ComponentProvenance {
    // The line that names the package (Cargo.lock's entry starts at `[[package]]`).
    let line = lines_of
        .get(&site.file)
        .and_then(|lines| {
            let from = site.line.max(1) as usize - 1;
            (from..(from + 4).min(lines.len()))
                .find(|&i| lines[i].contains(site.name.as_str()))
                .map(|i| i as u32 + 1)
        })
        .unwrap_or(site.line);
    let commit = line_commits
        .get(&site.file)
        .and_then(|c| c.get(line as usize - 1).copied().flatten())
        .map(|ci| &cx.commits[ci as usize]);
    let mut out = ComponentProvenance {
        bom_ref: site.bom_ref.clone(),
        file: site.file.clone(),
        line,
        introduced_by: commit.map(|c| CommitRef {
            id: c.id.clone(),
            time: rfc3339(c.committer_time),
            subject: subject(&c.message),
        }),
        origin: Origin::Unknown,
        agent: None,
        model: None,
        sources: Vec::new(),
        evidence: Vec::new(),
    };
    if let Some(a) = p.line(&site.file, line) {
        out.origin = a.origin;
        out.agent = a.agent.clone();
        out.model = a.model.clone();
        out.sources.push(a.source.as_str().to_string());
        out.evidence.push(match a.source {
            Source::CommitMarker => format!(
                "the commit that brought {}:{line} carries a marker of {}",
                site.file,
                a.agent.as_deref().unwrap_or("an agent")
            ),
            s => format!(
                "{} attributes {}:{line} to {}",
                s.as_str(),
                site.file,
                match a.origin {
                    Origin::Agent => a.agent.clone().unwrap_or_else(|| "an agent".into()),
                    _ => a.origin.as_str().to_string(),
                }
            ),
        });
    }
    // The window in which the package's line appeared.
    let (lower, upper) = match commit {
        Some(c) => {
            let parent = c
                .parents
                .first()
                .and_then(|pid| cx.commit(pid))
                .map_or(i64::MIN, |pc| pc.committer_time - SLACK_SECONDS);
            (parent, c.committer_time + SLACK_SECONDS)
        }
        None => (
            cx.head
                .as_deref()
                .and_then(|h| cx.commit(h))
                .map_or(i64::MIN, |h| h.committer_time - SLACK_SECONDS),
            i64::MAX,
        ),
    };
    let within = |t: i64| t >= lower && t <= upper;
    for i in facts.installs.iter().filter(|i| {
        i.decision == "allow" && within(i.time) && audit::names_package(&i.command, &site.name)
    }) {
        gate_evidence(
            &mut out,
            &i.agent,
            format!(
                "`{}` was allowed through the gate for {} at {}",
                i.command,
                i.agent,
                rfc3339(i.time)
            ),
        );
    }
    let dir = site.file.rsplit_once('/').map_or("", |(d, _)| d);
    for w in facts.writes.iter().filter(|w| {
        w.decision == "allow"
            && within(w.time)
            && (w.path == site.file
                || (w.path.rsplit_once('/').map_or("", |(d, _)| d) == dir
                    && crate::components::is_dependency_file(&w.path)))
    }) {
        gate_evidence(
            &mut out,
            &w.agent,
            format!(
                "{} edited {} through the gate at {}",
                w.agent,
                w.path,
                rfc3339(w.time)
            ),
        );
    }
    out
}

fn gate_evidence(out: &mut ComponentProvenance, agent: &str, evidence: String) {
    if out.origin != Origin::Agent {
        out.origin = Origin::Agent;
        out.agent = Some(agent_name(agent));
    }
    if !out.sources.iter().any(|s| s == "gate") {
        out.sources.push("gate".into());
    }
    out.evidence.push(evidence);
}
