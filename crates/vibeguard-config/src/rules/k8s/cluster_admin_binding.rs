use super::{kind_of, name_of, objects};
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags RoleBindings and ClusterRoleBindings to the `cluster-admin` role.
    ///
    /// ## Why is this bad?
    /// `cluster-admin` can do anything anywhere in the cluster. Bound to a service
    /// account, any compromise of a pod using it is a compromise of the whole cluster
    /// (CWE-269, CWE-250).
    ///
    /// ## Example
    /// ```yaml
    /// kind: ClusterRoleBinding
    /// roleRef: { kind: ClusterRole, name: cluster-admin }
    /// subjects: [{ kind: ServiceAccount, name: deployer, namespace: ci }]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// kind: RoleBinding
    /// metadata: { namespace: shop }
    /// roleRef: { kind: Role, name: deployer }   # a Role listing what deploys need
    /// ```
    ClusterAdminBinding {
        id: "k8s/cluster-admin-binding",
        title: "Binding to cluster-admin",
        cwe: [269, 250],
        severity: High,
        confidence: High,
        kinds: [Kubernetes],
        message: "binds the `cluster-admin` role: grant a role with only the permissions needed",
    }
}

impl Check for ClusterAdminBinding {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for o in objects(f) {
            let kind = kind_of(o);
            if kind != "RoleBinding" && kind != "ClusterRoleBinding" {
                continue;
            }
            if let Some(n) = o.path(&["roleRef", "name"])
                && n.text() == Some("cluster-admin")
            {
                out.push(Hit::at(n.span.clone()).message(format!(
                    "{kind} `{}` grants `cluster-admin`: bind a role with only the permissions needed",
                    name_of(o)
                )));
            }
        }
    }
}
