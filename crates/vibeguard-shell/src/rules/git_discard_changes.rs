//! gate/git-discard-changes

use super::git::Git;
use crate::cmd::Out;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags git commands that throw away uncommitted or unreferenced work:
    /// `reset --hard`, `checkout -- .`/`checkout HEAD -- .`/`checkout -f`, `restore .`
    /// (working tree), `clean -f` with `-d` or `-x`, `stash drop`/`stash clear`,
    /// `branch -D`, `switch --discard-changes`.
    ///
    /// ## Why is this bad?
    /// Uncommitted changes are not in git's object store, so once discarded they are
    /// gone; `clean -x` also removes ignored files such as `.env` and local databases.
    /// Agents reach for these to "start fresh" and erase the user's work in progress.
    ///
    /// ## Example
    /// ```text
    /// git reset --hard HEAD~3
    /// git clean -fdx
    /// ```
    ///
    /// ## Use instead
    /// `git stash push -u` keeps the changes recoverable; `git clean -n` shows what would
    /// be removed; restore individual files by name.
    GitDiscardChanges {
        id: "gate/git-discard-changes",
        title: "git command that discards work",
        tier: Medium,
        cwe: [],
    }
}

fn whole_tree(p: &str) -> bool {
    matches!(p, "." | "./" | ":/" | "*" | ":(top)" | "/")
}

/// `-f`/`--force` for checkout and switch. In a short-option bundle a value-taking
/// letter (`-b`, `-B`, `-c`, `-C`) takes the rest of the bundle as its value, so
/// `-bfeature` names a branch and is not a force.
fn forced(g: &Git) -> bool {
    g.args.iter().take_while(|a| a.text != "--").any(|a| {
        let t = a.text.as_str();
        if t == "--force" {
            return true;
        }
        let Some(bundle) = t.strip_prefix('-').filter(|b| !b.starts_with('-')) else {
            return false;
        };
        for c in bundle.chars() {
            match c {
                'f' => return true,
                'b' | 'B' | 'c' | 'C' => return false,
                c if c.is_ascii_alphabetic() => {}
                _ => return false,
            }
        }
        false
    })
}

pub fn check(g: &Git, out: &mut Out) {
    let pos = g.positionals();
    let reason: Option<String> = match g.sub {
        "reset" if g.has(None, &["--hard", "--merge", "--keep"]) && g.has(None, &["--hard"]) => {
            Some("git reset --hard discards all uncommitted changes".into())
        }
        "checkout" => {
            let after_dd: Vec<&str> = g
                .args
                .iter()
                .skip_while(|a| a.text != "--")
                .skip(1)
                .map(|a| a.text.as_str())
                .collect();
            if forced(g)
                || after_dd.iter().any(|p| whole_tree(p))
                || pos.iter().any(|p| whole_tree(p))
            {
                Some("git checkout over the whole tree overwrites every uncommitted change".into())
            } else {
                None
            }
        }
        "restore" => {
            let staged_only = g.has(Some('S'), &["--staged"]) && !g.has(Some('W'), &["--worktree"]);
            if !staged_only && pos.iter().any(|p| whole_tree(p)) {
                Some("git restore . discards every uncommitted change in the working tree".into())
            } else {
                None
            }
        }
        "clean" => {
            let dry = g.has(Some('n'), &["--dry-run"]);
            let force = g.has(Some('f'), &["--force"]);
            if force
                && !dry
                && (g.has(Some('d'), &[]) || g.has(Some('x'), &[]) || g.has(Some('X'), &[]))
            {
                Some("git clean -f with -d/-x deletes untracked (and ignored) files and directories for good".into())
            } else if force && !dry {
                // untracked files are new work nobody has committed yet
                out.add(
                    GitDiscardChanges::ID,
                    Tier::Medium,
                    "git clean -f deletes every untracked file, which may be new work that was never committed",
                    "run git clean -n first to see the list, then delete the specific files",
                );
                None
            } else {
                None
            }
        }
        "stash" if matches!(pos.first(), Some(&"drop") | Some(&"clear")) => Some(format!(
            "git stash {} permanently drops stashed work",
            pos[0]
        )),
        "branch"
            if g.has(Some('D'), &[])
                || (g.has(Some('d'), &["--delete"]) && g.has(Some('f'), &["--force"])) =>
        {
            Some(
                "git branch -D deletes a branch even if its commits are not merged anywhere".into(),
            )
        }
        "worktree" if pos.first() == Some(&"remove") && g.has(Some('f'), &["--force"]) => Some(
            "git worktree remove --force deletes a worktree together with its uncommitted changes"
                .into(),
        ),
        "switch" if g.has(None, &["--discard-changes"]) || forced(g) => {
            Some("git switch --discard-changes throws away uncommitted changes".into())
        }
        _ => None,
    };
    if let Some(r) = reason {
        out.add(
            GitDiscardChanges::ID,
            Tier::Medium,
            r,
            "use git stash push -u to keep the changes recoverable, or name the files to restore",
        );
    }
}
