//! Python (tree-sitter-python) to the program model.

use super::FieldExt;
use super::strings::unescape;
use super::{Lowerer, expr_stmt, named_children, other};
use crate::ir::*;
use tree_sitter::Node;

pub fn lower_module(cx: &mut Lowerer<'_>, root: Node<'_>) {
    let body = block(cx, root);
    cx.module.funcs[0].body = body;
}

fn block(cx: &mut Lowerer<'_>, n: Node<'_>) -> Block {
    let mut out = Vec::new();
    for c in named_children(n) {
        stmt(cx, c, &mut out);
    }
    out
}

fn field_block(cx: &mut Lowerer<'_>, n: Node<'_>, field: &str) -> Block {
    n.field(field).map(|b| block(cx, b)).unwrap_or_default()
}

fn push(out: &mut Block, kind: StmtKind, n: Node<'_>) {
    out.push(Stmt {
        kind,
        span: Lowerer::span(n),
    });
}

fn stmt(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    if !cx.enter() {
        return;
    }
    stmt_inner(cx, n, out);
    cx.leave();
}

fn stmt_inner(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    match n.kind() {
        "expression_statement" => {
            for c in named_children(n) {
                match c.kind() {
                    "assignment" => assignment(cx, c, out),
                    "augmented_assignment" => {
                        let (Some(l), Some(r)) = (c.field("left"), c.field("right")) else {
                            continue;
                        };
                        let op = c
                            .field("operator")
                            .map(|o| aug_op(cx.text(o)))
                            .unwrap_or(BinOp::Other);
                        let target = pattern(cx, l);
                        let value = expr(cx, r);
                        push(out, StmtKind::AugAssign { target, op, value }, c);
                    }
                    _ => out.push(expr_stmt(expr(cx, c))),
                }
            }
        }
        "return_statement" => {
            let value = named_children(n).first().map(|c| expr(cx, *c));
            push(out, StmtKind::Return(value), n);
        }
        "if_statement" => {
            let s = if_chain(cx, n);
            out.push(s);
        }
        "for_statement" => {
            let target = n
                .field("left")
                .map(|l| pattern(cx, l))
                .unwrap_or(Pattern::Ignore);
            let iter = n
                .field("right")
                .map(|r| expr(cx, r))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let body = field_block(cx, n, "body");
            push(out, StmtKind::For { target, iter, body }, n);
            if let Some(e) = n.field("alternative") {
                let els = field_block(cx, e, "body");
                push(out, StmtKind::Block(els), e);
            }
        }
        "while_statement" => {
            let cond = n
                .field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let body = field_block(cx, n, "body");
            push(out, StmtKind::While { cond, body }, n);
        }
        "try_statement" => {
            let body = field_block(cx, n, "body");
            let mut handlers = Vec::new();
            let mut finally = Vec::new();
            for c in named_children(n) {
                match c.kind() {
                    "except_clause" | "except_group_clause" => handlers.push(handler(cx, c)),
                    "finally_clause" => {
                        for b in named_children(c) {
                            if b.kind() == "block" {
                                finally.extend(block(cx, b));
                            }
                        }
                    }
                    "else_clause" => {
                        let els = field_block(cx, c, "body");
                        finally.splice(0..0, els);
                    }
                    _ => {}
                }
            }
            push(
                out,
                StmtKind::Try {
                    body,
                    handlers,
                    finally,
                },
                n,
            );
        }
        "with_statement" => {
            let mut items = Vec::new();
            for c in named_children(n) {
                if c.kind() != "with_clause" {
                    continue;
                }
                for item in named_children(c) {
                    let Some(v) = item.field("value") else {
                        continue;
                    };
                    if v.kind() == "as_pattern" {
                        let value = named_children(v)
                            .first()
                            .map(|e| expr(cx, *e))
                            .unwrap_or_else(|| Expr::other(Lowerer::span(v)));
                        let target = v
                            .field("alias")
                            .and_then(|a| named_children(a).first().map(|t| pattern(cx, *t)));
                        items.push((value, target));
                    } else {
                        items.push((expr(cx, v), None));
                    }
                }
            }
            let body = field_block(cx, n, "body");
            push(out, StmtKind::With { items, body }, n);
        }
        "raise_statement" => {
            let value = named_children(n).first().map(|c| expr(cx, *c));
            push(out, StmtKind::Raise(value), n);
        }
        "assert_statement" => {
            // `assert cond` behaves like `if not cond: raise`: a guard for what follows.
            if let Some(c) = named_children(n).first() {
                let cond = expr(cx, *c);
                let span = cond.span;
                let not = Expr::new(ExprKind::Unary(UnOp::Not, Box::new(cond)), span);
                let raise = Stmt {
                    kind: StmtKind::Raise(None),
                    span,
                };
                push(
                    out,
                    StmtKind::If {
                        cond: not,
                        then: vec![raise],
                        els: Vec::new(),
                    },
                    n,
                );
            }
        }
        "break_statement" | "continue_statement" => push(out, StmtKind::Jump, n),
        "global_statement" | "nonlocal_statement" => {
            let names = named_children(n)
                .into_iter()
                .map(|c| cx.text(c).to_string())
                .collect();
            push(out, StmtKind::Global(names), n);
        }
        "function_definition" => {
            let id = function(cx, n, Vec::new());
            push(out, StmtKind::FuncDef(id), n);
        }
        "class_definition" => class(cx, n, Vec::new(), out),
        "decorated_definition" => {
            let decorators: Vec<Expr> = named_children(n)
                .into_iter()
                .filter(|c| c.kind() == "decorator")
                .filter_map(|d| named_children(d).first().map(|e| expr(cx, *e)))
                .collect();
            if let Some(def) = n.field("definition") {
                match def.kind() {
                    "function_definition" => {
                        let id = function(cx, def, decorators);
                        push(out, StmtKind::FuncDef(id), n);
                    }
                    "class_definition" => class(cx, def, decorators, out),
                    _ => {}
                }
            }
        }
        "import_statement" => {
            for c in named_children(n) {
                match c.kind() {
                    "dotted_name" => {
                        let path = cx.text(c).to_string();
                        let alias = path.split('.').next().unwrap_or(&path).to_string();
                        add_import(cx, alias, alias_path(&path), 0, c);
                    }
                    "aliased_import" => {
                        let (Some(name), Some(alias)) = (c.field("name"), c.field("alias")) else {
                            continue;
                        };
                        let path = cx.text(name).to_string();
                        let alias = cx.text(alias).to_string();
                        add_import(cx, alias, path, 0, c);
                    }
                    _ => {}
                }
            }
        }
        "import_from_statement" => import_from(cx, n),
        "match_statement" => {
            let subject = n
                .field("subject")
                .map(|s| expr(cx, s))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let mut cases = Vec::new();
            if let Some(body) = n.field("body") {
                for c in named_children(body) {
                    if c.kind() == "case_clause" {
                        let b = c
                            .field("consequence")
                            .map(|b| block(cx, b))
                            .unwrap_or_default();
                        cases.push((case_values(cx, c), b));
                    }
                }
            }
            push(out, StmtKind::Switch { subject, cases }, n);
        }
        "delete_statement" | "pass_statement" | "future_import_statement" | "comment" => {}
        "block" => {
            let b = block(cx, n);
            push(out, StmtKind::Block(b), n);
        }
        "print_statement" | "exec_statement" => {
            let args: Vec<Expr> = named_children(n).into_iter().map(|c| expr(cx, c)).collect();
            out.push(expr_stmt(other(args, Lowerer::span(n))));
        }
        _ => {
            // An expression where a statement was expected (error recovery) still counts.
            if n.is_named() && !n.is_error() {
                out.push(expr_stmt(expr(cx, n)));
            } else {
                for c in named_children(n) {
                    stmt(cx, c, out);
                }
            }
        }
    }
}

