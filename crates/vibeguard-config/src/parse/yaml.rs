//! YAML (every document of a stream) into [`Node`] trees with byte spans, on the
//! saphyr parser's event stream: anchors and aliases resolved, `<<` merge keys applied,
//! plain scalars typed the way Kubernetes, Compose and GitHub read them.

use crate::source::CharOffsets;
use crate::tree::{Entry, Node, Value};
use saphyr_parser::{Event, Parser, ScalarStyle, Span as YSpan};
use std::collections::HashMap;

/// Deepest nesting accepted (a deeper document is reported as a parse error, never a
/// stack overflow).
const MAX_DEPTH: usize = 200;
/// Most nodes one file may expand to through aliases (a "billion laughs" document is an
/// error, not an out-of-memory).
const MAX_NODES: usize = 2_000_000;

/// Why a YAML file did not parse, with the 1-based line.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub line: usize,
    pub message: String,
}

/// Every document of a YAML stream (empty documents are skipped).
pub fn parse(text: &str) -> Result<Vec<Node>, YamlError> {
    let mut b = Builder {
        parser: Parser::new_from_str(text),
        chars: CharOffsets::new(text),
        anchors: HashMap::new(),
        nodes: 0,
    };
    let mut docs = Vec::new();
    loop {
        let (ev, span) = b.next()?;
        match ev {
            Event::StreamEnd => break,
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            Event::DocumentStart(_) => {
                // Anchors belong to one document.
                b.anchors.clear();
                let (ev, span) = b.next()?;
                if matches!(ev, Event::DocumentEnd) {
                    continue;
                }
                let node = b.node(ev, span, 0)?;
                if !matches!(node.value, Value::Null) {
                    docs.push(node);
                }
            }
            _ => {
                return Err(b.error(span, "unexpected content outside a document"));
            }
        }
    }
    Ok(docs)
}

struct Builder<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
    chars: CharOffsets,
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
}

impl<'a> Builder<'a> {
    fn next(&mut self) -> Result<(Event<'a>, YSpan), YamlError> {
        match self.parser.next_event() {
            Some(Ok(x)) => Ok(x),
            Some(Err(e)) => Err(YamlError {
                line: e.marker().line().max(1),
                message: e.info().to_string(),
            }),
            None => Ok((Event::StreamEnd, YSpan::default())),
        }
    }

    fn error(&self, span: YSpan, message: &str) -> YamlError {
        YamlError {
            line: span.start.line().max(1),
            message: message.to_string(),
        }
    }

    fn range(&self, start: YSpan, end: YSpan) -> std::ops::Range<usize> {
        let s = self.chars.byte(start.start.index());
        let e = self.chars.byte(end.end.index()).max(s);
        s..e
    }

    fn count(&mut self, n: usize, span: YSpan) -> Result<(), YamlError> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(self.error(span, "too many nodes (alias expansion)"));
        }
        Ok(())
    }

    fn node(&mut self, ev: Event<'a>, span: YSpan, depth: usize) -> Result<Node, YamlError> {
        if depth > MAX_DEPTH {
            return Err(self.error(span, "nesting too deep"));
        }
        let (node, anchor, size) = match ev {
            Event::Scalar(v, style, anchor, tag) => {
                self.count(1, span)?;
                let value = scalar_value(&v, style, tag.as_deref());
                (Node::new(self.range(span, span), value), anchor, 1)
            }
            Event::Alias(id) => {
                let (n, size) = match self.anchors.get(&id) {
                    Some((n, size)) => (n.clone(), *size),
                    None => return Err(self.error(span, "alias to an unknown anchor")),
                };
                self.count(size, span)?;
                // The alias stands where it is used; its contents keep their own spans.
                let mut n = n;
                n.span = self.range(span, span);
                return Ok(n);
            }
            Event::SequenceStart(anchor, _) => {
                let start_nodes = self.nodes;
                let mut items = Vec::new();
                let end = loop {
                    let (ev, sp) = self.next()?;
                    if matches!(ev, Event::SequenceEnd) {
                        break sp;
                    }
                    if matches!(ev, Event::StreamEnd) {
                        return Err(self.error(sp, "unterminated sequence"));
                    }
                    items.push(self.node(ev, sp, depth + 1)?);
                };
                self.count(1, span)?;
                let size = self.nodes - start_nodes;
                (
                    Node::new(self.range(span, end), Value::Seq(items)),
                    anchor,
                    size,
                )
            }
            Event::MappingStart(anchor, _) => {
                let start_nodes = self.nodes;
                let mut entries: Vec<Entry> = Vec::new();
                let mut merges: Vec<Node> = Vec::new();
                let end = loop {
                    let (ev, sp) = self.next()?;
                    if matches!(ev, Event::MappingEnd) {
                        break sp;
                    }
                    if matches!(ev, Event::StreamEnd) {
                        return Err(self.error(sp, "unterminated mapping"));
                    }
                    let key = self.node(ev, sp, depth + 1)?;
                    let (vev, vsp) = self.next()?;
                    let value = self.node(vev, vsp, depth + 1)?;
                    let key_text = match &key.value {
                        Value::Str(s) | Value::Num(s) | Value::Unknown(s) => s.clone(),
                        Value::Bool(b) => b.to_string(),
                        Value::Null => String::new(),
                        _ => String::new(),
                    };
                    if key_text == "<<" {
                        merges.push(value);
                        continue;
                    }
                    entries.push(Entry {
                        key: key_text,
                        key_span: key.span,
                        value,
                    });
                };
                for m in merges {
                    for src in m.as_list() {
                        for e in src.entries() {
                            if !entries.iter().any(|x| x.key == e.key) {
                                entries.push(e.clone());
                            }
                        }
                    }
                }
                self.count(1, span)?;
                let size = self.nodes - start_nodes;
                (
                    Node::new(self.range(span, end), Value::Map(entries)),
                    anchor,
                    size,
                )
            }
            _ => return Err(self.error(span, "unexpected YAML event")),
        };
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size.max(1)));
        }
        Ok(node)
    }
}

