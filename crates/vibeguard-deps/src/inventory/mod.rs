//! The dependency inventory: every package a lockfile or manifest names, with what the
//! audit and the bill of materials need (ecosystem, normalised name, version,
//! direct/transitive, dev/prod, file and line, hashes, license, dependency edges).
//!
//! [`parse_file`] picks the parser by file name. A file that does not parse is a
//! [`ParseWarning`] naming the file and line; the other files still count.

mod bun;
mod cargo;
mod cargo_toml;
mod composer;
mod composer_json;
mod gemfile;
mod gemfile_manifest;
mod gomod;
mod gradle;
mod lines;
mod npm_lock;
mod nuget_lock;
mod package_json;
mod pipfile;
mod pnpm;
mod poetry;
mod pom;
mod pylock;
mod pyproject;
mod requirements;
mod uv;
mod yarn;

pub use lines::LineIndex;

/// One PEP 508 requirement (`requests[socks]==2.19.0; python_version>"3"`) as a package,
/// for specs typed on a command line.
pub fn requirement_line(spec: &str) -> Option<Package> {
    requirements::requirement("", 0, spec)
}

use crate::ecosystem::Ecosystem;
use serde::{Deserialize, Serialize};

/// Where a package's code comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The ecosystem's public registry (or a mirror of it).
    Registry,
    /// A git repository (`git+https://...`, `github:owner/repo`).
    Git,
    /// A local path or workspace member.
    Path,
    /// A direct URL to an archive.
    Url,
}

/// One package as a lockfile or manifest declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    pub ecosystem: Ecosystem,
    /// The name as written in the file.
    pub name: String,
    /// The name normalised the way the ecosystem compares names (PEP 503, ...).
    pub normalized: String,
    /// The exact version, when the file pins one.
    pub version: Option<String>,
    /// The declared requirement when there is no exact version (`^1.2`, `>=2,<3`).
    pub requirement: Option<String>,
    /// Directly required by the project (`Some(false)`: only through other packages;
    /// `None`: the file does not say).
    pub direct: Option<bool>,
    /// Only needed for development (dev dependencies, dev groups).
    pub dev: bool,
    pub origin: Origin,
    /// The resolved URL or source string the file records, when it records one.
    pub resolved: Option<String>,
    /// Integrity hashes as written (`sha256:...`, `sha512-...`).
    pub hashes: Vec<String>,
    pub license: Option<String>,
    /// File the package came from, relative to the scan root.
    pub file: String,
    /// 1-based line of the package's entry in that file.
    pub line: u32,
    /// Names (normalised) of the packages this one depends on, as the lockfile records
    /// them; resolve them to packages with [`Inventory::edges`].
    pub dependencies: Vec<String>,
}

impl Package {
    /// A package with the fields every parser fills; the rest start empty.
    pub fn new(
        eco: Ecosystem,
        name: &str,
        version: Option<&str>,
        file: &str,
        line: u32,
    ) -> Package {
        Package {
            ecosystem: eco,
            name: name.to_string(),
            normalized: eco.normalize(name),
            version: version.filter(|v| !v.is_empty()).map(str::to_string),
            requirement: None,
            direct: None,
            dev: false,
            origin: Origin::Registry,
            resolved: None,
            hashes: Vec::new(),
            license: None,
            file: file.to_string(),
            line,
            dependencies: Vec::new(),
        }
    }

    /// Package URL (purl) of this package.
    pub fn purl(&self) -> String {
        self.ecosystem.purl(&self.name, self.version.as_deref())
    }
}

/// A file that could not be read as the format its name says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseWarning {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl std::fmt::Display for ParseWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// What one or more files declare.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inventory {
    pub packages: Vec<Package>,
    pub warnings: Vec<ParseWarning>,
}

impl Inventory {
    /// Dependency edges as index pairs into `packages` (from, to), resolved within each
    /// file by normalised name (the lockfile's own resolution).
    pub fn edges(&self) -> Vec<(usize, usize)> {
        use std::collections::HashMap;
        let mut by_name: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, p) in self.packages.iter().enumerate() {
            by_name
                .entry((p.file.as_str(), p.normalized.as_str()))
                .or_insert(i);
        }
        let mut out = Vec::new();
        for (i, p) in self.packages.iter().enumerate() {
            for d in &p.dependencies {
                if let Some(&j) = by_name.get(&(p.file.as_str(), d.as_str())) {
                    out.push((i, j));
                }
            }
        }
        out
    }

    pub fn extend(&mut self, other: Inventory) {
        self.packages.extend(other.packages);
        self.warnings.extend(other.warnings);
    }
}

/// The kind of dependency file a path names, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    CargoLock,
    NpmLock,
    YarnLock,
    PnpmLock,
    BunLock,
    Requirements,
    PoetryLock,
    UvLock,
    PipfileLock,
    PyLock,
    PyProject,
    PackageJson,
    GoMod,
    GoSum,
    GemfileLock,
    ComposerLock,
    CargoToml,
    Gemfile,
    ComposerJson,
    PomXml,
    GradleLock,
    NuGetLock,
}

