use super::services;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags Compose services that add `ALL` capabilities or ones that amount to host
    /// control: `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, `SYS_RAWIO`,
    /// `DAC_READ_SEARCH`, `BPF`.
    ///
    /// ## Why is this bad?
    /// `SYS_ADMIN` alone allows mounting file systems and escaping the container,
    /// `SYS_MODULE` loads kernel code, `NET_ADMIN` rewrites the host's view of the network
    /// when sharing its namespace (CWE-250, CWE-269).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   vpn:
    ///     cap_add: [ALL]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     cap_drop: [ALL]
    ///     cap_add: [NET_BIND_SERVICE]
    /// ```
    DangerousCapabilities {
        id: "compose/dangerous-capabilities",
        title: "Dangerous capabilities added",
        cwe: [250, 269],
        severity: High,
        confidence: High,
        kinds: [Compose],
        message: "adds a capability that gives control over the host: drop it, or drop ALL and add only what the service needs",
    }
}

/// Capabilities that amount to control over the host.
pub const DANGEROUS: &[&str] = &[
    "ALL",
    "SYS_ADMIN",
    "NET_ADMIN",
    "SYS_PTRACE",
    "SYS_MODULE",
    "SYS_RAWIO",
    "DAC_READ_SEARCH",
    "BPF",
    "SYS_BOOT",
];

pub fn is_dangerous(cap: &str) -> bool {
    let c = cap.trim().to_ascii_uppercase();
    DANGEROUS.contains(&c.strip_prefix("CAP_").unwrap_or(&c))
}

impl Check for DangerousCapabilities {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in services(f) {
            let Some(caps) = s.node.get("cap_add") else {
                continue;
            };
            for c in caps.as_list() {
                if let Some(t) = c.text()
                    && is_dangerous(t)
                {
                    out.push(Hit::at(c.span.clone()).message(format!(
                        "service `{}` adds `{t}`, which gives control over the host: drop ALL and add only what it needs",
                        s.name
                    )));
                }
            }
        }
    }
}