/// `import os.path` binds `os`; the path of that alias is just `os`.
fn alias_path(path: &str) -> String {
    path.split('.').next().unwrap_or(path).to_string()
}

fn add_import(cx: &mut Lowerer<'_>, alias: String, path: String, level: u32, n: Node<'_>) {
    cx.module.imports.push(Import {
        alias,
        path,
        level,
        span: Lowerer::span(n),
    });
}

/// The values a `case` compares the subject with: its literals (`case 'A' | 'B':`);
/// nothing for a wildcard or a bare capture (`case _:`, `case other:`), which match
/// anything; a non-constant placeholder for any other pattern or a guarded case, which
/// may or may not match.
fn case_values(cx: &mut Lowerer<'_>, clause: Node<'_>) -> Vec<Expr> {
    const LITERALS: &[&str] = &[
        "string",
        "concatenated_string",
        "integer",
        "float",
        "true",
        "false",
        "none",
    ];
    let mut out = Vec::new();
    let guarded = clause.field("guard").is_some();
    for p in named_children(clause) {
        if p.kind() != "case_pattern" {
            continue;
        }
        let Some(inner) = named_children(p).into_iter().next() else {
            continue; // `_`
        };
        let alternatives = if inner.kind() == "union_pattern" {
            named_children(inner)
        } else {
            vec![inner]
        };
        for a in alternatives {
            let a = if a.kind() == "case_pattern" {
                named_children(a).into_iter().next().unwrap_or(a)
            } else {
                a
            };
            if LITERALS.contains(&a.kind()) {
                out.push(expr(cx, a));
            } else if a.kind() == "dotted_name" && a.named_child_count() == 1 && !guarded {
                // A bare capture name: matches anything.
                return Vec::new();
            } else {
                out.push(Expr::other(Lowerer::span(a)));
            }
        }
    }
    if guarded {
        out.push(Expr::other(Lowerer::span(clause)));
    }
    out
}