impl FileKind {
    /// The kind of a path's file name, `None` for files that declare no dependencies.
    pub fn of_path(path: &str) -> Option<FileKind> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        if path.contains("node_modules/") {
            return None;
        }
        Some(match name {
            "Cargo.lock" => FileKind::CargoLock,
            "package-lock.json" | "npm-shrinkwrap.json" => FileKind::NpmLock,
            "yarn.lock" => FileKind::YarnLock,
            "pnpm-lock.yaml" => FileKind::PnpmLock,
            "bun.lock" => FileKind::BunLock,
            "poetry.lock" => FileKind::PoetryLock,
            "uv.lock" => FileKind::UvLock,
            "Pipfile.lock" => FileKind::PipfileLock,
            "pylock.toml" => FileKind::PyLock,
            "pyproject.toml" => FileKind::PyProject,
            "package.json" => FileKind::PackageJson,
            "go.mod" => FileKind::GoMod,
            "go.sum" => FileKind::GoSum,
            "Gemfile.lock" | "gems.locked" => FileKind::GemfileLock,
            "composer.lock" => FileKind::ComposerLock,
            "Cargo.toml" => FileKind::CargoToml,
            "Gemfile" | "gems.rb" => FileKind::Gemfile,
            "composer.json" => FileKind::ComposerJson,
            "pom.xml" => FileKind::PomXml,
            "gradle.lockfile" => FileKind::GradleLock,
            "packages.lock.json" => FileKind::NuGetLock,
            n if n.starts_with("pylock.") && n.ends_with(".toml") => FileKind::PyLock,
            n if is_requirements_name(n) => FileKind::Requirements,
            _ => return None,
        })
    }

    /// Manifests that only declare ranges; their packages are superseded by a lockfile
    /// next to them.
    pub fn is_manifest(self) -> bool {
        matches!(
            self,
            FileKind::PyProject
                | FileKind::PackageJson
                | FileKind::GoSum
                | FileKind::CargoToml
                | FileKind::Gemfile
                | FileKind::ComposerJson
        )
    }
}

fn is_requirements_name(n: &str) -> bool {
    (n.starts_with("requirements") || n.ends_with("requirements") || n.starts_with("constraints"))
        && (n.ends_with(".txt") || n.ends_with(".in"))
        || n.ends_with("-requirements.txt")
        || n.ends_with("_requirements.txt")
}

/// Parse one dependency file. `path` is what findings name (relative to the scan root);
/// `text` its content. Includes (`-r other.txt`) are resolved by the caller through
/// `read` (relative to the file), so a gate check of one edit reads nothing.
pub fn parse_file(path: &str, text: &str, read: &dyn Fn(&str) -> Option<String>) -> Inventory {
    let Some(kind) = FileKind::of_path(path) else {
        return Inventory::default();
    };
    let result = match kind {
        FileKind::CargoLock => cargo::parse(path, text),
        FileKind::NpmLock => npm_lock::parse(path, text),
        FileKind::YarnLock => yarn::parse(path, text),
        FileKind::PnpmLock => pnpm::parse(path, text),
        FileKind::BunLock => bun::parse(path, text),
        FileKind::Requirements => Ok(requirements::parse(path, text, read)),
        FileKind::PoetryLock => poetry::parse(path, text),
        FileKind::UvLock => uv::parse(path, text),
        FileKind::PipfileLock => pipfile::parse(path, text),
        FileKind::PyLock => pylock::parse(path, text),
        FileKind::PyProject => pyproject::parse(path, text),
        FileKind::PackageJson => package_json::parse(path, text),
        FileKind::GoMod => gomod::parse_mod(path, text),
        FileKind::GoSum => gomod::parse_sum(path, text),
        FileKind::GemfileLock => gemfile::parse(path, text),
        FileKind::ComposerLock => composer::parse(path, text),
        FileKind::CargoToml => cargo_toml::parse(path, text),
        FileKind::Gemfile => gemfile_manifest::parse(path, text),
        FileKind::ComposerJson => composer_json::parse(path, text),
        FileKind::PomXml => pom::parse(path, text),
        FileKind::GradleLock => gradle::parse(path, text),
        FileKind::NuGetLock => nuget_lock::parse(path, text),
    };
    match result {
        Ok(inv) => inv,
        Err(w) => Inventory {
            packages: Vec::new(),
            warnings: vec![w],
        },
    }
}

/// A parse failure of a whole file at a line.
pub(crate) fn broken(file: &str, line: u32, message: impl Into<String>) -> ParseWarning {
    ParseWarning {
        file: file.to_string(),
        line: line.max(1),
        message: message.into(),
    }
}

/// A JSON syntax error as a warning at its line.
pub(crate) fn json_error(file: &str, what: &str, e: serde_json::Error) -> ParseWarning {
    broken(file, e.line() as u32, format!("not a valid {what}: {e}"))
}

/// A TOML syntax error as a warning at its line.
pub(crate) fn toml_error(file: &str, text: &str, what: &str, e: toml::de::Error) -> ParseWarning {
    let line = e
        .span()
        .map(|s| LineIndex::new(text).line_of(s.start))
        .unwrap_or(1);
    let msg = e.message().to_string();
    broken(file, line, format!("not a valid {what}: {msg}"))
}

#[cfg(test)]
mod tests;
