use super::containers;
use crate::rule::{Check, File, Hit};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags containers whose root file system is writable: `readOnlyRootFilesystem:
    /// false`, or the setting left out (low severity).
    ///
    /// ## Why is this bad?
    /// A writable root lets an intruder drop tools, change the application's code or
    /// configuration and persist until the pod is replaced (CWE-732).
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   readOnlyRootFilesystem: false
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// securityContext:
    ///   readOnlyRootFilesystem: true
    /// volumeMounts:
    ///   - { name: tmp, mountPath: /tmp }   # an emptyDir for what must be written
    /// ```
    WritableRootFilesystem {
        id: "k8s/writable-root-filesystem",
        title: "Writable root file system",
        cwe: [732],
        severity: Medium,
        confidence: High,
        kinds: [Kubernetes],
        message: "the container's root file system is writable: set `readOnlyRootFilesystem: true` and mount an emptyDir where it must write",
    }
}

impl Check for WritableRootFilesystem {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for (obj, c) in containers(f) {
            match c.container_security("readOnlyRootFilesystem") {
                Some(v) if v.is_true() || v.is_unknown() => {}
                Some(v) => out.push(Hit::at(v.span.clone()).message(format!(
                    "container `{}` of {obj} sets `readOnlyRootFilesystem: false`",
                    c.name
                ))),
                None => out.push(Hit::at(c.anchor()).severity(Severity::Low).message(format!(
                    "container `{}` of {obj} has a writable root file system: set `readOnlyRootFilesystem: true`",
                    c.name
                ))),
            }
        }
    }
}
