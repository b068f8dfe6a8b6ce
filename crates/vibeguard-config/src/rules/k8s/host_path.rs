use super::pods;
use crate::rule::{Check, File, Hit};
use crate::rules::compose::host_mount::sensitive_host_path;
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags `hostPath` volumes. Mounting the container runtime socket, `/`, or host
    /// system folders is high severity; other host paths medium.
    ///
    /// ## Why is this bad?
    /// A hostPath ties the pod to the node's file system: with the runtime socket or
    /// system folders it is root on the node; even a data folder lets the pod read or
    /// change what other workloads on that node left there (CWE-668).
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    ///   - name: docker
    ///     hostPath: { path: /var/run/docker.sock }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// volumes:
    ///   - name: data
    ///     persistentVolumeClaim: { claimName: data }
    /// ```
    HostPath {
        id: "k8s/host-path",
        title: "hostPath volume",
        cwe: [668],
        severity: High,
        confidence: High,
        kinds: [Kubernetes],
        message: "mounts a folder of the node into the pod",
    }
}

impl Check for HostPath {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for p in pods(f) {
            for v in p.spec.get("volumes").map(|v| v.items()).unwrap_or(&[]) {
                let Some(hp) = v.get("hostPath") else {
                    continue;
                };
                let path = hp.get("path").and_then(|x| x.text()).unwrap_or("");
                let at = hp.get("path").map_or(hp.span.clone(), |x| x.span.clone());
                match sensitive_host_path(path) {
                    Some((what, root)) => {
                        let hit = Hit::at(at).message(format!(
                            "{} mounts `{path}` from the node: {what}",
                            p.object
                        ));
                        out.push(if root { hit } else { hit.severity(Severity::High) });
                    }
                    None => out.push(Hit::at(at).severity(Severity::Medium).message(format!(
                        "{} mounts `{path}` from the node with hostPath: use a PersistentVolumeClaim or emptyDir",
                        p.object
                    ))),
                }
            }
        }
    }
}
