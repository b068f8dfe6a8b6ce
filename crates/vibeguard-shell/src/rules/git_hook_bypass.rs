//! gate/git-hook-bypass

use super::git::Git;
use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags skipping or redirecting git hooks: `--no-verify` (and `commit -n`) on
    /// commit, push, merge and similar, `HUSKY=0`/`SKIP=...` in front of git, and
    /// `core.hooksPath` set with `git config` or `git -c`.
    ///
    /// ## Why is this bad?
    /// Pre-commit and pre-push hooks are where secret scanning, tests and vibeguard's own
    /// scan run. An agent that bypasses them to get a commit through removes the check
    /// meant to stop it; changing `core.hooksPath` disables them for every later commit.
    ///
    /// ## Example
    /// ```text
    /// git commit --no-verify -m "wip"
    /// git config core.hooksPath /dev/null
    /// ```
    ///
    /// ## Use instead
    /// Fix what the hook reports, then commit normally.
    GitHookBypass {
        id: "gate/git-hook-bypass",
        title: "git hooks bypassed",
        tier: Medium,
        cwe: [693],
    }
}

pub fn check(g: &Git, c: &Cmd, out: &mut Out) {
    let verifying = matches!(
        g.sub,
        "commit" | "push" | "merge" | "am" | "rebase" | "cherry-pick" | "revert" | "pull"
    );
    if verifying && (g.has(None, &["--no-verify"]) || (g.sub == "commit" && g.has(Some('n'), &[])))
    {
        out.add(
            GitHookBypass::ID,
            Tier::Medium,
            format!(
                "git {} --no-verify skips the repository's hooks (secret scanning, tests)",
                g.sub
            ),
            "fix what the hook reports, then commit normally",
        );
    }
    if verifying
        && c.env
            .iter()
            .any(|(n, v)| (n == "HUSKY" && v.text == "0") || n == "SKIP" || n == "HUSKY_SKIP_HOOKS")
    {
        out.add(
            GitHookBypass::ID,
            Tier::Medium,
            "an environment variable switches the git hooks off for this command",
            "fix what the hook reports, then commit normally",
        );
    }
    let sets_hooks_path = g
        .configs
        .iter()
        .any(|kv| kv.to_ascii_lowercase().starts_with("core.hookspath"))
        || (g.sub == "config"
            && g.args
                .iter()
                .any(|a| a.text.eq_ignore_ascii_case("core.hooksPath"))
            && !g.args.iter().any(|a| {
                matches!(
                    a.text.as_str(),
                    "--get" | "--unset" | "--list" | "-l" | "--get-all"
                )
            }));
    if sets_hooks_path {
        out.add(
            GitHookBypass::ID,
            Tier::High,
            "changing core.hooksPath disables the repository's hooks, including the guard's",
            "leave hook configuration to the user",
        );
    }
}