fn import_from(cx: &mut Lowerer<'_>, n: Node<'_>) {
    let Some(m) = n.field("module_name") else {
        return;
    };
    let (base, level) = if m.kind() == "relative_import" {
        let text = cx.text(m);
        let level = text.chars().take_while(|c| *c == '.').count() as u32;
        (text.trim_start_matches('.').to_string(), level)
    } else {
        (cx.text(m).to_string(), 0)
    };
    if named_children(n)
        .iter()
        .any(|c| c.kind() == "wildcard_import")
    {
        // `from m import *`: unresolved names may come from m.
        add_import(cx, "*".into(), base.clone(), level, n);
    }
    let mut c = n.walk();
    let names: Vec<Node<'_>> = n.children_by_field_name("name", &mut c).collect();
    for name in names {
        let (orig, alias) = match name.kind() {
            "aliased_import" => {
                let (Some(o), Some(a)) = (name.field("name"), name.field("alias")) else {
                    continue;
                };
                (cx.text(o).to_string(), cx.text(a).to_string())
            }
            _ => {
                let t = cx.text(name).to_string();
                (t.clone(), t)
            }
        };
        let path = if base.is_empty() {
            orig
        } else {
            format!("{base}.{orig}")
        };
        add_import(cx, alias, path, level, name);
    }
}

fn handler(cx: &mut Lowerer<'_>, n: Node<'_>) -> Handler {
    let mut name = None;
    let mut types = Vec::new();
    let mut body = Vec::new();
    for c in named_children(n) {
        match c.kind() {
            "block" => body = block(cx, c),
            "as_pattern" => {
                if let Some(t) = named_children(c).first() {
                    types.push(expr(cx, *t));
                }
                if let Some(a) = c.field("alias") {
                    name = Some(cx.text(a).trim().to_string());
                }
            }
            _ => types.push(expr(cx, c)),
        }
    }
    Handler {
        name,
        types,
        body,
        span: Lowerer::span(n),
    }
}

fn if_chain(cx: &mut Lowerer<'_>, n: Node<'_>) -> Stmt {
    let cond = n
        .field("condition")
        .map(|c| expr(cx, c))
        .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
    let then = field_block(cx, n, "consequence");
    let mut c = n.walk();
    let alts: Vec<Node<'_>> = n.children_by_field_name("alternative", &mut c).collect();
    let els = elif_rest(cx, &alts);
    Stmt {
        kind: StmtKind::If { cond, then, els },
        span: Lowerer::span(n),
    }
}

/// The `elif` / `else` clauses of an `if`, as nested statements.
fn elif_rest(cx: &mut Lowerer<'_>, alts: &[Node<'_>]) -> Block {
    let Some((first, rest)) = alts.split_first() else {
        return Vec::new();
    };
    match first.kind() {
        "elif_clause" => {
            let cond = first
                .field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(*first)));
            let then = field_block(cx, *first, "consequence");
            let els = elif_rest(cx, rest);
            vec![Stmt {
                kind: StmtKind::If { cond, then, els },
                span: Lowerer::span(*first),
            }]
        }
        _ => field_block(cx, *first, "body"),
    }
}

fn assignment(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let Some(l) = n.field("left") else {
        return;
    };
    let Some(r) = n.field("right") else {
        return;
    };
    // `a = b = value`: the right side is itself an assignment.
    let mut targets = vec![l];
    let mut value = r;
    while value.kind() == "assignment" {
        if let Some(l2) = value.field("left") {
            targets.push(l2);
        }
        match value.field("right") {
            Some(r2) => value = r2,
            None => return,
        }
    }
    let v = expr(cx, value);
    for t in targets {
        let target = pattern(cx, t);
        push(
            out,
            StmtKind::Assign {
                target,
                value: v.clone(),
            },
            n,
        );
    }
}

fn aug_op(op: &str) -> BinOp {
    match op {
        "+=" => BinOp::Add,
        "-=" => BinOp::Sub,
        "*=" => BinOp::Mul,
        "/=" | "//=" => BinOp::Div,
        "%=" => BinOp::Mod,
        _ => BinOp::Other,
    }
}

