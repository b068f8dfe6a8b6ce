use super::services;
use crate::rule::{Check, File, Hit, edit};
use crate::rules::common::datastore_of_port;
use crate::source::locate;

crate::config_rule! {
    /// ## What it does
    /// Flags databases, caches and brokers (Redis, PostgreSQL, MySQL/MariaDB, MongoDB,
    /// Elasticsearch, Memcached, RabbitMQ and others, known by image or port) whose ports
    /// a Compose file publishes on every host interface: `"6379:6379"`, `"5432"`,
    /// `0.0.0.0:...`, or the long syntax without `host_ip`.
    ///
    /// ## Why is this bad?
    /// Publishing without an address binds `0.0.0.0`, and Docker's port forwarding
    /// bypasses host firewalls such as ufw: the database answers anyone who can reach the
    /// machine. Exposed Redis, MongoDB and Elasticsearch instances are found and
    /// emptied or ransomed within hours (CWE-668, CWE-1327).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     ports: ["5432:5432"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     # no ports: other services reach it as db:5432 on the Compose network;
    ///     # for local tools, publish on loopback only:
    ///     ports: ["127.0.0.1:5432:5432"]
    /// ```
    DatastoreExposed {
        id: "compose/datastore-exposed",
        title: "Database or cache published on all interfaces",
        cwe: [668, 1327],
        severity: High,
        confidence: High,
        kinds: [Compose],
        message: "a database or cache port is published on every host interface: keep it on the Compose network, or bind it to 127.0.0.1",
    }
}

impl Check for DatastoreExposed {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in services(f) {
            let by_image = crate::rules::common::datastore_of_image(s.image());
            for p in s.ports() {
                let store = by_image.or_else(|| datastore_of_port(p.container));
                let Some(store) = store else { continue };
                if !p.published || !p.all_interfaces() {
                    continue;
                }
                let mut hit = Hit::at(p.node.span.clone()).message(format!(
                    "service `{}` ({store}) publishes port {} on every host interface: keep it on the Compose network, or bind it to 127.0.0.1",
                    s.name, p.container
                ));
                // Short syntax without an address: bind it to loopback.
                if p.host_ip.is_none()
                    && let Some(t) = p.node.text()
                {
                    let at = locate(f.text, p.node.span.clone(), t);
                    if &f.text[at.clone()] == t {
                        let published = if t.contains(':') {
                            t.to_string()
                        } else {
                            format!("{t}:{t}")
                        };
                        hit = hit.fix(
                            "publish on 127.0.0.1 only",
                            vec![edit(at, format!("127.0.0.1:{published}"))],
                        );
                    }
                }
                out.push(hit);
            }
        }
    }
}
