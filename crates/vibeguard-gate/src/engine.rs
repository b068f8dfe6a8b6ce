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
}

impl<'a> Engine<'a> {
    pub fn new(policy: &'a GatePolicy, cx: ShellContext, analyzers: AnalyzerFactory<'a>) -> Self {
        Engine {
            policy,
            cx,
            analyzers,
        }
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
            Action::Shell { command, cwd } => self.shell(command, cwd.as_deref(), &mut packages),
            Action::Write { path, content } => self.write(path, None, content, &analyzers),
            Action::Edit { path, edits } => self.edit(path, edits, &analyzers),
            Action::Patch { patch, cwd } => self.patch(patch, cwd.as_deref(), &analyzers),
            Action::Read { path } => self.path_access(path, PathAccess::Read),
            Action::Delete { path } => self.path_access(path, PathAccess::Delete),
            Action::Search { pattern, path } => self.search(pattern, path.as_deref()),
            Action::Fetch { urls } => self.fetch(urls),
            Action::WebSearch { .. } => Vec::new(),
            Action::Mcp { server, tool, .. } => self.mcp(server, tool),
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
            Action::Other { tool, .. } => self.other(tool),
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
        let mut out: Vec<Judged> = report.findings.into_iter().map(Judged::free).collect();
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
        content::introduced(analyzers, &rel, before, after)
            .iter()
            .map(|f| Judged::free(content::write_finding(&rel, f)))
            .collect()
    }

    fn edit<'b>(
        &self,
        path: &Path,
        edits: &[EditOp],
        analyzers: &dyn Fn() -> &'b [Box<dyn Analyzer>],
    ) -> Vec<Judged> {
        let abs = self.resolve(path);
        let before = read_current(&abs);
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
            None => vec![Judged::free(GateFinding {
                rule_id: "gate/mcp-call".to_string(),
                tier: Tier::Low,
                reason: format!("MCP tool {server}/{tool} (no [gate.mcp] entry)"),
                hint: None,
            })],
        }
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
