use super::containers;
use crate::rule::{Check, File, Hit};
use crate::rules::common::{is_placeholder, is_secret_name};

crate::config_rule! {
    /// ## What it does
    /// Flags container `env` entries named like secrets (`*_PASSWORD`, `*_TOKEN`,
    /// `API_KEY`, ...) whose `value` is written in the manifest.
    ///
    /// ## Why is this bad?
    /// The manifest is committed and readable by anyone who can read the workload: the
    /// credential is in git history, in `kubectl get -o yaml` output and in every backup,
    /// and rotating it needs a commit (CWE-798, CWE-260).
    ///
    /// ## Example
    /// ```yaml
    /// env:
    ///   - name: DB_PASSWORD
    ///     value: hunter2-prod
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// env:
    ///   - name: DB_PASSWORD
    ///     valueFrom:
    ///       secretKeyRef: { name: db, key: password }
    /// ```
    SecretInEnv {
        id: "k8s/secret-in-env",
        title: "Secret as a literal environment value",
        cwe: [798, 260],
        severity: Medium,
        confidence: Medium,
        kinds: [Kubernetes],
        message: "a secret is written in the manifest: use `valueFrom.secretKeyRef`",
    }
}

impl Check for SecretInEnv {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for (obj, c) in containers(f) {
            for e in c.node.get("env").map(|e| e.items()).unwrap_or(&[]) {
                let Some(name) = e.get("name").and_then(|n| n.text()) else {
                    continue;
                };
                let Some(v) = e.get("value") else { continue };
                let Some(text) = v.text() else { continue };
                if is_secret_name(name) && !is_placeholder(text) {
                    out.push(Hit::at(v.span.clone()).message(format!(
                        "`{name}` of container `{}` in {obj} is written in the manifest: use `valueFrom.secretKeyRef`",
                        c.name
                    )));
                }
            }
        }
    }
}
