//! Shared parsing of `git [global options] SUBCOMMAND args` for the git rules:
//! honours `-C dir`, `--git-dir`, `--work-tree` and collects `-c key=value`.

use crate::cmd::{Cmd, Out};
use crate::words::Word;

pub struct Git<'a> {
    pub sub: &'a str,
    pub args: &'a [Word],
    /// `-c key=value` settings given on the command line.
    pub configs: Vec<&'a str>,
}

impl Git<'_> {
    pub fn has(&self, short: Option<char>, long: &[&str]) -> bool {
        self.args
            .iter()
            .take_while(|a| a.text != "--")
            .any(|a| crate::cmd::flag_matches(&a.text, short, long))
    }
    pub fn positionals(&self) -> Vec<&str> {
        self.args
            .iter()
            .map(|a| a.text.as_str())
            .filter(|a| !a.starts_with('-'))
            .collect()
    }
}

pub fn parse<'a>(c: &'a Cmd) -> Option<Git<'a>> {
    if c.name != "git" {
        return None;
    }
    let mut configs = Vec::new();
    let mut i = 0;
    while i < c.args.len() {
        let a = c.args[i].text.as_str();
        match a {
            "-C" | "--git-dir" | "--work-tree" | "--namespace" | "--exec-path" | "--config-env" => {
                i += 2
            }
            "-c" => {
                if let Some(v) = c.args.get(i + 1) {
                    configs.push(v.text.as_str());
                }
                i += 2;
            }
            _ if a.starts_with('-') => i += 1,
            _ => {
                return Some(Git {
                    sub: a,
                    args: &c.args[i + 1..],
                    configs,
                });
            }
        }
    }
    None
}

pub fn check(c: &Cmd, out: &mut Out) {
    let Some(g) = parse(c) else { return };
    super::git_force_push::check(&g, out);
    super::git_push_delete::check(&g, out);
    super::git_discard_changes::check(&g, out);
    super::git_history_rewrite::check(&g, out);
    super::git_hook_bypass::check(&g, c, out);
    super::git_remote_change::check(&g, out);
    super::tls_verification_disabled::check_git(&g, out);
}

/// Branches whose history others depend on.
pub fn is_protected(branch: &str) -> bool {
    let b = branch.strip_prefix("refs/heads/").unwrap_or(branch);
    matches!(
        b,
        "main" | "master" | "trunk" | "develop" | "production" | "prod" | "stable" | "live"
    ) || b.starts_with("release")
        || b.starts_with("hotfix/")
}
