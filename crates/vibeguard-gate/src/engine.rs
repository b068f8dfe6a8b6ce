//! The engine: an [`Action`] in, a [`Verdict`] out.
//!
//! Each kind of action goes to the analysis that understands it (shell commands to the
//! shell analyzer, paths and URLs to their classifiers, written content to every content
//! analyzer on the before/after file); the policy then turns each finding into a
//! decision and the strictest one wins.

use crate::action::{Action, Decision, EditOp, GateFinding, Tier, Verdict};
use crate::content::{self, MAX_FILE_BYTES};
use crate::edit::apply_edits;
use crate::guard_config::check_config_change;
use crate::patch::{PatchOp, apply_hunks, parse_patch};
use crate::paths::{allowlisted, inside_any, resolve};
use crate::policy::GatePolicy;
use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use vibeguard_core::Analyzer;
use vibeguard_shell::{PathAccess, ShellContext};

/// Builds the content analyzers; called at most once per evaluation and only for
/// actions that carry content (writes, edits, patches, prompts).
pub type AnalyzerFactory<'a> = &'a dyn Fn() -> Result<Vec<Box<dyn Analyzer>>, String>;

/// Rule ids the URL classifier uses for private-network (not metadata) addresses; their
/// decision comes from `private_fetch`.
const PRIVATE_FETCH_RULES: &[&str] = &["gate/fetch-private-address", "gate/private-network-fetch"];

/// Tools that do nothing the gate needs to judge (planning, asking the user, sub-agents
/// whose own tool calls are hooked).
const INERT_TOOLS: &[&str] = &[
    "TodoWrite",
    "TodoRead",
    "Task",
    "Agent",
    "AskUserQuestion",
    "ExitPlanMode",
    "EnterPlanMode",
    "BashOutput",
    "KillShell",
    "KillBash",
    "ListMcpResourcesTool",
    "save_memory",
    "write_todos",
    "think",
    "update_plan",
    "SlashCommand",
    "Skill",
];

/// A finding with the decision the policy forces on it, if any.
struct Judged {
    finding: GateFinding,
    forced: Option<Decision>,
}

impl Judged {
    fn free(finding: GateFinding) -> Judged {
        Judged {
            finding,
            forced: None,
        }
    }
}

pub struct Engine<'a> {
    pub policy: &'a GatePolicy,
    /// cwd of the action, project root and home.
    pub cx: ShellContext,
    pub analyzers: AnalyzerFactory<'a>,
    /// Why the working directory or project root the hook reported cannot be used (it
    /// does not exist, or is not a directory): commands whose meaning depends on it
    /// are asked about instead of judged.
    pub broken_context: Option<String>,
    /// Judges packages that installs and manifest edits add (none: not checked).
    pub packages: Option<crate::packages::PackageCheckerFactory<'a>>,
    checker: OnceCell<Option<Box<dyn vibeguard_core::PackageChecker>>>,
}

impl<'a> Engine<'a> {
    pub fn new(policy: &'a GatePolicy, cx: ShellContext, analyzers: AnalyzerFactory<'a>) -> Self {
        Engine {
            policy,
            cx,
            analyzers,
            broken_context: None,
            packages: None,
            checker: OnceCell::new(),
        }
    }

    /// Check the packages installs and manifest edits add with this checker.
    pub fn with_packages(mut self, factory: crate::packages::PackageCheckerFactory<'a>) -> Self {
        self.packages = Some(factory);
        self
    }

    fn package_checker(&self) -> Option<&dyn vibeguard_core::PackageChecker> {
        let factory = self.packages?;
        self.checker.get_or_init(factory).as_deref()
    }

    /// Findings for the packages one shell command installs.
    fn package_installs(&self, installs: &[vibeguard_shell::PackageInstall]) -> Vec<Judged> {
        let Some(checker) = self.package_checker() else {
            return Vec::new();
        };
        let requests: Vec<_> = installs
            .iter()
            .flat_map(|p| checker.requests_from_command(&p.manager, &p.packages))
            .collect();
        crate::packages::judge(checker, &requests, self.policy.profile)
            .into_iter()
            .map(|(finding, forced)| Judged { finding, forced })
            .collect()
    }

    /// Findings for the dependencies an edit adds to a manifest.
    fn manifest_packages(&self, rel: &str, before: &str, after: &str) -> Vec<Judged> {
        if !crate::packages::is_manifest_name(rel) {
            return Vec::new();
        }
        let Some(checker) = self.package_checker() else {
            return Vec::new();
        };
        let requests = checker.requests_from_manifest(rel, before, after);
        crate::packages::judge(checker, &requests, self.policy.profile)
            .into_iter()
            .map(|(finding, forced)| Judged { finding, forced })
            .collect()
    }

