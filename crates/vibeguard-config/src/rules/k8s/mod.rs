//! Kubernetes rules, and the workload model they read: every pod template of every
//! document (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, and
//! `List` items), with pod- and container-level security contexts.

pub mod added_capabilities;
pub mod cluster_admin_binding;
pub mod datastore_exposed;
pub mod host_namespace;
pub mod host_path;
pub mod missing_resource_limits;
pub mod privilege_escalation;
pub mod privileged;
pub mod rbac_wildcard;
pub mod run_as_root;
pub mod secret_in_env;
pub mod unpinned_image;
pub mod writable_root_filesystem;

use crate::rule::File;
use crate::tree::{Node, Span};

/// A pod template: its spec, and the name of the object it belongs to.
pub struct Pod<'a> {
    pub object: String,
    pub spec: &'a Node,
}

pub struct Container<'a> {
    pub name: &'a str,
    pub node: &'a Node,
    pub pod: &'a Node,
}

impl<'a> Container<'a> {
    /// Where findings about a missing setting point: the container's `name` (or image).
    pub fn anchor(&self) -> Span {
        self.node
            .get("name")
            .or_else(|| self.node.get("image"))
            .map_or(self.node.span.clone(), |n| n.span.clone())
    }

    /// A security-context field, container level first, then the pod's.
    pub fn security<'b>(&'b self, key: &str) -> Option<&'a Node> {
        self.node
            .path(&["securityContext", key])
            .or_else(|| self.pod.path(&["securityContext", key]))
    }

    pub fn container_security(&self, key: &str) -> Option<&'a Node> {
        self.node.path(&["securityContext", key])
    }
}

/// Every object of every document (flattening `kind: List`).
pub fn objects<'a>(f: &File<'a>) -> Vec<&'a Node> {
    let mut out = Vec::new();
    for d in f.docs() {
        if d.get("kind").and_then(|k| k.text()) == Some("List") {
            out.extend(
                d.get("items")
                    .map(|i| i.items().iter())
                    .into_iter()
                    .flatten(),
            );
        } else {
            out.push(d);
        }
    }
    out.into_iter()
        .filter(|o| o.get("kind").is_some() && o.get("apiVersion").is_some())
        .collect()
}

pub fn kind_of(o: &Node) -> &str {
    o.get("kind").and_then(|k| k.text()).unwrap_or("")
}

pub fn name_of(o: &Node) -> String {
    o.path(&["metadata", "name"])
        .and_then(|n| n.text())
        .unwrap_or("")
        .to_string()
}

/// Every pod spec in the file.
pub fn pods<'a>(f: &File<'a>) -> Vec<Pod<'a>> {
    let mut out = Vec::new();
    for o in objects(f) {
        let spec = match kind_of(o) {
            "Pod" => o.get("spec"),
            "Deployment"
            | "StatefulSet"
            | "DaemonSet"
            | "ReplicaSet"
            | "Job"
            | "ReplicationController" => o.path(&["spec", "template", "spec"]),
            "CronJob" => o.path(&["spec", "jobTemplate", "spec", "template", "spec"]),
            "PodTemplate" => o.path(&["template", "spec"]),
            _ => None,
        };
        if let Some(spec) = spec {
            out.push(Pod {
                object: format!("{} `{}`", kind_of(o), name_of(o)),
                spec,
            });
        }
    }
    out
}

/// Every container (init and ephemeral too) of every pod spec.
pub fn containers<'a>(f: &File<'a>) -> Vec<(String, Container<'a>)> {
    let mut out = Vec::new();
    for p in pods(f) {
        for key in ["initContainers", "containers", "ephemeralContainers"] {
            for c in p.spec.get(key).map(|c| c.items()).unwrap_or(&[]) {
                out.push((
                    p.object.clone(),
                    Container {
                        name: c.get("name").and_then(|n| n.text()).unwrap_or("?"),
                        node: c,
                        pod: p.spec,
                    },
                ));
            }
        }
    }
    out
}
