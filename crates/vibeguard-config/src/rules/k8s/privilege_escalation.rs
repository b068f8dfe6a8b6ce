use super::containers;
use crate::rule::{Check, File, Hit};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags containers that may gain more privileges than they start with:
    /// `allowPrivilegeEscalation: true`, or the setting left out (Kubernetes then allows
    /// it). Low severity when it is only left out.
    ///
    /// ## Why is this bad?
    /// With privilege escalation allowed, a setuid binary or file capability in the image
    /// turns a foothold in the container into root inside it, the first step of most
    /// container escapes (CWE-269).
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   allowPrivilegeEscalation: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// securityContext:
    ///   allowPrivilegeEscalation: false
    /// ```
    PrivilegeEscalation {
        id: "k8s/privilege-escalation",
        title: "Privilege escalation allowed",
        cwe: [269],
        severity: High,
        confidence: High,
        kinds: [Kubernetes],
        message: "the container may gain privileges (setuid binaries work): set `allowPrivilegeEscalation: false`",
    }
}

impl Check for PrivilegeEscalation {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for (obj, c) in containers(f) {
            match c.node.path(&["securityContext", "allowPrivilegeEscalation"]) {
                Some(v) if v.is_true() => out.push(Hit::at(v.span.clone()).message(format!(
                    "container `{}` of {obj} sets `allowPrivilegeEscalation: true`: setuid binaries can make it root",
                    c.name
                ))),
                Some(_) => {}
                None => {
                    // A privileged container is reported by k8s/privileged.
                    if c.container_security("privileged").is_some_and(|p| p.is_true()) {
                        continue;
                    }
                    out.push(
                        Hit::at(c.anchor())
                            .severity(Severity::Low)
                            .message(format!(
                                "container `{}` of {obj} does not set `allowPrivilegeEscalation: false` (Kubernetes allows escalation by default)",
                                c.name
                            )),
                    );
                }
            }
        }
    }
}
