//! gate/insecure-permissions

use crate::cmd::{Cmd, Out, short};
use crate::paths::Place;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags making files writable by everyone: `chmod 777`/`666`/`o+w`/`a+w` (and
    /// recursive variants). It is high when applied recursively or outside the project
    /// (system paths, the home directory), medium otherwise.
    ///
    /// ## Why is this bad?
    /// World-writable files let any local user or process change code, scripts or
    /// configuration that later runs with the developer's permissions. Agents use
    /// `chmod 777` to make a permission error go away.
    ///
    /// ## Example
    /// ```text
    /// chmod -R 777 /var/www
    /// ```
    ///
    /// ## Use instead
    /// Grant the least needed: `chmod u+x script.sh`, `chmod 755` for directories,
    /// `chmod 644` for files, or fix the owner with `chown`.
    InsecurePermissions {
        id: "gate/insecure-permissions",
        title: "World-writable permissions",
        tier: Medium,
        cwe: [732],
    }
}

fn world_writable(mode: &str) -> bool {
    if mode.chars().all(|c| c.is_ascii_digit()) && !mode.is_empty() {
        let last = mode.chars().last().and_then(|c| c.to_digit(8)).unwrap_or(0);
        return last & 2 != 0;
    }
    mode.split(',').any(|part| {
        let Some(op) = part.find(['+', '=']) else {
            return false;
        };
        let (who, perms) = part.split_at(op);
        (who.contains('o') || who.contains('a')) && perms[1..].contains('w')
    })
}

pub fn check(c: &Cmd, out: &mut Out) {
    if c.name != "chmod" {
        return;
    }
    let pos = c.positionals();
    let Some(mode) = pos.first() else { return };
    let setuid = {
        let m = mode.text.as_str();
        (m.len() == 4
            && m.chars().all(|c| c.is_ascii_digit())
            && matches!(m.as_bytes()[0], b'4' | b'6' | b'2'))
            || m.contains("+s")
    };
    if setuid
        && pos[1..].iter().any(|w| {
            matches!(
                c.place(&w.text),
                Place::System | Place::Root | Place::Outside | Place::HomeOther
            )
        })
    {
        out.add(
            InsecurePermissions::ID,
            Tier::High,
            format!("chmod {} sets the setuid/setgid bit on a program outside the project, a classic privilege escalation", short(&mode.text)),
            "never make system programs setuid; ask the user",
        );
        return;
    }
    if !world_writable(&mode.text) {
        return;
    }
    let recursive = c.has_flag(Some('R'), &["--recursive"]);
    let outside = pos[1..].iter().any(|w| {
        matches!(
            c.place(&w.text),
            Place::Root
                | Place::System
                | Place::Home
                | Place::HomeOther
                | Place::Outside
                | Place::Device
        )
    });
    let tier = if recursive || outside {
        Tier::High
    } else {
        Tier::Medium
    };
    let targets: Vec<String> = pos[1..].iter().map(|w| short(&w.text)).collect();
    out.add(
        InsecurePermissions::ID,
        tier,
        format!(
            "chmod {} makes {} writable by every user",
            short(&mode.text),
            targets.join(" ")
        ),
        "grant only what is needed (chmod u+x, 755 for directories, 644 for files)",
    );
}
