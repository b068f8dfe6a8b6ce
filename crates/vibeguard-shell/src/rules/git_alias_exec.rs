//! gate/git-alias-exec: shell commands hidden in git aliases.

use super::git;
use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags git aliases that run shell commands (`!` aliases), defined on the command
    /// line with `git -c alias.NAME='!...'` or stored with `git config alias.NAME '!...'`.
    /// The aliased command is analysed like any other command.
    ///
    /// ## Why is this bad?
    /// A `!` alias runs arbitrary shell under an innocent-looking git subcommand, which
    /// hides the real command from reviewers and guards; a stored alias keeps doing so
    /// later.
    ///
    /// ## Example
    /// ```text
    /// git -c alias.cleanup='!rm -rf ~' cleanup
    /// ```
    ///
    /// ## Use instead
    /// Run the shell command directly, where it can be read and checked, and leave alias
    /// definitions in the user's git configuration alone.
    GitAliasExec {
        id: "gate/git-alias-exec",
        title: "git alias running shell",
        tier: Medium,
        cwe: [],
    }
}

/// Reports the alias and returns its shell body for analysis.
pub fn check(c: &Cmd, out: &mut Out) -> Option<String> {
    let g = git::parse(c)?;
    let mut body = None;
    for kv in &g.configs {
        if let Some((k, v)) = kv.split_once('=')
            && k.to_ascii_lowercase().starts_with("alias.")
            && let Some(b) = v.strip_prefix('!')
        {
            body = Some(b.to_string());
        }
    }
    if g.sub == "config" {
        let pos = g.positionals();
        if let (Some(k), Some(v)) = (pos.first(), g.args.last())
            && k.to_ascii_lowercase().starts_with("alias.")
            && let Some(b) = v.text.strip_prefix('!')
        {
            body = Some(b.to_string());
        }
    }
    if body.is_some() {
        out.add(
            GitAliasExec::ID,
            Tier::Medium,
            "a git alias runs a shell command, which hides what actually runs",
            "run the shell command directly",
        );
    }
    body
}
