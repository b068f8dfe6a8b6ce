use super::containers;
use crate::rule::{Check, File, Hit};
use crate::rules::compose::dangerous_capabilities::is_dangerous;
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags capabilities added to containers: `ALL`, `SYS_ADMIN`, `NET_ADMIN` and
    /// others that give control over the node are high severity; any other addition
    /// except `NET_BIND_SERVICE` is medium.
    ///
    /// ## Why is this bad?
    /// Capabilities are pieces of root. `SYS_ADMIN` is nearly all of it; `NET_RAW` lets a
    /// pod spoof traffic to its neighbours (CWE-250, CWE-269).
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   capabilities:
    ///     add: ["SYS_ADMIN"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// securityContext:
    ///   capabilities:
    ///     drop: ["ALL"]
    ///     add: ["NET_BIND_SERVICE"]
    /// ```
    AddedCapabilities {
        id: "k8s/added-capabilities",
        title: "Capabilities added",
        cwe: [250, 269],
        severity: High,
        confidence: High,
        kinds: [Kubernetes],
        message: "adds Linux capabilities to the container: drop ALL and add only what it needs",
    }
}

impl Check for AddedCapabilities {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for (obj, c) in containers(f) {
            let Some(add) = c.node.path(&["securityContext", "capabilities", "add"]) else {
                continue;
            };
            for cap in add.as_list() {
                let Some(t) = cap.text() else { continue };
                let name = t.to_ascii_uppercase();
                let name = name.strip_prefix("CAP_").unwrap_or(&name);
                if name == "NET_BIND_SERVICE" {
                    continue;
                }
                let hit = Hit::at(cap.span.clone())
                    .message(format!("container `{}` of {obj} adds `{t}`", c.name));
                out.push(if is_dangerous(name) {
                    hit
                } else {
                    hit.severity(Severity::Medium)
                });
            }
        }
    }
}
