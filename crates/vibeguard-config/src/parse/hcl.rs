//! Terraform (HCL) on hcl-edit: every top-level block with its body evaluated into a
//! [`Node`] tree. Literals, variable defaults (`var.x`), locals (`local.x`), string
//! templates built from those, `jsonencode(...)` and a few list and map functions are
//! resolved; anything only known at plan time (a resource attribute, a data source, a
//! variable without a default) becomes [`Value::Unknown`], which rules treat as "cannot
//! tell" rather than as safe or unsafe.

use crate::tree::{Entry, Node, Value};
use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::{BlockLabel, Body, Structure};
use hcl_edit::template::{Element, Template};
use std::cell::Cell;
use std::collections::HashMap;

/// How deep variable and local references may chain.
const MAX_DEPTH: usize = 24;

/// A top-level block: `resource "aws_s3_bucket" "b" { ... }`.
#[derive(Debug, Clone)]
pub struct Block {
    /// `resource`, `data`, `provider`, `module`, `variable`, `locals`, ...
    pub kind: String,
    pub labels: Vec<String>,
    /// The whole block.
    pub span: std::ops::Range<usize>,
    /// The block's first line (where findings about a missing setting point).
    pub head: std::ops::Range<usize>,
    /// The evaluated body (a map).
    pub body: Node,
}

impl Block {
    /// The type label of a `resource` or `data` block (`aws_s3_bucket`).
    pub fn rtype(&self) -> &str {
        self.labels.first().map_or("", |s| s.as_str())
    }

    pub fn is_resource(&self, types: &[&str]) -> bool {
        self.kind == "resource" && types.contains(&self.rtype())
    }

    /// `aws_s3_bucket.b`: how other blocks refer to this resource.
    pub fn address(&self) -> String {
        match self.kind.as_str() {
            "resource" => self.labels.join("."),
            "data" => format!("data.{}", self.labels.join(".")),
            _ => format!("{}.{}", self.kind, self.labels.join(".")),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Module {
    pub blocks: Vec<Block>,
}

impl Module {
    pub fn resources<'a>(&'a self, types: &'a [&'a str]) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.is_resource(types))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HclError {
    pub line: usize,
    pub message: String,
}

pub fn parse(text: &str) -> Result<Module, HclError> {
    let body = hcl_edit::parser::parse_body(text).map_err(|e| HclError {
        line: e.location().line(),
        message: e.message().to_string(),
    })?;
    let mut env = Env {
        text,
        vars: HashMap::new(),
        locals: HashMap::new(),
        depth: Cell::new(0),
    };
    for s in body.iter() {
        let Structure::Block(b) = s else { continue };
        match b.ident.as_str() {
            "variable" => {
                if let (Some(name), Some(default)) =
                    (b.labels.first(), b.body.get_attribute("default"))
                {
                    env.vars.insert(label(name), &default.value);
                }
            }
            "locals" => {
                for a in b.body.attributes() {
                    env.locals.insert(a.key.as_str().to_string(), &a.value);
                }
            }
            _ => {}
        }
    }
    let mut blocks = Vec::new();
    for s in body.iter() {
        let Structure::Block(b) = s else { continue };
        let span = b.span().unwrap_or(0..0);
        let head_end = text[span.clone()]
            .find('\n')
            .map_or(span.end, |i| span.start + i);
        blocks.push(Block {
            kind: b.ident.as_str().to_string(),
            labels: b.labels.iter().map(label).collect(),
            head: span.start..head_end,
            body: env.body(&b.body, span.clone()),
            span,
        });
    }
    Ok(Module { blocks })
}

fn label(l: &BlockLabel) -> String {
    l.as_str().to_string()
}

struct Env<'a> {
    text: &'a str,
    vars: HashMap<String, &'a Expression>,
    locals: HashMap<String, &'a Expression>,
    depth: Cell<usize>,
}

impl<'a> Env<'a> {
    fn src(&self, span: &std::ops::Range<usize>) -> String {
        self.text.get(span.clone()).unwrap_or("").to_string()
    }

