//! gate/git-force-push

use super::git::{Git, is_protected};
use crate::cmd::Out;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags `git push --force`, `-f`, `--force-with-lease` and `+refspec` pushes. Force
    /// pushes to protected branches (main, master, trunk, develop, release*, production,
    /// hotfix/*) are high risk; `--force` to another branch or to an unnamed branch is
    /// medium; `--force-with-lease` to a named feature branch is allowed.
    ///
    /// ## Why is this bad?
    /// A force push replaces the remote history. On a shared branch it silently discards
    /// commits other people pushed and breaks every clone; recovering needs someone who
    /// still has the old commits.
    ///
    /// ## Example
    /// ```text
    /// git push --force origin main
    /// git push origin +master
    /// ```
    ///
    /// ## Use instead
    /// Push to a feature branch and open a pull request; if you rebased your own branch,
    /// use `git push --force-with-lease origin my-branch`.
    GitForcePush {
        id: "gate/git-force-push",
        title: "git force push",
        tier: High,
        cwe: [],
    }
}

/// Destination branch names of the refspecs (after the remote), and whether any is `+`.
pub fn refspecs<'a>(g: &'a Git) -> (Vec<&'a str>, bool) {
    let pos = g.positionals();
    let mut plus = false;
    let mut dests = Vec::new();
    for r in pos.iter().skip(1) {
        let r2 = r.strip_prefix('+').inspect(|_| plus = true).unwrap_or(r);
        let dest = r2.rsplit(':').next().unwrap_or(r2);
        dests.push(dest);
    }
    (dests, plus)
}

pub fn check(g: &Git, out: &mut Out) {
    if g.sub != "push" {
        return;
    }
    let force = g.has(Some('f'), &["--force"]);
    let lease = g
        .args
        .iter()
        .any(|a| a.text.starts_with("--force-with-lease") || a.text == "--force-if-includes");
    let (dests, plus) = refspecs(g);
    if !(force || lease || plus) {
        return;
    }
    let protected: Vec<&&str> = dests.iter().filter(|d| is_protected(d)).collect();
    if let Some(b) = protected.first() {
        out.add(
            GitForcePush::ID,
            Tier::High,
            format!("git push with force to {b} rewrites shared history and can destroy other people's commits"),
            "push to a feature branch and open a pull request; use --force-with-lease only on your own branch",
        );
    } else if force || plus {
        let target = dests
            .first()
            .map_or("the current branch".to_string(), |d| d.to_string());
        out.add(
            GitForcePush::ID,
            Tier::Medium,
            format!("git push --force to {target} overwrites the remote branch without checking for others' commits"),
            "use --force-with-lease on your own feature branch",
        );
    } else if dests.is_empty() {
        out.add(
            GitForcePush::ID,
            Tier::Low,
            "git push --force-with-lease to the current branch (not named on the command line)",
            "name the branch so it is clear it is not a shared one",
        );
    }
}