    /// Judge one action.
    pub fn evaluate(&self, action: &Action) -> Verdict {
        let built: OnceCell<Result<Vec<Box<dyn Analyzer>>, String>> = OnceCell::new();
        let analyzers = || -> &[Box<dyn Analyzer>] {
            match built.get_or_init(|| (self.analyzers)()) {
                Ok(v) => v,
                Err(_) => &[],
            }
        };
        let mut packages = Vec::new();
        let judged = match action {
            Action::Shell { command, cwd } => {
                let mut out = self.shell(command, cwd.as_deref(), &mut packages);
                if content::may_hold_secret(command) {
                    out.extend(
                        content::introduced(analyzers(), "command.sh", "", command)
                            .iter()
                            .map(|f| Judged::free(content::command_finding(f))),
                    );
                }
                out
            }
            Action::Write { path, content } => self.write(path, None, content, &analyzers),
            Action::Edit { path, edits } => self.edit(path, edits, &analyzers),
            Action::Patch { patch, cwd } => self.patch(patch, cwd.as_deref(), &analyzers),
            Action::Read { path } => self.path_access(path, PathAccess::Read),
            Action::ReadMany { paths } => paths
                .iter()
                .flat_map(|p| self.search(&p.to_string_lossy(), None))
                .collect(),
            Action::Delete { path } => self.path_access(path, PathAccess::Delete),
            Action::Search {
                pattern,
                path,
                file_glob,
            } => {
                let mut found = self.search(pattern, path.as_deref());
                if let Some(g) = file_glob {
                    found.extend(self.search_glob(g, path.as_deref()));
                }
                found
            }
            Action::Fetch { urls } => {
                let mut out = self.fetch(urls);
                out.extend(urls.iter().flat_map(|u| url_secrets(analyzers(), u)));
                out
            }
            Action::WebSearch { .. } => Vec::new(),
            Action::Mcp {
                server,
                tool,
                input,
            } => {
                let mut out = self.mcp(server, tool);
                out.extend(self.arguments(tool, input, &mut packages, &analyzers));
                // What the call carries: URLs it will reach, secrets it would send.
                let mut urls = Vec::new();
                collect_urls(input, &mut urls);
                out.extend(self.fetch(&urls));
                out.extend(urls.iter().flat_map(|u| url_secrets(analyzers(), u)));
                let text = input.to_string();
                if content::may_hold_secret(&text) {
                    out.extend(
                        content::introduced(analyzers(), "mcp-arguments.json", "", &text)
                            .iter()
                            .map(|f| Judged::free(content::command_finding(f))),
                    );
                }
                out
            }
            Action::Prompt { text } => analyzers_prompt(analyzers(), text),
            Action::ConfigChange { source, path } => check_config_change(
                source,
                path.as_deref(),
                &self.cx.project_root,
                &self.cx.home,
            )
            .into_iter()
            .map(Judged::free)
            .collect(),
            Action::Other { tool, input } => {
                let mut out = self.other(tool);
                if !INERT_TOOLS.contains(&tool.as_str()) {
                    out.extend(self.arguments(tool, input, &mut packages, &analyzers));
                    let mut urls = Vec::new();
                    collect_urls(input, &mut urls);
                    out.extend(self.fetch(&urls));
                }
                out
            }
        };
        let mut judged = judged;
        if let Some(Err(e)) = built.get() {
            judged.push(Judged {
                finding: GateFinding {
                    rule_id: "gate/analyzer-unavailable".to_string(),
                    tier: Tier::High,
                    reason: format!("the content could not be checked: {e}"),
                    hint: Some("fix the [secrets] section of vibeguard.toml".to_string()),
                },
                forced: Some(self.policy.profile.fail_closed()),
            });
        }
        let mut v = self.decide(judged);
        v.packages = packages;
        v
    }

