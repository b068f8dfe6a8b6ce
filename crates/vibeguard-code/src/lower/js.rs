//! JavaScript, TypeScript and TSX (tree-sitter-javascript / tree-sitter-typescript share
//! their node kinds) to the program model. `require('m')` bindings become imports, so
//! `const cp = require('child_process'); cp.exec(x)` resolves like an ES import.

use super::FieldExt;
use super::strings::unescape;
use super::{Lowerer, expr_stmt, named_children, other};
use crate::ir::*;
use tree_sitter::Node;

pub fn lower_module(cx: &mut Lowerer<'_>, root: Node<'_>) {
    let kids = named_children(root);
    // A `'use server'` directive before any other statement marks Next.js server actions.
    if let Some(first) = kids.first()
        && first.kind() == "expression_statement"
    {
        let t = cx.text(*first).trim().trim_end_matches(';');
        if t == "'use server'" || t == "\"use server\"" {
            cx.module.use_server = true;
        }
    }
    let mut body = Vec::new();
    for c in kids {
        stmt(cx, c, &mut body);
    }
    cx.module.funcs[0].body = body;
}

fn push(out: &mut Block, kind: StmtKind, n: Node<'_>) {
    out.push(Stmt {
        kind,
        span: Lowerer::span(n),
    });
}

fn block_of(cx: &mut Lowerer<'_>, n: Option<Node<'_>>) -> Block {
    let mut out = Vec::new();
    if let Some(n) = n {
        if n.kind() == "statement_block" {
            for c in named_children(n) {
                stmt(cx, c, &mut out);
            }
        } else {
            stmt(cx, n, &mut out);
        }
    }
    out
}

fn stmt(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    if !cx.enter() {
        return;
    }
    stmt_inner(cx, n, out);
    cx.leave();
}

