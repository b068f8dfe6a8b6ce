//! gate/kubernetes-mutation

use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags changes to Kubernetes clusters that are not known to be local:
    /// `kubectl delete/drain` (high), `kubectl apply/create/replace/patch/scale/edit/
    /// set/rollout restart/cordon/taint/label` (medium), `helm uninstall/delete` (high),
    /// `helm install/upgrade/rollback` (medium). Clusters selected with
    /// `--context kind-*`, `minikube`, `docker-desktop`, `k3d-*`, `rancher-desktop` or
    /// `orbstack` are local and allowed. Without `--context` the current context is
    /// unknown and treated as shared.
    ///
    /// ## Why is this bad?
    /// The current kube context is often a shared staging or production cluster. Deleting
    /// or draining there takes services down for everyone.
    ///
    /// ## Example
    /// ```text
    /// kubectl delete namespace payments
    /// helm uninstall api
    /// ```
    ///
    /// ## Use instead
    /// Use a local cluster (`--context kind-dev`), or prepare the manifest and let a
    /// person apply it.
    KubernetesMutation {
        id: "gate/kubernetes-mutation",
        title: "Kubernetes cluster changed",
        tier: Medium,
        cwe: [],
    }
}

fn local_context(c: &Cmd) -> bool {
    let ctx = c.opt_value(&["--context", "--kube-context"]);
    ctx.is_some_and(|x| {
        x.starts_with("kind-")
            || x.starts_with("k3d-")
            || matches!(
                x,
                "minikube"
                    | "docker-desktop"
                    | "docker-for-desktop"
                    | "rancher-desktop"
                    | "orbstack"
                    | "colima"
            )
    })
}

pub fn check(c: &Cmd, out: &mut Out) {
    let subs: Vec<&str> = {
        let mut v = Vec::new();
        let mut skip = false;
        for a in c.strs() {
            if skip {
                skip = false;
                continue;
            }
            if matches!(
                a,
                "--context"
                    | "-n"
                    | "--namespace"
                    | "--kubeconfig"
                    | "--kube-context"
                    | "-f"
                    | "--filename"
                    | "-l"
                    | "--selector"
            ) {
                skip = true;
                continue;
            }
            if !a.starts_with('-') {
                v.push(a);
            }
        }
        v
    };
    let (tier, what) = match c.name {
        "kubectl" | "oc" | "k" => match subs.first().copied() {
            Some("delete" | "drain") => (Tier::High, subs[0]),
            Some(
                "apply" | "create" | "replace" | "patch" | "scale" | "edit" | "set" | "cordon"
                | "taint" | "label" | "annotate" | "autoscale",
            ) => (Tier::Medium, subs[0]),
            Some("rollout")
                if subs
                    .get(1)
                    .is_some_and(|s| matches!(*s, "restart" | "undo")) =>
            {
                (Tier::Medium, "rollout")
            }
            _ => return,
        },
        "helm" => match subs.first().copied() {
            Some("uninstall" | "delete" | "del" | "un") => (Tier::High, subs[0]),
            Some("install" | "upgrade" | "rollback") => (Tier::Medium, subs[0]),
            _ => return,
        },
        _ => return,
    };
    if local_context(c)
        || c.strs()
            .any(|a| a.starts_with("--dry-run") || a == "--server-dry-run")
    {
        return;
    }
    out.add(
        KubernetesMutation::ID,
        tier,
        format!(
            "{} {what} changes a cluster that is not known to be local",
            c.name
        ),
        "use --context with a local cluster (kind-*, minikube), or let a person apply the change",
    );
}