fn function(cx: &mut Lowerer<'_>, n: Node<'_>, decorators: Vec<Expr>) -> FuncId {
    let name = n
        .field("name")
        .map(|c| cx.text(c).to_string())
        .unwrap_or_default();
    let kind = if cx.class.is_some() && cx.module.funcs[cx.current].kind == FuncKind::Module
        || cx.class.is_some()
    {
        FuncKind::Method
    } else {
        FuncKind::Function
    };
    let id = cx.new_func(name, kind, n);
    if let Some(nm) = n.field("name") {
        cx.module.funcs[id].name_span = Lowerer::span(nm);
    }
    cx.module.funcs[id].decorators = decorators;
    cx.module.funcs[id].is_async = cx.text(n).starts_with("async");
    let saved_class = cx.class.take();
    let (params, body) = cx.within(id, |cx| {
        let params = n
            .field("parameters")
            .map(|p| params(cx, p))
            .unwrap_or_default();
        let body = field_block(cx, n, "body");
        (params, body)
    });
    cx.class = saved_class;
    cx.module.funcs[id].params = params;
    cx.module.funcs[id].body = body;
    id
}

fn params(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<Param> {
    let mut out = Vec::new();
    for p in named_children(n) {
        let span = Lowerer::span(p);
        let (pat, default, annotation, kind) = match p.kind() {
            "identifier" => (
                Pattern::Name(cx.text(p).to_string(), span),
                None,
                None,
                ParamKind::Plain,
            ),
            "default_parameter" | "typed_default_parameter" | "typed_parameter" => {
                let name_node = p
                    .field("name")
                    .or_else(|| named_children(p).first().copied());
                let Some(name_node) = name_node else { continue };
                let kind = match name_node.kind() {
                    "list_splat_pattern" => ParamKind::Rest,
                    "dictionary_splat_pattern" => ParamKind::KwRest,
                    _ => ParamKind::Plain,
                };
                let name = cx.text(name_node).trim_start_matches('*').to_string();
                let default = p.field("value").map(|v| expr(cx, v));
                let annotation = p.field("type").map(|t| cx.text(t).to_string());
                (
                    Pattern::Name(name, Lowerer::span(name_node)),
                    default,
                    annotation,
                    kind,
                )
            }
            "list_splat_pattern" => (
                Pattern::Name(cx.text(p).trim_start_matches('*').to_string(), span),
                None,
                None,
                ParamKind::Rest,
            ),
            "dictionary_splat_pattern" => (
                Pattern::Name(cx.text(p).trim_start_matches('*').to_string(), span),
                None,
                None,
                ParamKind::KwRest,
            ),
            "tuple_pattern" => (pattern(cx, p), None, None, ParamKind::Plain),
            _ => continue,
        };
        out.push(Param {
            pattern: pat,
            default,
            annotation,
            kind,
            span,
        });
    }
    out
}

fn class(cx: &mut Lowerer<'_>, n: Node<'_>, decorators: Vec<Expr>, out: &mut Block) {
    let name = n
        .field("name")
        .map(|c| cx.text(c).to_string())
        .unwrap_or_default();
    let bases: Vec<String> = n
        .field("superclasses")
        .map(|s| {
            named_children(s)
                .into_iter()
                .filter(|b| b.kind() != "keyword_argument")
                .map(|b| cx.text(b).to_string())
                .collect()
        })
        .unwrap_or_default();
    for d in decorators {
        out.push(expr_stmt(d));
    }
    let saved = cx.class.replace(name.clone());
    let mut methods = Vec::new();
    let mut class_body = Vec::new();
    // Annotated class attributes (`limit: int = 10`): a dataclass's or a pydantic
    // model's fields and their types.
    let mut fields = Vec::new();
    if let Some(body) = n.field("body") {
        for c in named_children(body) {
            if c.kind() == "expression_statement"
                && let Some(a) = named_children(c)
                    .first()
                    .filter(|a| a.kind() == "assignment")
                && let Some(l) = a.field("left")
                && l.kind() == "identifier"
            {
                if let Some(t) = a.field("type") {
                    // `name: str = Field(pattern=r"^[a-z]+$")`: the pattern after the type.
                    // `name: str = Field(pattern=r"^[a-z]+$")`, or in the type:
                    // `Annotated[str, Field(pattern=...)]`, `constr(pattern=...)`,
                    // `Annotated[str, StringConstraints(pattern=...)]`.
                    let mut calls: Vec<Node<'_>> = a
                        .field("right")
                        .filter(|r| r.kind() == "call")
                        .into_iter()
                        .collect();
                    let mut stack = vec![t];
                    while let Some(x) = stack.pop() {
                        if x.kind() == "call" {
                            calls.push(x);
                        }
                        stack.extend(named_children(x));
                    }
                    let mut pattern = None;
                    'calls: for call in calls {
                        let Some(args) = call.field("arguments") else {
                            continue;
                        };
                        for k in named_children(args) {
                            let named = k.kind() == "keyword_argument"
                                && k.field("name")
                                    .is_some_and(|n| matches!(cx.text(n), "pattern" | "regex"));
                            let Some(v) = k.field("value") else {
                                continue;
                            };
                            if !named || v.kind() != "string" {
                                continue;
                            }
                            if let ExprKind::Str(s) = expr(cx, v).kind {
                                pattern = Some(s);
                                break 'calls;
                            }
                        }
                    }
                    let ty = match pattern {
                        Some(p) => format!("{}{}{p}", cx.text(t), crate::ir::PATTERN_MARK),
                        None => cx.text(t).to_string(),
                    };
                    fields.push((cx.text(l).to_string(), ty));
                } else if let Some(r) = a.field("right")
                    && r.kind() == "call"
                    && let Some(f) = r.field("function")
                    && cx.text(f).ends_with("Field")
                {
                    // A form's declared field (`n = forms.IntegerField()`): its class.
                    fields.push((cx.text(l).to_string(), cx.text(f).to_string()));
                } else if let Some(r) = a.field("right")
                    && r.kind() == "call"
                    && let Some(f) = r.field("function")
                    && f.kind() == "attribute"
                    && f.field("object").is_some_and(|o| cx.text(o) == "fields")
                {
                    // A marshmallow schema's field (`page = fields.Int()`): its class, or
                    // `OneOf` when a `validate=OneOf([...])` admits listed values only.
                    let one_of = r.field("arguments").is_some_and(|args| {
                        named_children(args).iter().any(|k| {
                            k.kind() == "keyword_argument"
                                && k.field("name").is_some_and(|n| cx.text(n) == "validate")
                                && k.field("value").is_some_and(|v| {
                                    v.kind() == "call"
                                        && v.field("function").is_some_and(|vf| {
                                            cx.text(vf).rsplit('.').next() == Some("OneOf")
                                        })
                                })
                        })
                    });
                    let ty = if one_of {
                        "marshmallow.OneOf".to_string()
                    } else {
                        cx.text(f).to_string()
                    };
                    fields.push((cx.text(l).to_string(), ty));
                }
            }
        }
        for c in named_children(body) {
            let def = if c.kind() == "decorated_definition" {
                c.field("definition")
            } else {
                Some(c)
            };
            match def.map(|d| d.kind()) {
                Some("function_definition") => {
                    let decorators: Vec<Expr> = if c.kind() == "decorated_definition" {
                        named_children(c)
                            .into_iter()
                            .filter(|d| d.kind() == "decorator")
                            .filter_map(|d| named_children(d).first().map(|e| expr(cx, *e)))
                            .collect()
                    } else {
                        Vec::new()
                    };
                    cx.class = Some(name.clone());
                    let id = function(cx, def.unwrap_or(c), decorators);
                    cx.module.funcs[id].kind = FuncKind::Method;
                    cx.module.funcs[id].class = Some(name.clone());
                    methods.push(id);
                    class_body.push(Stmt {
                        kind: StmtKind::FuncDef(id),
                        span: Lowerer::span(c),
                    });
                }
                _ => stmt(cx, c, &mut class_body),
            }
        }
    }
    cx.class = saved;
    cx.module.classes.push(Class {
        name,
        bases,
        methods,
        fields,
        interfaces: Vec::new(),
        decorators: Vec::new(),
        span: Lowerer::span(n),
    });
    // Class attributes behave like assignments where the class is defined.
    push(out, StmtKind::Block(class_body), n);
}

