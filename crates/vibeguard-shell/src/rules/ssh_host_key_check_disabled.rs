//! gate/ssh-host-key-check-disabled
use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags SSH connections with host key checking switched off:
    /// `StrictHostKeyChecking=no` (or `off`) and `UserKnownHostsFile=/dev/null` given to
    /// `ssh`, `scp`, `sftp`, `rsync -e`, `git` (`core.sshCommand`, `GIT_SSH_COMMAND`) or
    /// anything else, and `ANSIBLE_HOST_KEY_CHECKING=False`. (`accept-new`, which still
    /// refuses a changed key, is not flagged.)
    ///
    /// ## Why is this bad?
    /// Without the host key check the client talks to whoever answers: a machine in the
    /// middle receives the pushed code, the copied files and, with agent forwarding or
    /// passwords, the credentials.
    ///
    /// ## Example
    /// ```text
    /// ssh -o StrictHostKeyChecking=no deploy@prod.example.com
    /// ```
    ///
    /// ## Use instead
    /// Add the host's key once (`ssh-keyscan` checked against a known fingerprint) or use
    /// `StrictHostKeyChecking=accept-new`.
    SshHostKeyCheckDisabled {
        id: "gate/ssh-host-key-check-disabled",
        title: "SSH host key checking switched off",
        tier: Medium,
        cwe: [295],
    }
}

/// Whether text holds an ssh option that turns the host key check off.
pub fn disables_check(text: &str) -> bool {
    let t: String = text
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
        .collect();
    [
        "stricthostkeychecking=no",
        "stricthostkeychecking=off",
        "stricthostkeychecking=false",
        "userknownhostsfile=/dev/null",
    ]
    .iter()
    .any(|p| t.contains(p))
        || {
            let raw = text.to_ascii_lowercase();
            raw.split_whitespace()
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| {
                    w[0].ends_with("stricthostkeychecking")
                        && matches!(w[1].trim_matches(['"', '\'']), "no" | "off" | "false")
                })
        }
}

pub fn check(c: &Cmd, out: &mut Out) {
    let in_args = c.strs().any(disables_check)
        || c.args
            .windows(2)
            .any(|w| w[0].text == "-o" && disables_check(&w[1].text));
    let in_env = c.env.iter().any(|(n, v)| {
        (n == "GIT_SSH_COMMAND" || n == "RSYNC_RSH") && disables_check(&v.text)
            || n == "ANSIBLE_HOST_KEY_CHECKING"
                && matches!(v.text.to_ascii_lowercase().as_str(), "false" | "0" | "no")
    });
    if in_args || in_env {
        out.add(
            SshHostKeyCheckDisabled::ID,
            Tier::Medium,
            format!("{} connects over SSH without checking the host key, so a machine in the middle can impersonate the server", c.name),
            "add the host key to known_hosts once, or use StrictHostKeyChecking=accept-new",
        );
    }
}

/// `export GIT_SSH_COMMAND=...` / `export ANSIBLE_HOST_KEY_CHECKING=False`.
pub fn check_assignment(name: &str, value: &str, out: &mut Out) {
    if (name == "GIT_SSH_COMMAND" || name == "RSYNC_RSH") && disables_check(value)
        || name == "ANSIBLE_HOST_KEY_CHECKING"
            && matches!(value.to_ascii_lowercase().as_str(), "false" | "0" | "no")
    {
        out.add(
            SshHostKeyCheckDisabled::ID,
            Tier::Medium,
            format!("{name} turns SSH host key checking off for every later connection"),
            "add the host key to known_hosts once, or use StrictHostKeyChecking=accept-new",
        );
    }
}
