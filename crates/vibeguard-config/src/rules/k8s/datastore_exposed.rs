use super::{kind_of, name_of, objects};
use crate::rule::{Check, File, Hit};
use crate::rules::common::{datastore_of_image, datastore_of_port};

crate::config_rule! {
    /// ## What it does
    /// Flags Services of type `LoadBalancer` or `NodePort` that expose a database, cache
    /// or broker, known by port (6379, 5432, 3306, 27017, 9200, ...) or by a selector or
    /// name that says so (`app: redis`).
    ///
    /// ## Why is this bad?
    /// A LoadBalancer gets a public address on most clouds and a NodePort opens the port
    /// on every node: the datastore, often without authentication inside the cluster,
    /// becomes reachable from outside it (CWE-668, CWE-1327).
    ///
    /// ## Example
    /// ```yaml
    /// kind: Service
    /// spec:
    ///   type: LoadBalancer
    ///   selector: { app: redis }
    ///   ports: [{ port: 6379 }]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// kind: Service
    /// spec:
    ///   type: ClusterIP
    ///   selector: { app: redis }
    ///   ports: [{ port: 6379 }]
    /// ```
    DatastoreExposed {
        id: "k8s/datastore-exposed",
        title: "Database exposed outside the cluster",
        cwe: [668, 1327],
        severity: High,
        confidence: Medium,
        kinds: [Kubernetes],
        message: "a database or cache is exposed outside the cluster: use a ClusterIP Service",
    }
}

impl Check for DatastoreExposed {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for o in objects(f) {
            if kind_of(o) != "Service" {
                continue;
            }
            let Some(t) = o.path(&["spec", "type"]) else {
                continue;
            };
            let ty = t.text().unwrap_or("");
            if ty != "LoadBalancer" && ty != "NodePort" {
                continue;
            }
            let by_name = std::iter::once(name_of(o))
                .chain(
                    o.path(&["spec", "selector"])
                        .map(|s| {
                            s.entries()
                                .iter()
                                .filter_map(|e| e.value.text())
                                .map(str::to_string)
                                .collect::<Vec<_>>()
                        })
                        .unwrap_or_default(),
                )
                .find_map(|n| datastore_of_image(&n).map(|s| s.to_string()));
            let by_port = o
                .path(&["spec", "ports"])
                .map(|p| p.items())
                .unwrap_or(&[])
                .iter()
                .flat_map(|p| [p.get("port"), p.get("targetPort")])
                .flatten()
                .find_map(|n| {
                    n.text()
                        .and_then(|t| t.parse::<u32>().ok())
                        .and_then(datastore_of_port)
                });
            if let Some(store) = by_name.as_deref().or(by_port) {
                out.push(Hit::at(t.span.clone()).message(format!(
                    "Service `{}` exposes {store} outside the cluster (`type: {ty}`): use a ClusterIP Service",
                    name_of(o)
                )));
            }
        }
    }
}
