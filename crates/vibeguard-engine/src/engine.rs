//! [`Engine`]: the policy, the analyzers built once, and one `scan` for every target.

use crate::policy::{load_policy, repo_workdir};
use anyhow::{Context, bail};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vibeguard_core::baseline::{Baseline, BaselineIndex};
use vibeguard_core::pipeline::{self, FilterConfig, Progress, ScanOptions, ScanOutput};
use vibeguard_core::{Analyzer, Finding, Policy, Severity};

/// Builds the standard analyzers for a policy (the binary's `scan_analyzers`). The engine
/// takes it as input so that it depends on no analyzer crate.
pub type AnalyzerSet = fn(&Policy) -> anyhow::Result<Vec<Box<dyn Analyzer>>>;

/// What to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Walk the roots (working tree or any folder).
    Tree,
    /// Only lines of the working tree added since a revision.
    Diff(DiffBase),
    /// The index: what the next commit would add.
    Staged,
    /// Every blob reachable from any ref, once each (secrets only: a credential stays
    /// live after the commit that removed it, old insecure code is not actionable).
    History { since: Option<String> },
    /// One document as an editor holds it (unsaved text); `path` is relative to the
    /// engine's first root with `/` separators, as `scan` would print it. Exclusions,
    /// inline ignores and the baseline apply as for the file on disk.
    Document { path: String, text: String },
    /// A snippet an agent wants checked before writing it. `path` (real or made up)
    /// only tells the analyzers the language; the baseline does not apply because the
    /// snippet is not a file of the project yet.
    Snippet { path: String, text: String },
}

/// The revision a diff starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffBase {
    Rev(String),
    /// The pull or merge request's base, read from the CI environment (see [`crate::ci`]).
    FromCi,
}

/// How a scan is set up: the front end's flags, before the policy is read.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// Files or folders to scan; empty means the current directory.
    pub roots: Vec<PathBuf>,
    /// Extra exclude globs, on top of `[scan].exclude`, .gitignore and .vibeguardignore.
    pub exclude: Vec<String>,
    /// Largest file read; `None` takes `[scan].max_file_size` or 10 MiB.
    pub max_file_size: Option<u64>,
    /// Worker threads; `None` means one per core.
    pub threads: Option<usize>,
    /// Record per-rule timings (`--stats`).
    pub timings: bool,
    /// Live counters for a progress display.
    pub progress: Option<Arc<Progress>>,
    /// No registry look-ups for dependency names (`--offline`), whatever the policy says.
    pub offline: bool,
    /// `--threat-model`: replaces `[scan] threat_model` when given.
    pub threat_model: Option<vibeguard_core::ThreatModel>,
}

/// Which findings to keep, on top of the policy's switched-off rules and a change's
/// added lines (those the engine applies itself).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Drop findings accepted in this baseline.
    pub baseline: Option<BaselineIndex>,
    /// Drop findings below this severity.
    pub min_severity: Option<Severity>,
}

impl Filters {
    /// Filters with the baseline read from `path` (an unreadable or malformed baseline is
    /// an error).
    pub fn with_baseline_file(mut self, path: Option<&Path>) -> anyhow::Result<Filters> {
        if let Some(p) = path {
            self.baseline = Some(BaselineIndex::new(&Baseline::load(p)?));
        }
        Ok(self)
    }
}

/// The scan setup shared by every target: roots, policy, analyzers and walk options.
pub struct Engine {
    pub roots: Vec<PathBuf>,
    pub policy: Policy,
    /// Public so a front end may narrow the set (`--analyzers`); built once per engine.
    pub analyzers: Vec<Box<dyn Analyzer>>,
    pub options: ScanOptions,
}

