//! gate/container-host-escape

use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags containers started with access to the host: `--privileged`, bind mounts of
    /// `/` or system directories, the Docker socket (`/var/run/docker.sock`),
    /// `--pid host`, `--cap-add SYS_ADMIN`/`ALL`, `--security-opt` that disables
    /// seccomp/AppArmor (all high), and `--network host` (medium).
    ///
    /// ## Why is this bad?
    /// Each of these lets code in the container take over the host: a privileged
    /// container or the Docker socket is root on the machine; mounting `/` exposes every
    /// file including keys.
    ///
    /// ## Example
    /// ```text
    /// docker run --rm -v /:/host alpine chroot /host
    /// ```
    ///
    /// ## Use instead
    /// Mount only the project directory, publish specific ports with `-p`, and add only
    /// the capability needed.
    ContainerHostEscape {
        id: "gate/container-host-escape",
        title: "Container with host access",
        tier: High,
        cwe: [250],
    }
}

fn dangerous_mount(spec: &str, home: &std::path::Path) -> bool {
    let src = spec.split(':').next().unwrap_or(spec);
    let src = src
        .strip_prefix("type=bind,source=")
        .or_else(|| src.strip_prefix("source="))
        .unwrap_or(src);
    let src = src.split(',').next().unwrap_or(src);
    let home = home.to_string_lossy();
    src == "/"
        || src == "~"
        || src.trim_end_matches('/') == home
        || src.ends_with("docker.sock")
        || src.ends_with("podman.sock")
        || [
            "/etc",
            "/root",
            "/var/run",
            "/run",
            "/proc",
            "/sys",
            "/dev",
            "/boot",
            "/usr",
            "/var/lib/docker",
            "/home",
        ]
        .iter()
        .any(|d| src == *d || src == format!("{d}/"))
}

pub fn check(c: &Cmd, out: &mut Out) {
    if !matches!(c.name, "docker" | "podman" | "nerdctl") {
        return;
    }
    let a: Vec<&str> = c.strs().collect();
    if !a.iter().take(3).any(|x| matches!(*x, "run" | "create")) {
        return;
    }
    let mut high: Option<&str> = None;
    let mut medium: Option<&str> = None;
    for (i, x) in a.iter().enumerate() {
        let next = a.get(i + 1).copied().unwrap_or("");
        let val = |flag: &str| -> Option<&str> {
            if *x == flag {
                Some(next)
            } else {
                x.strip_prefix(flag).and_then(|r| r.strip_prefix('='))
            }
        };
        if *x == "--privileged" || x.starts_with("--privileged=true") {
            high = Some("--privileged");
        }
        if let Some(v) = val("-v")
            .or_else(|| val("--volume"))
            .or_else(|| val("--mount"))
            && dangerous_mount(v, &c.cx.home)
        {
            high = Some("a host mount of a system path or the Docker socket");
        }
        if let Some(v) = val("--pid")
            .or_else(|| val("--ipc"))
            .or_else(|| val("--userns"))
            && v == "host"
        {
            high = Some("--pid host");
        }
        if let Some(v) = val("--cap-add")
            && matches!(
                v.to_ascii_uppercase().as_str(),
                "SYS_ADMIN" | "ALL" | "CAP_SYS_ADMIN" | "SYS_PTRACE" | "SYS_MODULE"
            )
        {
            high = Some("--cap-add SYS_ADMIN");
        }
        if let Some(v) = val("--security-opt")
            && v.contains("unconfined")
        {
            high = Some("--security-opt unconfined");
        }
        if let Some(v) = val("--network").or_else(|| val("--net"))
            && v == "host"
        {
            medium = Some("--network host");
        }
    }
    if let Some(h) = high {
        out.add(
            ContainerHostEscape::ID,
            Tier::High,
            format!(
                "{} run with {h} gives the container control of the host",
                c.name
            ),
            "mount only the project directory and add only the capabilities needed",
        );
    } else if let Some(m) = medium {
        out.add(
            ContainerHostEscape::ID,
            Tier::Medium,
            format!("{} run with {m} shares the host's network stack", c.name),
            "publish specific ports with -p instead",
        );
    }
}
