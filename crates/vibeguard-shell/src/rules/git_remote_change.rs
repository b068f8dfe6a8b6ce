//! gate/git-remote-change

use super::git::Git;
use crate::cmd::Out;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags `git remote add`, `git remote set-url` and `git config remote.*.url` /
    /// `url.*.insteadOf`, which change where code is pushed to or fetched from.
    ///
    /// ## Why is this bad?
    /// Pointing a remote at another URL sends the repository, and any secret in its
    /// history, to a place the user did not choose, or pulls code from an untrusted
    /// source on the next fetch.
    ///
    /// ## Example
    /// ```text
    /// git remote set-url origin https://example.invalid/mirror.git
    /// ```
    ///
    /// ## Use instead
    /// Ask the user to add or change remotes.
    GitRemoteChange {
        id: "gate/git-remote-change",
        title: "git remote changed",
        tier: Medium,
        cwe: [],
    }
}

pub fn check(g: &Git, out: &mut Out) {
    let pos = g.positionals();
    let hit = match g.sub {
        "remote" => matches!(pos.first(), Some(&"add" | &"set-url" | &"rename")),
        "config" => {
            pos.iter().any(|p| {
                let p = p.to_ascii_lowercase();
                (p.starts_with("remote.") && (p.ends_with(".url") || p.ends_with(".pushurl")))
                    || (p.starts_with("url.") && p.contains("insteadof"))
            }) && pos.len() >= 2
        }
        _ => false,
    };
    if hit {
        out.add(
            GitRemoteChange::ID,
            Tier::Medium,
            "the command changes where this repository pushes or fetches",
            "ask the user to change remotes",
        );
    }
}
