//! Writes a command makes (redirections, `tee`, `cp`/`mv` destinations, `sed -i`,
//! `chmod`, deletions) checked against the guard's own files and against files that
//! persist code or change the system; and files a command downloads.

use crate::analyze::Engine;
use crate::cmd::{Cmd, Out, short};
use crate::paths::{self, Place};
use crate::rules::{
    disk_overwrite::DiskOverwrite, file_truncation::FileTruncation,
    guard_tampering::GuardTampering, persistence_or_system_write::PersistenceOrSystemWrite,
};
use crate::words::Word;
use std::path::Path;
use vibeguard_core::Tier;

/// Paths a command writes, moves, deletes or changes permissions on.
fn touched<'a>(c: &'a Cmd) -> (Vec<&'a Word>, Vec<&'a Word>) {
    let pos = c.positionals();
    let mut writes = Vec::new();
    let mut removes = Vec::new();
    match c.name {
        "tee" | "touch" | "truncate" => writes.extend(pos.iter().copied()),
        "cp" | "install" | "ln" | "rsync" | "scp" => {
            if let Some(t) = c.opt_value(&["-t", "--target-directory"]) {
                if let Some(w) = c.args.iter().find(|w| w.text == t) {
                    writes.push(w);
                }
            } else if pos.len() >= 2 {
                writes.push(pos[pos.len() - 1]);
            }
        }
        "mv" if pos.len() >= 2 => {
            writes.push(pos[pos.len() - 1]);
            removes.extend(pos[..pos.len() - 1].iter().copied());
        }
        "sed" | "perl"
            if c.strs().any(|a| {
                a.starts_with("-i") || a == "--in-place" || (a.starts_with("-p") && a.contains('i'))
            }) =>
        {
            // first positional is the script unless -e/-f gave it
            let skip = if c.strs().any(|a| a == "-e" || a == "-f") {
                0
            } else {
                1
            };
            writes.extend(pos.iter().skip(skip).copied());
        }
        // `chmod -x FILE`: a mode that starts with `-` is not an option
        "chmod" if c.args.first().is_some_and(|a| symbolic_minus(&a.text)) => {
            writes.extend(pos.iter().copied())
        }
        "chmod" | "chown" | "chgrp" | "chattr" | "setfacl" => {
            writes.extend(pos.iter().skip(1).copied())
        }
        "git" => writes.extend(git_checkout_from_revision(c)),
        "dd" => {
            for w in c.args {
                if w.text.starts_with("of=") {
                    writes.push(w);
                }
            }
        }
        _ => {}
    }
    if let Some(d) = crate::delete::deletion(c) {
        removes.extend(d.targets);
    }
    if c.name == "shred" {
        removes.extend(pos.iter().copied());
    }
    (writes, removes)
}

/// `-x`, `-w`, `-rwx`: a chmod mode removing permissions, spelled like an option.
fn symbolic_minus(a: &str) -> bool {
    a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| "rwxXst".contains(c))
}

pub fn check_writes(c: &Cmd, out: &mut Out) {
    let (writes, removes) = touched(c);
    check_uninstall(c, out);
    for w in writes.iter().chain(removes.iter()) {
        let text = w.text.strip_prefix("of=").unwrap_or(&w.text);
        let r = c.resolve(text);
        if paths::is_gate_binary(&r.path, &c.cx.project_root) {
            out.add(
                GuardTampering::ID,
                Tier::High,
                format!("{} changes {}, the installed vibeguard binary; without it the agent's hooks cannot run", c.name, short(text)),
                "leave the guard installed; ask the user if a rule is in your way",
            );
        }
        if paths::is_guard_file(&r.path, &c.cx.home, &c.cx.project_root) || guard_dir(&r.path, c) {
            out.add(
                GuardTampering::ID,
                Tier::High,
                format!("{} changes {}, which configures the agent's hooks or vibeguard itself", c.name, short(text)),
                "leave the guard configuration to the user; ask them to change the policy if a rule is in your way",
            );
        }
    }
    for w in &writes {
        let text = w.text.strip_prefix("of=").unwrap_or(&w.text);
        let r = c.resolve(text);
        if c.name == "dd" && r.place == Place::Device {
            continue; // reported by disk-overwrite
        }
        crate::rules::system_shutdown::check_sysrq_write(&r.path, out);
        // `dd of=FILE` and `tee FILE` replace what the file held
        if c.name == "dd" || (c.name == "tee" && !c.has_flag(Some('a'), &["--append"])) {
            overwrite(c.name, &r, c.cx, out);
        }
        if matches!(c.name, "chmod" | "chown" | "chgrp") {
            continue; // permission changes are not content writes (chmod 600 ~/.ssh/id_rsa)
        }
        if paths::is_persistence_target(&r.path, &c.cx.home) {
            out.add(
                PersistenceOrSystemWrite::ID,
                Tier::High,
                format!("{} writes {}, a shell start-up file, SSH key list or system file", c.name, r.path.display()),
                "change files inside the project only; tell the user what to add to their shell or system configuration",
            );
        }
    }
    if c.name == "crontab" && !c.strs().any(|a| a == "-l") && !c.args.is_empty() {
        out.add(
            PersistenceOrSystemWrite::ID,
            Tier::High,
            "crontab installs a scheduled job that keeps running after the session",
            "do not schedule jobs on the user's machine; describe the job for the user instead",
        );
    }
}

