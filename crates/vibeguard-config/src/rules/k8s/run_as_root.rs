use super::containers;
use crate::rule::{Check, File, Hit};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags containers that may run as root: `runAsUser: 0`, `runAsNonRoot: false`, or
    /// neither `runAsNonRoot: true` nor a non-zero `runAsUser` at container or pod level.
    ///
    /// ## Why is this bad?
    /// Most images default to root. Root in a container owns the container's files and is
    /// one kernel or runtime bug away from root on the node (CWE-250).
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   containers:
    ///     - name: api
    ///       image: example/api:1.2.0
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   securityContext:
    ///     runAsNonRoot: true
    ///     runAsUser: 10001
    ///   containers:
    ///     - name: api
    ///       image: example/api:1.2.0
    /// ```
    RunAsRoot {
        id: "k8s/run-as-root",
        title: "Container may run as root",
        cwe: [250],
        severity: Medium,
        confidence: High,
        kinds: [Kubernetes],
        message: "the container may run as root: set `runAsNonRoot: true` and a non-zero `runAsUser`",
    }
}

impl Check for RunAsRoot {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for (obj, c) in containers(f) {
            let user = c.security("runAsUser");
            let non_root = c.security("runAsNonRoot");
            if let Some(u) = user
                && u.text() == Some("0")
            {
                out.push(
                    Hit::at(u.span.clone())
                        .severity(Severity::High)
                        .message(format!(
                            "container `{}` of {obj} runs as root (`runAsUser: 0`)",
                            c.name
                        )),
                );
                continue;
            }
            if let Some(n) = non_root
                && n.is_false()
            {
                out.push(Hit::at(n.span.clone()).message(format!(
                    "container `{}` of {obj} sets `runAsNonRoot: false`",
                    c.name
                )));
                continue;
            }
            let user_set =
                user.is_some_and(|u| u.text().is_some_and(|t| t != "0") || u.is_unknown());
            if non_root.is_some_and(|n| n.is_true()) || user_set {
                continue;
            }
            out.push(Hit::at(c.anchor()).message(format!(
                "container `{}` of {obj} may run as root: set `runAsNonRoot: true` and a non-zero `runAsUser`",
                c.name
            )));
        }
    }
}
