use super::containers;
use crate::rule::{Check, File, Hit, edit};
use crate::rules::compose::entry_lines;

crate::config_rule! {
    /// ## What it does
    /// Flags containers with `securityContext.privileged: true`.
    ///
    /// ## Why is this bad?
    /// A privileged container has all capabilities and the node's devices and runs
    /// unconfined: a compromise of the process is a compromise of the node and of every
    /// pod and secret on it (CWE-250).
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    ///   - name: agent
    ///     securityContext:
    ///       privileged: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// containers:
    ///   - name: agent
    ///     securityContext:
    ///       allowPrivilegeEscalation: false
    ///       capabilities: { drop: [ALL] }
    /// ```
    Privileged {
        id: "k8s/privileged",
        title: "Privileged container",
        cwe: [250],
        severity: High,
        confidence: High,
        kinds: [Kubernetes],
        message: "privileged container: a compromise inside it controls the node",
    }
}

impl Check for Privileged {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for (obj, c) in containers(f) {
            let Some(sc) = c.node.get("securityContext") else {
                continue;
            };
            if let Some(e) = sc.entry("privileged")
                && e.value.is_true()
            {
                let mut hit = Hit::at(e.key_span.start..e.value.span.end).message(format!(
                    "container `{}` of {obj} is privileged: a compromise inside it controls the node",
                    c.name
                ));
                if sc.entries().len() > 1 {
                    hit = hit.fix(
                        "remove `privileged: true`",
                        vec![edit(entry_lines(f.text, &e.key_span, &e.value.span), "")],
                    );
                }
                out.push(hit);
            }
        }
    }
}
