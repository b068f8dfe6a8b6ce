//! gate/git-history-rewrite

use super::git::Git;
use crate::cmd::Out;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags commands that rewrite or permanently prune repository history:
    /// `filter-branch`, `filter-repo`, `reflog expire`, `reflog delete`,
    /// `gc --prune=now`/`--prune=all`, `update-ref -d`, `prune`.
    ///
    /// ## Why is this bad?
    /// The reflog is git's safety net: it is what lets you recover from a bad reset or
    /// rebase. Expiring it and pruning unreachable objects makes those mistakes final;
    /// filter-branch/filter-repo rewrite every commit hash.
    ///
    /// ## Example
    /// ```text
    /// git reflog expire --expire=now --all && git gc --prune=now
    /// ```
    ///
    /// ## Use instead
    /// Leave history rewriting to a person. To drop a secret from history, rotate the
    /// secret first and ask the user to run the rewrite.
    GitHistoryRewrite {
        id: "gate/git-history-rewrite",
        title: "git history rewrite or prune",
        tier: High,
        cwe: [],
    }
}

pub fn check(g: &Git, out: &mut Out) {
    let first = g.positionals().first().copied();
    let what = match g.sub {
        "filter-branch" | "filter-repo" => Some(format!(
            "git {} rewrites every commit in the history",
            g.sub
        )),
        "reflog" if matches!(first, Some("expire" | "delete")) => {
            Some("git reflog expire removes the records needed to recover lost commits".into())
        }
        "gc" if g
            .args
            .iter()
            .any(|a| a.text == "--prune=now" || a.text == "--prune=all") =>
        {
            Some("git gc --prune=now permanently deletes unreachable commits".into())
        }
        "update-ref" if g.has(Some('d'), &["--delete"]) => {
            Some("git update-ref -d deletes a ref directly, bypassing safety checks".into())
        }
        "prune" => Some("git prune deletes unreachable objects for good".into()),
        _ => None,
    };
    if let Some(w) = what {
        out.add(
            GitHistoryRewrite::ID,
            Tier::High,
            w,
            "leave history rewriting and pruning to the user",
        );
    }
}
