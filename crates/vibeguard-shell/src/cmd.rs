//! One command after unwrapping and expansion, as the rules see it, and the sink the
//! rules report into.

use crate::ShellContext;
use crate::paths::{self, Place, Resolved};
use crate::words::{Output, Word};
use std::path::{Path, PathBuf};
use vibeguard_core::{GateFinding, Tier};

/// A command ready for the rules: normalised name, expanded arguments, where it runs,
/// what its stdin carries.
pub struct Cmd<'a> {
    pub name: &'a str,
    pub args: &'a [Word],
    /// `VAR=value` given to this command (prefix assignments, `env VAR=x`).
    pub env: &'a [(String, Word)],
    pub cwd: &'a Path,
    pub cx: &'a ShellContext,
    pub stdin: &'a Output,
    /// Symlinks this command line created (`ln -s TARGET LINK`), as (link, target).
    pub links: &'a [(PathBuf, PathBuf)],
}

impl Cmd<'_> {
    pub fn arg(&self, i: usize) -> Option<&str> {
        self.args.get(i).map(|w| w.text.as_str())
    }
    pub fn strs(&self) -> impl Iterator<Item = &str> {
        self.args.iter().map(|w| w.text.as_str())
    }
    /// A long option (`--force`, `--force=x`) or a short flag inside a bundle (`-rf`).
    pub fn has_flag(&self, short: Option<char>, long: &[&str]) -> bool {
        self.strs()
            .take_while(|a| *a != "--")
            .any(|a| flag_matches(a, short, long))
    }
    /// Words that are not options (`-x`, `--x`), stopping option parsing at `--`.
    pub fn positionals(&self) -> Vec<&Word> {
        let mut out = Vec::new();
        let mut dashdash = false;
        for w in self.args {
            if !dashdash && w.text == "--" {
                dashdash = true;
                continue;
            }
            if !dashdash && w.text.starts_with('-') && w.text.len() > 1 {
                continue;
            }
            out.push(w);
        }
        out
    }
    /// Resolve a path word, following symlinks the command line itself created.
    pub fn resolve(&self, text: &str) -> Resolved {
        let r = paths::resolve(text, self.cwd, &self.cx.home, &self.cx.project_root);
        match self.links.iter().find(|(link, _)| *link == r.path) {
            Some((_, target)) => paths::resolve(
                &target.to_string_lossy(),
                self.cwd,
                &self.cx.home,
                &self.cx.project_root,
            ),
            None => r,
        }
    }
    pub fn place(&self, text: &str) -> Place {
        self.resolve(text).place
    }
    /// Value of `--opt=value` or `--opt value` / `-o value`.
    pub fn opt_value(&self, names: &[&str]) -> Option<&str> {
        let mut it = self.args.iter().map(|w| w.text.as_str()).peekable();
        while let Some(a) = it.next() {
            for n in names {
                if a == *n {
                    return it.peek().copied();
                }
                if let Some(v) = a.strip_prefix(n).and_then(|r| r.strip_prefix('=')) {
                    return Some(v);
                }
            }
        }
        None
    }
}

pub fn flag_matches(a: &str, short: Option<char>, long: &[&str]) -> bool {
    if a.starts_with("--") {
        let name = a.split('=').next().unwrap_or(a);
        return long.contains(&name);
    }
    if let (Some(s), Some(rest)) = (short, a.strip_prefix('-')) {
        return !rest.is_empty()
            && rest.chars().all(|c| c.is_ascii_alphanumeric())
            && rest.contains(s);
    }
    false
}

/// Collects findings; keeps one per rule id, the highest tier.
#[derive(Default)]
pub struct Out {
    pub findings: Vec<GateFinding>,
}

impl Out {
    pub fn add(
        &mut self,
        rule_id: &str,
        tier: Tier,
        reason: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let hint = hint.into();
        let hint = if hint.is_empty() { None } else { Some(hint) };
        if let Some(f) = self.findings.iter_mut().find(|f| f.rule_id == rule_id) {
            if tier > f.tier {
                f.tier = tier;
                f.reason = reason.into();
                f.hint = hint;
            }
            return;
        }
        self.findings.push(GateFinding {
            rule_id: rule_id.to_string(),
            tier,
            reason: reason.into(),
            hint,
        });
    }
    pub fn extend(&mut self, fs: Vec<GateFinding>) {
        for f in fs {
            self.add(&f.rule_id, f.tier, f.reason, f.hint.unwrap_or_default());
        }
    }
}

/// Shorten a value for a message (never print long payloads back to the agent).
pub fn short(s: &str) -> String {
    let s = s.replace([crate::words::DYNAMIC, crate::words::UNSET], "$VAR");
    if s.chars().count() > 60 {
        let t: String = s.chars().take(57).collect();
        format!("{t}...")
    } else {
        s
    }
}
