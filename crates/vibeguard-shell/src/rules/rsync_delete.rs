//! gate/rsync-delete: `rsync --delete` onto the project or outside it.

use crate::cmd::{Cmd, Out, short};
use crate::paths::Place;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags `rsync` with `--delete` (or `--delete-before/-after/-during/-excluded`,
    /// `--remove-source-files`) whose destination is the project root, the home
    /// directory, a system path or anywhere outside build output.
    ///
    /// ## Why is this bad?
    /// `--delete` removes every file in the destination that is not in the source. A
    /// swapped source and destination, or a trailing-slash mistake, mirrors an empty or
    /// wrong directory over real work and deletes it.
    ///
    /// ## Example
    /// ```text
    /// rsync -a --delete ./backup/ ./
    /// ```
    ///
    /// ## Use instead
    /// Run with `--dry-run` first, sync into a build or scratch directory, or drop
    /// `--delete`.
    RsyncDelete {
        id: "gate/rsync-delete",
        title: "rsync --delete onto real files",
        tier: High,
        cwe: [73],
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    if c.name != "rsync" {
        return;
    }
    let deleting = c
        .strs()
        .any(|a| a.starts_with("--delete") || a == "--remove-source-files" || a == "--del");
    if !deleting || c.strs().any(|a| a == "-n" || a == "--dry-run") {
        return;
    }
    let p = c.positionals();
    let Some(dest) = p.last().filter(|_| p.len() >= 2) else {
        return;
    };
    if dest.text.contains(':') && !dest.text.starts_with('/') {
        out.add(
            RsyncDelete::ID,
            Tier::Medium,
            format!(
                "rsync --delete onto the remote {} deletes files there that the source lacks",
                short(&dest.text)
            ),
            "run with --dry-run first and confirm with the user",
        );
        return;
    }
    let tier = match c.place(&dest.text) {
        Place::Build | Place::Tmp | Place::Dynamic | Place::DevNull => return,
        Place::Project => Tier::Medium,
        _ => Tier::High,
    };
    out.add(
        RsyncDelete::ID,
        tier,
        format!(
            "rsync --delete onto {} deletes every file there that the source lacks",
            short(&dest.text)
        ),
        "run with --dry-run first, or sync into a build directory",
    );
}
