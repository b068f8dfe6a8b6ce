//! redis.conf rules, and the listening and authentication facts they share.

pub mod dangerous_commands;
pub mod network_exposed;
pub mod no_auth;

use crate::parse::directives::{Directive, effective};

/// Is this `bind` address reachable from other machines?
pub fn non_loopback(addr: &str) -> bool {
    let a = addr.trim_start_matches('-');
    !(a.starts_with("127.") || a == "::1" || a == "localhost" || a.is_empty())
}

pub fn all_interfaces(addr: &str) -> bool {
    matches!(
        addr.trim_start_matches('-'),
        "0.0.0.0" | "*" | "::" | "::*" | "0:0:0:0:0:0:0:0"
    )
}

/// How the instance listens.
pub struct Listening<'a> {
    pub bind: Option<&'a Directive>,
    pub protected_mode_off: Option<&'a Directive>,
    pub port_zero: bool,
}

impl<'a> Listening<'a> {
    pub fn of(dirs: &'a [Directive]) -> Listening<'a> {
        Listening {
            bind: effective(dirs, "bind", false),
            protected_mode_off: effective(dirs, "protected-mode", false)
                .filter(|d| d.value_lower() == "no"),
            port_zero: effective(dirs, "port", false).is_some_and(|d| d.arg(0) == Some("0")),
        }
    }

    /// Reachable from every interface: `bind 0.0.0.0`/`*`, or no `bind` with
    /// `protected-mode no` (Redis then accepts everyone).
    pub fn on_all_interfaces(&self) -> bool {
        if self.port_zero {
            return false;
        }
        match self.bind {
            Some(b) => b.args.iter().any(|a| all_interfaces(a)),
            None => self.protected_mode_off.is_some(),
        }
    }

    /// Reachable from another machine at all (a non-loopback bind counts).
    pub fn networked(&self) -> bool {
        if self.port_zero {
            return false;
        }
        match self.bind {
            Some(b) => b.args.iter().any(|a| non_loopback(a)),
            None => self.protected_mode_off.is_some(),
        }
    }
}

/// Does the instance require a password (`requirepass`, an ACL file, or ACL users with
/// passwords and the default user off or password-protected)?
pub fn has_auth(dirs: &[Directive]) -> bool {
    if effective(dirs, "requirepass", false)
        .is_some_and(|d| d.arg(0).is_some_and(|p| !p.is_empty()))
    {
        return true;
    }
    if effective(dirs, "aclfile", false).is_some() {
        return true;
    }
    let users: Vec<&Directive> = dirs.iter().filter(|d| d.name == "user").collect();
    let default = users.iter().find(|u| u.arg(0) == Some("default"));
    match default {
        Some(d) => {
            let rules = &d.args[1..];
            rules.iter().any(|r| r == "off")
                || rules
                    .iter()
                    .any(|r| r.starts_with('>') || r.starts_with('#'))
                    && !rules.iter().any(|r| r == "nopass")
        }
        None => false,
    }
}
