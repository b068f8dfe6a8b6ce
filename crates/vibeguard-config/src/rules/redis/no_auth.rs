use super::{Listening, has_auth};
use crate::rule::{Check, File, Hit};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags a redis.conf without authentication: no `requirepass`, no `aclfile`, and no
    /// ACL `user` that protects the default user (`user default on nopass` counts as
    /// none). High severity when the instance is reachable from other machines.
    ///
    /// ## Why is this bad?
    /// Any process or container that can reach the port, including through a server-side
    /// request forgery in the application, reads and rewrites the data and can abuse
    /// `CONFIG`/`MODULE` for code execution (CWE-306).
    ///
    /// ## Example
    /// ```text
    /// bind 10.0.1.5
    /// # no requirepass
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// bind 10.0.1.5
    /// aclfile /etc/redis/users.acl   # users with passwords, default user off
    /// ```
    NoAuth {
        id: "redis/no-auth",
        title: "Redis without a password",
        cwe: [306],
        severity: Medium,
        confidence: High,
        kinds: [Redis],
        message: "Redis accepts clients without a password: set `requirepass` or ACL users (from a secret)",
    }
}

impl Check for NoAuth {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let dirs = f.directives();
        if dirs.is_empty() || has_auth(dirs) {
            return;
        }
        let l = Listening::of(dirs);
        let at = dirs
            .iter()
            .find(|d| d.name == "user" && d.arg(0) == Some("default"))
            .or(l.bind)
            .map_or(dirs[0].span.clone(), |d| d.span.clone());
        let hit = Hit::at(at);
        out.push(if l.networked() {
            hit.severity(Severity::High).message(
                "Redis is reachable from the network and accepts clients without a password: set `requirepass` or ACL users",
            )
        } else {
            hit
        });
    }
}
