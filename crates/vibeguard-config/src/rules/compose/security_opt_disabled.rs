use super::services;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags Compose `security_opt` entries that switch off the kernel protections a
    /// container normally runs under: `seccomp:unconfined`, `apparmor:unconfined`,
    /// `label:disable` (SELinux), `systempaths=unconfined`, `no-new-privileges:false`.
    ///
    /// ## Why is this bad?
    /// The seccomp profile blocks the system calls most container escapes use; AppArmor
    /// and SELinux confine file and mount access. Turning them off removes the layers that
    /// stop a compromised process from reaching the host (CWE-693).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     security_opt:
    ///       - seccomp:unconfined
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     security_opt:
    ///       - no-new-privileges:true
    /// ```
    SecurityOptDisabled {
        id: "compose/security-opt-disabled",
        title: "Seccomp, AppArmor or SELinux disabled",
        cwe: [693],
        severity: High,
        confidence: High,
        kinds: [Compose],
        message: "turns off a kernel protection the container runs under",
    }
}

pub fn disables_protection(opt: &str) -> bool {
    let o = opt.to_ascii_lowercase().replace('=', ":");
    matches!(
        o.as_str(),
        "seccomp:unconfined"
            | "apparmor:unconfined"
            | "label:disable"
            | "systempaths:unconfined"
            | "no-new-privileges:false"
    )
}

impl Check for SecurityOptDisabled {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in services(f) {
            let Some(opts) = s.node.get("security_opt") else {
                continue;
            };
            for o in opts.as_list() {
                if let Some(t) = o.text()
                    && disables_protection(t)
                {
                    out.push(Hit::at(o.span.clone()).message(format!(
                        "service `{}` sets `{t}`, which turns off a kernel protection the container runs under",
                        s.name
                    )));
                }
            }
        }
    }
}
