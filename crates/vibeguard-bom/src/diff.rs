//! `bom --diff REV`: only what a change adds or removes, for review: components added,
//! removed or moved to another version since REV, the lines added since REV by origin,
//! and the gate's decisions since REV's commit.

use crate::components::{Component, Components};
use crate::provenance::{self, Counts, Origin};
use crate::{Bom, BomError};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use vibeguard_git::GitRepo;

/// A component whose version changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    pub bom_ref: String,
    pub name: String,
    pub from: Vec<String>,
    pub to: Vec<String>,
}

/// Lines added in one file, by origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileLines {
    pub path: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub agents: Vec<String>,
    pub models: Vec<String>,
}

/// What changed since the base revision.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BomDiff {
    /// The revision as given.
    pub base: String,
    /// The commit it names.
    pub base_commit: String,
    pub added: Vec<String>,
    pub removed: Vec<RemovedComponent>,
    pub changed: Vec<Changed>,
    /// Lines added since the base, by origin.
    pub lines: Counts,
    pub files: Vec<FileLines>,
}

/// A component the base had and the working tree does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovedComponent {
    pub purl: String,
    pub name: String,
    pub version: Option<String>,
}

type NameKey = (
    crate::components::Kind,
    Option<vibeguard_deps::Ecosystem>,
    String,
);

fn versions(list: &[Component]) -> BTreeMap<NameKey, BTreeSet<String>> {
    let mut m: BTreeMap<NameKey, BTreeSet<String>> = BTreeMap::new();
    for c in list {
        m.entry(c.name_key()).or_default().insert(
            c.version
                .clone()
                .or_else(|| c.requirement.clone())
                .unwrap_or_default(),
        );
    }
    m
}

/// The components of the project at revision `commit` (dependency files read from git).
fn components_at(repo: &GitRepo, commit: &str, prefix: &str) -> Result<Components, BomError> {
    let files = repo.files_at(commit)?;
    let mut texts: HashMap<String, String> = HashMap::new();
    for (path, blob) in &files {
        let rel = if prefix.is_empty() {
            Some(path.as_str())
        } else {
            path.strip_prefix(prefix).and_then(|p| p.strip_prefix('/'))
        };
        let Some(rel) = rel else { continue };
        if rel.is_empty() {
            continue;
        }
        texts.insert(
            rel.to_string(),
            String::from_utf8_lossy(&repo.blob(blob)?).into_owned(),
        );
    }
    let deps: Vec<(String, String)> = texts
        .iter()
        .filter(|(p, _)| crate::sources::is_source_file(p) && !p.contains("node_modules/"))
        .map(|(p, t)| (p.clone(), t.clone()))
        .collect();
    let read = |p: &str| texts.get(p).cloned();
    Ok(crate::sources::components(&deps, &read))
}

/// Compare `bom` (the working tree) with revision `rev`, and narrow it to the change.
pub fn diff(
    bom: &Bom,
    root: &Path,
    rev: &str,
    state_dir: &Path,
) -> Result<(BomDiff, Bom), BomError> {
    let repo = GitRepo::discover(root)?;
    let base_commit = repo.resolve(rev)?;
    let prefix = match repo.workdir() {
        Some(wd) => {
            let wd = wd.canonicalize().unwrap_or_else(|_| wd.to_path_buf());
            let r = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
            crate::walk::relative(&wd, &r)
        }
        None => String::new(),
    };
    let old = components_at(&repo, &base_commit, &prefix)?;
    let (old_v, new_v) = (versions(&old.list), versions(&bom.components.list));
    let mut d = BomDiff {
        base: rev.to_string(),
        base_commit: base_commit.clone(),
        ..BomDiff::default()
    };
    let mut keep: BTreeSet<String> = BTreeSet::new();
    for c in &bom.components.list {
        let key = c.name_key();
        match old_v.get(&key) {
            None => {
                d.added.push(c.bom_ref.clone());
                keep.insert(c.bom_ref.clone());
            }
            Some(before) => {
                let now = &new_v[&key];
                if before != now {
                    keep.insert(c.bom_ref.clone());
                    if !d.changed.iter().any(|x| x.name == c.name) {
                        d.changed.push(Changed {
                            bom_ref: c.bom_ref.clone(),
                            name: c.name.clone(),
                            from: before.iter().cloned().collect(),
                            to: now.iter().cloned().collect(),
                        });
                    }
                }
            }
        }
    }
    for c in &old.list {
        if !new_v.contains_key(&c.name_key()) {
            d.removed.push(RemovedComponent {
                purl: c.purl.clone(),
                name: c.name.clone(),
                version: c.version.clone(),
            });
        }
    }
    // Added lines by origin.
    let added = vibeguard_git::added_lines_since(root, rev)?;
    if let Some(p) = &bom.provenance {
        for (path, set) in &added {
            let rel = if prefix.is_empty() {
                path.clone()
            } else {
                match path.strip_prefix(&format!("{prefix}/")) {
                    Some(r) => r.to_string(),
                    None => continue,
                }
            };
            let mut counts = Counts::default();
            let mut agents = BTreeSet::new();
            let mut models = BTreeSet::new();
            for &(s, e) in &set.ranges {
                for line in s..=e {
                    counts.lines += 1;
                    match p.line(&rel, line) {
                        Some(a) => {
                            match a.origin {
                                Origin::Agent => counts.agent += 1,
                                Origin::Human => counts.human += 1,
                                Origin::Unknown => counts.unknown += 1,
                            }
                            *counts
                                .by_source
                                .entry(a.source.as_str().to_string())
                                .or_default() += 1;
                            if let Some(x) = &a.agent {
                                agents.insert(x.clone());
                            }
                            if let Some(x) = &a.model {
                                models.insert(x.clone());
                            }
                        }
                        None => counts.unknown += 1,
                    }
                }
            }
            if counts.lines == 0 {
                continue;
            }
            d.lines.add(&counts);
            d.files.push(FileLines {
                path: rel,
                counts,
                agents: agents.into_iter().collect(),
                models: models.into_iter().collect(),
            });
        }
    }
    // The BOM narrowed to the change.
    let mut narrowed = bom.clone();
    narrowed
        .components
        .list
        .retain(|c| keep.contains(&c.bom_ref));
    for c in &mut narrowed.components.list {
        c.depends_on.retain(|r| keep.contains(r));
    }
    narrowed
        .vulnerabilities
        .entries
        .retain(|v| v.affects.iter().any(|a| keep.contains(&a.bom_ref)));
    if let Some(p) = &mut narrowed.provenance {
        let since = repo
            .commit(&base_commit)?
            .map(|c| c.committer_time)
            .unwrap_or(0);
        p.gate = provenance::audit::read(state_dir, root, Some(since));
        p.components.retain(|c| keep.contains(&c.bom_ref));
        let changed: BTreeSet<&str> = d.files.iter().map(|f| f.path.as_str()).collect();
        p.files.retain(|f| changed.contains(f.path.as_str()));
        for f in &mut p.files {
            // Keep only the runs that touch added lines.
            if let Some(set) = added.get(&if prefix.is_empty() {
                f.path.clone()
            } else {
                format!("{prefix}/{}", f.path)
            }) {
                f.runs
                    .retain(|r| (r.start..=r.end).any(|l| set.contains(l)));
            }
            if let Some(fl) = d.files.iter().find(|x| x.path == f.path) {
                f.counts = fl.counts.clone();
            }
        }
        p.totals = d.lines.clone();
        p.directories.clear();
        p.commits.retain(|c| {
            repo.commit(&c.id)
                .ok()
                .flatten()
                .is_some_and(|x| x.committer_time > since)
        });
    }
    narrowed.diff = Some(d.clone());
    Ok((d, narrowed))
}