    fn decide(&self, judged: Vec<Judged>) -> Verdict {
        let mut decided: Vec<(Decision, GateFinding)> = judged
            .into_iter()
            .map(|j| {
                let d = self
                    .policy
                    .rule_override(&j.finding.rule_id)
                    .or(j.forced)
                    .unwrap_or_else(|| self.policy.profile.decide(j.finding.tier));
                (d, j.finding)
            })
            .collect();
        // Strictest first, then highest tier, so the reason leads with what matters.
        decided.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.tier.cmp(&a.1.tier)));
        let decision = decided.first().map(|d| d.0).unwrap_or(Decision::Allow);
        let reason = decided
            .iter()
            .filter(|(d, _)| *d == decision)
            .map(|(_, f)| explain(f))
            .collect::<Vec<_>>()
            .join("; ");
        Verdict {
            decision,
            findings: decided.into_iter().map(|(_, f)| f).collect(),
            reason,
            packages: Vec::new(),
        }
    }

    fn resolve(&self, p: &Path) -> PathBuf {
        resolve(p, &self.cx.cwd, &self.cx.home)
    }

    fn allowlisted(&self, abs: &Path) -> bool {
        allowlisted(
            abs,
            &self.policy.allow_paths,
            &self.cx.project_root,
            &self.cx.home,
        )
    }

    fn shell(&self, command: &str, cwd: Option<&Path>, packages: &mut Vec<String>) -> Vec<Judged> {
        let mut cx = self.cx.clone();
        if let Some(c) = cwd {
            cx.cwd = self.resolve(c);
        }
        let report = vibeguard_shell::analyze_command(command, &cx);
        for p in &report.packages {
            for name in &p.packages {
                packages.push(format!("{}:{name}", p.manager));
            }
        }
        let mut out = self.package_installs(&report.packages);
        out.extend(report.findings.into_iter().map(Judged::free));
        if let Some(why) = &self.broken_context
            && depends_on_cwd(command)
        {
            out.push(Judged {
                finding: GateFinding {
                    rule_id: "gate/cwd-unavailable".to_string(),
                    tier: Tier::Medium,
                    reason: format!("{why}, so what this command deletes, writes or changes in git cannot be told"),
                    hint: Some("run the command with absolute paths from an existing directory".to_string()),
                },
                forced: Some(Decision::Ask),
            });
        }
        if let Some(err) = report.parse_error
            && out.is_empty()
        {
            out.push(Judged::free(GateFinding {
                rule_id: "gate/shell-unparsed".to_string(),
                tier: Tier::Medium,
                reason: format!(
                    "the command could not be parsed ({err}), so vibeguard cannot tell what it does"
                ),
                hint: Some("split it into simpler commands".to_string()),
            }));
        }
        out
    }

    /// Path findings for a file tool, minus allowlisted paths, plus the scope check for
    /// writes and deletes.
    fn path_access(&self, path: &Path, access: PathAccess) -> Vec<Judged> {
        let abs = self.resolve(path);
        if self.allowlisted(&abs) {
            return Vec::new();
        }
        let mut out: Vec<Judged> = vibeguard_shell::classify_path(&abs, access, &self.cx)
            .into_iter()
            .map(Judged::free)
            .collect();
        if access != PathAccess::Read && !self.in_scope(&abs) {
            out.push(Judged::free(GateFinding {
                rule_id: "gate/write-outside-scope".to_string(),
                tier: Tier::Medium,
                reason: format!(
                    "{} is outside the directories this agent may change ({})",
                    abs.display(),
                    self.policy.scope.join(", ")
                ),
                hint: Some(
                    "work inside the project, or add the directory to `scope` in vibeguard.toml [gate]"
                        .to_string(),
                ),
            }));
        }
        out
    }

    fn in_scope(&self, abs: &Path) -> bool {
        let mut dirs: Vec<PathBuf> = self
            .policy
            .scope
            .iter()
            .map(|s| resolve(Path::new(s), &self.cx.project_root, &self.cx.home))
            .collect();
        // Scratch files in the system temp directory are not project changes.
        dirs.push(resolve(
            &std::env::temp_dir(),
            Path::new("/"),
            &self.cx.home,
        ));
        inside_any(abs, &dirs)
    }

    fn write<'b>(
        &self,
        path: &Path,
        before: Option<&str>,
        after: &str,
        analyzers: &dyn Fn() -> &'b [Box<dyn Analyzer>],
    ) -> Vec<Judged> {
        let mut out = self.path_access(path, PathAccess::Write);
        let abs = self.resolve(path);
        let current;
        let before = match before {
            Some(b) => b,
            None => {
                current = read_current(&abs);
                &current
            }
        };
        out.extend(self.content_findings(&abs, before, after, analyzers()));
        let hooks = self.cx.project_root.join(".git/hooks");
        if abs.starts_with(&hooks)
            && abs != hooks
            && let Some(why) = vibeguard_shell::git_hook_risk(after, &self.cx)
        {
            out.push(Judged::free(GateFinding {
                rule_id: "gate/persistence-or-system-write".to_string(),
                tier: Tier::High,
                reason: format!(
                    "the git hook {} {why}; it would run on every commit or checkout",
                    abs.display()
                ),
                hint: Some(
                    "keep git hooks to local checks (formatters, linters, tests)".to_string(),
                ),
            }));
        }
        out
    }

    fn content_findings(
        &self,
        abs: &Path,
        before: &str,
        after: &str,
        analyzers: &[Box<dyn Analyzer>],
    ) -> Vec<Judged> {
        let rel = abs
            .strip_prefix(&self.cx.project_root)
            .unwrap_or(abs)
            .to_string_lossy()
            .replace('\\', "/");
        let mut out: Vec<Judged> = content::introduced(analyzers, &rel, before, after)
            .iter()
            .map(|f| Judged::free(content::write_finding(&rel, f)))
            .collect();
        out.extend(self.manifest_packages(&rel, before, after));
        out
    }

    fn edit<'b>(
        &self,
        path: &Path,
        edits: &[EditOp],
        analyzers: &dyn Fn() -> &'b [Box<dyn Analyzer>],
    ) -> Vec<Judged> {
        let abs = self.resolve(path);
        let Some(before) = read_existing(&abs) else {
            // The target cannot be read (missing, unreadable, not a file): judge the
            // text the edit adds on its own, against the text it removes.
            let mut out = self.path_access(path, PathAccess::Write);
            let added: String = edits.iter().map(|e| format!("{}\n", e.new)).collect();
            let removed: String = edits.iter().map(|e| format!("{}\n", e.old)).collect();
            out.extend(self.content_findings(&abs, &removed, &added, analyzers()));
            return out;
        };
        match apply_edits(&before, edits) {
            Ok(after) => self.write(path, Some(&before), &after, analyzers),
            Err(e) => {
                let mut out = self.path_access(path, PathAccess::Write);
                // Still scan the new text on its own, so a secret in it is named.
                let added: String = edits.iter().map(|e| format!("{}\n", e.new)).collect();
                let removed: String = edits.iter().map(|e| format!("{}\n", e.old)).collect();
                out.extend(self.content_findings(&abs, &removed, &added, analyzers()));
                out.push(Judged {
                    finding: GateFinding {
                        rule_id: "gate/edit-unverifiable".to_string(),
                        tier: Tier::Medium,
                        reason: format!(
                            "cannot check the edit of {}: {e}, so the resulting file is unknown",
                            abs.display()
                        ),
                        hint: Some(
                            "read the file again and repeat the edit with its exact current text"
                                .to_string(),
                        ),
                    },
                    forced: Some(Decision::Ask),
                });
                out
            }
        }
    }

    fn patch<'b>(
        &self,
        patch: &str,
        cwd: Option<&Path>,
        analyzers: &dyn Fn() -> &'b [Box<dyn Analyzer>],
    ) -> Vec<Judged> {
        let base = cwd
            .map(|c| self.resolve(c))
            .unwrap_or_else(|| self.cx.cwd.clone());
        let ops = match parse_patch(patch) {
            Ok(ops) => ops,
            Err(e) => {
                return vec![Judged {
                    finding: GateFinding {
                        rule_id: "gate/patch-unparsed".to_string(),
                        tier: Tier::Medium,
                        reason: format!(
                            "the patch could not be parsed ({e}); its effect is unknown"
                        ),
                        hint: Some("send a well-formed `*** Begin Patch` envelope".to_string()),
                    },
                    forced: Some(Decision::Ask),
                }];
            }
        };
        let mut out = Vec::new();
        for op in ops {
            match op {
                PatchOp::Add { path, content } => {
                    out.extend(self.write(&base.join(&path), None, &content, analyzers));
                }
                PatchOp::Delete { path } => {
                    out.extend(self.path_access(&base.join(&path), PathAccess::Delete));
                }
                PatchOp::Update {
                    path,
                    move_to,
                    hunks,
                } => {
                    let src = base.join(&path);
                    let before = read_current(&self.resolve(&src));
                    match apply_hunks(&path, &before, &hunks) {
                        Ok(after) => {
                            let target = move_to.as_ref().map(|m| base.join(m));
                            if let Some(t) = &target {
                                out.extend(self.path_access(&src, PathAccess::Delete));
                                out.extend(self.write(t, Some(&before), &after, analyzers));
                            } else {
                                out.extend(self.write(&src, Some(&before), &after, analyzers));
                            }
                        }
                        Err(e) => {
                            out.extend(self.path_access(&src, PathAccess::Write));
                            let added: String = hunks
                                .iter()
                                .flat_map(|h| h.new_lines.iter())
                                .map(|l| format!("{l}\n"))
                                .collect();
                            let old: String = hunks
                                .iter()
                                .flat_map(|h| h.old_lines.iter())
                                .map(|l| format!("{l}\n"))
                                .collect();
                            out.extend(self.content_findings(
                                &self.resolve(&src),
                                &old,
                                &added,
                                analyzers(),
                            ));
                            out.push(Judged {
                                finding: GateFinding {
                                    rule_id: "gate/edit-unverifiable".to_string(),
                                    tier: Tier::Medium,
                                    reason: format!("cannot check the patch: {e}, so the resulting file is unknown"),
                                    hint: Some("read the file again and regenerate the patch against its current text".to_string()),
                                },
                                forced: Some(Decision::Ask),
                            });
                        }
                    }
                }
            }
        }
        out
    }

    fn search(&self, pattern: &str, path: Option<&Path>) -> Vec<Judged> {
        let mut out = Vec::new();
        if let Some(p) = path {
            out.extend(self.path_access(p, PathAccess::Read));
        }
        // A Glob pattern is itself a path (`~/.ssh/*`); a Grep pattern is a regex, which
        // classify_path simply will not recognise.
        if pattern.contains('/') || pattern.starts_with('.') || pattern.starts_with('~') {
            let base = path
                .map(|p| self.resolve(p))
                .unwrap_or_else(|| self.cx.cwd.clone());
            let joined = crate::paths::absolutize(Path::new(pattern), &base, &self.cx.home);
            out.extend(self.path_access(&joined, PathAccess::Read));
        }
        out
    }

    /// Grep's `glob` filter (`.env*`, `*.pem`, `**/id_rsa*`) decides which files the
    /// search reads, so unlike the content regex it is always a path pattern. A negated
    /// filter (`!*.env`) excludes files and is not checked.
    fn search_glob(&self, glob: &str, path: Option<&Path>) -> Vec<Judged> {
        if glob.is_empty() || glob.starts_with('!') {
            return Vec::new();
        }
        let base = path
            .map(|p| self.resolve(p))
            .unwrap_or_else(|| self.cx.cwd.clone());
        let joined = crate::paths::absolutize(Path::new(glob), &base, &self.cx.home);
        self.path_access(&joined, PathAccess::Read)
    }

    fn fetch(&self, urls: &[String]) -> Vec<Judged> {
        urls.iter()
            .flat_map(|u| vibeguard_shell::classify_url(u))
            .map(|f| {
                let forced = PRIVATE_FETCH_RULES
                    .contains(&f.rule_id.as_str())
                    .then_some(self.policy.private_fetch);
                Judged { finding: f, forced }
            })
            .collect()
    }

    fn mcp(&self, server: &str, tool: &str) -> Vec<Judged> {
        match self.policy.mcp_decision(server, tool) {
            Some((key, decision)) => vec![Judged {
                finding: GateFinding {
                    rule_id: "gate/mcp-policy".to_string(),
                    tier: match decision {
                        Decision::Allow => Tier::Low,
                        Decision::Ask => Tier::Medium,
                        Decision::Deny => Tier::High,
                    },
                    reason: format!(
                        "MCP tool {server}/{tool}: vibeguard.toml [gate.mcp] \"{key}\" = \"{}\"",
                        decision.as_str()
                    ),
                    hint: (decision != Decision::Allow).then(|| {
                        "use another tool, or ask a person to change [gate.mcp] in vibeguard.toml".to_string()
                    }),
                },
                forced: Some(decision),
            }],
            None if crate::arguments::destructive_verb(tool).is_some() => {
                let verb = crate::arguments::destructive_verb(tool).unwrap_or_default();
                vec![Judged::free(GateFinding {
                    rule_id: "gate/mcp-destructive-tool".to_string(),
                    tier: Tier::Medium,
                    reason: format!(
                        "MCP tool {server}/{tool} looks like it will {verb} something on a remote service, which cannot be undone from here"
                    ),
                    hint: Some(format!(
                        "ask the user to run it, or allow it in vibeguard.toml [gate.mcp] (\"{server}/{tool}\" = \"allow\")"
                    )),
                })]
            }
            None => vec![Judged::free(GateFinding {
                rule_id: "gate/mcp-call".to_string(),
                tier: Tier::Low,
                reason: format!("MCP tool {server}/{tool} (no [gate.mcp] entry)"),
                hint: None,
            })],
        }
    }

    /// Findings from a tool's arguments judged by their shape (see [`crate::arguments`]).
    fn arguments<'b>(
        &self,
        tool: &str,
        input: &serde_json::Value,
        packages: &mut Vec<String>,
        analyzers: &dyn Fn() -> &'b [Box<dyn Analyzer>],
    ) -> Vec<Judged> {
        let args = crate::arguments::shapes(tool, input);
        let mut out = Vec::new();
        for c in args.commands.iter().take(8) {
            out.extend(self.shell(c, None, packages));
        }
        for p in args.reads.iter().take(64) {
            out.extend(self.search(p, None));
        }
        for (p, content) in args.writes.iter().take(64) {
            let path = crate::paths::absolutize(Path::new(p), &self.cx.cwd, &self.cx.home);
            if !args.edits.is_empty() {
                out.extend(self.edit(&path, &args.edits, analyzers));
            } else if let Some(text) = content {
                out.extend(self.write(&path, None, text, analyzers));
            } else {
                out.extend(self.path_access(&path, PathAccess::Write));
            }
        }
        out
    }

    fn other(&self, tool: &str) -> Vec<Judged> {
        if INERT_TOOLS.contains(&tool) {
            return Vec::new();
        }
        vec![Judged {
            finding: GateFinding {
                rule_id: "gate/unknown-tool".to_string(),
                tier: Tier::Low,
                reason: format!(
                    "vibeguard does not model the tool `{tool}`; decided by `unknown_tool`"
                ),
                hint: None,
            },
            forced: Some(self.policy.unknown_tool),
        }]
    }
}