    fn body(&self, body: &Body, span: std::ops::Range<usize>) -> Node {
        let mut entries = Vec::new();
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => entries.push(Entry {
                    key: a.key.as_str().to_string(),
                    key_span: a.key.span().unwrap_or(0..0),
                    value: self.expr(&a.value),
                }),
                Structure::Block(b) => {
                    let bspan = b.span().unwrap_or(0..0);
                    // `dynamic "ingress" { content { ... } }` stands for `ingress` blocks.
                    if b.ident.as_str() == "dynamic" {
                        let Some(name) = b.labels.first() else {
                            continue;
                        };
                        for inner in b.body.iter() {
                            if let Structure::Block(c) = inner
                                && c.ident.as_str() == "content"
                            {
                                entries.push(Entry {
                                    key: label(name),
                                    key_span: b.ident.span().unwrap_or(0..0),
                                    value: self.body(&c.body, bspan.clone()),
                                });
                            }
                        }
                        continue;
                    }
                    entries.push(Entry {
                        key: b.ident.as_str().to_string(),
                        key_span: b.ident.span().unwrap_or(0..0),
                        value: self.body(&b.body, bspan),
                    });
                }
            }
        }
        Node::new(span, Value::Map(entries))
    }

    fn expr(&self, e: &Expression) -> Node {
        let span = e.span().unwrap_or(0..0);
        let d = self.depth.get();
        if d > MAX_DEPTH {
            return Node::new(span.clone(), Value::Unknown(self.src(&span)));
        }
        self.depth.set(d + 1);
        let value = self.value(e, &span);
        self.depth.set(d);
        Node::new(span, value)
    }

    fn unknown(&self, span: &std::ops::Range<usize>) -> Value {
        Value::Unknown(self.src(span))
    }

    fn value(&self, e: &Expression, span: &std::ops::Range<usize>) -> Value {
        match e {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::Bool(*b.value()),
            Expression::Number(n) => Value::Num(n.value().to_string()),
            Expression::String(s) => Value::Str(s.value().to_string()),
            Expression::Array(a) => Value::Seq(a.iter().map(|x| self.expr(x)).collect()),
            Expression::Object(o) => Value::Map(
                o.iter()
                    .map(|(k, v)| {
                        let (key, key_span) = match k {
                            ObjectKey::Ident(i) => {
                                (i.as_str().to_string(), i.span().unwrap_or(0..0))
                            }
                            ObjectKey::Expression(x) => {
                                let n = self.expr(x);
                                let text = n.text().map(str::to_string).unwrap_or_else(|| {
                                    self.src(&n.span).trim_matches('"').to_string()
                                });
                                (text, n.span)
                            }
                        };
                        Entry {
                            key,
                            key_span,
                            value: self.expr(v.expr()),
                        }
                    })
                    .collect(),
            ),
            Expression::StringTemplate(t) => self.template(t, span),
            Expression::HeredocTemplate(h) => self.template(&h.template, span),
            Expression::Parenthesis(p) => self.expr(p.inner()).value,
            Expression::Traversal(t) => {
                // A value taken from a variable or local is reported where it is used.
                let mut n = Node::new(span.clone(), self.traversal(&t.expr, &t.operators, span));
                respan(&mut n, span);
                n.value
            }
            Expression::FuncCall(f) => self.call(f, span),
            Expression::Conditional(c) => {
                let cond = self.expr(&c.cond_expr);
                match cond.value {
                    Value::Bool(true) => self.expr(&c.true_expr).value,
                    Value::Bool(false) => self.expr(&c.false_expr).value,
                    _ => self.unknown(span),
                }
            }
            _ => self.unknown(span),
        }
    }

    fn template(&self, t: &Template, span: &std::ops::Range<usize>) -> Value {
        let mut out = String::new();
        for el in t.iter() {
            match el {
                Element::Literal(l) => out.push_str(l.value()),
                Element::Interpolation(i) => match self.expr(&i.expr).text() {
                    Some(s) => out.push_str(s),
                    None => return self.unknown(span),
                },
                Element::Directive(_) => return self.unknown(span),
            }
        }
        Value::Str(out)
    }

    fn traversal(
        &self,
        base: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: &std::ops::Range<usize>,
    ) -> Value {
        let Expression::Variable(root) = base else {
            return self.unknown(span);
        };
        let table = match root.as_str() {
            "var" => &self.vars,
            "local" => &self.locals,
            _ => return self.unknown(span),
        };
        let Some(TraversalOperator::GetAttr(name)) = ops.first().map(|o| o.value()) else {
            return self.unknown(span);
        };
        let Some(expr) = table.get(name.as_str()) else {
            return self.unknown(span);
        };
        let mut node = self.expr(expr);
        for op in &ops[1..] {
            let next = match op.value() {
                TraversalOperator::GetAttr(k) => node.get(k.as_str()).cloned(),
                TraversalOperator::Index(ix) => {
                    let ix = self.expr(ix);
                    match (&node.value, &ix.value) {
                        (Value::Seq(s), Value::Num(n)) => {
                            n.parse::<usize>().ok().and_then(|i| s.get(i).cloned())
                        }
                        (Value::Map(_), Value::Str(k)) => node.get(k).cloned(),
                        _ => None,
                    }
                }
                TraversalOperator::LegacyIndex(i) => node.items().get(*i.value() as usize).cloned(),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => return self.unknown(span),
            }
        }
        node.value
    }

    fn call(&self, f: &hcl_edit::expr::FuncCall, span: &std::ops::Range<usize>) -> Value {
        if !f.name.namespace.is_empty() {
            return self.unknown(span);
        }
        let args: Vec<&Expression> = f.args.iter().collect();
        match (f.name.name.as_str(), args.as_slice()) {
            ("jsonencode" | "tolist" | "toset" | "tomap" | "tostring", [a]) => self.expr(a).value,
            ("lower", [a]) => match self.expr(a).value {
                Value::Str(s) => Value::Str(s.to_lowercase()),
                _ => self.unknown(span),
            },
            ("upper", [a]) => match self.expr(a).value {
                Value::Str(s) => Value::Str(s.to_uppercase()),
                _ => self.unknown(span),
            },
            ("concat", list) => {
                let mut items = Vec::new();
                for a in list {
                    match self.expr(a).value {
                        Value::Seq(s) => items.extend(s),
                        _ => return self.unknown(span),
                    }
                }
                Value::Seq(items)
            }
            ("merge", list) => {
                let mut entries: Vec<Entry> = Vec::new();
                for a in list {
                    match self.expr(a).value {
                        Value::Map(m) => {
                            for e in m {
                                entries.retain(|x| x.key != e.key);
                                entries.push(e);
                            }
                        }
                        _ => return self.unknown(span),
                    }
                }
                Value::Map(entries)
            }
            _ => self.unknown(span),
        }
    }
}