/// Paths `git checkout REV -- PATH...` / `git restore --source=REV PATH...` overwrite with
/// another revision's content: restoring an old guard file is as much a write as `cp`.
/// Without a revision (`git checkout -- f`, `git restore f`) the file only returns to its
/// committed state, which the discard-changes rule covers.
fn git_checkout_from_revision<'a>(c: &'a Cmd) -> Vec<&'a Word> {
    let Some(g) = crate::rules::git::parse(c) else {
        return Vec::new();
    };
    match g.sub {
        "checkout" => {
            let Some(dd) = g.args.iter().position(|a| a.text == "--") else {
                return Vec::new();
            };
            let has_rev = g.args[..dd].iter().any(|a| !a.text.starts_with('-'));
            if has_rev {
                g.args[dd + 1..].iter().collect()
            } else {
                Vec::new()
            }
        }
        "restore" => {
            let mut has_source = false;
            let mut paths = Vec::new();
            let mut i = 0;
            let mut dashdash = false;
            while i < g.args.len() {
                let a = g.args[i].text.as_str();
                if dashdash || !a.starts_with('-') {
                    paths.push(&g.args[i]);
                } else if a == "--" {
                    dashdash = true;
                } else if a == "-s" || a == "--source" {
                    has_source = true;
                    i += 1; // the revision
                } else if a.starts_with("--source=") || (a.starts_with("-s") && a.len() > 2) {
                    has_source = true;
                }
                i += 1;
            }
            if has_source { paths } else { Vec::new() }
        }
        _ => Vec::new(),
    }
}

/// Directories that contain only guard configuration (`rm -rf .claude`).
fn guard_dir(path: &Path, c: &Cmd) -> bool {
    for base in [&c.cx.project_root, &c.cx.home] {
        if let Ok(rel) = path.strip_prefix(base) {
            let r = rel.to_string_lossy();
            if matches!(
                r.as_ref(),
                ".claude"
                    | ".cursor"
                    | ".codex"
                    | ".gemini"
                    | ".windsurf"
                    | ".vibeguard"
                    | ".github/hooks"
            ) {
                return true;
            }
        }
    }
    false
}

/// Uninstalling the gate through a package manager (`cargo uninstall vibeguard`).
fn check_uninstall(c: &Cmd, out: &mut Out) {
    let uninstall = matches!(
        c.name,
        "cargo"
            | "brew"
            | "pip"
            | "pip3"
            | "pipx"
            | "npm"
            | "pnpm"
            | "yarn"
            | "apt"
            | "apt-get"
            | "dnf"
            | "yum"
            | "pacman"
            | "snap"
            | "port"
    ) && c.strs().any(|a| {
        matches!(
            a,
            "uninstall" | "remove" | "rm" | "purge" | "erase" | "-R" | "-Rs"
        )
    });
    if uninstall && c.strs().any(|a| a == "vibeguard") {
        out.add(
            GuardTampering::ID,
            Tier::High,
            format!(
                "{} uninstalls vibeguard; without it the agent's hooks cannot run",
                c.name
            ),
            "leave the guard installed; ask the user if a rule is in your way",
        );
    }
}

