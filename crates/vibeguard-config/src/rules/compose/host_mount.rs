use super::services;
use crate::rule::{Check, File, Hit};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags Compose volumes that mount the container runtime's socket
    /// (`/var/run/docker.sock`, containerd, podman), the host's root file system, or
    /// host system and credential folders (`/etc`, `/proc`, `/sys`, `/root`, `/home`,
    /// `/var/lib/docker`, `~/.ssh`, `~/.aws`), in short or long syntax.
    ///
    /// ## Why is this bad?
    /// The Docker socket is root on the host: whoever talks to it starts a privileged
    /// container with `/` mounted. Mounting `/` or system folders hands the container the
    /// host's files, keys and configuration (CWE-250, CWE-668).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   ci:
    ///     volumes:
    ///       - /var/run/docker.sock:/var/run/docker.sock
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   ci:
    ///     volumes:
    ///       - build-cache:/cache   # a named volume, not a host path
    /// ```
    HostMount {
        id: "compose/host-mount",
        title: "Docker socket or host system folder mounted",
        cwe: [250, 668],
        severity: High,
        confidence: High,
        kinds: [Compose],
        message: "mounts the Docker socket or a host system folder into the container",
    }
}

/// What a host path gives the container, if it is sensitive; `true` when it amounts to
/// root on the host.
pub fn sensitive_host_path(p: &str) -> Option<(&'static str, bool)> {
    let p = p.trim_end_matches('/');
    let p = if p.is_empty() { "/" } else { p };
    const SOCKETS: &[&str] = &[
        "/var/run/docker.sock",
        "/run/docker.sock",
        "/var/run/containerd/containerd.sock",
        "/run/containerd/containerd.sock",
        "/run/podman/podman.sock",
        "/var/run/crio/crio.sock",
    ];
    if SOCKETS.contains(&p) || p.ends_with("/docker.sock") {
        return Some((
            "the container runtime's socket, which is root on the host",
            true,
        ));
    }
    if p == "/" {
        return Some(("the host's whole file system", true));
    }
    const SYSTEM: &[&str] = &[
        "/etc",
        "/proc",
        "/sys",
        "/root",
        "/home",
        "/boot",
        "/dev",
        "/lib/modules",
        "/var/run",
        "/run",
        "/var/lib/docker",
        "/var/lib/kubelet",
        "/usr",
        "/bin",
        "/sbin",
        "/lib",
        "/var/log",
    ];
    if SYSTEM.contains(&p) || p.starts_with("/etc/kubernetes") || p == "/etc/shadow" {
        return Some(("a host system folder", false));
    }
    let cred = [
        "/.ssh",
        "/.aws",
        "/.kube",
        "/.docker",
        "/.gnupg",
        "/.config/gcloud",
    ];
    if cred
        .iter()
        .any(|c| p.ends_with(c) || p.contains(&format!("{c}/")))
    {
        return Some(("the host user's credentials", false));
    }
    None
}

impl Check for HostMount {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in services(f) {
            let Some(vols) = s.node.get("volumes") else {
                continue;
            };
            for v in vols.items() {
                let (source, at) = if v.is_map() {
                    if v.get("type")
                        .and_then(|t| t.text())
                        .is_some_and(|t| t != "bind")
                    {
                        continue;
                    }
                    let Some(src) = v.get("source") else { continue };
                    (src.text().unwrap_or("").to_string(), src.span.clone())
                } else {
                    let t = v.text().unwrap_or("");
                    (
                        t.split(':').next().unwrap_or("").to_string(),
                        v.span.clone(),
                    )
                };
                if let Some((what, root)) = sensitive_host_path(&source) {
                    let hit = Hit::at(at)
                        .message(format!("service `{}` mounts `{source}`: {what}", s.name));
                    out.push(if root {
                        hit
                    } else {
                        hit.severity(Severity::Medium)
                    });
                }
            }
        }
    }
}
