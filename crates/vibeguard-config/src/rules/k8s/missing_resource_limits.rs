use super::containers;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags containers without CPU and memory limits.
    ///
    /// ## Why is this bad?
    /// One runaway or attacked container can starve every other pod on its node, a
    /// denial of service that also hides what it is doing (CWE-770). Low severity.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: example/api:1.2.0
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: example/api:1.2.0
    ///     resources:
    ///       requests: { cpu: 100m, memory: 128Mi }
    ///       limits: { cpu: 500m, memory: 256Mi }
    /// ```
    MissingResourceLimits {
        id: "k8s/missing-resource-limits",
        title: "No resource limits",
        cwe: [770],
        severity: Low,
        confidence: High,
        kinds: [Kubernetes],
        message: "the container has no CPU or memory limit",
    }
}

impl Check for MissingResourceLimits {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for (obj, c) in containers(f) {
            let limits = c.node.path(&["resources", "limits"]);
            let missing: Vec<&str> = ["memory", "cpu"]
                .into_iter()
                .filter(|k| limits.and_then(|l| l.get(k)).is_none())
                .collect();
            if !missing.is_empty() {
                out.push(Hit::at(c.anchor()).message(format!(
                    "container `{}` of {obj} has no {} limit",
                    c.name,
                    missing.join(" or ")
                )));
            }
        }
    }
}
