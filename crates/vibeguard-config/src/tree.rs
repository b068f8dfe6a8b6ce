//! One spanned document tree for every structured format (YAML, JSON, TOML, evaluated
//! HCL), so a rule about a compose service, a Kubernetes pod or an MCP server reads the
//! same way whatever the file's syntax.

use std::ops::Range;

pub type Span = Range<usize>;

/// A value with the byte range it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Entries in source order; a key may repeat (HCL blocks such as `ingress { }`).
    Map(Vec<Entry>),
    Seq(Vec<Node>),
    Str(String),
    /// A number, as written.
    Num(String),
    Bool(bool),
    Null,
    /// A value only known when the configuration runs (a Terraform reference, a function
    /// call); holds the expression as written.
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

static EMPTY: [Entry; 0] = [];
static EMPTY_SEQ: [Node; 0] = [];

impl Node {
    pub fn new(span: Span, value: Value) -> Node {
        Node { span, value }
    }

    /// The first entry named `key` of a map.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries().iter().find(|e| e.key == key)
    }

    /// The value of the first entry named `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// Like [`Node::get`], ignoring ASCII case of the key.
    pub fn get_ci(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|e| e.key.eq_ignore_ascii_case(key))
            .map(|e| &e.value)
    }

    /// Follow map keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        let mut n = self;
        for k in keys {
            n = n.get(k)?;
        }
        Some(n)
    }

    /// Every entry named `key` (repeated HCL blocks).
    pub fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.entries()
            .iter()
            .filter(move |e| e.key == key)
            .map(|e| &e.value)
    }

    /// The map entries (empty for anything else).
    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(m) => m,
            _ => &EMPTY,
        }
    }

    /// The sequence items (empty for anything else).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(s) => s,
            _ => &EMPTY_SEQ,
        }
    }

    /// Items of a sequence, or the node itself when a single value stands for a list
    /// (`cap_add: ALL`, an HCL block written once, a string-or-list field).
    pub fn as_list(&self) -> Vec<&Node> {
        match &self.value {
            Value::Seq(s) => s.iter().collect(),
            Value::Null => Vec::new(),
            _ => vec![self],
        }
    }

    /// Every value under `key`, flattening repeated blocks and lists of objects
    /// (`ingress { }` twice, or `ingress = [{ }, { }]`).
    pub fn each<'a>(&'a self, key: &'a str) -> Vec<&'a Node> {
        self.all(key).flat_map(|n| n.as_list()).collect()
    }

    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }

    /// The text of a scalar (strings, numbers and booleans); `None` for the rest.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) | Value::Num(s) => Some(s),
            Value::Bool(true) => Some("true"),
            Value::Bool(false) => Some("false"),
            _ => None,
        }
    }

    /// The string value (strings and numbers; not booleans).
    pub fn str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) | Value::Num(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.value, Value::Unknown(_))
    }

    /// `true`, or a string that every tool involved reads as true.
    pub fn is_true(&self) -> bool {
        match &self.value {
            Value::Bool(b) => *b,
            Value::Str(s) => matches!(s.to_ascii_lowercase().as_str(), "true" | "yes" | "on" | "1"),
            Value::Num(n) => n == "1",
            _ => false,
        }
    }

    pub fn is_false(&self) -> bool {
        match &self.value {
            Value::Bool(b) => !*b,
            Value::Str(s) => matches!(
                s.to_ascii_lowercase().as_str(),
                "false" | "no" | "off" | "0"
            ),
            Value::Num(n) => n == "0",
            _ => false,
        }
    }

    /// Every scalar string anywhere below this node, depth first.
    pub fn walk_scalars<'a>(&'a self, out: &mut Vec<&'a Node>) {
        match &self.value {
            Value::Map(m) => m.iter().for_each(|e| e.value.walk_scalars(out)),
            Value::Seq(s) => s.iter().for_each(|n| n.walk_scalars(out)),
            Value::Str(_) | Value::Num(_) | Value::Bool(_) => out.push(self),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Node {
        Node::new(0..0, Value::Str(v.into()))
    }

    #[test]
    fn lookups_and_truthiness() {
        let inner = Node::new(
            0..0,
            Value::Map(vec![Entry {
                key: "b".into(),
                key_span: 0..0,
                value: s("yes"),
            }]),
        );
        let root = Node::new(
            0..0,
            Value::Map(vec![
                Entry {
                    key: "a".into(),
                    key_span: 0..0,
                    value: inner.clone(),
                },
                Entry {
                    key: "a".into(),
                    key_span: 0..0,
                    value: inner,
                },
            ]),
        );
        assert!(root.path(&["a", "b"]).unwrap().is_true());
        assert_eq!(root.all("a").count(), 2);
        assert_eq!(root.each("a").len(), 2);
        assert!(root.get("zz").is_none());
        assert!(s("Off").is_false());
    }
}