/// A scalar typed the way the tools reading these files do: plain `true`/`yes`/`on` are
/// booleans, plain numbers numbers, `~`/`null`/empty null; quoted text is text. Values
/// under a local tag (`!Ref`, `!Sub` in CloudFormation) are only known at deploy time.
fn scalar_value(v: &str, style: ScalarStyle, tag: Option<&saphyr_parser::Tag>) -> Value {
    if let Some(t) = tag {
        if t.handle == "!" {
            return Value::Unknown(format!("!{} {v}", t.suffix));
        }
        if t.suffix == "str" {
            return Value::Str(v.to_string());
        }
    }
    if style != ScalarStyle::Plain {
        return Value::Str(v.to_string());
    }
    match v {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Value::Bool(true),
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => {
            Value::Bool(false)
        }
        _ if is_number(v) => Value::Num(v.to_string()),
        _ => Value::Str(v.to_string()),
    }
}

fn is_number(v: &str) -> bool {
    let s = v.strip_prefix(['-', '+']).unwrap_or(v);
    if s.is_empty() {
        return false;
    }
    if let Some(h) = s.strip_prefix("0x") {
        return !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(o) = s.strip_prefix("0o") {
        return !o.is_empty() && o.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    let mut digits = 0;
    let mut dot = false;
    let mut exp = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'0'..=b'9' => digits += 1,
            b'.' if !dot && !exp => dot = true,
            b'e' | b'E' if digits > 0 && !exp => {
                exp = true;
                if i + 1 < bytes.len() && (bytes[i + 1] == b'-' || bytes[i + 1] == b'+') {
                    i += 1;
                }
            }
            b'_' => {}
            _ => return false,
        }
        i += 1;
    }
    digits > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_at_scalars() {
        let t = "services:\n  web:\n    image: nginx:latest\n    privileged: true\n";
        let docs = parse(t).unwrap();
        let web = docs[0].path(&["services", "web"]).unwrap();
        let img = web.get("image").unwrap();
        assert_eq!(&t[img.span.clone()], "nginx:latest");
        assert!(web.get("privileged").unwrap().is_true());
        let e = web.entry("privileged").unwrap();
        assert_eq!(&t[e.key_span.clone()], "privileged");
    }

    #[test]
    fn multi_document_anchors_and_merges() {
        let t = "x-base: &base\n  privileged: true\n  image: a\n---\n---\nkind: Pod\n---\nservices:\n  a:\n    <<: *base\n    image: b\n";
        let docs = parse("x: 1\n---\nkind: Pod\n").unwrap();
        assert_eq!(docs.len(), 2);
        let docs = parse(t);
        // An alias cannot cross documents: the anchor is unknown in the third document.
        assert!(docs.is_err());
        let t = "x-base: &base\n  privileged: true\n  image: a\nservices:\n  a:\n    <<: *base\n    image: b\n";
        let docs = parse(t).unwrap();
        let a = docs[0].path(&["services", "a"]).unwrap();
        assert!(a.get("privileged").unwrap().is_true());
        assert_eq!(a.get("image").unwrap().text(), Some("b"));
    }

    #[test]
    fn block_scalars_and_quotes() {
        let t = "run: |\n  echo \"${{ github.event.issue.title }}\"\nq: \"true\"\nn: 0o17\np: '8080:80'\n";
        let d = &parse(t).unwrap()[0];
        assert!(
            d.get("run")
                .unwrap()
                .text()
                .unwrap()
                .contains("github.event")
        );
        assert_eq!(d.get("q").unwrap().value, Value::Str("true".into()));
        assert_eq!(d.get("n").unwrap().value, Value::Num("0o17".into()));
        assert_eq!(d.get("p").unwrap().text(), Some("8080:80"));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
    }

    #[test]
    fn alias_bombs_are_errors() {
        let mut t = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            t.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse(&t).is_err());
    }

    #[test]
    fn multibyte_text_keeps_byte_spans() {
        let t = "name: \"café\"\nimage: redis\n";
        let d = &parse(t).unwrap()[0];
        let img = d.get("image").unwrap();
        assert_eq!(&t[img.span.clone()], "redis");
    }
}
