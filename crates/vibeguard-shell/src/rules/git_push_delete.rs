//! gate/git-push-delete

use super::git::{Git, is_protected};
use crate::cmd::Out;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags pushes that delete or replace remote refs: `git push --delete`, `-d`,
    /// `origin :branch`, `--mirror` and `--prune`.
    ///
    /// ## Why is this bad?
    /// Deleting a remote branch or mirroring a local repository onto a remote removes
    /// branches and tags other people rely on; `--mirror` from a partial clone can delete
    /// most of a remote.
    ///
    /// ## Example
    /// ```text
    /// git push origin --delete main
    /// git push --mirror origin
    /// ```
    ///
    /// ## Use instead
    /// Delete only your own merged feature branches, through the hosting UI or with a
    /// reviewer.
    GitPushDelete {
        id: "gate/git-push-delete",
        title: "git push that deletes remote refs",
        tier: High,
        cwe: [],
    }
}

pub fn check(g: &Git, out: &mut Out) {
    if g.sub != "push" {
        return;
    }
    if g.has(None, &["--mirror"]) {
        out.add(GitPushDelete::ID, Tier::High, "git push --mirror makes the remote identical to this clone, deleting every remote branch and tag it lacks", "push the branches you changed by name");
        return;
    }
    let pos = g.positionals();
    let delete_flag = g.has(Some('d'), &["--delete"]);
    let mut deleted: Vec<&str> = Vec::new();
    for r in pos.iter().skip(1) {
        if let Some(b) = r.strip_prefix(':') {
            deleted.push(b);
        } else if delete_flag {
            deleted.push(r);
        }
    }
    for b in &deleted {
        let tier = if is_protected(b) {
            Tier::High
        } else {
            Tier::Medium
        };
        out.add(
            GitPushDelete::ID,
            tier,
            format!("git push deletes the remote branch {b}"),
            "delete merged branches through the hosting service, after review",
        );
    }
    if g.has(None, &["--prune"]) {
        out.add(
            GitPushDelete::ID,
            Tier::Medium,
            "git push --prune deletes remote branches that do not exist locally",
            "push named branches without --prune",
        );
    }
}