pub fn pattern(cx: &mut Lowerer<'_>, n: Node<'_>) -> Pattern {
    let span = Lowerer::span(n);
    match n.kind() {
        "identifier" => Pattern::Name(cx.text(n).to_string(), span),
        "attribute" => {
            let (Some(o), Some(a)) = (n.field("object"), n.field("attribute")) else {
                return Pattern::Ignore;
            };
            Pattern::Attr(Box::new(expr(cx, o)), cx.text(a).to_string(), span)
        }
        "subscript" => {
            let Some(v) = n.field("value") else {
                return Pattern::Ignore;
            };
            let key = n
                .field("subscript")
                .map(|s| expr(cx, s))
                .unwrap_or_else(|| Expr::other(span));
            Pattern::Index(Box::new(expr(cx, v)), Box::new(key), span)
        }
        "pattern_list" | "tuple_pattern" | "list_pattern" | "expression_list" | "tuple"
        | "list" => Pattern::Seq(
            named_children(n)
                .into_iter()
                .map(|c| Some(pattern(cx, c)))
                .collect(),
            span,
        ),
        "list_splat_pattern" | "list_splat" => named_children(n)
            .first()
            .map(|c| Pattern::Star(Box::new(pattern(cx, *c))))
            .unwrap_or(Pattern::Ignore),
        "parenthesized_expression" => named_children(n)
            .first()
            .map(|c| pattern(cx, *c))
            .unwrap_or(Pattern::Ignore),
        _ => Pattern::Ignore,
    }
}