/// A write that replaces a file's content: history and database files lose their
/// data, files outside the project are someone else's.
fn overwrite(via: &str, r: &paths::Resolved, cx: &crate::ShellContext, out: &mut Out) {
    // guard and start-up files have their own rules
    if paths::is_guard_file(&r.path, &cx.home, &cx.project_root)
        || paths::is_persistence_target(&r.path, &cx.home)
    {
        return;
    }
    let history = paths::is_history_file(&r.path);
    let database = paths::is_database_file(&r.path);
    let tier = match r.place {
        Place::DevNull | Place::Device | Place::Tmp | Place::Dynamic | Place::Build => return,
        _ if history || database => Tier::High,
        Place::Root | Place::System => Tier::High,
        Place::Home | Place::HomeOther | Place::Outside | Place::Unset => Tier::Medium,
        _ => return,
    };
    let what = if history {
        "a shell history file"
    } else if database {
        "a database file"
    } else {
        "a file outside the project"
    };
    out.add(
        FileTruncation::ID,
        tier,
        format!(
            "{via} overwrites {} ({what}), destroying what it held",
            r.path.display()
        ),
        "write new files inside the project; leave history, databases and other files alone",
    );
}

/// `> target` / `>> target`.
pub fn check_redirect_write(e: &mut Engine, text: &str, append: bool) {
    let r = paths::resolve(text, &e.cwd, &e.cx.home, &e.cx.project_root);
    crate::rules::system_shutdown::check_sysrq_write(&r.path, &mut e.out);
    if !append {
        overwrite("a redirection", &r, e.cx, &mut e.out);
    }
    match r.place {
        Place::DevNull => return,
        Place::Device => {
            e.out.add(
                DiskOverwrite::ID,
                Tier::High,
                format!(
                    "output is redirected onto the device {}, overwriting the disk",
                    r.path.display()
                ),
                "write to a regular file instead",
            );
            return;
        }
        _ => {}
    }
    if paths::is_guard_file(&r.path, &e.cx.home, &e.cx.project_root) {
        e.out.add(
            GuardTampering::ID,
            Tier::High,
            format!("a redirection {} {}, which configures the agent's hooks or vibeguard itself", if append { "appends to" } else { "overwrites" }, short(text)),
            "leave the guard configuration to the user; ask them to change the policy if a rule is in your way",
        );
    }
    if paths::is_persistence_target(&r.path, &e.cx.home) {
        e.out.add(
            PersistenceOrSystemWrite::ID,
            Tier::High,
            format!("a redirection writes {}, a shell start-up file, SSH key list or system file", r.path.display()),
            "change files inside the project only; tell the user what to add to their shell or system configuration",
        );
    }
}

/// Remember files a download writes, so running them later counts as running downloaded code.
pub fn record_downloads(e: &mut Engine, name: &str, args: &[Word]) {
    if !crate::produce::is_downloader(name) {
        return;
    }
    let mut file: Option<String> = None;
    let mut url: Option<&str> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].text.as_str();
        if (a == "-o" || a == "--output" || (name == "wget" && a == "-O")) && i + 1 < args.len() {
            file = Some(args[i + 1].text.clone());
            i += 2;
            continue;
        }
        if name == "wget" && a == "--output-document" && i + 1 < args.len() {
            file = Some(args[i + 1].text.clone());
            i += 2;
            continue;
        }
        if let Some(v) = a
            .strip_prefix("--output=")
            .or_else(|| a.strip_prefix("--output-document="))
        {
            file = Some(v.to_string());
        }
        // A short-flag bundle holding the output letter (`wget -qO FILE`, `curl -sSo FILE`,
        // `curl -o/tmp/x`): the rest of the bundle, or else the next word, is the file.
        let out_letter = if name == "wget" { 'O' } else { 'o' };
        let bundle = file.is_none() && a.len() > 2 && a.starts_with('-') && !a.starts_with("--");
        if let Some(at) = a[1..].find(out_letter).filter(|_| bundle) {
            let rest = &a[1 + at + 1..];
            if !rest.is_empty() {
                file = Some(rest.to_string());
            } else if let Some(next) = args.get(i + 1) {
                file = Some(next.text.clone());
                i += 2;
                continue;
            }
        }
        if a.starts_with("http://") || a.starts_with("https://") {
            url = Some(a);
        }
        i += 1;
    }
    let remote_name = name == "curl"
        && args
            .iter()
            .any(|a| crate::cmd::flag_matches(&a.text, Some('O'), &["--remote-name"]));
    if file.is_none() && (remote_name || name == "wget") {
        file = url
            .and_then(|u| u.split('?').next())
            .and_then(|u| u.rsplit('/').next())
            .map(str::to_string);
    }
    if let Some(f) = file.filter(|f| f != "-" && !f.is_empty()) {
        let r = paths::resolve(&f, &e.cwd, &e.cx.home, &e.cx.project_root);
        e.downloaded.push(r.path);
    }
}