/// One finding as a sentence the agent can act on: rule id, what is wrong, what to do.
fn explain(f: &GateFinding) -> String {
    let mut s = if f.reason.starts_with(&f.rule_id) {
        f.reason.clone()
    } else {
        format!("{}: {}", f.rule_id, f.reason)
    };
    if let Some(h) = &f.hint
        && !s.contains(h.as_str())
    {
        s.push_str(" (instead: ");
        s.push_str(h);
        s.push(')');
    }
    s
}

fn analyzers_prompt(analyzers: &[Box<dyn Analyzer>], text: &str) -> Vec<Judged> {
    content::introduced(analyzers, "prompt.txt", "", text)
        .iter()
        .map(|f| Judged::free(content::prompt_finding(f)))
        .collect()
}

/// Every http(s) URL among the string values of an MCP call's arguments.
fn collect_urls(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => {
            let t = s.trim();
            let lower = t.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                out.push(t.to_string());
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_urls(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_urls(x, out)),
        _ => {}
    }
}

/// Whether a shell command's meaning depends on its working directory: it deletes,
/// writes or moves files, changes permissions, uses git, or redirects into a file.
fn depends_on_cwd(command: &str) -> bool {
    const PROGRAMS: &[&str] = &[
        "rm", "rmdir", "unlink", "shred", "find", "mv", "cp", "ln", "chmod", "chown", "chgrp",
        "rsync", "tar", "unzip", "truncate", "tee", "dd", "sed", "git", "make", "touch", "mkdir",
        "install", "patch", "npm", "yarn", "pnpm", "bun", "xargs",
    ];
    let redirect = command
        .match_indices('>')
        .any(|(i, _)| !command[i + 1..].starts_with('&') && !command[..i].ends_with(['2', '&']));
    redirect
        || command
            .split(|c: char| c.is_whitespace() || matches!(c, ';' | '|' | '&' | '(' | ')' | '`'))
            .map(|w| w.rsplit('/').next().unwrap_or(w))
            .any(|w| PROGRAMS.contains(&w))
}

