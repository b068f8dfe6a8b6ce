//! Components: every package every lockfile and manifest names (the dependency
//! analyzer's inventory), merged so that one package version is one component with all
//! the places that declare it.
//!
//! A lockfile pins versions; a manifest next to it (or anywhere in the project, for
//! workspaces with one root lockfile) only adds that the package is a direct dependency
//! and which range was asked for. A manifest entry no lockfile resolves stays a component
//! of its own, without a version.

use crate::hashes::{Hash, parse_hashes};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use vibeguard_deps::Ecosystem;
use vibeguard_deps::inventory::{FileKind, Inventory, Origin, Package, ParseWarning, parse_file};

/// Where a component is declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    /// File relative to the project root.
    pub file: String,
    /// 1-based line of the entry.
    pub line: u32,
    /// The range the file asks for, when it is not an exact pin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement: Option<String>,
    pub direct: Option<bool>,
    pub dev: bool,
}

/// What a component is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A package a lockfile or manifest names.
    #[default]
    Package,
    /// One of the project's own packages (a workspace member), with its manifest version.
    Member,
    /// An action or reusable workflow the project's CI uses.
    GithubAction,
    /// A container image the project's CI runs as a step (`docker://`).
    ContainerImage,
}

/// One package version (or one unresolved requirement) of the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Component {
    /// Unique within the BOM: the purl, with `#n` added when two components share one.
    pub bom_ref: String,
    pub kind: Kind,
    /// The package ecosystem (`None` for CI actions and images, which have none).
    pub ecosystem: Option<Ecosystem>,
    pub name: String,
    pub normalized: String,
    pub version: Option<String>,
    /// The declared range when no file pins a version.
    pub requirement: Option<String>,
    pub purl: String,
    /// A direct dependency of the project (`None`: no file says).
    pub direct: Option<bool>,
    /// Only needed for development: every declaration is a dev one.
    pub dev: bool,
    pub origin: Origin,
    pub resolved: Option<String>,
    /// Artifact hashes the lockfile records, in a form BOM formats accept.
    pub hashes: Vec<Hash>,
    /// Hashes recorded in a form that is not an artifact digest (Go's `h1:` module
    /// hashes, yarn berry cache checksums), kept as written.
    pub other_hashes: Vec<String>,
    pub license: Option<String>,
    pub occurrences: Vec<Occurrence>,
    /// bom-refs of the components this one depends on (the lockfile's edges).
    pub depends_on: Vec<String>,
    /// Every file that declares it is test data (under `tests/`, `fixtures/`, ...):
    /// listed, since the repository holds it, but marked so a reader can leave it out.
    pub fixture: bool,
    /// Further `vibeguard:` properties its source states (name without the prefix).
    pub extra: Vec<(String, String)>,
}

impl Component {
    /// What identifies the package across versions (for comparing two BOMs).
    pub fn name_key(&self) -> (Kind, Option<Ecosystem>, String) {
        let kind = match self.kind {
            Kind::Member => Kind::Package,
            k => k,
        };
        (kind, self.ecosystem, self.normalized.clone())
    }
}

/// The project's components and what could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Components {
    pub list: Vec<Component>,
    pub warnings: Vec<ParseWarning>,
    /// Dependency files read, relative to the root.
    pub files: Vec<String>,
}

impl Components {
    pub fn by_ref(&self, bom_ref: &str) -> Option<&Component> {
        self.list.iter().find(|c| c.bom_ref == bom_ref)
    }

    /// Direct dependencies of the project (what the root component depends on).
    pub fn direct_refs(&self) -> Vec<String> {
        self.list
            .iter()
            .filter(|c| c.direct == Some(true))
            .map(|c| c.bom_ref.clone())
            .collect()
    }
}

/// Whether a path names a dependency file the inventory reads.
pub fn is_dependency_file(rel: &str) -> bool {
    FileKind::of_path(rel).is_some()
}