/// The change as Markdown for a pull-request comment.
pub fn markdown(d: &BomDiff, narrowed: &Bom) -> String {
    use crate::markdown::esc;
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## AI bill of materials: changes since `{}` ({})\n",
        esc(&d.base),
        &d.base_commit[..12.min(d.base_commit.len())]
    );
    let t = &d.lines;
    let _ = writeln!(
        s,
        "**Lines added:** {} — agent {}, human {}, unknown {}.\n",
        t.lines, t.agent, t.human, t.unknown
    );
    if !d.files.is_empty() {
        let _ = writeln!(
            s,
            "| file | added | agent | human | unknown | agents | models |"
        );
        let _ = writeln!(s, "|---|---:|---:|---:|---:|---|---|");
        for f in d.files.iter().take(60) {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} |",
                esc(&f.path),
                f.counts.lines,
                f.counts.agent,
                f.counts.human,
                f.counts.unknown,
                esc(&f.agents.join(", ")),
                esc(&f.models.join(", "))
            );
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(
        s,
        "**Components:** {} added, {} changed, {} removed.\n",
        d.added.len(),
        d.changed.len(),
        d.removed.len()
    );
    if !d.added.is_empty() || !d.changed.is_empty() || !d.removed.is_empty() {
        let _ = writeln!(s, "| change | component | version | brought in by |");
        let _ = writeln!(s, "|---|---|---|---|");
        let who = |r: &str| {
            narrowed
                .provenance
                .as_ref()
                .and_then(|p| p.component(r))
                .map(|c| match c.origin {
                    Origin::Agent => format!(
                        "agent {} ({})",
                        c.agent.as_deref().unwrap_or("?"),
                        c.sources.join(", ")
                    ),
                    o => o.as_str().to_string(),
                })
                .unwrap_or_else(|| "unknown".into())
        };
        for r in &d.added {
            if let Some(c) = narrowed.components.by_ref(r) {
                let _ = writeln!(
                    s,
                    "| added | {} | {} | {} |",
                    esc(&c.name),
                    esc(c
                        .version
                        .as_deref()
                        .or(c.requirement.as_deref())
                        .unwrap_or("")),
                    esc(&who(r))
                );
            }
        }
        for c in &d.changed {
            let _ = writeln!(
                s,
                "| changed | {} | {} → {} | {} |",
                esc(&c.name),
                esc(&c.from.join(", ")),
                esc(&c.to.join(", ")),
                esc(&who(&c.bom_ref))
            );
        }
        for c in &d.removed {
            let _ = writeln!(
                s,
                "| removed | {} | {} | |",
                esc(&c.name),
                esc(c.version.as_deref().unwrap_or(""))
            );
        }
        let _ = writeln!(s);
    }
    let v = &narrowed.vulnerabilities;
    if v.checked && !v.entries.is_empty() {
        let _ = writeln!(s, "**Vulnerabilities in added or changed components:**\n");
        for e in &v.entries {
            let _ = writeln!(s, "- {} ({}): {}", esc(&e.id), e.severity, esc(&e.summary));
        }
        let _ = writeln!(s);
    }
    if let Some(p) = &narrowed.provenance
        && p.gate.present
    {
        let g = &p.gate;
        let _ = writeln!(
            s,
            "**Gate decisions since the base:** {} actions: {} allowed, {} asked, {} denied.\n",
            g.records, g.allow, g.ask, g.deny
        );
        for r in &g.by_rule {
            let _ = writeln!(
                s,
                "- `{}`: {} allowed, {} asked, {} denied",
                r.rule.replace('`', "'"),
                r.allow,
                r.ask,
                r.deny
            );
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "_{}._", esc(provenance::UNKNOWN_NOTE));
    s
}
