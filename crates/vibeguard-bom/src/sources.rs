//! Every component of a project, from every source the BOM reads:
//! - the dependency inventory (lockfiles and manifests, [`crate::components`]);
//! - the project's own packages with their manifest versions ([`crate::members`]); a
//!   path or workspace dependency on one of them (`globset = { path = "../globset" }`)
//!   is that member, not a component of its own;
//! - the actions and container images its CI uses ([`crate::actions`]);
//! - Python distributions the tree holds, installed or as wheels ([`crate::dists`]).
//!
//! Components whose every declaration sits in test data are marked as fixtures (listed:
//! the repository holds them; marked: a consumer can leave them out).

use crate::actions::{self, ActionUse, Pinning, UseKind};
use crate::components::{self, Component, Components, Kind, Occurrence};
use crate::dists::{self, Dist, DistKind};
use crate::members::{self, Member};
use std::collections::{BTreeMap, HashMap};
use vibeguard_deps::{Ecosystem, Origin, ParseWarning};

/// Whether the BOM reads `rel` (a dependency file or a CI workflow/action).
pub fn is_source_file(rel: &str) -> bool {
    components::is_dependency_file(rel) || actions::is_ci_file(rel) || dists::is_dist_file(rel)
}

/// The components the given files (relative path, text) declare; `read` resolves
/// includes relative to the root.
pub fn components(
    files: &[(String, String)],
    read: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Components {
    let (ci, rest): (Vec<(String, String)>, Vec<(String, String)>) = files
        .iter()
        .cloned()
        .partition(|(p, _)| actions::is_ci_file(p));
    let (dist_files, deps): (Vec<(String, String)>, Vec<(String, String)>) = rest
        .into_iter()
        .partition(|(p, _)| !components::is_dependency_file(p) && dists::is_dist_file(p));
    let mut out = components::from_files(&deps, read);
    add_members(&mut out, members::from_files(&deps));
    let mut uses = Vec::new();
    for (path, text) in &ci {
        let (found, warnings) = actions::parse(path, text);
        uses.extend(found);
        out.warnings.extend(warnings.into_iter().map(|w| {
            let (line, message) = split_warning(&w);
            ParseWarning {
                file: path.clone(),
                line,
                message,
            }
        }));
        out.files.push(path.clone());
    }
    add_actions(&mut out, uses);
    for (path, _) in &dist_files {
        out.files.push(path.clone());
    }
    add_dists(
        &mut out,
        dist_files
            .iter()
            .filter_map(|(p, t)| dists::parse(p, t))
            .collect(),
    );
    for c in &mut out.list {
        c.fixture =
            !c.occurrences.is_empty() && c.occurrences.iter().all(|o| is_test_path(&o.file));
    }
    unique_refs(&mut out.list);
    out.list.sort_by(|a, b| order(a).cmp(&order(b)));
    out.files.sort();
    out.files.dedup();
    out
}

/// `file:LINE: message` as (line, message).
fn split_warning(w: &str) -> (u32, String) {
    let mut parts = w.splitn(3, ':');
    let _file = parts.next();
    let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(1);
    (line, parts.next().unwrap_or(w).trim().to_string())
}

fn order(c: &Component) -> (Kind, Option<Ecosystem>, &str, &Option<String>, &str) {
    (c.kind, c.ecosystem, &c.normalized, &c.version, &c.bom_ref)
}

/// Directories whose contents are test data.
const TEST_DIRS: [&str; 9] = [
    "test",
    "tests",
    "__tests__",
    "testdata",
    "test-data",
    "fixtures",
    "fixture",
    "__fixtures__",
    "testing",
];

/// Whether a relative path lies under a test-data directory.
pub fn is_test_path(path: &str) -> bool {
    let dirs = path.rsplit_once('/').map_or("", |(d, _)| d);
    dirs.split('/').any(|d| TEST_DIRS.contains(&d))
}

fn empty(
    kind: Kind,
    ecosystem: Option<Ecosystem>,
    name: &str,
    version: Option<String>,
) -> Component {
    let normalized = match ecosystem {
        Some(e) => e.normalize(name),
        None => name.to_ascii_lowercase(),
    };
    Component {
        bom_ref: String::new(),
        kind,
        ecosystem,
        name: name.to_string(),
        normalized,
        version,
        requirement: None,
        purl: String::new(),
        direct: Some(true),
        dev: false,
        origin: Origin::Path,
        resolved: None,
        hashes: Vec::new(),
        other_hashes: Vec::new(),
        license: None,
        occurrences: Vec::new(),
        depends_on: Vec::new(),
        fixture: false,
        extra: Vec::new(),
    }
}

fn occurrence(file: &str, line: u32) -> Occurrence {
    Occurrence {
        file: file.to_string(),
        line,
        requirement: None,
        direct: Some(true),
        dev: false,
    }
}

/// Add the members (one component per name and version) and fold the path dependencies
/// on them into them.
fn add_members(out: &mut Components, found: Vec<Member>) {
    let mut index: BTreeMap<(Ecosystem, String, Option<String>), usize> = BTreeMap::new();
    let mut made: Vec<Component> = Vec::new();
    let taken: std::collections::HashSet<String> =
        out.list.iter().map(|c| c.bom_ref.clone()).collect();
    for m in found {
        let normalized = m.ecosystem.normalize(&m.name);
        let i = *index
            .entry((m.ecosystem, normalized, m.version.clone()))
            .or_insert_with(|| {
                let mut c = empty(Kind::Member, Some(m.ecosystem), &m.name, m.version.clone());
                c.purl = m.ecosystem.purl(&m.name, m.version.as_deref());
                c.bom_ref = if taken.contains(&c.purl) {
                    format!("{}#member", c.purl)
                } else {
                    c.purl.clone()
                };
                c.extra.push(("dep:member".into(), "true".into()));
                made.push(c);
                made.len() - 1
            });
        let c = &mut made[i];
        if c.license.is_none() {
            c.license = m.license;
        }
        c.occurrences.push(occurrence(&m.file, m.line));
    }
    // The manifests that declare each member (what it depends on is declared there).
    let own: Vec<Vec<String>> = made
        .iter()
        .map(|m| {
            m.occurrences
                .iter()
                .filter(|o| !o.file.ends_with(".lock"))
                .map(|o| o.file.clone())
                .collect()
        })
        .collect();
    let mut redirect: HashMap<String, String> = HashMap::new();
    // A pnpm snapshot of a local directory (`name@file:dir`) is the package at that
    // path, whatever the lockfile's key made of its name and version.
    for c in &mut out.list {
        if let Some(name) = local_npm_name(c) {
            let old = c.bom_ref.clone();
            c.name = name;
            c.normalized = Ecosystem::Npm.normalize(&c.name);
            c.version = None;
            c.origin = Origin::Path;
            c.purl = Ecosystem::Npm.purl(&c.name, None);
            c.bom_ref = format!("{}#local", c.purl);
            redirect.insert(old, c.bom_ref.clone());
        }
    }
    // A path dependency on a member is that member.
    out.list.retain(|c| {
        if c.origin != Origin::Path || c.kind != Kind::Package {
            return true;
        }
        let candidates: Vec<usize> = made
            .iter()
            .enumerate()
            .filter(|(_, m)| m.ecosystem == c.ecosystem && m.normalized == c.normalized)
            .map(|(i, _)| i)
            .collect();
        let target = candidates
            .iter()
            .copied()
            .find(|&i| c.version.is_some() && made[i].version == c.version)
            .or_else(|| {
                // The member its own manifest declares (the current version), else any.
                candidates.iter().copied().find(|&i| {
                    made[i]
                        .occurrences
                        .iter()
                        .any(|o| !o.file.ends_with(".lock"))
                })
            })
            .or_else(|| candidates.first().copied());
        let Some(t) = target else { return true };
        for to in redirect.values_mut().filter(|to| **to == c.bom_ref) {
            to.clone_from(&made[t].bom_ref);
        }
        redirect.insert(c.bom_ref.clone(), made[t].bom_ref.clone());
        made[t].occurrences.extend(c.occurrences.iter().cloned());
        false
    });
    for c in &mut out.list {
        for d in &mut c.depends_on {
            if let Some(to) = redirect.get(d) {
                d.clone_from(to);
            }
        }
        c.depends_on.sort();
        c.depends_on.dedup();
    }
    out.list.extend(made);
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in out.list.iter().enumerate() {
        for o in &c.occurrences {
            by_file.entry(o.file.as_str()).or_default().push(i);
        }
    }
    let first = out.list.len() - own.len();
    let mut edges: Vec<(usize, Vec<String>)> = Vec::new();
    for (k, files) in own.iter().enumerate() {
        let m = first + k;
        let mut to: Vec<String> = files
            .iter()
            .filter_map(|f| by_file.get(f.as_str()))
            .flatten()
            .filter(|&&i| i != m)
            .map(|&i| out.list[i].bom_ref.clone())
            .collect();
        to.sort();
        to.dedup();
        edges.push((m, to));
    }
    for (m, to) in edges {
        out.list[m].depends_on = to;
    }
}

/// The package name of an npm component a lockfile keyed as `name@file:dir` or
/// `name@link:dir` (a local directory), if it is one.
fn local_npm_name(c: &Component) -> Option<String> {
    if c.ecosystem != Some(Ecosystem::Npm) || c.kind != Kind::Package {
        return None;
    }
    let at = c.name.get(1..)?.find('@')? + 1;
    let rest = &c.name[at + 1..];
    (rest.starts_with("file:") || rest.starts_with("link:")).then(|| c.name[..at].to_string())
}

/// One component per purl; each `uses:` an occurrence of it.
fn add_actions(out: &mut Components, uses: Vec<ActionUse>) {
    let mut index: HashMap<String, usize> = HashMap::new();
    let start = out.list.len();
    for u in uses {
        let i = *index.entry(u.purl.clone()).or_insert_with(|| {
            let kind = match u.kind {
                UseKind::DockerImage => Kind::ContainerImage,
                _ => Kind::GithubAction,
            };
            let mut c = empty(kind, None, &u.name, u.version.clone());
            c.purl = u.purl.clone();
            c.bom_ref = u.purl.clone();
            c.origin = match u.kind {
                UseKind::DockerImage => Origin::Registry,
                _ => Origin::Git,
            };
            // CI runs them; nothing the project ships contains them.
            c.dev = true;
            let kind_word = match u.kind {
                UseKind::Action => "action",
                UseKind::ReusableWorkflow => "reusable-workflow",
                UseKind::DockerImage => "docker-image",
            };
            let pin = match u.pinning {
                Pinning::Digest => "digest",
                Pinning::Ref => "ref",
                Pinning::None => "none",
            };
            c.extra.push(("ci:kind".into(), kind_word.into()));
            c.extra.push(("ci:pinning".into(), pin.into()));
            out.list.push(c);
            out.list.len() - 1
        });
        let c = &mut out.list[i];
        c.occurrences.push(Occurrence {
            dev: true,
            ..occurrence(&u.file, u.line)
        });
        let uses = ("ci:uses".to_string(), u.uses.clone());
        if !c.extra.contains(&uses) {
            c.extra.push(uses);
        }
    }
    debug_assert!(out.list[start..].iter().all(|c| !c.bom_ref.is_empty()));
}

/// Each distribution is the registry package of its name and version: an occurrence of
/// the component a lockfile already names, else a component of its own.
fn add_dists(out: &mut Components, found: Vec<Dist>) {
    for d in found {
        let normalized = Ecosystem::PyPI.normalize(&d.name);
        let how = match d.kind {
            DistKind::Installed => "installed",
            DistKind::Wheel => "wheel",
        };
        let existing = out.list.iter().position(|c| {
            c.kind == Kind::Package
                && c.ecosystem == Some(Ecosystem::PyPI)
                && c.normalized == normalized
                && c.version.as_deref() == Some(d.version.as_str())
        });
        let i = match existing {
            Some(i) => i,
            None => {
                let mut c = empty(
                    Kind::Package,
                    Some(Ecosystem::PyPI),
                    &d.name,
                    Some(d.version.clone()),
                );
                c.purl = dists::purl(&d);
                c.bom_ref = c.purl.clone();
                c.origin = Origin::Registry;
                c.direct = None;
                out.list.push(c);
                out.list.len() - 1
            }
        };
        let c = &mut out.list[i];
        c.occurrences.push(Occurrence {
            direct: None,
            ..occurrence(&d.file, d.line)
        });
        if c.license.is_none() {
            c.license = d.license;
        }
        let prop = ("dep:distribution".to_string(), how.to_string());
        if !c.extra.contains(&prop) {
            c.extra.push(prop);
        }
    }
}

/// Make bom-refs unique (`#2`, `#3`... after the first), keeping the ones already unique.
fn unique_refs(list: &mut [Component]) {
    let mut seen: HashMap<String, u32> = HashMap::new();
    for c in list.iter_mut() {
        let n = seen.entry(c.bom_ref.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            c.bom_ref = format!("{}#{}", c.bom_ref, n);
        }
    }
}

#[cfg(test)]
mod tests;
