//! gate/host-security-disabled

use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags turning off the machine's protections: `setenforce 0`, `ufw disable`,
    /// `iptables -F`/`-P INPUT ACCEPT`, `nft flush ruleset`,
    /// `systemctl stop|disable firewalld|ufw|apparmor|auditd|...`, `spctl --master-disable`,
    /// `csrutil disable`, `Set-MpPreference -DisableRealtimeMonitoring`.
    ///
    /// ## Why is this bad?
    /// These switches expose the whole machine, not just the project, and stay off after
    /// the session ends. No coding task needs them.
    ///
    /// ## Example
    /// ```text
    /// sudo setenforce 0
    /// sudo ufw disable
    /// ```
    ///
    /// ## Use instead
    /// Add a narrow rule for what you need (one port, one policy module), or ask the user.
    HostSecurityDisabled {
        id: "gate/host-security-disabled",
        title: "Host security switched off",
        tier: High,
        cwe: [693],
    }
}

const SERVICES: &[&str] = &[
    "firewalld",
    "ufw",
    "apparmor",
    "auditd",
    "selinux",
    "iptables",
    "nftables",
    "fail2ban",
    "clamav",
    "clamd",
    "falco",
    "osqueryd",
    "crowdstrike",
    "falcon-sensor",
];

pub fn check(c: &Cmd, out: &mut Out) {
    let a: Vec<&str> = c.strs().collect();
    let what = match c.name {
        "setenforce"
            if a.first()
                .is_some_and(|x| *x == "0" || x.eq_ignore_ascii_case("permissive")) =>
        {
            Some("setenforce 0 turns SELinux enforcement off")
        }
        // ufw takes its options (`--force`, `--dry-run`) before the subcommand.
        "ufw" if a.iter().find(|x| !x.starts_with('-')) == Some(&"disable") => {
            Some("ufw disable turns the firewall off")
        }
        "iptables" | "ip6tables"
            if a.iter().any(|x| matches!(*x, "-F" | "--flush" | "-X"))
                || (a.contains(&"-P") && a.contains(&"ACCEPT")) =>
        {
            Some("iptables flushes the firewall rules")
        }
        "nft" if a.contains(&"flush") => Some("nft flush removes the firewall rules"),
        "systemctl" | "service"
            if a.iter().any(|x| matches!(*x, "stop" | "disable" | "mask"))
                && a.iter().any(|x| {
                    SERVICES
                        .iter()
                        .any(|s| x.trim_end_matches(".service") == *s)
                }) =>
        {
            Some("systemctl stops a security service")
        }
        "spctl"
            if a.iter()
                .any(|x| *x == "--master-disable" || *x == "--global-disable") =>
        {
            Some("spctl turns Gatekeeper off")
        }
        "csrutil" if a.first() == Some(&"disable") => {
            Some("csrutil disable turns System Integrity Protection off")
        }
        "Set-MpPreference" if a.iter().any(|x| x.starts_with("-Disable")) => {
            Some("Set-MpPreference turns Defender protection off")
        }
        "aa-teardown" => Some("aa-teardown unloads all AppArmor profiles"),
        _ => None,
    };
    if let Some(w) = what {
        out.add(
            HostSecurityDisabled::ID,
            Tier::High,
            format!("{w} for the whole machine"),
            "add a narrow rule for what you need, or ask the user",
        );
    }
}
