//! Deletion: which paths a command removes (`rm`, `unlink`, `shred`, `rimraf`,
//! `gio trash`...), and which deletion rule each target falls under.

use crate::cmd::{Cmd, Out, short};
use crate::paths::Place;
use crate::rules::{
    delete_project_root::DeleteProjectRoot, delete_system_or_home::DeleteSystemOrHome,
    delete_unresolved_path::DeleteUnresolvedPath,
    recursive_delete_outside_project::RecursiveDeleteOutsideProject,
};
use crate::words::Word;
use vibeguard_core::Tier;

/// Targets of a deleting command, with whether the deletion is recursive or forced.
pub struct Deletion<'a> {
    pub targets: Vec<&'a Word>,
    pub recursive: bool,
    pub forced: bool,
}

pub fn deletion<'a>(c: &'a Cmd) -> Option<Deletion<'a>> {
    match c.name {
        "rm" => Some(Deletion {
            targets: c.positionals(),
            recursive: c.has_flag(Some('r'), &["--recursive"]) || c.has_flag(Some('R'), &[]),
            forced: c.has_flag(Some('f'), &["--force"]),
        }),
        "unlink" | "srm" => Some(Deletion {
            targets: c.positionals(),
            recursive: false,
            forced: true,
        }),
        "rimraf" | "del" | "del-cli" | "trash-empty" => Some(Deletion {
            targets: c.positionals(),
            recursive: true,
            forced: true,
        }),
        "gio" if matches!(c.arg(0), Some("remove" | "rm")) => Some(Deletion {
            targets: c.positionals().into_iter().skip(1).collect(),
            recursive: false,
            forced: true,
        }),
        _ => None,
    }
}

/// Report a deletion of `w` (shared with `find -delete` and interpreter one-liners).
pub fn report(c: &Cmd, w: &Word, recursive: bool, forced: bool, via: &str, out: &mut Out) {
    let r = c.resolve(&w.text);
    let shown = short(&w.text);
    match r.place {
        Place::Root | Place::System | Place::Home => out.add(
            DeleteSystemOrHome::ID,
            Tier::High,
            format!("{via} deletes {shown}, which is {}; this destroys the machine or the user's files", describe(r.place)),
            "delete only the specific files you created, inside the project",
        ),
        Place::HomeOther | Place::Outside => out.add(
            RecursiveDeleteOutsideProject::ID,
            if recursive || forced { Tier::High } else { Tier::Medium },
            format!("{via} deletes {shown}, outside the project ({})", r.path.display()),
            "limit deletions to the project directory or /tmp; ask the user to remove other files",
        ),
        Place::ProjectRoot | Place::GitDir if recursive || r.contents => out.add(
            DeleteProjectRoot::ID,
            if recursive { Tier::High } else { Tier::Medium },
            format!("{via} deletes {shown}, which is {}", describe(r.place)),
            "delete the specific build or output directory instead (target/, dist/, node_modules/)",
        ),
        Place::Unset => out.add(
            DeleteUnresolvedPath::ID,
            if recursive || forced { Tier::High } else { Tier::Medium },
            format!("{via} deletes {shown}, which starts with a variable that is not set here; if it is empty the command deletes from /"),
            "use a literal path, or guard the variable: rm -rf \"${DIR:?}\"/...",
        ),
        _ => {}
    }
}

fn describe(p: Place) -> &'static str {
    match p {
        Place::Root => "the filesystem root",
        Place::System => "a system directory",
        Place::Home => "the home directory",
        Place::ProjectRoot => "the project root (or a directory containing it)",
        Place::GitDir => "the repository's .git directory (all history)",
        _ => "outside the project",
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    let Some(d) = deletion(c) else { return };
    for t in &d.targets {
        report(c, t, d.recursive, d.forced, c.name, out);
    }
}
