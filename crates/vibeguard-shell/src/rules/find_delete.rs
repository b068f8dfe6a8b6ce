//! gate/find-delete: `find -delete` (and `-exec rm`, checked as rm) outside build output.

use crate::cmd::{Cmd, Out, short};
use crate::paths::Place;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags `find ... -delete` when the search starts outside build output and no name
    /// or path filter limits what is deleted. When the start directory is outside the
    /// project, the deletion rules for that place apply instead.
    ///
    /// ## Why is this bad?
    /// `find -delete` removes every match without confirmation, and a filter that is too
    /// broad or a misplaced `-delete` (it acts on everything before it) removes the whole
    /// tree. Guards that only look for `rm` miss it entirely.
    ///
    /// ## Example
    /// ```text
    /// find . -delete
    /// find src -type f -delete
    /// ```
    ///
    /// ## Use instead
    /// Filter by name and check the list first: `find . -name '*.pyc'` then add `-delete`,
    /// or delete the build directory directly.
    FindDelete {
        id: "gate/find-delete",
        title: "find -delete over project files",
        tier: Medium,
        cwe: [73],
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    // `-delete` inside `-exec ... ;` is an argument of the executed command
    let mut in_exec = false;
    let own_delete = c.strs().any(|a| {
        if matches!(a, "-exec" | "-execdir" | "-ok" | "-okdir") {
            in_exec = true;
        } else if in_exec && (a == ";" || a == "+") {
            in_exec = false;
        } else if !in_exec && a == "-delete" {
            return true;
        }
        false
    });
    if c.name != "find" || !own_delete {
        return;
    }
    let roots: Vec<_> = c
        .args
        .iter()
        .take_while(|a| !a.text.starts_with('-') && a.text != "(" && a.text != "!")
        .collect();
    // a positive name filter limits what goes; `-not -path './.git/*'` does not
    let strs: Vec<&str> = c.strs().collect();
    let filtered = strs.iter().enumerate().any(|(i, a)| {
        !(i > 0 && matches!(strs[i - 1], "-not" | "!"))
            && matches!(
                *a,
                "-name"
                    | "-iname"
                    | "-path"
                    | "-ipath"
                    | "-regex"
                    | "-iregex"
                    | "-newer"
                    | "-mtime"
                    | "-mmin"
                    | "-empty"
            )
    });
    let default_root = crate::words::Word::lit(".");
    let roots = if roots.is_empty() {
        vec![&default_root]
    } else {
        roots
    };
    for r in roots {
        let place = c.place(&r.text);
        match place {
            Place::Build | Place::Tmp | Place::DevNull | Place::Dynamic => {}
            Place::Project | Place::ProjectRoot if filtered => {}
            Place::Project => out.add(
                FindDelete::ID,
                Tier::Medium,
                format!(
                    "find {} -delete removes every file under it with no name filter",
                    short(&r.text)
                ),
                "add -name/-path filters and run without -delete first to see the list",
            ),
            _ => crate::delete::report(c, r, true, true, "find -delete", out),
        }
    }
}