/// Give every node of a resolved value the span of the expression that referenced it.
fn respan(n: &mut Node, span: &std::ops::Range<usize>) {
    n.span = span.clone();
    match &mut n.value {
        Value::Map(m) => m.iter_mut().for_each(|e| {
            e.key_span = span.clone();
            respan(&mut e.value, span)
        }),
        Value::Seq(items) => items.iter_mut().for_each(|x| respan(x, span)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_variables_locals_and_templates() {
        let t = r#"
variable "cidr" {
  default = "0.0.0.0/0"
}
variable "ports" { default = [22, 3389] }
locals {
  open = [var.cidr]
  name = "app-${var.cidr}"
  tags = { env = "prod" }
}
resource "aws_security_group" "sg" {
  name = local.name
  ingress {
    from_port   = var.ports[0]
    cidr_blocks = local.open
    description = "x"
  }
  ingress {
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
  dynamic "egress" {
    for_each = var.rules
    content {
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
  policy = jsonencode({ Statement = [{ Action = "*" }] })
  other  = var.missing
}
"#;
        let m = parse(t).unwrap();
        let sg = m.blocks.iter().find(|b| b.kind == "resource").unwrap();
        assert_eq!(sg.rtype(), "aws_security_group");
        assert_eq!(sg.address(), "aws_security_group.sg");
        assert_eq!(sg.body.get("name").unwrap().text(), Some("app-0.0.0.0/0"));
        let ing = sg.body.each("ingress");
        assert_eq!(ing.len(), 2);
        assert_eq!(ing[0].get("from_port").unwrap().text(), Some("22"));
        assert_eq!(
            ing[0].get("cidr_blocks").unwrap().items()[0].text(),
            Some("0.0.0.0/0")
        );
        assert!(ing[1].get("cidr_blocks").unwrap().items()[0].is_unknown());
        // Values from locals point at the place that uses them.
        let used = ing[0].get("cidr_blocks").unwrap();
        assert_eq!(&t[used.items()[0].span.clone()], "local.open");
        assert_eq!(sg.body.each("egress").len(), 1);
        let stmt = &sg
            .body
            .get("policy")
            .unwrap()
            .get("Statement")
            .unwrap()
            .items()[0];
        assert_eq!(stmt.get("Action").unwrap().text(), Some("*"));
        assert!(sg.body.get("other").unwrap().is_unknown());
        assert_eq!(
            &t[sg.head.clone()],
            "resource \"aws_security_group\" \"sg\" {"
        );
    }

    #[test]
    fn reports_the_error_line() {
        let e = parse("resource \"a\" \"b\" {\n  x = \n}\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
    }

    #[test]
    fn self_reference_does_not_loop() {
        let m =
            parse("locals {\n  a = local.a\n}\nresource \"x\" \"y\" { v = local.a }\n").unwrap();
        assert!(m.blocks[1].body.get("v").unwrap().is_unknown());
    }
}