/// Secrets carried in a URL's query, path or user part (`?key=AKIA...`,
/// `https://user:TOKEN@host/`): a fetch would hand them to that host and its logs.
fn url_secrets(analyzers: &[Box<dyn Analyzer>], url: &str) -> Vec<Judged> {
    if !content::may_hold_secret(url) && !url.contains('@') {
        return Vec::new();
    }
    // split the URL into words so token rules see each value on its own
    let text: String = url
        .chars()
        .map(|c| {
            if matches!(c, '?' | '&' | '=' | '/' | '@' | ':' | '#') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out: Vec<Judged> = content::introduced(analyzers, "fetch-url.txt", "", &format!("{url}\n{text}\n"))
        .iter()
        .map(|f| {
            Judged::free(GateFinding {
                rule_id: "gate/secret-exfiltration".to_string(),
                tier: Tier::High,
                reason: format!(
                    "the URL carries a credential ({}: {}); fetching it hands the secret to that host and its logs",
                    f.rule_id, f.message
                ),
                hint: Some("never put credentials in URLs; send them only to their own service, in a header".to_string()),
            })
        })
        .collect();
    out.truncate(1);
    out
}

/// The file as it is now, or `None` when it cannot be read as a regular file.
fn read_existing(abs: &Path) -> Option<String> {
    let m = std::fs::metadata(abs).ok()?;
    if !m.is_file() || m.len() > MAX_FILE_BYTES {
        return None;
    }
    std::fs::read(abs)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// The file as it is now: missing, unreadable, a directory or too large read as empty
/// (then every finding of the new content counts as introduced).
fn read_current(abs: &Path) -> String {
    match std::fs::metadata(abs) {
        Ok(m) if m.is_file() && m.len() <= MAX_FILE_BYTES => std::fs::read(abs)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Profile;
    use std::cell::Cell;

    fn secret() -> String {
        ["k9Xq2Lm7Pz4R", "t8Wv1Ny6Bc3H", "d5Fg0Js2Ka7Q", "e9Ui"].concat()
    }

    fn secrets() -> Result<Vec<Box<dyn Analyzer>>, String> {
        Ok(vec![
            Box::new(vibeguard_secrets::SecretsAnalyzer::builtin()),
        ])
    }

    struct Fixture {
        dir: tempfile::TempDir,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(
                dir.path().join("app.py"),
                format!(
                    "import os\naws_secret_access_key = \"{}\"\nA = 1\n",
                    secret()
                ),
            )
            .unwrap();
            Fixture { dir }
        }
        fn root(&self) -> PathBuf {
            self.dir.path().canonicalize().unwrap()
        }
        fn cx(&self) -> ShellContext {
            ShellContext {
                cwd: self.root(),
                project_root: self.root(),
                home: PathBuf::from("/nonexistent-home"),
            }
        }
        fn eval(&self, policy: &GatePolicy, action: &Action) -> Verdict {
            Engine::new(policy, self.cx(), &secrets).evaluate(action)
        }
    }

    fn edit(old: &str, new: &str) -> EditOp {
        EditOp {
            old: old.into(),
            new: new.into(),
            replace_all: false,
        }
    }

    /// Real Grep tool input, mapped by the adapter and judged by the engine.
    fn grep_verdict(f: &Fixture, input: serde_json::Value) -> Verdict {
        let root = f.root();
        let a = crate::adapters::tools::tool_action("Grep", &input, Some(&root)).unwrap();
        f.eval(&GatePolicy::default(), &a)
    }

    #[test]
    fn a_grep_file_filter_naming_secret_files_is_a_secret_read() {
        let f = Fixture::new();
        let root = f.root().display().to_string();
        for glob in [".env*", "*.pem", "id_rsa*", "**/.env.production"] {
            let v = grep_verdict(
                &f,
                serde_json::json!({"pattern": "secret", "path": root, "glob": glob}),
            );
            assert_ne!(v.decision, Decision::Allow, "{glob}: {v:?}");
            assert!(
                v.reason.contains("gate/read-secret-file"),
                "{glob}: {}",
                v.reason
            );
        }
        // Gemini's search tool names the filter `include`.
        let v = grep_verdict(&f, serde_json::json!({"pattern": "x", "include": "*.pem"}));
        assert_ne!(v.decision, Decision::Allow, "{v:?}");
        for glob in ["*.py", "src/**/*.rs", "!.env*", "*.{ts,tsx}"] {
            let v = grep_verdict(
                &f,
                serde_json::json!({"pattern": "secret", "path": root, "glob": glob}),
            );
            assert_eq!(v.decision, Decision::Allow, "{glob}: {v:?}");
        }
    }

    #[test]
    fn only_findings_the_edit_introduces_count() {
        let f = Fixture::new();
        let p = GatePolicy::default();
        let keep = f.eval(
            &p,
            &Action::Edit {
                path: f.root().join("app.py"),
                edits: vec![edit("A = 1", "A = 2")],
            },
        );
        assert_eq!(keep.decision, Decision::Allow, "{keep:?}");
        // A second copy of the same secret is new exposure.
        let copy = f.eval(
            &p,
            &Action::Edit {
                path: f.root().join("app.py"),
                edits: vec![edit(
                    "A = 1",
                    &format!("A = 1\nbackup_aws_secret_access_key = \"{}\"", secret()),
                )],
            },
        );
        assert_eq!(copy.decision, Decision::Deny, "{copy:?}");
        assert!(
            copy.reason
                .contains("secrets/aws-secret-access-key at line 4 of app.py"),
            "{}",
            copy.reason
        );
        assert!(!copy.reason.contains(&secret()));
    }

    #[test]
    fn a_write_over_an_existing_file_compares_with_its_content() {
        let f = Fixture::new();
        let p = GatePolicy::default();
        let same = std::fs::read_to_string(f.root().join("app.py")).unwrap() + "B = 2\n";
        let v = f.eval(
            &p,
            &Action::Write {
                path: f.root().join("app.py"),
                content: same,
            },
        );
        assert_eq!(v.decision, Decision::Allow, "{v:?}");
        let fresh = f.eval(
            &p,
            &Action::Write {
                path: f.root().join("new.py"),
                content: format!("x = 1\naws_secret_access_key = \"{}\"\n", secret()),
            },
        );
        assert_eq!(fresh.decision, Decision::Deny);
    }

    #[test]
    fn an_edit_that_cannot_be_applied_asks() {
        let f = Fixture::new();
        let v = f.eval(
            &GatePolicy::default(),
            &Action::Edit {
                path: f.root().join("app.py"),
                edits: vec![edit("NOT THERE", "x")],
            },
        );
        assert_eq!(v.decision, Decision::Ask);
        assert_eq!(v.findings[0].rule_id, "gate/edit-unverifiable");
    }

    #[test]
    fn patches_are_applied_and_scanned() {
        let f = Fixture::new();
        let p = GatePolicy::default();
        let add = format!(
            "*** Begin Patch\n*** Update File: app.py\n@@\n A = 1\n+token_aws_secret_access_key = \"{}\"\n*** End Patch\n",
            secret().chars().rev().collect::<String>()
        );
        let v = f.eval(
            &p,
            &Action::Patch {
                patch: add,
                cwd: None,
            },
        );
        assert_eq!(v.decision, Decision::Deny, "{v:?}");
        let clean = "*** Begin Patch\n*** Update File: app.py\n@@\n-A = 1\n+A = 3\n*** End Patch\n";
        let v = f.eval(
            &p,
            &Action::Patch {
                patch: clean.into(),
                cwd: None,
            },
        );
        assert_eq!(v.decision, Decision::Allow, "{v:?}");
        let v = f.eval(
            &p,
            &Action::Patch {
                patch: "not a patch".into(),
                cwd: None,
            },
        );
        assert_eq!(v.decision, Decision::Ask);
    }

    #[test]
    fn analyzers_are_built_only_for_content() {
        let f = Fixture::new();
        let calls = Cell::new(0);
        let counting = || {
            calls.set(calls.get() + 1);
            secrets()
        };
        let p = GatePolicy::default();
        let e = Engine::new(&p, f.cx(), &counting);
        e.evaluate(&Action::Shell {
            command: "ls".into(),
            cwd: None,
        });
        e.evaluate(&Action::Read {
            path: f.root().join("app.py"),
        });
        assert_eq!(calls.get(), 0);
        e.evaluate(&Action::Write {
            path: f.root().join("b.py"),
            content: "x".into(),
        });
        assert_eq!(calls.get(), 1);
    }

    #[test]
    fn a_broken_analyzer_setup_fails_closed() {
        let f = Fixture::new();
        let broken = || -> Result<Vec<Box<dyn Analyzer>>, String> { Err("bad regex".into()) };
        let p = GatePolicy::default();
        let v = Engine::new(&p, f.cx(), &broken).evaluate(&Action::Write {
            path: f.root().join("b.py"),
            content: "x".into(),
        });
        assert_eq!(v.decision, Decision::Ask);
        assert!(v.reason.contains("bad regex"));
    }

    #[test]
    fn writes_outside_scope_and_unknown_tools_follow_the_profile() {
        let f = Fixture::new();
        let outside = tempfile::tempdir().unwrap();
        let action = Action::Write {
            path: outside.path().join("x.txt"),
            content: "hello".into(),
        };
        // The test's temp dir is scratch space by default; pin scope to the project
        // and compare against a path that is neither.
        let mut p = GatePolicy::default();
        let elsewhere = Action::Write {
            path: PathBuf::from("/nonexistent-home/notes/x.txt"),
            content: "hi".into(),
        };
        let v = f.eval(&p, &elsewhere);
        assert_eq!(v.decision, Decision::Ask, "{v:?}");
        assert_eq!(v.findings[0].rule_id, "gate/write-outside-scope");
        p.scope = vec![".".into(), "~/notes".into()];
        assert_eq!(f.eval(&p, &elsewhere).decision, Decision::Allow);
        assert_eq!(f.eval(&p, &action).decision, Decision::Allow);

        let tool = Action::Other {
            tool: "Teleport".into(),
            input: serde_json::Value::Null,
        };
        let v = f.eval(&GatePolicy::default(), &tool);
        assert_eq!(v.decision, Decision::Allow);
        assert_eq!(
            v.findings[0].rule_id, "gate/unknown-tool",
            "logged as a low finding"
        );
        assert_eq!(
            f.eval(&GatePolicy::for_profile(Profile::Strict), &tool)
                .decision,
            Decision::Ask
        );
        let inert = Action::Other {
            tool: "TodoWrite".into(),
            input: serde_json::Value::Null,
        };
        assert!(f.eval(&GatePolicy::default(), &inert).findings.is_empty());
    }

    #[test]
    fn mcp_decisions_come_from_the_policy() {
        let f = Fixture::new();
        let mut p = GatePolicy::default();
        p.mcp.insert("db/*".into(), Decision::Ask);
        p.mcp.insert("db/drop_table".into(), Decision::Deny);
        let call = |tool: &str| Action::Mcp {
            server: "db".into(),
            tool: tool.into(),
            input: serde_json::Value::Null,
        };
        assert_eq!(f.eval(&p, &call("drop_table")).decision, Decision::Deny);
        assert_eq!(f.eval(&p, &call("query")).decision, Decision::Ask);
        let other = Action::Mcp {
            server: "web".into(),
            tool: "get".into(),
            input: serde_json::Value::Null,
        };
        assert_eq!(f.eval(&p, &other).decision, Decision::Allow);
    }

    #[test]
    fn prompts_with_secrets_warn_in_standard_and_block_in_regulated() {
        let f = Fixture::new();
        let prompt = Action::Prompt {
            text: format!("my key is aws_secret_access_key = \"{}\"", secret()),
        };
        assert_eq!(
            f.eval(&GatePolicy::default(), &prompt).decision,
            Decision::Ask
        );
        assert_eq!(
            f.eval(&GatePolicy::for_profile(Profile::Regulated), &prompt)
                .decision,
            Decision::Deny
        );
        let plain = Action::Prompt {
            text: "add tests".into(),
        };
        assert_eq!(
            f.eval(&GatePolicy::default(), &plain).decision,
            Decision::Allow
        );
    }

    #[test]
    fn a_literal_secret_in_a_shell_command_is_found_only_when_it_may_be_there() {
        let f = Fixture::new();
        let calls = Cell::new(0);
        let counting = || {
            calls.set(calls.get() + 1);
            secrets()
        };
        let p = GatePolicy::default();
        let e = Engine::new(&p, f.cx(), &counting);
        let cmd = format!("echo 'aws_secret_access_key = {}' >> deploy.env", secret());
        let v = e.evaluate(&Action::Shell {
            command: cmd,
            cwd: None,
        });
        assert_eq!(v.decision, Decision::Deny, "{v:?}");
        assert!(
            v.reason
                .contains("secrets/aws-secret-access-key in the command")
        );
        assert!(!v.reason.contains(&secret()));
        e.evaluate(&Action::Shell {
            command: "cargo build --release --workspace".into(),
            cwd: None,
        });
        assert_eq!(calls.get(), 1, "no analyzers for commands without a marker");
    }

    #[test]
    fn mcp_arguments_are_checked_for_urls_and_secrets() {
        let f = Fixture::new();
        let mut p = GatePolicy::default();
        p.mcp.insert("fetch".into(), Decision::Allow);
        let call = |input: serde_json::Value| Action::Mcp {
            server: "fetch".into(),
            tool: "fetch".into(),
            input,
        };
        let meta = call(serde_json::json!({"url": "http://169.254.169.254/latest/meta-data/"}));
        assert_eq!(f.eval(&p, &meta).decision, Decision::Deny);
        let leak = call(
            serde_json::json!({"body": {"aws_secret_access_key": secret()}, "url": "https://example.com"}),
        );
        let v = f.eval(&p, &leak);
        assert_eq!(v.decision, Decision::Deny, "{v:?}");
        let fine = call(serde_json::json!({"url": "https://docs.rs/serde"}));
        assert_eq!(f.eval(&p, &fine).decision, Decision::Allow);
    }
}