pub fn expr(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    if !cx.enter() {
        return Expr::other(Lowerer::span(n));
    }
    let e = expr_inner(cx, n);
    cx.leave();
    e
}

fn children_exprs(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<Expr> {
    named_children(n).into_iter().map(|c| expr(cx, c)).collect()
}

fn expr_inner(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    let span = Lowerer::span(n);
    let field = |f: &str| n.field(f);
    let kind = match n.kind() {
        "identifier" => ExprKind::Name(cx.text(n).to_string()),
        "attribute" => {
            let (Some(o), Some(a)) = (field("object"), field("attribute")) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Attr(Box::new(expr(cx, o)), cx.text(a).to_string())
        }
        "subscript" => {
            let Some(v) = field("value") else {
                return other(children_exprs(cx, n), span);
            };
            let base = expr(cx, v);
            match field("subscript") {
                Some(s) if s.kind() == "slice" => {
                    let mut parts = vec![base];
                    parts.extend(children_exprs(cx, s));
                    // Slicing keeps the base's data; bounds are numbers.
                    ExprKind::Slice(Box::new(parts.swap_remove(0)))
                }
                Some(s) => ExprKind::Index(Box::new(base), Box::new(expr(cx, s))),
                None => ExprKind::Index(Box::new(base), Box::new(Expr::other(span))),
            }
        }
        "call" => {
            let callee = field("function")
                .map(|f| expr(cx, f))
                .unwrap_or_else(|| Expr::other(span));
            let args = field("arguments")
                .map(|a| call_args(cx, a))
                .unwrap_or_default();
            ExprKind::Call(Box::new(Call {
                callee,
                args,
                is_new: false,
            }))
        }
        "string" => return string(cx, n),
        "concatenated_string" => {
            let parts: Vec<Expr> = named_children(n)
                .into_iter()
                .map(|c| string(cx, c))
                .collect();
            return concat_strings(parts, span);
        }
        "integer" | "float" => {
            let t = cx.text(n).replace('_', "");
            let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                i64::from_str_radix(h, 16).map(|v| v as f64).unwrap_or(0.0)
            } else if let Some(o) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
                i64::from_str_radix(o, 8).map(|v| v as f64).unwrap_or(0.0)
            } else if let Some(b) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
                i64::from_str_radix(b, 2).map(|v| v as f64).unwrap_or(0.0)
            } else {
                t.trim_end_matches(['j', 'J', 'l', 'L'])
                    .parse()
                    .unwrap_or(0.0)
            };
            ExprKind::Num(v)
        }
        "true" => ExprKind::Bool(true),
        "false" => ExprKind::Bool(false),
        "none" => ExprKind::Null,
        "binary_operator" => {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return other(children_exprs(cx, n), span);
            };
            let op = field("operator")
                .map(|o| match cx.text(o) {
                    "+" => BinOp::Add,
                    "-" => BinOp::Sub,
                    "*" => BinOp::Mul,
                    "/" | "//" => BinOp::Div,
                    "%" => BinOp::Mod,
                    _ => BinOp::Other,
                })
                .unwrap_or(BinOp::Other);
            ExprKind::Binary(op, Box::new(expr(cx, l)), Box::new(expr(cx, r)))
        }
        "unary_operator" => {
            let arg = field("argument")
                .map(|a| expr(cx, a))
                .unwrap_or_else(|| Expr::other(span));
            let op = match field("operator").map(|o| cx.text(o)) {
                Some("-") => UnOp::Neg,
                _ => UnOp::Other,
            };
            ExprKind::Unary(op, Box::new(arg))
        }
        "not_operator" => {
            let arg = field("argument")
                .map(|a| expr(cx, a))
                .unwrap_or_else(|| Expr::other(span));
            ExprKind::Unary(UnOp::Not, Box::new(arg))
        }
        "boolean_operator" => {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return other(children_exprs(cx, n), span);
            };
            let l = expr(cx, l);
            let r = expr(cx, r);
            match field("operator").map(|o| cx.text(o)) {
                Some("and") => ExprKind::And(Box::new(l), Box::new(r)),
                _ => ExprKind::Or(Box::new(l), Box::new(r)),
            }
        }
        "comparison_operator" => return comparison(cx, n),
        "conditional_expression" => {
            let parts = named_children(n);
            if parts.len() == 3 {
                let then = expr(cx, parts[0]);
                let cond = expr(cx, parts[1]);
                let els = expr(cx, parts[2]);
                ExprKind::Cond(Box::new(cond), Box::new(then), Box::new(els))
            } else {
                ExprKind::Other(children_exprs(cx, n))
            }
        }
        "list" | "tuple" | "set" | "expression_list" | "pattern_list" => {
            ExprKind::List(children_exprs(cx, n))
        }
        "dictionary" => {
            let mut items = Vec::new();
            for c in named_children(n) {
                match c.kind() {
                    "pair" => {
                        let (Some(k), Some(v)) = (c.field("key"), c.field("value")) else {
                            continue;
                        };
                        let key = expr(cx, k);
                        let key = match key.as_str() {
                            Some(s) => DictKey::Const(s.to_string()),
                            None => DictKey::Expr(key),
                        };
                        items.push((key, expr(cx, v)));
                    }
                    "dictionary_splat" => {
                        if let Some(v) = named_children(c).first() {
                            let v = expr(cx, *v);
                            items.push((DictKey::Spread, v));
                        }
                    }
                    _ => {}
                }
            }
            ExprKind::Dict(items)
        }
        "lambda" => {
            let id = cx.new_func("<lambda>".into(), FuncKind::Lambda, n);
            let (params, body) = cx.within(id, |cx| {
                let params = field("parameters")
                    .map(|p| params(cx, p))
                    .unwrap_or_default();
                let body = field("body").map(|b| expr(cx, b));
                (params, body)
            });
            cx.module.funcs[id].params = params;
            if let Some(b) = body {
                let s = b.span;
                cx.module.funcs[id].body = vec![Stmt {
                    kind: StmtKind::Return(Some(b)),
                    span: s,
                }];
            }
            ExprKind::Func(id)
        }
        "list_comprehension"
        | "set_comprehension"
        | "generator_expression"
        | "dictionary_comprehension" => {
            let body = field("body");
            let elt = match body {
                Some(b) if b.kind() == "pair" => {
                    let kv = children_exprs(cx, b);
                    Expr::new(ExprKind::List(kv), Lowerer::span(b))
                }
                Some(b) => expr(cx, b),
                None => Expr::other(span),
            };
            let mut gens = Vec::new();
            let mut conds = Vec::new();
            for c in named_children(n) {
                match c.kind() {
                    "for_in_clause" => {
                        let target = c
                            .field("left")
                            .map(|l| pattern(cx, l))
                            .unwrap_or(Pattern::Ignore);
                        let iter = c
                            .field("right")
                            .map(|r| expr(cx, r))
                            .unwrap_or_else(|| Expr::other(span));
                        gens.push((target, iter));
                    }
                    "if_clause" => conds.extend(children_exprs(cx, c)),
                    _ => {}
                }
            }
            // Conditions do not feed the element; they are kept for their calls.
            let elt = if conds.is_empty() {
                elt
            } else {
                let s = elt.span;
                let mut all = vec![elt];
                all.extend(conds);
                // The first child is the element; rules read calls in the rest.
                Expr::new(ExprKind::Other(all), s)
            };
            ExprKind::Comp(Box::new(elt), gens)
        }
        "yield" => {
            let Some(v) = named_children(n).first().map(|c| expr(cx, *c)) else {
                return Expr::other(span);
            };
            ExprKind::Yield(Box::new(v))
        }
        "parenthesized_expression" | "await" => {
            return named_children(n)
                .first()
                .map(|c| expr(cx, *c))
                .unwrap_or_else(|| Expr::other(span));
        }
        "named_expression" => {
            let (Some(nm), Some(v)) = (field("name"), field("value")) else {
                return other(children_exprs(cx, n), span);
            };
            let target = Pattern::Name(cx.text(nm).to_string(), Lowerer::span(nm));
            ExprKind::Assign(Box::new(target), Box::new(expr(cx, v)))
        }
        "list_splat" | "dictionary_splat" | "parenthesized_list_splat" => {
            let inner = named_children(n)
                .first()
                .map(|c| expr(cx, *c))
                .unwrap_or_else(|| Expr::other(span));
            ExprKind::Spread(Box::new(inner))
        }
        "keyword_argument" => {
            return field("value")
                .map(|v| expr(cx, v))
                .unwrap_or_else(|| Expr::other(span));
        }
        "ellipsis" => ExprKind::Null,
        _ => ExprKind::Other(children_exprs(cx, n)),
    };
    Expr::new(kind, span)
}

