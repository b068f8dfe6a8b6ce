use super::Listening;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags a network-reachable Redis that leaves administrative commands enabled:
    /// `CONFIG`, `DEBUG`, `MODULE`, `FLUSHALL`, `FLUSHDB`, `SHUTDOWN`, `SLAVEOF`/
    /// `REPLICAOF`, `KEYS` neither renamed to `""` nor restricted by ACLs.
    ///
    /// ## Why is this bad?
    /// `CONFIG SET dir`/`dbfilename` writes files anywhere the Redis user can (SSH keys,
    /// cron jobs), `MODULE LOAD` and `REPLICAOF` load attacker code; one client with the
    /// password, or none, turns a cache into a foothold (CWE-749).
    ///
    /// ## Example
    /// ```text
    /// bind 0.0.0.0
    /// requirepass <secret>
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// bind 10.0.1.5
    /// aclfile /etc/redis/users.acl     # app user: +@all -@dangerous
    /// rename-command CONFIG ""
    /// rename-command DEBUG ""
    /// ```
    DangerousCommands {
        id: "redis/dangerous-commands",
        title: "Administrative commands enabled on a networked Redis",
        cwe: [749],
        severity: Medium,
        confidence: Medium,
        kinds: [Redis],
        message: "administrative commands stay enabled on a network-reachable Redis",
    }
}

const DANGEROUS: &[&str] = &[
    "CONFIG",
    "DEBUG",
    "MODULE",
    "FLUSHALL",
    "FLUSHDB",
    "SHUTDOWN",
    "REPLICAOF",
    "SLAVEOF",
    "KEYS",
];

impl Check for DangerousCommands {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let dirs = f.directives();
        let l = Listening::of(dirs);
        if !l.networked() {
            return;
        }
        // ACL files and ACL users restrict commands per user; trust them.
        if dirs.iter().any(|d| {
            d.name == "aclfile" || d.name == "user" && d.args.iter().any(|a| a.starts_with('-'))
        }) {
            return;
        }
        let renamed: Vec<String> = dirs
            .iter()
            .filter(|d| d.name == "rename-command")
            .filter_map(|d| d.arg(0).map(|c| c.to_ascii_uppercase()))
            .collect();
        let open: Vec<&str> = DANGEROUS
            .iter()
            .copied()
            .filter(|c| !renamed.iter().any(|r| r == c))
            .collect();
        if open.len() >= 3 || open.contains(&"CONFIG") {
            let at = l
                .bind
                .or(l.protected_mode_off)
                .map_or(dirs[0].span.clone(), |d| d.span.clone());
            out.push(Hit::at(at).message(format!(
                "{} stay enabled on a network-reachable Redis: rename them to \"\" or restrict them with ACLs",
                open.join(", ")
            )));
        }
    }
}
