//! TOML into [`Node`] trees with byte spans (toml's spanned document parser).

use crate::tree::{Entry, Node, Value};
use toml::de::{DeTable, DeValue};

#[derive(Debug, Clone, PartialEq)]
pub struct TomlError {
    pub offset: usize,
    pub message: String,
}

pub fn parse(text: &str) -> Result<Node, TomlError> {
    let table = DeTable::parse(text).map_err(|e| TomlError {
        offset: e.span().map_or(0, |s| s.start),
        message: e.message().trim().to_string(),
    })?;
    let span = table.span();
    Ok(Node::new(span, table_value(table.get_ref())))
}

fn table_value(t: &DeTable<'_>) -> Value {
    let mut entries: Vec<Entry> = t
        .iter()
        .map(|(k, v)| Entry {
            key: k.get_ref().to_string(),
            key_span: k.span(),
            value: Node::new(v.span(), value(v.get_ref())),
        })
        .collect();
    entries.sort_by_key(|e| e.key_span.start);
    Value::Map(entries)
}

fn value(v: &DeValue<'_>) -> Value {
    match v {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => Value::Num(i.as_str().to_string()),
        DeValue::Float(f) => Value::Num(f.as_str().to_string()),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Str(d.to_string()),
        DeValue::Array(a) => Value::Seq(
            a.iter()
                .map(|x| Node::new(x.span(), value(x.get_ref())))
                .collect(),
        ),
        DeValue::Table(t) => table_value(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_tables() {
        let t = "approval_policy = \"never\"\n[sandbox]\nmode = \"danger-full-access\"\n[mcp_servers.fs]\ncommand = \"npx\"\nargs = [\"-y\", \"pkg\"]\n";
        let n = parse(t).unwrap();
        let ap = n.get("approval_policy").unwrap();
        assert_eq!(&t[ap.span.clone()], "\"never\"");
        assert_eq!(
            n.path(&["mcp_servers", "fs", "args"])
                .unwrap()
                .items()
                .len(),
            2
        );
        assert_eq!(n.entries()[0].key, "approval_policy");
        let e = parse("a = \nb = 1").unwrap_err();
        assert!(e.offset > 0);
    }
}
