//! The `Analyzer` trait: which files an analyzer wants and how it turns one into findings.
//!
//! The scan pipeline (working tree, diff, staged, history) and the agent gate (a Write or
//! Edit applied in memory) both call analyzers through this trait, so every moment sees
//! the same rules.

use crate::finding::Finding;
use crate::rule::RuleInfo;
use std::collections::HashMap;
use std::time::Duration;

/// What kind of file this is; rules use it to lower confidence or skip.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileClass {
    /// Under a test directory or named like a test (`test_x.py`, `x.test.ts`, `x_test.go`).
    pub test: bool,
    /// Documentation (`*.md`, `*.rst`, `docs/`).
    pub docs: bool,
    /// A lockfile (`Cargo.lock`, `package-lock.json`, `yarn.lock`, ...).
    pub lockfile: bool,
    /// Example or template configuration (`.env.example`, `*.sample`, `*.template`).
    pub example: bool,
}

impl FileClass {
    /// Classify by path alone (cheap, no content read).
    pub fn of_path(path: &str) -> FileClass {
        let lower = path.to_ascii_lowercase();
        let name = lower.rsplit('/').next().unwrap_or(&lower);
        let in_dir =
            |d: &str| lower.starts_with(&format!("{d}/")) || lower.contains(&format!("/{d}/"));
        let test = in_dir("test")
            || in_dir("tests")
            || in_dir("__tests__")
            || in_dir("spec")
            || in_dir("testdata")
            || in_dir("fixtures")
            || name.starts_with("test_")
            || name.contains(".test.")
            || name.contains(".spec.")
            || name.contains("_test.")
            || name.ends_with("_spec.rb");
        let docs = name.ends_with(".md")
            || name.ends_with(".rst")
            || name.ends_with(".adoc")
            || name.ends_with(".txt") && in_dir("docs")
            || in_dir("docs")
            || in_dir("doc");
        let lockfile = matches!(
            name,
            "cargo.lock"
                | "package-lock.json"
                | "npm-shrinkwrap.json"
                | "yarn.lock"
                | "pnpm-lock.yaml"
                | "poetry.lock"
                | "pipfile.lock"
                | "uv.lock"
                | "composer.lock"
                | "gemfile.lock"
                | "go.sum"
                | "packages.lock.json"
                | "bun.lock"
                | "flake.lock"
                | "mix.lock"
                | "pubspec.lock"
                | "podfile.lock"
        );
        let example = name.contains(".example")
            || name.contains(".sample")
            || name.contains(".template")
            || name.ends_with(".dist")
            || name.contains("example");
        FileClass {
            test,
            docs,
            lockfile,
            example,
        }
    }
}

/// One file's content as an analyzer sees it.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// Path relative to the scan root with `/` separators (or the agent's target path).
    pub path: &'a str,
    pub bytes: &'a [u8],
    pub class: FileClass,
}

impl<'a> SourceFile<'a> {
    pub fn new(path: &'a str, bytes: &'a [u8]) -> SourceFile<'a> {
        SourceFile {
            path,
            bytes,
            class: FileClass::of_path(path),
        }
    }
}

/// Where an analyzer puts its findings, and (when `--stats` asked for it) rule timings.
#[derive(Debug, Default)]
pub struct AnalyzeContext {
    pub findings: Vec<Finding>,
    /// `Some` only when timings were requested: rule id -> total time spent.
    pub rule_time: Option<HashMap<String, Duration>>,
    /// Problems that did not stop the analysis but the user should know about, such as a
    /// configuration file that does not parse (`path:line: ...`); the scan surfaces them
    /// next to unreadable files.
    pub warnings: Vec<String>,
}

impl AnalyzeContext {
    pub fn new(with_timings: bool) -> AnalyzeContext {
        AnalyzeContext {
            findings: Vec::new(),
            rule_time: with_timings.then(HashMap::new),
            warnings: Vec::new(),
        }
    }

    pub fn report(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Record a warning about the file being analyzed (it goes on to the scan summary).
    pub fn warn(&mut self, message: String) {
        self.warnings.push(message);
    }

    /// Add time spent in one rule; a no-op unless timings were requested.
    pub fn add_time(&mut self, rule_id: &str, d: Duration) {
        if let Some(map) = self.rule_time.as_mut() {
            *map.entry(rule_id.to_string()).or_default() += d;
        }
    }

    pub fn timing_enabled(&self) -> bool {
        self.rule_time.is_some()
    }
}

/// An analyzer: built once (rules compiled once), then run on many files in parallel.
pub trait Analyzer: Send + Sync {
    /// Short name for `--stats` (`secrets`, `code`, ...).
    fn name(&self) -> &'static str;
    /// Every rule this analyzer can report, for `vibeguard rules` and SARIF metadata.
    fn rules(&self) -> Vec<RuleInfo>;
    /// Cheap check by path: does this analyzer want the file at all?
    fn wants(&self, path: &str) -> bool {
        let _ = path;
        true
    }
    /// Analyze one file's bytes and report findings into `cx`.
    fn analyze(&self, file: &SourceFile<'_>, cx: &mut AnalyzeContext);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        assert!(FileClass::of_path("src/tests/helpers.py").test);
        assert!(FileClass::of_path("app/user.test.ts").test);
        assert!(!FileClass::of_path("src/main.rs").test);
        assert!(FileClass::of_path("frontend/package-lock.json").lockfile);
        assert!(FileClass::of_path("README.md").docs);
        assert!(FileClass::of_path(".env.example").example);
    }
}