fn call_args(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<Arg> {
    let mut out = Vec::new();
    if n.kind() == "generator_expression" {
        out.push(Arg {
            name: None,
            value: expr(cx, n),
            spread: false,
        });
        return out;
    }
    for c in named_children(n) {
        match c.kind() {
            "keyword_argument" => {
                let name = c.field("name").map(|x| cx.text(x).to_string());
                let value = c
                    .field("value")
                    .map(|v| expr(cx, v))
                    .unwrap_or_else(|| Expr::other(Lowerer::span(c)));
                out.push(Arg {
                    name,
                    value,
                    spread: false,
                });
            }
            "list_splat" | "dictionary_splat" => {
                let value = named_children(c)
                    .first()
                    .map(|v| expr(cx, *v))
                    .unwrap_or_else(|| Expr::other(Lowerer::span(c)));
                out.push(Arg {
                    name: None,
                    value,
                    spread: true,
                });
            }
            _ => out.push(Arg {
                name: None,
                value: expr(cx, c),
                spread: false,
            }),
        }
    }
    out
}

fn comparison(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    let span = Lowerer::span(n);
    let operands: Vec<Node<'_>> = named_children(n);
    // Operators are the unnamed children between operands ('not' 'in' come as two).
    let mut ops: Vec<CmpOp> = Vec::new();
    let mut c = n.walk();
    let mut pending_not = false;
    let mut pending_is = false;
    for ch in n.children(&mut c) {
        if ch.is_named() {
            if pending_is {
                ops.push(CmpOp::Is);
                pending_is = false;
            }
            continue;
        }
        let t = cx.text(ch);
        match t {
            "not" if pending_is => {
                ops.push(CmpOp::IsNot);
                pending_is = false;
            }
            "not" => pending_not = true,
            "is" => pending_is = true,
            "in" if pending_not => {
                ops.push(CmpOp::NotIn);
                pending_not = false;
            }
            "in" => ops.push(CmpOp::In),
            "not in" => ops.push(CmpOp::NotIn),
            "is not" => ops.push(CmpOp::IsNot),
            "==" => ops.push(CmpOp::Eq),
            "!=" | "<>" => ops.push(CmpOp::NotEq),
            "<" => ops.push(CmpOp::Lt),
            "<=" => ops.push(CmpOp::LtE),
            ">" => ops.push(CmpOp::Gt),
            ">=" => ops.push(CmpOp::GtE),
            _ => {}
        }
    }
    let exprs: Vec<Expr> = operands.into_iter().map(|o| expr(cx, o)).collect();
    if exprs.len() < 2 || ops.len() + 1 != exprs.len() {
        return other(exprs, span);
    }
    // `a < b < c` is `a < b and b < c`.
    let mut result: Option<Expr> = None;
    for (i, op) in ops.iter().enumerate() {
        let cmp = Expr::new(
            ExprKind::Compare(
                *op,
                Box::new(exprs[i].clone()),
                Box::new(exprs[i + 1].clone()),
            ),
            span,
        );
        result = Some(match result {
            None => cmp,
            Some(prev) => Expr::new(ExprKind::And(Box::new(prev), Box::new(cmp)), span),
        });
    }
    result.unwrap_or_else(|| Expr::other(span))
}

/// A string literal: plain, bytes, or an f-string with interpolations.
fn string(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    let span = Lowerer::span(n);
    let mut prefix = String::new();
    let mut parts: Vec<TemplatePart> = Vec::new();
    let mut lit = String::new();
    let mut c = n.walk();
    for ch in n.children(&mut c) {
        match ch.kind() {
            "string_start" => prefix = cx.text(ch).to_ascii_lowercase(),
            "string_content" => {
                let raw = cx.text(ch);
                if prefix.contains('r') {
                    lit.push_str(raw);
                } else {
                    lit.push_str(&unescape(raw));
                }
            }
            "escape_sequence" => lit.push_str(&unescape(cx.text(ch))),
            "interpolation" => {
                if !lit.is_empty() {
                    parts.push(TemplatePart::Lit(std::mem::take(&mut lit)));
                }
                if let Some(e) = ch.field("expression") {
                    parts.push(TemplatePart::Expr(expr(cx, e)));
                }
            }
            _ => {}
        }
    }
    if parts.is_empty() {
        let kind = if prefix.contains('b') {
            ExprKind::Bytes(lit)
        } else {
            ExprKind::Str(lit)
        };
        return Expr::new(kind, span);
    }
    if !lit.is_empty() {
        parts.push(TemplatePart::Lit(lit));
    }
    Expr::new(ExprKind::Template(parts), span)
}

/// Adjacent literals (`"a" "b"`, `"a" f"{x}"`) as one string.
fn concat_strings(parts: Vec<Expr>, span: Span) -> Expr {
    if parts.iter().all(|p| p.as_str().is_some()) {
        let s: String = parts.iter().filter_map(|p| p.as_str()).collect();
        return Expr::new(ExprKind::Str(s), span);
    }
    let mut out = Vec::new();
    for p in parts {
        match p.kind {
            ExprKind::Str(s) | ExprKind::Bytes(s) => out.push(TemplatePart::Lit(s)),
            ExprKind::Template(t) => out.extend(t),
            _ => out.push(TemplatePart::Expr(p)),
        }
    }
    Expr::new(ExprKind::Template(out), span)
}