fn stmt_inner(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let field = |f: &str| n.field(f);
    match n.kind() {
        "expression_statement" => {
            for c in named_children(n) {
                expression_statement(cx, c, out);
            }
        }
        "lexical_declaration" | "variable_declaration" => {
            for d in named_children(n) {
                if d.kind() == "variable_declarator" {
                    declarator(cx, d, out);
                }
            }
        }
        "return_statement" => {
            let v = named_children(n).first().map(|c| expr(cx, *c));
            push(out, StmtKind::Return(v), n);
        }
        "if_statement" => {
            let cond = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let then = block_of(cx, field("consequence"));
            let els = match field("alternative") {
                Some(e) => {
                    let inner = named_children(e).first().copied();
                    block_of(cx, inner)
                }
                None => Vec::new(),
            };
            push(out, StmtKind::If { cond, then, els }, n);
        }
        "for_statement" => {
            // for (init; cond; step) body  ==  init; while (cond) { body; step }
            let mut blk = Vec::new();
            if let Some(init) = field("initializer") {
                stmt(cx, init, &mut blk);
            }
            let cond = field("condition")
                .filter(|c| c.is_named())
                .map(|c| match c.kind() {
                    "expression_statement" => named_children(c)
                        .first()
                        .map(|e| expr(cx, *e))
                        .unwrap_or_else(|| Expr::other(Lowerer::span(c))),
                    _ => expr(cx, c),
                })
                .unwrap_or_else(|| Expr::new(ExprKind::Bool(true), Lowerer::span(n)));
            let mut body = block_of(cx, field("body"));
            if let Some(step) = field("increment") {
                body.push(expr_stmt(expr(cx, step)));
            }
            blk.push(Stmt {
                kind: StmtKind::While { cond, body },
                span: Lowerer::span(n),
            });
            push(out, StmtKind::Block(blk), n);
        }
        "for_in_statement" => {
            let target = field("left")
                .map(|l| pattern(cx, l))
                .unwrap_or(Pattern::Ignore);
            let iter = field("right")
                .map(|r| expr(cx, r))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let body = block_of(cx, field("body"));
            push(out, StmtKind::For { target, iter, body }, n);
        }
        "while_statement" | "do_statement" => {
            let cond = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let body = block_of(cx, field("body"));
            push(out, StmtKind::While { cond, body }, n);
        }
        "try_statement" => {
            let body = block_of(cx, field("body"));
            let mut handlers = Vec::new();
            if let Some(h) = field("handler") {
                let name = h.field("parameter").map(|p| cx.text(p).to_string());
                let body = block_of(cx, h.field("body"));
                handlers.push(Handler {
                    name,
                    types: Vec::new(),
                    body,
                    span: Lowerer::span(h),
                });
            }
            let finally = field("finalizer")
                .map(|f| block_of(cx, f.field("body")))
                .unwrap_or_default();
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
        "switch_statement" => {
            let subject = field("value")
                .map(|v| expr(cx, v))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let mut cases = Vec::new();
            if let Some(body) = field("body") {
                for c in named_children(body) {
                    let values: Vec<Expr> = c
                        .field("value")
                        .map(|v| vec![expr(cx, v)])
                        .unwrap_or_default();
                    let mut b = Vec::new();
                    let mut cur = c.walk();
                    let bodies: Vec<Node<'_>> =
                        c.children_by_field_name("body", &mut cur).collect();
                    for s in bodies {
                        stmt(cx, s, &mut b);
                    }
                    cases.push((values, b));
                }
            }
            push(out, StmtKind::Switch { subject, cases }, n);
        }
        "throw_statement" => {
            let v = named_children(n).first().map(|c| expr(cx, *c));
            push(out, StmtKind::Raise(v), n);
        }
        "break_statement" | "continue_statement" => push(out, StmtKind::Jump, n),
        "statement_block" => {
            let b = block_of(cx, Some(n));
            push(out, StmtKind::Block(b), n);
        }
        "labeled_statement" => {
            if let Some(b) = field("body") {
                stmt(cx, b, out);
            }
        }
        "function_declaration" | "generator_function_declaration" => {
            let id = function(cx, n);
            push(out, StmtKind::FuncDef(id), n);
        }
        "class_declaration" | "abstract_class_declaration" => {
            class(cx, n, out);
        }
        "export_statement" => export(cx, n, out),
        "import_statement" => import(cx, n),
        "empty_statement" | "comment" | "debugger_statement" | "hash_bang_line" => {}
        // TypeScript declarations carry no data flow.
        "interface_declaration"
        | "type_alias_declaration"
        | "enum_declaration"
        | "ambient_declaration"
        | "module"
        | "internal_module"
        | "import_alias" => {}
        _ => {
            if n.is_error() {
                for c in named_children(n) {
                    stmt(cx, c, out);
                }
            } else {
                out.push(expr_stmt(expr(cx, n)));
            }
        }
    }
}

fn expression_statement(cx: &mut Lowerer<'_>, c: Node<'_>, out: &mut Block) {
    match c.kind() {
        "assignment_expression" => {
            let (Some(l), Some(r)) = (c.field("left"), c.field("right")) else {
                return;
            };
            // `module.exports = ...` / `exports.x = ...` export their functions.
            let target = pattern(cx, l);
            let value = expr(cx, r);
            if cx.text(l).starts_with("module.exports") || cx.text(l).starts_with("exports.") {
                mark_exported(cx, &value);
            }
            push(out, StmtKind::Assign { target, value }, c);
        }
        "augmented_assignment_expression" => {
            let (Some(l), Some(r)) = (c.field("left"), c.field("right")) else {
                return;
            };
            let op = match c.field("operator").map(|o| cx.text(o)) {
                Some("+=") => BinOp::Add,
                Some("-=") => BinOp::Sub,
                Some("*=") => BinOp::Mul,
                Some("/=") => BinOp::Div,
                Some("%=") => BinOp::Mod,
                Some("||=") | Some("??=") | Some("&&=") => BinOp::Other,
                _ => BinOp::Other,
            };
            let target = pattern(cx, l);
            let value = expr(cx, r);
            push(out, StmtKind::AugAssign { target, op, value }, c);
        }
        "sequence_expression" => {
            for e in named_children(c) {
                expression_statement(cx, e, out);
            }
        }
        _ => out.push(expr_stmt(expr(cx, c))),
    }
}

fn mark_exported(cx: &mut Lowerer<'_>, value: &Expr) {
    match &value.kind {
        ExprKind::Func(id) => cx.module.funcs[*id].exported = true,
        ExprKind::Dict(items) => {
            for (_, v) in items {
                if let ExprKind::Func(id) = v.kind {
                    cx.module.funcs[id].exported = true;
                }
            }
        }
        _ => {}
    }
}

/// `const x = value`, with `require` bindings recorded as imports.
fn declarator(cx: &mut Lowerer<'_>, d: Node<'_>, out: &mut Block) {
    let Some(name) = d.field("name") else {
        return;
    };
    let Some(value) = d.field("value") else {
        // `let x;` declares without a value: nothing flows.
        return;
    };
    if let Some(path) = require_path(cx, value) {
        match name.kind() {
            "identifier" => {
                add_import(cx, cx.text(name).to_string(), path, d);
                return;
            }
            "object_pattern" => {
                for p in named_children(name) {
                    match p.kind() {
                        "shorthand_property_identifier_pattern" => {
                            let n = cx.text(p).to_string();
                            add_import(cx, n.clone(), format!("{path}.{n}"), p);
                        }
                        "pair_pattern" => {
                            let (Some(k), Some(v)) = (p.field("key"), p.field("value")) else {
                                continue;
                            };
                            if v.kind() == "identifier" {
                                let alias = cx.text(v).to_string();
                                let key = cx.text(k).trim_matches(['"', '\'']).to_string();
                                add_import(cx, alias, format!("{path}.{key}"), p);
                            }
                        }
                        _ => {}
                    }
                }
                return;
            }
            _ => {}
        }
    }
    let target = pattern(cx, name);
    let value = expr(cx, value);
    // `export const slugify = (s) => ...` at module level: the function goes by the
    // variable's name (what other modules import).
    if cx.current == 0
        && name.kind() == "identifier"
        && let ExprKind::Func(id) = value.kind
        && cx.module.funcs[id].name == "<anonymous>"
    {
        cx.module.funcs[id].name = cx.text(name).to_string();
    }
    push(out, StmtKind::Assign { target, value }, d);
}

/// The operand of `await (x)` read by the grammar as a call `await(x)`: one argument,
/// not spread (no function can be named `await` in a module or an async function).
fn awaited_operand<'t>(cx: &Lowerer<'_>, n: Node<'t>) -> Option<Node<'t>> {
    let f = n.field("function")?;
    if f.kind() != "identifier" || cx.text(f) != "await" {
        return None;
    }
    let args = n.field("arguments")?;
    match named_children(args).as_slice() {
        [x] if x.kind() != "spread_element" => Some(*x),
        _ => None,
    }
}

/// `require('m')`, `require('m').x`, `await import('m')`: the module path.
fn require_path(cx: &Lowerer<'_>, n: Node<'_>) -> Option<String> {
    match n.kind() {
        "call_expression" => {
            let f = n.field("function")?;
            if !(f.kind() == "identifier" && cx.text(f) == "require" || f.kind() == "import") {
                return None;
            }
            let args = n.field("arguments")?;
            let first = named_children(args).into_iter().next()?;
            if first.kind() != "string" {
                return None;
            }
            Some(string_text(cx, first))
        }
        "member_expression" => {
            let base = require_path(cx, n.field("object")?)?;
            let prop = n.field("property")?;
            Some(format!("{base}.{}", cx.text(prop)))
        }
        "await_expression" => require_path(cx, named_children(n).into_iter().next()?),
        _ => None,
    }
}

fn add_import(cx: &mut Lowerer<'_>, alias: String, path: String, n: Node<'_>) {
    let level = if path.starts_with('.') { 1 } else { 0 };
    cx.module.imports.push(Import {
        alias,
        path,
        level,
        span: Lowerer::span(n),
    });
}

fn import(cx: &mut Lowerer<'_>, n: Node<'_>) {
    let Some(source) = n.field("source") else {
        return;
    };
    let path = string_text(cx, source);
    for c in named_children(n) {
        if c.kind() != "import_clause" {
            continue;
        }
        for part in named_children(c) {
            match part.kind() {
                "identifier" => add_import(cx, cx.text(part).to_string(), path.clone(), part),
                "namespace_import" => {
                    if let Some(id) = named_children(part).first() {
                        add_import(cx, cx.text(*id).to_string(), path.clone(), part);
                    }
                }
                "named_imports" => {
                    for spec in named_children(part) {
                        let Some(name) = spec.field("name") else {
                            continue;
                        };
                        let orig = cx.text(name).trim_matches(['"', '\'']).to_string();
                        let alias = spec
                            .field("alias")
                            .map(|a| cx.text(a).to_string())
                            .unwrap_or_else(|| orig.clone());
                        add_import(cx, alias, format!("{path}.{orig}"), spec);
                    }
                }
                _ => {}
            }
        }
    }
}

fn export(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let first_fn = cx.module.funcs.len();
    if let Some(decl) = n.field("declaration") {
        stmt(cx, decl, out);
    } else if let Some(v) = n.field("value") {
        // `export default <expr>`
        let e = expr(cx, v);
        out.push(expr_stmt(e));
    } else {
        for c in named_children(n) {
            if c.kind() != "export_clause" && c.kind() != "string" {
                stmt(cx, c, out);
            }
        }
    }
    // Top-level functions defined by this export statement are entry points.
    let parent = cx.current;
    for f in &mut cx.module.funcs[first_fn..] {
        if f.parent == Some(parent) {
            f.exported = true;
        }
    }
}

fn function(cx: &mut Lowerer<'_>, n: Node<'_>) -> FuncId {
    let name = n
        .field("name")
        .map(|c| cx.text(c).to_string())
        .unwrap_or_else(|| "<anonymous>".into());
    let kind = match n.kind() {
        "arrow_function" => FuncKind::Lambda,
        "method_definition" => FuncKind::Method,
        _ => FuncKind::Function,
    };
    let id = cx.new_func(name, kind, n);
    if let Some(nm) = n.field("name") {
        cx.module.funcs[id].name_span = Lowerer::span(nm);
    }
    cx.module.funcs[id].is_async = cx.text(n).trim_start().starts_with("async");
    let saved_class = if kind == FuncKind::Method {
        cx.class.clone()
    } else {
        None
    };
    let (params, body) = cx.within(id, |cx| {
        let params = match n.field("parameters") {
            Some(p) => params(cx, p),
            None => n
                .field("parameter")
                .map(|p| {
                    vec![Param {
                        pattern: pattern(cx, p),
                        default: None,
                        annotation: None,
                        kind: ParamKind::Plain,
                        span: Lowerer::span(p),
                    }]
                })
                .unwrap_or_default(),
        };
        let body = match n.field("body") {
            Some(b) if b.kind() == "statement_block" => block_of(cx, Some(b)),
            Some(b) => {
                let e = expr(cx, b);
                let s = e.span;
                vec![Stmt {
                    kind: StmtKind::Return(Some(e)),
                    span: s,
                }]
            }
            None => Vec::new(),
        };
        (params, body)
    });
    let f = &mut cx.module.funcs[id];
    f.params = params;
    f.body = body;
    if kind == FuncKind::Method {
        f.class = saved_class;
    }
    id
}

fn params(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<Param> {
    let mut out = Vec::new();
    for p in named_children(n) {
        let span = Lowerer::span(p);
        let (pat_node, default, annotation) = match p.kind() {
            "required_parameter" | "optional_parameter" => (
                p.field("pattern"),
                p.field("value").map(|v| expr(cx, v)),
                param_annotation(cx, p),
            ),
            "assignment_pattern" => (p.field("left"), p.field("right").map(|v| expr(cx, v)), None),
            _ => (Some(p), None, None),
        };
        let Some(pat_node) = pat_node else { continue };
        let kind = if pat_node.kind() == "rest_pattern" {
            ParamKind::Rest
        } else {
            ParamKind::Plain
        };
        let pattern = if kind == ParamKind::Rest {
            named_children(pat_node)
                .first()
                .map(|c| pattern(cx, *c))
                .unwrap_or(Pattern::Ignore)
        } else {
            pattern(cx, pat_node)
        };
        out.push(Param {
            pattern,
            default,
            annotation,
            kind,
            span,
        });
    }
    out
}

/// A TypeScript parameter's annotation: its decorators' text (NestJS `@Query("q")`,
/// `@Body()`), then its type without the colon (`string`, `Request`). The decorators say
/// where a framework takes the argument from, the way Java's parameter annotations do.
fn param_annotation(cx: &Lowerer<'_>, p: Node<'_>) -> Option<String> {
    let mut parts: Vec<String> = named_children(p)
        .into_iter()
        .filter(|c| c.kind() == "decorator")
        .map(|d| cx.text(d).to_string())
        .collect();
    if let Some(t) = p.field("type") {
        parts.push(cx.text(t).trim_start_matches(':').trim().to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn class(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) -> Option<String> {
    let name = n
        .field("name")
        .map(|c| cx.text(c).to_string())
        .unwrap_or_else(|| "<class>".into());
    let mut bases = Vec::new();
    for c in named_children(n) {
        if c.kind() == "class_heritage" {
            for h in named_children(c) {
                if let Some(v) = h.field("value") {
                    bases.push(cx.text(v).to_string());
                } else if h.kind() == "identifier" || h.kind() == "member_expression" {
                    bases.push(cx.text(h).to_string());
                }
            }
        }
    }
    // `@Controller("x") class C` (the decorators are the class's children) and
    // `@Controller("x") export class C` (the export statement's).
    let mut class_decorators: Vec<Expr> = Vec::new();
    let holders = std::iter::once(n).chain(n.parent().filter(|p| p.kind() == "export_statement"));
    for h in holders {
        for d in named_children(h)
            .into_iter()
            .filter(|c| c.kind() == "decorator")
        {
            if let Some(e) = named_children(d).first() {
                class_decorators.push(expr(cx, *e));
            }
        }
    }
    let saved = cx.class.replace(name.clone());
    let mut methods = Vec::new();
    let mut body_stmts = Vec::new();
    let mut fields = Vec::new();
    if let Some(body) = n.field("body") {
        let mut pending_decorators: Vec<Expr> = Vec::new();
        for m in named_children(body) {
            match m.kind() {
                "decorator" => {
                    if let Some(e) = named_children(m).first() {
                        pending_decorators.push(expr(cx, *e));
                    }
                }
                "method_definition" => {
                    let id = function(cx, m);
                    cx.module.funcs[id].kind = FuncKind::Method;
                    cx.module.funcs[id].class = Some(name.clone());
                    cx.module.funcs[id].decorators = std::mem::take(&mut pending_decorators);
                    methods.push(id);
                    body_stmts.push(Stmt {
                        kind: StmtKind::FuncDef(id),
                        span: Lowerer::span(m),
                    });
                }
                "public_field_definition" | "field_definition" => {
                    let prop = m.field("name").or_else(|| m.field("property"));
                    // class-validator field decorators (`@IsInt() @Min(1) limit: number`),
                    // in tree-sitter's TypeScript grammar children of the field itself.
                    let own: Vec<Expr> = named_children(m)
                        .into_iter()
                        .filter(|c| c.kind() == "decorator")
                        .filter_map(|d| named_children(d).first().map(|e| expr(cx, *e)))
                        .collect();
                    let decorators: Vec<Expr> = std::mem::take(&mut pending_decorators)
                        .into_iter()
                        .chain(own)
                        .collect();
                    if let Some(p) = prop
                        && !decorators.is_empty()
                    {
                        fields.push((cx.text(p).to_string(), field_checks(cx, &decorators)));
                    }
                    if let (Some(p), Some(v)) = (prop, m.field("value")) {
                        let value = expr(cx, v);
                        let this = Expr::new(ExprKind::Name("this".into()), Lowerer::span(p));
                        let target =
                            Pattern::Attr(Box::new(this), cx.text(p).to_string(), Lowerer::span(p));
                        body_stmts.push(Stmt {
                            kind: StmtKind::Assign { target, value },
                            span: Lowerer::span(m),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    cx.class = saved;
    cx.module.classes.push(Class {
        name: name.clone(),
        bases,
        methods,
        fields,
        interfaces: Vec::new(),
        decorators: class_decorators,
        span: Lowerer::span(n),
    });
    push(out, StmtKind::Block(body_stmts), n);
    Some(name)
}

/// A decorated class field's checks, as [`crate::ir::DTO_MARK`] then one entry per
/// decorator separated by `\0`: its name, and for `@Matches(/re/)` the pattern
/// (`Matches=^[a-z]+$`), for `@IsUrl({ host_whitelist: [...] })` a `=hosts` mark, for
/// class-transformer's `@Type(() => Address)` the class the nested object becomes
/// (`Type=Address`).
fn field_checks(cx: &Lowerer<'_>, decorators: &[Expr]) -> String {
    let mut out = String::from(crate::ir::DTO_MARK);
    for d in decorators {
        let (name, args) = match d.as_call() {
            Some(c) => (c.callee.last_name(), c.args.as_slice()),
            None => (d.as_name(), &[][..]),
        };
        let Some(name) = name else { continue };
        out.push('\0');
        out.push_str(name);
        match name {
            "Matches" => {
                // `@Matches(/re/)` (a regex literal lowers to `RegExp(pattern)`) or
                // `@Matches("re")`.
                let pat = args.first().and_then(|a| match a.value.as_call() {
                    Some(c) if c.callee.last_name() == Some("RegExp") => {
                        c.args.first().and_then(|a| a.value.as_str())
                    }
                    Some(_) => None,
                    None => a.value.as_str(),
                });
                if let Some(p) = pat {
                    out.push('=');
                    out.push_str(p);
                }
            }
            "IsUrl" => {
                let hosts = args.iter().any(|a| match &a.value.kind {
                    ExprKind::Dict(entries) => entries.iter().any(|(k, v)| {
                        matches!(k, crate::ir::DictKey::Const(k) if k == "host_whitelist")
                            && matches!(&v.kind, ExprKind::List(l) if !l.is_empty())
                    }),
                    _ => false,
                });
                if hosts {
                    out.push_str("=hosts");
                }
            }
            "Type" => {
                let class = args.first().and_then(|a| match &a.value.kind {
                    ExprKind::Func(id) => {
                        match cx.module.funcs[*id].body.first().map(|s| &s.kind) {
                            Some(StmtKind::Return(Some(e))) => e.as_name(),
                            _ => None,
                        }
                    }
                    _ => None,
                });
                if let Some(c) = class {
                    out.push('=');
                    out.push_str(c);
                }
            }
            _ => {}
        }
    }
    out
}

pub fn pattern(cx: &mut Lowerer<'_>, n: Node<'_>) -> Pattern {
    let span = Lowerer::span(n);
    match n.kind() {
        "identifier" | "shorthand_property_identifier_pattern" | "this" => {
            Pattern::Name(cx.text(n).to_string(), span)
        }
        "member_expression" => {
            let (Some(o), Some(p)) = (n.field("object"), n.field("property")) else {
                return Pattern::Ignore;
            };
            Pattern::Attr(Box::new(expr(cx, o)), cx.text(p).to_string(), span)
        }
        "subscript_expression" => {
            let Some(o) = n.field("object") else {
                return Pattern::Ignore;
            };
            let idx = n
                .field("index")
                .map(|i| expr(cx, i))
                .unwrap_or_else(|| Expr::other(span));
            Pattern::Index(Box::new(expr(cx, o)), Box::new(idx), span)
        }
        "array_pattern" | "array" => {
            // Holes (`[a, , b]`) are commas without an element between them.
            let mut items: Vec<Option<Pattern>> = Vec::new();
            let mut expect_elem = true;
            let mut c = n.walk();
            for ch in n.children(&mut c) {
                match ch.kind() {
                    "[" | "]" => {}
                    "," => {
                        if expect_elem {
                            items.push(None);
                        }
                        expect_elem = true;
                    }
                    _ if ch.is_named() && ch.kind() != "comment" => {
                        items.push(Some(pattern(cx, ch)));
                        expect_elem = false;
                    }
                    _ => {}
                }
            }
            Pattern::Seq(items, span)
        }
        "object_pattern" | "object" => {
            let mut props = Vec::new();
            for p in named_children(n) {
                match p.kind() {
                    "shorthand_property_identifier_pattern" | "shorthand_property_identifier" => {
                        let name = cx.text(p).to_string();
                        props.push((Some(name.clone()), Pattern::Name(name, Lowerer::span(p))));
                    }
                    "pair_pattern" | "pair" => {
                        let (Some(k), Some(v)) = (p.field("key"), p.field("value")) else {
                            continue;
                        };
                        let key = cx.text(k).trim_matches(['"', '\'']).to_string();
                        props.push((Some(key), pattern(cx, v)));
                    }
                    "object_assignment_pattern" => {
                        let (Some(l), Some(r)) = (p.field("left"), p.field("right")) else {
                            continue;
                        };
                        let name = cx.text(l).to_string();
                        let def = expr(cx, r);
                        props.push((
                            Some(name.clone()),
                            Pattern::Default(
                                Box::new(Pattern::Name(name, Lowerer::span(l))),
                                Box::new(def),
                            ),
                        ));
                    }
                    "rest_pattern" => {
                        if let Some(inner) = named_children(p).first() {
                            props.push((None, pattern(cx, *inner)));
                        }
                    }
                    _ => {}
                }
            }
            Pattern::Object(props, span)
        }
        "assignment_pattern" => {
            let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
                return Pattern::Ignore;
            };
            let def = expr(cx, r);
            Pattern::Default(Box::new(pattern(cx, l)), Box::new(def))
        }
        "rest_pattern" | "spread_element" => named_children(n)
            .first()
            .map(|c| Pattern::Star(Box::new(pattern(cx, *c))))
            .unwrap_or(Pattern::Ignore),
        "parenthesized_expression" | "non_null_expression" | "as_expression" => named_children(n)
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

/// The decoded text of a string literal node.
fn string_text(cx: &Lowerer<'_>, n: Node<'_>) -> String {
    let mut s = String::new();
    let mut c = n.walk();
    for ch in n.named_children(&mut c) {
        match ch.kind() {
            "string_fragment" => s.push_str(cx.text(ch)),
            "escape_sequence" => s.push_str(&unescape(cx.text(ch))),
            _ => {}
        }
    }
    s
}

fn expr_inner(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    let span = Lowerer::span(n);
    let field = |f: &str| n.field(f);
    let kind = match n.kind() {
        "identifier"
        | "shorthand_property_identifier"
        | "property_identifier"
        | "private_property_identifier"
        | "this"
        | "super" => ExprKind::Name(cx.text(n).to_string()),
        // the callee of a dynamic `import(name)`
        "import" => ExprKind::Name("import".into()),
        "undefined" | "null" => ExprKind::Null,
        "true" => ExprKind::Bool(true),
        "false" => ExprKind::Bool(false),
        "number" => {
            let t = cx.text(n).replace('_', "");
            let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                i64::from_str_radix(h, 16).map(|v| v as f64).unwrap_or(0.0)
            } else if let Some(o) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
                i64::from_str_radix(o, 8).map(|v| v as f64).unwrap_or(0.0)
            } else {
                t.trim_end_matches('n').parse().unwrap_or(0.0)
            };
            ExprKind::Num(v)
        }
        "string" => ExprKind::Str(string_text(cx, n)),
        "template_string" => {
            let mut parts = Vec::new();
            let mut lit = String::new();
            for ch in named_children(n) {
                match ch.kind() {
                    "string_fragment" => lit.push_str(cx.text(ch)),
                    "escape_sequence" => lit.push_str(&unescape(cx.text(ch))),
                    "template_substitution" => {
                        if !lit.is_empty() {
                            parts.push(TemplatePart::Lit(std::mem::take(&mut lit)));
                        }
                        if let Some(e) = named_children(ch).first() {
                            parts.push(TemplatePart::Expr(expr(cx, *e)));
                        }
                    }
                    _ => {}
                }
            }
            if parts.is_empty() {
                ExprKind::Str(lit)
            } else {
                if !lit.is_empty() {
                    parts.push(TemplatePart::Lit(lit));
                }
                ExprKind::Template(parts)
            }
        }
        "regex" => {
            // A regex literal is `RegExp(pattern)`: regex rules see both forms alike.
            let pat = field("pattern")
                .map(|p| cx.text(p).to_string())
                .unwrap_or_default();
            let flags = field("flags").map(|f| cx.text(f).to_string());
            let mut args = vec![Arg {
                name: None,
                value: Expr::new(ExprKind::Str(pat), span),
                spread: false,
            }];
            if let Some(f) = flags {
                args.push(Arg {
                    name: None,
                    value: Expr::new(ExprKind::Str(f), span),
                    spread: false,
                });
            }
            ExprKind::Call(Box::new(Call {
                callee: Expr::new(ExprKind::Name("RegExp".into()), span),
                args,
                is_new: true,
            }))
        }
        "member_expression" => {
            let (Some(o), Some(p)) = (field("object"), field("property")) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Attr(Box::new(expr(cx, o)), cx.text(p).to_string())
        }
        "subscript_expression" => {
            let Some(o) = field("object") else {
                return other(children_exprs(cx, n), span);
            };
            let idx = field("index")
                .map(|i| expr(cx, i))
                .unwrap_or_else(|| Expr::other(span));
            // `a["b"]` is the property `b`.
            match idx.as_str() {
                Some(s) if is_ident(s) => ExprKind::Attr(Box::new(expr(cx, o)), s.to_string()),
                _ => ExprKind::Index(Box::new(expr(cx, o)), Box::new(idx)),
            }
        }
        "call_expression" => {
            // `await (x)` parses as a call of a function named `await` (the grammar does
            // not know it is in an async function): it is the awaited value, so
            // `await (new SignJWT(c)).sign(k)` reads as the `sign` call it is.
            if let Some(x) = awaited_operand(cx, n) {
                return expr(cx, x);
            }
            let callee = field("function")
                .map(|f| expr(cx, f))
                .unwrap_or_else(|| Expr::other(span));
            // `promisify(exec)(cmd)` calls `exec` (with a callback the wrapper supplies).
            let callee = match callee.kind {
                ExprKind::Call(inner)
                    if inner.callee.last_name() == Some("promisify") && inner.args.len() == 1 =>
                {
                    inner
                        .args
                        .into_iter()
                        .next()
                        .map(|a| a.value)
                        .unwrap_or_else(|| Expr::other(span))
                }
                kind => Expr::new(kind, callee.span),
            };
            let args = match field("arguments") {
                Some(a) if a.kind() == "arguments" => call_args(cx, a),
                // Tagged template: sql`...` passes the parts as arguments.
                Some(t) => vec![Arg {
                    name: Some("<template>".into()),
                    value: expr(cx, t),
                    spread: false,
                }],
                None => Vec::new(),
            };
            ExprKind::Call(Box::new(Call {
                callee,
                args,
                is_new: false,
            }))
        }
        "new_expression" => {
            let callee = field("constructor")
                .map(|f| expr(cx, f))
                .unwrap_or_else(|| Expr::other(span));
            let args = field("arguments")
                .map(|a| call_args(cx, a))
                .unwrap_or_default();
            ExprKind::Call(Box::new(Call {
                callee,
                args,
                is_new: true,
            }))
        }
        "binary_expression" => {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return other(children_exprs(cx, n), span);
            };
            let op = field("operator").map(|o| cx.text(o)).unwrap_or("");
            let le = expr(cx, l);
            let re = expr(cx, r);
            let b = |x| Box::new(x);
            match op {
                "+" => ExprKind::Binary(BinOp::Add, b(le), b(re)),
                "-" => ExprKind::Binary(BinOp::Sub, b(le), b(re)),
                "*" => ExprKind::Binary(BinOp::Mul, b(le), b(re)),
                "/" => ExprKind::Binary(BinOp::Div, b(le), b(re)),
                "%" => ExprKind::Binary(BinOp::Mod, b(le), b(re)),
                "&&" => ExprKind::And(b(le), b(re)),
                "||" | "??" => ExprKind::Or(b(le), b(re)),
                "==" | "===" => ExprKind::Compare(CmpOp::Eq, b(le), b(re)),
                "!=" | "!==" => ExprKind::Compare(CmpOp::NotEq, b(le), b(re)),
                "<" => ExprKind::Compare(CmpOp::Lt, b(le), b(re)),
                "<=" => ExprKind::Compare(CmpOp::LtE, b(le), b(re)),
                ">" => ExprKind::Compare(CmpOp::Gt, b(le), b(re)),
                ">=" => ExprKind::Compare(CmpOp::GtE, b(le), b(re)),
                "in" => ExprKind::Compare(CmpOp::In, b(le), b(re)),
                "instanceof" => ExprKind::Compare(CmpOp::InstanceOf, b(le), b(re)),
                _ => ExprKind::Binary(BinOp::Other, b(le), b(re)),
            }
        }
        "unary_expression" => {
            let arg = field("argument")
                .map(|a| expr(cx, a))
                .unwrap_or_else(|| Expr::other(span));
            let op = match field("operator").map(|o| cx.text(o)) {
                Some("!") => UnOp::Not,
                Some("-") => UnOp::Neg,
                _ => UnOp::Other,
            };
            ExprKind::Unary(op, Box::new(arg))
        }
        "update_expression" => {
            let arg = field("argument")
                .map(|a| expr(cx, a))
                .unwrap_or_else(|| Expr::other(span));
            ExprKind::Unary(UnOp::Other, Box::new(arg))
        }
        "ternary_expression" => {
            let (Some(c), Some(a), Some(b)) = (
                field("condition"),
                field("consequence"),
                field("alternative"),
            ) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Cond(
                Box::new(expr(cx, c)),
                Box::new(expr(cx, a)),
                Box::new(expr(cx, b)),
            )
        }
        "array" => ExprKind::List(children_exprs(cx, n)),
        "object" => {
            let mut items = Vec::new();
            for p in named_children(n) {
                match p.kind() {
                    "pair" => {
                        let (Some(k), Some(v)) = (p.field("key"), p.field("value")) else {
                            continue;
                        };
                        let key = match k.kind() {
                            "property_identifier" | "number" => {
                                DictKey::Const(cx.text(k).to_string())
                            }
                            "string" => DictKey::Const(string_text(cx, k)),
                            _ => {
                                let e = named_children(k)
                                    .first()
                                    .map(|e| expr(cx, *e))
                                    .unwrap_or_else(|| Expr::other(Lowerer::span(k)));
                                match e.as_str() {
                                    Some(s) => DictKey::Const(s.to_string()),
                                    None => DictKey::Expr(e),
                                }
                            }
                        };
                        items.push((key, expr(cx, v)));
                    }
                    "shorthand_property_identifier" => {
                        let name = cx.text(p).to_string();
                        items.push((
                            DictKey::Const(name.clone()),
                            Expr::new(ExprKind::Name(name), Lowerer::span(p)),
                        ));
                    }
                    "spread_element" => {
                        if let Some(e) = named_children(p).first() {
                            let e = expr(cx, *e);
                            items.push((DictKey::Spread, e));
                        }
                    }
                    "method_definition" => {
                        let id = function(cx, p);
                        let name = cx.module.funcs[id].name.clone();
                        items.push((
                            DictKey::Const(name),
                            Expr::new(ExprKind::Func(id), Lowerer::span(p)),
                        ));
                    }
                    _ => {}
                }
            }
            ExprKind::Dict(items)
        }
        "arrow_function" | "function_expression" | "function" | "generator_function" => {
            ExprKind::Func(function(cx, n))
        }
        "class" => {
            let mut sink = Vec::new();
            class(cx, n, &mut sink);
            ExprKind::Other(Vec::new())
        }
        "parenthesized_expression"
        | "await_expression"
        | "non_null_expression"
        | "as_expression"
        | "satisfies_expression"
        | "type_assertion" => {
            return named_children(n)
                .into_iter()
                .find(|c| !c.kind().ends_with("type") && c.kind() != "type_identifier")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(span));
        }
        "assignment_expression" => {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Assign(Box::new(pattern(cx, l)), Box::new(expr(cx, r)))
        }
        "spread_element" => {
            let inner = named_children(n)
                .first()
                .map(|c| expr(cx, *c))
                .unwrap_or_else(|| Expr::other(span));
            ExprKind::Spread(Box::new(inner))
        }
        "jsx_element" | "jsx_self_closing_element" => return jsx(cx, n),
        "jsx_expression" => {
            return named_children(n)
                .first()
                .map(|c| expr(cx, *c))
                .unwrap_or_else(|| Expr::other(span));
        }
        "jsx_text" => ExprKind::Str(cx.text(n).to_string()),
        _ => ExprKind::Other(children_exprs(cx, n)),
    };
    Expr::new(kind, span)
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

fn call_args(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<Arg> {
    named_children(n)
        .into_iter()
        .map(|c| {
            if c.kind() == "spread_element" {
                let value = named_children(c)
                    .first()
                    .map(|v| expr(cx, *v))
                    .unwrap_or_else(|| Expr::other(Lowerer::span(c)));
                Arg {
                    name: None,
                    value,
                    spread: true,
                }
            } else {
                Arg {
                    name: None,
                    value: expr(cx, c),
                    spread: false,
                }
            }
        })
        .collect()
}

fn jsx(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    let span = Lowerer::span(n);
    let open = if n.kind() == "jsx_element" {
        n.field("open_tag")
    } else {
        Some(n)
    };
    let mut tag = String::new();
    let mut attrs = Vec::new();
    if let Some(open) = open {
        if let Some(nm) = open.field("name") {
            tag = cx.text(nm).to_string();
        }
        let mut c = open.walk();
        let attr_nodes: Vec<Node<'_>> = open.children_by_field_name("attribute", &mut c).collect();
        for a in attr_nodes {
            match a.kind() {
                "jsx_attribute" => {
                    let kids = named_children(a);
                    let Some(name) = kids.first() else { continue };
                    let name_text = cx.text(*name).to_string();
                    let value = match kids.get(1) {
                        Some(v) => expr(cx, *v),
                        None => Expr::new(ExprKind::Bool(true), Lowerer::span(a)),
                    };
                    attrs.push((Some(name_text), value));
                }
                "jsx_expression" => {
                    let e = named_children(a)
                        .first()
                        .map(|e| expr(cx, *e))
                        .unwrap_or_else(|| Expr::other(Lowerer::span(a)));
                    attrs.push((None, e));
                }
                _ => {}
            }
        }
    }
    let mut children = Vec::new();
    if n.kind() == "jsx_element" {
        for ch in named_children(n) {
            match ch.kind() {
                "jsx_opening_element" | "jsx_closing_element" => {}
                "jsx_text" => {}
                _ => children.push(expr(cx, ch)),
            }
        }
    }
    Expr::new(ExprKind::Jsx(tag, attrs, children), span)
}