/// Build the components from dependency files given as (relative path, text); `read`
/// resolves includes (`-r other.txt`) relative to the root.
pub fn from_files(
    files: &[(String, String)],
    read: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Components {
    use rayon::prelude::*;
    let parsed: Vec<(String, FileKind, Inventory)> = files
        .par_iter()
        .filter_map(|(path, text)| {
            let kind = FileKind::of_path(path)?;
            Some((path.clone(), kind, parse_file(path, text, read)))
        })
        .collect();
    merge(parsed)
}

/// Key of a pinned package: ecosystem, normalised name, version (or the requirement
/// when nothing pins one), and where it comes from.
type Key = (Ecosystem, String, String, String);

fn origin_key(p: &Package) -> String {
    match p.origin {
        Origin::Registry => String::new(),
        _ => p
            .resolved
            .clone()
            .unwrap_or_else(|| format!("{:?}", p.origin)),
    }
}

fn merge(mut parsed: Vec<(String, FileKind, Inventory)>) -> Components {
    parsed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Components::default();
    let mut index: HashMap<Key, usize> = HashMap::new();
    // Per file: the component index of each of its packages (for the edges).
    let mut placed: Vec<(usize, Vec<Option<usize>>)> = Vec::new();
    // Lockfiles (and other pinning files) first, manifests after.
    let (locks, manifests): (Vec<usize>, Vec<usize>) =
        (0..parsed.len()).partition(|&i| !parsed[i].1.is_manifest());
    for &fi in &locks {
        let (path, _, inv) = &parsed[fi];
        out.files.push(path.clone());
        out.warnings.extend(inv.warnings.iter().cloned());
        let mut slots = Vec::with_capacity(inv.packages.len());
        for p in &inv.packages {
            let key: Key = (
                p.ecosystem,
                p.normalized.clone(),
                p.version
                    .clone()
                    .or_else(|| p.requirement.clone())
                    .unwrap_or_default(),
                origin_key(p),
            );
            let ci = *index.entry(key).or_insert_with(|| {
                out.list.push(new_component(p));
                out.list.len() - 1
            });
            absorb(&mut out.list[ci], p);
            slots.push(Some(ci));
        }
        placed.push((fi, slots));
    }
    for &fi in &manifests {
        let (path, _, inv) = &parsed[fi];
        out.files.push(path.clone());
        out.warnings.extend(inv.warnings.iter().cloned());
        let dir = parent_dir(path);
        let mut slots = Vec::with_capacity(inv.packages.len());
        for p in &inv.packages {
            let same_name: Vec<usize> = out
                .list
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.ecosystem == Some(p.ecosystem)
                        && c.normalized == p.normalized
                        && c.occurrences.iter().any(|o| !is_manifest_path(&o.file))
                })
                .map(|(i, _)| i)
                .collect();
            let near: Vec<usize> = same_name
                .iter()
                .copied()
                .filter(|&i| {
                    out.list[i]
                        .occurrences
                        .iter()
                        .any(|o| parent_dir(&o.file) == dir)
                })
                .collect();
            let targets = if near.is_empty() { same_name } else { near };
            if targets.is_empty() {
                let key: Key = (
                    p.ecosystem,
                    p.normalized.clone(),
                    p.version
                        .clone()
                        .or_else(|| p.requirement.clone())
                        .unwrap_or_default(),
                    origin_key(p),
                );
                let ci = *index.entry(key).or_insert_with(|| {
                    out.list.push(new_component(p));
                    out.list.len() - 1
                });
                absorb(&mut out.list[ci], p);
                slots.push(Some(ci));
            } else {
                for &ci in &targets {
                    absorb(&mut out.list[ci], p);
                    if p.direct != Some(false) {
                        out.list[ci].direct = Some(true);
                    }
                }
                slots.push(targets.first().copied());
            }
        }
        placed.push((fi, slots));
    }
    assign_refs(&mut out.list);
    // Edges, resolved inside each file by the lockfile's own names.
    let mut edges: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (fi, slots) in &placed {
        for (from, to) in parsed[*fi].2.edges() {
            if let (Some(Some(a)), Some(Some(b))) = (slots.get(from), slots.get(to))
                && a != b
            {
                edges.entry(*a).or_default().push(*b);
            }
        }
    }
    for (a, mut bs) in edges {
        bs.sort();
        bs.dedup();
        out.list[a].depends_on = bs.iter().map(|&b| out.list[b].bom_ref.clone()).collect();
    }
    out.list.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    out.files.sort();
    out.files.dedup();
    out
}

fn is_manifest_path(file: &str) -> bool {
    FileKind::of_path(file).is_some_and(FileKind::is_manifest)
}

fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

fn new_component(p: &Package) -> Component {
    Component {
        bom_ref: String::new(),
        kind: Kind::Package,
        ecosystem: Some(p.ecosystem),
        name: p.name.clone(),
        normalized: p.normalized.clone(),
        version: p.version.clone(),
        requirement: if p.version.is_none() {
            p.requirement.clone()
        } else {
            None
        },
        purl: p.purl(),
        direct: None,
        dev: true,
        origin: p.origin.clone(),
        resolved: p.resolved.clone(),
        hashes: Vec::new(),
        other_hashes: Vec::new(),
        license: None,
        occurrences: Vec::new(),
        depends_on: Vec::new(),
        fixture: false,
        extra: Vec::new(),
    }
}

/// Add one declaration to a component.
fn absorb(c: &mut Component, p: &Package) {
    c.occurrences.push(Occurrence {
        file: p.file.clone(),
        line: p.line,
        requirement: p.requirement.clone(),
        direct: p.direct,
        dev: p.dev,
    });
    c.dev &= p.dev;
    c.direct = match (c.direct, p.direct) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), _) | (_, Some(false)) => Some(false),
        _ => None,
    };
    if c.license.is_none() {
        c.license = p.license.clone().filter(|l| !l.trim().is_empty());
    }
    if c.resolved.is_none() {
        c.resolved = p.resolved.clone();
    }
    for h in &p.hashes {
        let (digests, all) = parse_hashes(h);
        for d in digests {
            if !c.hashes.contains(&d) {
                c.hashes.push(d);
            }
        }
        if !all && !h.trim().is_empty() && !c.other_hashes.contains(h) {
            c.other_hashes.push(h.clone());
        }
    }
}

/// bom-refs: the purl, made unique with `#2`, `#3`... in a stable order (the list itself
/// is not reordered, so indices into it stay valid).
fn assign_refs(list: &mut [Component]) {
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by(|&a, &b| sort_key(&list[a]).cmp(&sort_key(&list[b])));
    let mut seen: HashMap<String, u32> = HashMap::new();
    for i in order {
        let c = &mut list[i];
        let n = seen.entry(c.purl.clone()).or_insert(0);
        *n += 1;
        c.bom_ref = if *n == 1 {
            c.purl.clone()
        } else {
            format!("{}#{}", c.purl, n)
        };
    }
}

fn sort_key(
    c: &Component,
) -> (
    Kind,
    Option<Ecosystem>,
    &str,
    &Option<String>,
    &Option<String>,
    &str,
) {
    (
        c.kind,
        c.ecosystem,
        &c.normalized,
        &c.version,
        &c.requirement,
        c.resolved.as_deref().unwrap_or(""),
    )
}

#[cfg(test)]
mod tests;
