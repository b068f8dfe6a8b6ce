//! gate/recursive-permission-change
use crate::cmd::{Cmd, Out, short};
use crate::paths::Place;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags recursive ownership, group, mode or ACL changes (`chown -R`, `chgrp -R`,
    /// `chmod -R`, `setfacl -R`, and the same through `find ... -exec`) on the home
    /// directory, folders in it outside the project, or system trees (`/`, `/etc`,
    /// `/usr`, `/var`, `/home`, ...), whatever the new owner or mode.
    ///
    /// ## Why is this bad?
    /// One recursive change rewrites the metadata of every file below the target. On the
    /// home directory it breaks SSH (keys readable by others are refused), GnuPG and
    /// every tool that checks permissions; on a system tree it breaks sudo, services and
    /// package managers, and the previous owners and modes cannot be recovered.
    ///
    /// ## Example
    /// ```text
    /// sudo chown -R "$USER" /usr/lib
    /// chmod -R 700 ~
    /// ```
    ///
    /// ## Use instead
    /// Change the one file that needs it, or directories inside the project
    /// (`chmod -R u+w build/`); ask the user to fix system permissions.
    RecursivePermissionChange {
        id: "gate/recursive-permission-change",
        title: "Recursive permission or ownership change outside the project",
        tier: High,
        cwe: [732],
    }
}

fn recursive(c: &Cmd) -> bool {
    c.has_flag(Some('R'), &["--recursive"])
}

/// Operands of a permission command: the first positional is the mode or owner (not for
/// setfacl, whose spec follows an option).
fn targets<'a>(c: &'a Cmd) -> Vec<&'a crate::words::Word> {
    let pos = c.positionals();
    match c.name {
        "chown" | "chgrp" | "chmod" => pos.into_iter().skip(1).collect(),
        "setfacl" => {
            // `-m SPEC` / `-x SPEC` / `--modify=SPEC` take a value that is not a path
            let mut skip = Vec::new();
            for (i, w) in c.args.iter().enumerate() {
                if matches!(
                    w.text.as_str(),
                    "-m" | "-x" | "-M" | "-X" | "--modify" | "--remove"
                ) || (w.text.starts_with('-')
                    && !w.text.starts_with("--")
                    && w.text.ends_with(['m', 'x']))
                {
                    skip.push(i + 1);
                }
            }
            c.args
                .iter()
                .enumerate()
                .filter(|(i, w)| !w.text.starts_with('-') && !skip.contains(i))
                .map(|(_, w)| w)
                .collect()
        }
        _ => Vec::new(),
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    if !matches!(c.name, "chown" | "chgrp" | "chmod" | "setfacl") || !recursive(c) {
        return;
    }
    for w in targets(c) {
        let place = c.place(&w.text);
        let what = match place {
            Place::Root => "the whole filesystem",
            Place::System => "a system directory",
            Place::Home => "the home directory",
            Place::HomeOther => "a folder of the home directory outside the project",
            _ => continue,
        };
        out.add(
            RecursivePermissionChange::ID,
            Tier::High,
            format!("{} -R changes the permissions or owner of everything under {} ({what})", c.name, short(&w.text)),
            "change only the files that need it, inside the project; ask the user to fix system or home permissions",
        );
        return;
    }
}
