use super::{kind_of, name_of, objects};
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags Roles and ClusterRoles whose rules grant `*` verbs or `*` resources.
    ///
    /// ## Why is this bad?
    /// A wildcard grants every current and future permission on those objects, including
    /// reading secrets, creating pods that mount the node, or binding more roles: whoever
    /// holds the role's token can take over the namespace or cluster (CWE-269, CWE-732).
    ///
    /// ## Example
    /// ```yaml
    /// kind: ClusterRole
    /// rules:
    ///   - apiGroups: ["*"]
    ///     resources: ["*"]
    ///     verbs: ["*"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// kind: Role
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["configmaps"]
    ///     verbs: ["get", "list", "watch"]
    /// ```
    RbacWildcard {
        id: "k8s/rbac-wildcard",
        title: "RBAC wildcard",
        cwe: [269, 732],
        severity: High,
        confidence: High,
        kinds: [Kubernetes],
        message: "RBAC rule grants `*`: list the resources and verbs the workload needs",
    }
}

impl Check for RbacWildcard {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for o in objects(f) {
            let kind = kind_of(o);
            if kind != "Role" && kind != "ClusterRole" {
                continue;
            }
            for rule in o.get("rules").map(|r| r.items()).unwrap_or(&[]) {
                for key in ["verbs", "resources"] {
                    if let Some(star) = rule
                        .get(key)
                        .and_then(|v| v.as_list().into_iter().find(|x| x.text() == Some("*")))
                    {
                        out.push(Hit::at(star.span.clone()).message(format!(
                            "{kind} `{}` grants `*` {key}: list only what the workload needs",
                            name_of(o)
                        )));
                    }
                }
            }
        }
    }
}
