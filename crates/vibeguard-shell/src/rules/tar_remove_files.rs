//! gate/tar-remove-files: archivers that delete their inputs.

use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags `tar --remove-files` and `zip -m`/`--move`, which delete the original files
    /// after archiving them.
    ///
    /// ## Why is this bad?
    /// If the archive is written to the wrong place, is truncated, or is deleted later,
    /// the originals are gone too. It is a deletion that does not look like one.
    ///
    /// ## Example
    /// ```text
    /// tar czf /tmp/src.tgz --remove-files src/
    /// ```
    ///
    /// ## Use instead
    /// Create the archive, verify it, then delete the originals explicitly if needed.
    TarRemoveFiles {
        id: "gate/tar-remove-files",
        title: "Archive that deletes its inputs",
        tier: Medium,
        cwe: [73],
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    let hit = match c.name {
        "tar" | "bsdtar" | "gtar" => c.strs().any(|a| a == "--remove-files"),
        "zip" => c.strs().any(|a| a == "-m" || a == "--move"),
        _ => false,
    };
    if hit {
        out.add(
            TarRemoveFiles::ID,
            Tier::Medium,
            format!("{} deletes the original files after archiving them", c.name),
            "archive first, check the archive, then delete explicitly",
        );
    }
}
