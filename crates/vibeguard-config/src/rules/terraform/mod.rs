//! Terraform rules (AWS, Google Cloud, Azure), and helpers for what they share: CIDRs
//! that mean "anyone", port ranges, and IAM policy documents written as `jsonencode`,
//! heredoc JSON or `aws_iam_policy_document` data sources.

pub mod admin_policy_attached;
pub mod elasticache_no_auth;
pub mod hardcoded_password;
pub mod iam_wildcard;
pub mod open_ingress;
pub mod plain_http_listener;
pub mod provider_credentials;
pub mod public_database;
pub mod public_storage;
pub mod unencrypted_storage;

use crate::parse::hcl::Block;
use crate::rule::File;
use crate::tree::{Node, Value};

/// Resource blocks of the given types.
pub fn resources<'a>(f: &File<'a>, types: &'a [&'a str]) -> Vec<&'a Block> {
    f.terraform()
        .map(|m| m.resources(types).collect())
        .unwrap_or_default()
}

/// Does this address range mean "any address"?
pub fn is_world(cidr: &str) -> bool {
    matches!(
        cidr.trim().to_ascii_lowercase().as_str(),
        "0.0.0.0/0" | "::/0" | "*" | "internet" | "any" | "0.0.0.0" | "0/0" | "0.0.0.0/00"
    )
}

/// The strings of a string-or-list attribute.
pub fn strings(n: Option<&Node>) -> Vec<&Node> {
    n.map(|n| {
        n.as_list()
            .into_iter()
            .filter(|x| x.text().is_some())
            .collect()
    })
    .unwrap_or_default()
}

/// A port range from `from_port`/`to_port` style numbers (`-1` or missing means all).
pub fn port_range(from: Option<&Node>, to: Option<&Node>) -> Option<(u32, u32)> {
    let parse = |n: Option<&Node>| -> Option<i64> { n?.text()?.parse().ok() };
    let f = parse(from);
    let t = parse(to);
    match (f, t) {
        (Some(a), Some(b)) if a < 0 || b < 0 => Some((0, 65535)),
        (Some(a), Some(b)) => Some((a as u32, b as u32)),
        (Some(a), None) => Some((a.max(0) as u32, a.max(0) as u32)),
        _ => None,
    }
}

/// `"22"`, `"8000-9000"`, `"*"` (Azure, Google ports).
pub fn parse_port_spec(s: &str) -> Option<(u32, u32)> {
    let s = s.trim();
    if s == "*" {
        return Some((0, 65535));
    }
    match s.split_once('-') {
        Some((a, b)) => Some((a.trim().parse().ok()?, b.trim().parse().ok()?)),
        None => s.parse().ok().map(|p| (p, p)),
    }
}

/// Why opening this port range to the world is dangerous, if it is: all ports, a
/// remote-administration port, or a database port.
pub fn sensitive_range(lo: u32, hi: u32) -> Option<String> {
    use crate::rules::common::{admin_service_of_port, datastore_of_port};
    if lo <= 1 && hi >= 65535 {
        return Some("all ports".into());
    }
    const PORTS: &[u32] = &[
        22, 23, 3389, 5900, 5985, 5986, 2375, 2376, 6443, 10250, 6379, 6380, 5432, 3306, 27017,
        9200, 9300, 11211, 5672, 15672, 5984, 9042, 7474, 7687, 8086, 2379, 1433, 9092, 2181, 1521,
        8123,
    ];
    let hit: Vec<u32> = PORTS
        .iter()
        .copied()
        .filter(|p| (lo..=hi).contains(p))
        .collect();
    let first = *hit.first()?;
    let what = admin_service_of_port(first)
        .map(str::to_string)
        .or_else(|| datastore_of_port(first).map(str::to_string))
        .unwrap_or_default();
    Some(if lo == hi {
        format!("port {first} ({what})")
    } else {
        format!("ports {lo}-{hi} (including {first}, {what})")
    })
}

