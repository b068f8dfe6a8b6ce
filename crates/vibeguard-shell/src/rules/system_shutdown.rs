//! gate/system-shutdown
use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags shutting down, rebooting or halting the machine: `shutdown` (unless
    /// cancelling with `-c`), `reboot`, `halt`, `poweroff`, `init`/`telinit` to runlevel
    /// 0, 1 or 6, `systemctl poweroff|reboot|halt|kexec|emergency|rescue` and writes to
    /// `/proc/sysrq-trigger`.
    ///
    /// ## Why is this bad?
    /// The developer loses every open program and unsaved work; on a server every user
    /// and service goes down. An agent has no task that needs it.
    ///
    /// ## Example
    /// ```text
    /// sudo shutdown -h now
    /// systemctl reboot
    /// ```
    ///
    /// ## Use instead
    /// Restart the one service you changed (`systemctl --user restart app`), or tell the
    /// user a reboot is needed.
    SystemShutdown {
        id: "gate/system-shutdown",
        title: "Machine shut down or rebooted",
        tier: High,
        cwe: [400],
    }
}

fn report(out: &mut Out, what: &str) {
    out.add(
        SystemShutdown::ID,
        Tier::High,
        format!("{what} shuts down or restarts the machine"),
        "restart only the service you changed, or tell the user a reboot is needed",
    );
}

pub fn check(c: &Cmd, out: &mut Out) {
    let help = c.strs().any(|a| matches!(a, "--help" | "--version"));
    match c.name {
        "shutdown" if !help && !c.strs().any(|a| a == "-c") => report(out, "shutdown"),
        "reboot" | "halt" | "poweroff" if !help => report(out, c.name),
        "init" | "telinit" if matches!(c.arg(0), Some("0" | "1" | "6" | "s" | "S")) => {
            report(out, &format!("{} {}", c.name, c.arg(0).unwrap_or_default()))
        }
        "systemctl" | "loginctl" => {
            let verb = c.strs().find(|a| !a.starts_with('-'));
            if let Some(
                v @ ("poweroff" | "reboot" | "halt" | "kexec" | "emergency" | "rescue"
                | "soft-reboot"),
            ) = verb
            {
                report(out, &format!("{} {v}", c.name));
            }
        }
        _ => {}
    }
}

/// A write to the kernel's magic SysRq trigger (`echo b > /proc/sysrq-trigger`).
pub fn check_sysrq_write(path: &std::path::Path, out: &mut Out) {
    if path == std::path::Path::new("/proc/sysrq-trigger") {
        report(out, "writing /proc/sysrq-trigger");
    }
}
