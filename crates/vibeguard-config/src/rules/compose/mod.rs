//! Docker Compose rules, and the service model they read: services (with `<<` merges
//! and `x-` anchors resolved by the YAML loader), environment in list or map form, port
//! publications in short and long syntax, volumes.

pub mod dangerous_capabilities;
pub mod datastore_exposed;
pub mod datastore_no_auth;
pub mod host_mount;
pub mod host_namespace;
pub mod privileged;
pub mod secret_in_environment;
pub mod security_opt_disabled;

use crate::rule::File;
use crate::rules::common::{datastore_of_image, datastore_of_port};
use crate::tree::{Node, Span, Value};

pub struct Service<'a> {
    pub name: &'a str,
    pub name_span: Span,
    pub node: &'a Node,
}

impl<'a> Service<'a> {
    pub fn image(&self) -> &'a str {
        self.node.get("image").and_then(|n| n.text()).unwrap_or("")
    }

    /// The datastore this service runs, by image or by the port it listens on.
    pub fn datastore(&self) -> Option<&'static str> {
        datastore_of_image(self.image()).or_else(|| {
            self.ports()
                .iter()
                .find_map(|p| datastore_of_port(p.container))
        })
    }

    /// `environment:` as `(name, value, node)`; a list entry without `=` has no value
    /// (it passes the variable through from the host).
    pub fn env(&self) -> Vec<(String, Option<String>, &'a Node)> {
        let Some(env) = self.node.get("environment") else {
            return Vec::new();
        };
        match &env.value {
            Value::Map(entries) => entries
                .iter()
                .map(|e| (e.key.clone(), e.value.text().map(str::to_string), &e.value))
                .collect(),
            Value::Seq(items) => items
                .iter()
                .filter_map(|i| {
                    let t = i.text()?;
                    Some(match t.split_once('=') {
                        Some((k, v)) => (k.to_string(), Some(v.to_string()), i),
                        None => (t.to_string(), None, i),
                    })
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn env_value(&self, name: &str) -> Option<String> {
        self.env()
            .into_iter()
            .find(|(k, _, _)| k == name)
            .and_then(|(_, v, _)| v)
    }

    pub fn has_env(&self, name: &str) -> bool {
        self.env().iter().any(|(k, _, _)| k == name)
    }

    /// The command as one string (list or string form).
    pub fn command(&self) -> String {
        match self.node.get("command") {
            Some(n) => match &n.value {
                Value::Seq(items) => items
                    .iter()
                    .filter_map(|i| i.text())
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => n.text().unwrap_or("").to_string(),
            },
            None => String::new(),
        }
    }

    pub fn ports(&self) -> Vec<Port<'a>> {
        self.node
            .get("ports")
            .map(|p| p.items().iter().filter_map(Port::parse).collect())
            .unwrap_or_default()
    }

    /// Published on an address other hosts can reach (the default for a port without
    /// a host IP)?
    pub fn publishes_widely(&self) -> bool {
        self.ports()
            .iter()
            .any(|p| p.published && p.all_interfaces())
    }
}

/// One `ports:` entry.
pub struct Port<'a> {
    pub node: &'a Node,
    pub host_ip: Option<String>,
    pub container: u32,
    /// Published on the host (short syntax always publishes, even `"6379"`).
    pub published: bool,
}

impl<'a> Port<'a> {
    fn parse(node: &'a Node) -> Option<Port<'a>> {
        if node.is_map() {
            let target = node.get("target")?.text()?;
            let container = target.parse().ok()?;
            let host_ip = node
                .get("host_ip")
                .and_then(|h| h.text())
                .map(str::to_string);
            // Without `published`, Compose picks a host port: still published.
            return Some(Port {
                node,
                host_ip,
                container,
                published: true,
            });
        }
        let t = node.text()?;
        let t = t.split('/').next().unwrap_or(t);
        // `[::1]:6379:6379`, `127.0.0.1:6379:6379`, `6379:6379`, `6379`, ranges.
        let (host_ip, rest) = if let Some(r) = t.strip_prefix('[') {
            let (ip, rest) = r.split_once(']')?;
            (Some(ip.to_string()), rest.trim_start_matches(':'))
        } else {
            let parts: Vec<&str> = t.split(':').collect();
            if parts.len() == 3 {
                (Some(parts[0].to_string()), &t[parts[0].len() + 1..])
            } else {
                (None, t)
            }
        };
        let container = rest.rsplit(':').next()?;
        let container = container.split('-').next()?.parse().ok()?;
        Some(Port {
            node,
            host_ip,
            container,
            published: true,
        })
    }

    pub fn all_interfaces(&self) -> bool {
        match self.host_ip.as_deref() {
            None => true,
            Some(ip) => matches!(ip, "0.0.0.0" | "::" | "" | "*"),
        }
    }
}

/// Every service of every document with a `services:` map.
pub fn services<'a>(f: &File<'a>) -> Vec<Service<'a>> {
    let mut out = Vec::new();
    for doc in f.docs() {
        let Some(svcs) = doc.get("services") else {
            continue;
        };
        for e in svcs.entries() {
            if e.value.is_map() {
                out.push(Service {
                    name: &e.key,
                    name_span: e.key_span.clone(),
                    node: &e.value,
                });
            }
        }
    }
    out
}

/// The whole line(s) of a map entry, line break included, for a fix that removes it.
pub fn entry_lines(text: &str, key_span: &Span, value_span: &Span) -> Span {
    let start = text[..key_span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[value_span.end.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| value_span.end + i + 1);
    start..end
}