/// One IAM policy statement, normalised.
pub struct Statement<'a> {
    pub node: &'a Node,
    pub allow: bool,
    pub actions: Vec<String>,
    pub not_action: bool,
    pub resources: Vec<String>,
    /// Principals as written (`*`, or the values of `{"AWS": ...}`).
    pub principals: Vec<String>,
    pub has_condition: bool,
}

fn texts(n: Option<&Node>) -> Vec<String> {
    n.map(|n| {
        n.as_list()
            .iter()
            .filter_map(|x| x.text().map(str::to_string))
            .collect()
    })
    .unwrap_or_default()
}

fn get_ci<'a>(n: &'a Node, k: &str) -> Option<&'a Node> {
    n.get_ci(k)
}

/// Statements of a JSON-shaped policy document (already a tree).
pub fn json_statements(doc: &Node) -> Vec<Statement<'_>> {
    let stmts = match get_ci(doc, "Statement") {
        Some(s) => s.as_list(),
        None => return Vec::new(),
    };
    stmts
        .into_iter()
        .filter(|s| s.is_map())
        .map(|s| {
            let principals = match get_ci(s, "Principal") {
                Some(p) if p.is_map() => p
                    .entries()
                    .iter()
                    .flat_map(|e| texts(Some(&e.value)))
                    .collect(),
                p => texts(p),
            };
            let not_action = get_ci(s, "NotAction").is_some();
            Statement {
                node: s,
                allow: get_ci(s, "Effect")
                    .and_then(|e| e.text())
                    .is_none_or(|e| e.eq_ignore_ascii_case("allow")),
                actions: texts(get_ci(s, "Action").or_else(|| get_ci(s, "NotAction"))),
                not_action,
                resources: texts(get_ci(s, "Resource")),
                principals,
                has_condition: get_ci(s, "Condition").is_some(),
            }
        })
        .collect()
}

/// Statements of an `aws_iam_policy_document` data source.
pub fn document_statements(body: &Node) -> Vec<Statement<'_>> {
    body.each("statement")
        .into_iter()
        .map(|s| {
            let mut principals = Vec::new();
            for p in s.each("principals") {
                principals.extend(texts(p.get("identifiers")));
            }
            let not_action = s.get("not_actions").is_some();
            Statement {
                node: s,
                allow: s
                    .get("effect")
                    .and_then(|e| e.text())
                    .is_none_or(|e| e.eq_ignore_ascii_case("allow")),
                actions: texts(s.get("actions").or_else(|| s.get("not_actions"))),
                not_action,
                resources: texts(s.get("resources")),
                principals,
                has_condition: s.get("condition").is_some(),
            }
        })
        .collect()
}

/// A policy attribute parsed as a document: `jsonencode({...})` is already a tree; a
/// string (heredoc or quoted JSON) is parsed here. `None` when unknown or not JSON.
pub fn policy_document(n: &Node) -> Option<Node> {
    match &n.value {
        Value::Map(_) => Some(n.clone()),
        Value::Str(s) => {
            let mut doc = crate::parse::json::parse(s.trim()).ok()?;
            // Spans inside the string are not file spans: point everything at the attribute.
            fn respan(n: &mut Node, span: &std::ops::Range<usize>) {
                n.span = span.clone();
                match &mut n.value {
                    Value::Map(m) => m.iter_mut().for_each(|e| {
                        e.key_span = span.clone();
                        respan(&mut e.value, span)
                    }),
                    Value::Seq(s) => s.iter_mut().for_each(|x| respan(x, span)),
                    _ => {}
                }
            }
            respan(&mut doc, &n.span);
            Some(doc)
        }
        _ => None,
    }
}

/// Is an IAM action read-only (`s3:GetObject`, `ec2:Describe*`, `logs:List*`)?
pub fn is_read_only_action(a: &str) -> bool {
    let verb = a.split_once(':').map_or(a, |x| x.1);
    const READ: &[&str] = &[
        "Get", "List", "Describe", "Head", "View", "Search", "Lookup", "Query", "Scan", "BatchGet",
        "Select",
    ];
    verb != "*" && READ.iter().any(|p| verb.starts_with(p))
}
