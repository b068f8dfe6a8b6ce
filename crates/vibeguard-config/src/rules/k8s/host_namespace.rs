use super::pods;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags pods with `hostNetwork`, `hostPID` or `hostIPC` set to true.
    ///
    /// ## Why is this bad?
    /// The pod sees the node's network interfaces and local-only services (the kubelet,
    /// cloud metadata), or every process on the node and their memory: the isolation
    /// between workloads is gone (CWE-653).
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   hostNetwork: true
    ///   hostPID: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   hostNetwork: false   # the default; expose ports through a Service
    /// ```
    HostNamespace {
        id: "k8s/host-namespace",
        title: "Host namespace shared",
        cwe: [653],
        severity: High,
        confidence: High,
        kinds: [Kubernetes],
        message: "the pod shares a namespace of the node and loses its isolation",
    }
}

impl Check for HostNamespace {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for p in pods(f) {
            for key in ["hostNetwork", "hostPID", "hostIPC"] {
                if let Some(e) = p.spec.entry(key)
                    && e.value.is_true()
                {
                    out.push(Hit::at(e.key_span.start..e.value.span.end).message(format!(
                        "{} sets `{key}: true` and shares the node's namespace",
                        p.object
                    )));
                }
            }
        }
    }
}