impl Engine {
    /// Check the roots, load `vibeguard.toml` from the first one and build the analyzers.
    pub fn new(mut opts: EngineOptions, build: AnalyzerSet) -> anyhow::Result<Engine> {
        let roots = if opts.roots.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            std::mem::take(&mut opts.roots)
        };
        for r in &roots {
            if let Err(e) = std::fs::metadata(r) {
                bail!("cannot scan {}: {}", r.display(), io_reason(&e));
            }
        }
        let mut policy = load_policy(&roots[0])?;
        policy.deps.offline |= opts.offline;
        if let Some(t) = opts.threat_model {
            policy.scan.threat_model = Some(t);
        }
        let analyzers = build(&policy)?;
        Ok(Engine::with_parts(roots, policy, analyzers, opts))
    }

    /// An engine from an already loaded policy and analyzers (the language server keeps
    /// one per workspace folder and rebuilds it when `vibeguard.toml` changes).
    pub fn from_policy(
        root: PathBuf,
        policy: Policy,
        build: AnalyzerSet,
    ) -> anyhow::Result<Engine> {
        let analyzers = build(&policy)?;
        Ok(Engine::with_parts(
            vec![root],
            policy,
            analyzers,
            EngineOptions::default(),
        ))
    }

    fn with_parts(
        roots: Vec<PathBuf>,
        policy: Policy,
        analyzers: Vec<Box<dyn Analyzer>>,
        opts: EngineOptions,
    ) -> Engine {
        let mut exclude = policy.scan.exclude.clone();
        exclude.extend(opts.exclude);
        let options = ScanOptions {
            roots: roots.clone(),
            threads: pipeline::effective_threads(opts.threads.unwrap_or(0)),
            max_file_size: opts
                .max_file_size
                .or(policy.scan.max_file_size)
                .unwrap_or(pipeline::DEFAULT_MAX_FILE_SIZE),
            exclude,
            timings: opts.timings,
            only_paths: None,
            progress: opts.progress,
        };
        Engine {
            roots,
            policy,
            analyzers,
            options,
        }
    }

    /// Keep only the analyzers with these names (all of them when none is named); an
    /// unknown name is an error that lists the known ones.
    pub fn select_analyzers(&mut self, names: &[String]) -> anyhow::Result<()> {
        if names.is_empty() {
            return Ok(());
        }
        let known: Vec<&str> = self.analyzers.iter().map(|a| a.name()).collect();
        if let Some(bad) = names.iter().find(|n| !known.contains(&n.trim())) {
            bail!(
                "--analyzers: unknown analyzer `{bad}` (known: {})",
                known.join(", ")
            );
        }
        self.analyzers
            .retain(|a| names.iter().any(|n| n.trim() == a.name()));
        Ok(())
    }

    /// Rule ids switched off in the policy (`[scan].disable`, `[secrets].disable`).
    pub fn disabled_rules(&self) -> HashSet<String> {
        let mut set: HashSet<String> = self.policy.scan.disable.iter().cloned().collect();
        set.extend(self.policy.secrets.disable.iter().map(|id| {
            if id.contains('/') {
                id.clone()
            } else {
                format!("secrets/{id}")
            }
        }));
        set
    }

    /// The threshold at which findings fail the run: the flag, else `[scan].fail_on`,
    /// else `low`.
    pub fn fail_threshold(&self, flag: Option<Severity>) -> Severity {
        flag.or(self.policy.scan.fail_on).unwrap_or(Severity::Low)
    }

    /// The baseline at `<root>/.vibeguard/baseline.json`, when there is one (the editor
    /// and the git hook honour it without being told).
    pub fn default_baseline(&self) -> Option<PathBuf> {
        let root = crate::policy::policy_dir(&self.roots[0]);
        let path = root.join(vibeguard_core::baseline::DEFAULT_PATH);
        path.is_file().then_some(path)
    }

    /// Scan a target and apply every filter: inline suppressions, switched-off rules, the
    /// added lines of a change, the baseline and the severity threshold. Findings come
    /// back sorted (path, line, column, rule). A history scan narrows this engine to the
    /// secrets analyzer for good.
    pub fn scan(&mut self, target: &Target, filters: &Filters) -> anyhow::Result<ScanOutput> {
        let mut config = FilterConfig {
            disabled: self.disabled_rules(),
            baseline: filters.baseline.clone(),
            added_lines: None,
            min_severity: filters.min_severity,
        };
        let mut out = match target {
            Target::Tree => pipeline::scan_paths(&self.analyzers, &self.options)?,
            Target::Diff(base) => {
                let rev = match base {
                    DiffBase::Rev(r) => r.clone(),
                    DiffBase::FromCi => crate::ci::diff_base_from_env(&crate::ci::process_env)?,
                };
                let (out, added) = crate::git::scan_diff(self, &rev)?;
                config.added_lines = Some(added);
                out
            }
            Target::Staged => {
                let (out, added) = crate::git::scan_staged(self)?;
                config.added_lines = Some(added);
                out
            }
            Target::History { since } => {
                self.analyzers.retain(|a| a.name() == "secrets");
                crate::git::scan_history(self, since.as_deref())?
            }
            Target::Document { path, text } => {
                crate::document::scan_document(self, path, text.as_bytes())?
            }
            Target::Snippet { path, text } => {
                config.baseline = None;
                crate::document::scan_snippet(self, path, text.as_bytes())
            }
        };
        pipeline::apply_filters(&mut out, &config);
        Ok(out)
    }

    /// The one root the git targets work on.
    pub(crate) fn single_root(&self, flag: &str) -> anyhow::Result<&Path> {
        match self.roots.as_slice() {
            [one] => Ok(one),
            _ => bail!("{flag} takes at most one PATH (a folder inside the repository)"),
        }
    }

    /// Exclude globs plus the repository's top-level `.vibeguardignore`, for the targets
    /// that do not walk a folder (git objects, documents). A malformed ignore file is a
    /// warning, returned for the scan output.
    pub(crate) fn path_filter(
        &self,
        root: &Path,
    ) -> anyhow::Result<(pipeline::PathFilter, Option<String>)> {
        let excludes = pipeline::Excludes::new(&self.options.exclude)?;
        Ok(pipeline::PathFilter::new(
            repo_workdir(root).as_deref(),
            excludes,
        ))
    }

    pub(crate) fn thread_pool(&self) -> anyhow::Result<rayon::ThreadPool> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.options.threads)
            .build()
            .context("cannot start worker threads")
    }
}

/// Does any finding reach the threshold (the exit status of `scan`, the hook, the action)?
pub fn fails(findings: &[Finding], threshold: Severity) -> bool {
    findings.iter().any(|f| f.severity >= threshold)
}

/// `No such file or directory (os error 2)` -> `No such file or directory`.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}
