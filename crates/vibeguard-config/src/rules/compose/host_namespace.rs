use super::services;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags Compose services that share a host namespace: `network_mode: host`,
    /// `pid: host`, `ipc: host`, `userns_mode: host`, `uts: host`.
    ///
    /// ## Why is this bad?
    /// With the host's network the container reaches every local-only service (databases
    /// bound to 127.0.0.1, cloud metadata, the Docker API); with its PID or IPC namespace
    /// it can see and signal host processes and read their shared memory (CWE-653).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   monitor:
    ///     network_mode: host
    ///     pid: host
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   monitor:
    ///     ports: ["127.0.0.1:9100:9100"]
    /// ```
    HostNamespace {
        id: "compose/host-namespace",
        title: "Host namespace shared",
        cwe: [653],
        severity: High,
        confidence: High,
        kinds: [Compose],
        message: "the service shares a host namespace and loses the container's isolation",
    }
}

impl Check for HostNamespace {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in services(f) {
            for key in ["network_mode", "pid", "ipc", "userns_mode", "uts"] {
                if let Some(e) = s.node.entry(key)
                    && e.value
                        .text()
                        .is_some_and(|v| v.eq_ignore_ascii_case("host"))
                {
                    out.push(Hit::at(e.key_span.start..e.value.span.end).message(format!(
                        "service `{}` uses the host's {} namespace (`{key}: host`) and loses the container's isolation",
                        s.name,
                        match key {
                            "network_mode" => "network",
                            "pid" => "process",
                            "ipc" => "IPC",
                            "userns_mode" => "user",
                            _ => "UTS",
                        }
                    )));
                }
            }
        }
    }
}
