//! Ruby (tree-sitter-ruby) to the program model. Backticks and `%x` become a call of
//! `` ` `` (a shell sink); symbols are strings; blocks are lambdas passed to the call.

use super::FieldExt;
use super::common::{
    binary_node, call, children, guarded_expr, guarded_stmt, positional, push, unary,
};
use super::strings::unescape;
use super::{Lowerer, expr_stmt, named_children, other};
use crate::ir::*;
use tree_sitter::Node;

pub fn lower_module(cx: &mut Lowerer<'_>, root: Node<'_>) {
    let body = statements(cx, root);
    requires(cx, &body);
    cx.module.funcs[0].body = body;
}

/// `require "sinatra"` at the top level: the library is in use (rules ask for it). The
/// alias cannot be written in Ruby, so no name resolves to it.
fn requires(cx: &mut Lowerer<'_>, body: &Block) {
    for s in body {
        let StmtKind::Expr(e) = &s.kind else { continue };
        let Some(c) = e.as_call() else { continue };
        if !matches!(c.callee.as_name(), Some("require" | "require_relative")) {
            continue;
        }
        if let Some(path) = c.arg(0).and_then(|a| a.as_str()) {
            cx.module.imports.push(Import {
                alias: format!("require {path}"),
                path: path.to_string(),
                level: 0,
                span: s.span,
            });
        }
    }
}

/// Ruby returns the value of a method's or block's last expression.
fn implicit_return(body: &mut Block) {
    let Some(last) = body.last_mut() else { return };
    match &mut last.kind {
        StmtKind::Expr(e) => {
            let e = std::mem::replace(e, Expr::other(last.span));
            last.kind = StmtKind::Return(Some(e));
        }
        StmtKind::If { then, els, .. } => {
            implicit_return(then);
            implicit_return(els);
        }
        _ => {}
    }
}

fn statements(cx: &mut Lowerer<'_>, n: Node<'_>) -> Block {
    let mut out = Vec::new();
    for c in named_children(n) {
        stmt(cx, c, &mut out);
    }
    out
}

fn body_of(cx: &mut Lowerer<'_>, n: Option<Node<'_>>) -> Block {
    match n {
        // `def m ... rescue => e ... end`: the body with its handlers, as a `begin`.
        Some(b)
            if b.kind() == "body_statement"
                && named_children(b)
                    .iter()
                    .any(|c| matches!(c.kind(), "rescue" | "ensure")) =>
        {
            let mut out = Vec::new();
            stmt(cx, b, &mut out);
            out
        }
        Some(b) => statements(cx, b),
        None => Vec::new(),
    }
}

fn stmt(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    guarded_stmt(cx, n, out, stmt_inner)
}

fn stmt_inner(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let field = |f: &str| n.field(f);
    match n.kind() {
        "assignment" => {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return;
            };
            let target = pattern(cx, l);
            let value = expr(cx, r);
            push(out, StmtKind::Assign { target, value }, n);
        }
        "operator_assignment" => {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return;
            };
            let target = pattern(cx, l);
            let value = expr(cx, r);
            let op = match field("operator").map(|o| cx.text(o)) {
                Some("+=") | Some("<<=") => BinOp::Add,
                Some("||=") => BinOp::Other,
                _ => BinOp::Other,
            };
            push(out, StmtKind::AugAssign { target, op, value }, n);
        }
        // `head :forbidden and return`, `redirect_to root_path && return`: the call, then
        // the return (the call's result is truthy).
        "binary"
            if field("operator").is_some_and(|o| matches!(cx.text(o), "and" | "&&"))
                && field("right").is_some_and(|r| r.kind() == "return") =>
        {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return;
            };
            stmt(cx, l, out);
            stmt(cx, r, out);
        }
        // `s << x` and `s.concat(x)` as statements append to the string or array in
        // place: `s` now holds `x` too.
        "binary"
            if field("operator").is_some_and(|o| cx.text(o) == "<<")
                && field("left").is_some_and(|l| appendable(l.kind())) =>
        {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return;
            };
            push_append(cx, out, l, r, n);
        }
        // `Digest::MD5.new << data`, `builder.parts << x`: `<<` sent to what a call
        // returned is that object's method (a digest's `update`, an array's push).
        "binary"
            if field("operator").is_some_and(|o| cx.text(o) == "<<")
                && field("left").is_some_and(|l| l.kind() == "call") =>
        {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return;
            };
            let span = Lowerer::span(n);
            let method = Expr::new(ExprKind::Attr(Box::new(expr(cx, l)), "<<".into()), span);
            let send = Expr::new(call(method, positional(vec![expr(cx, r)])), span);
            push(out, StmtKind::Expr(send), n);
        }
        "call"
            if field("method").is_some_and(|m| cx.text(m) == "concat")
                && field("receiver").is_some_and(|r| appendable(r.kind()))
                && field("arguments").is_some_and(|a| a.named_child_count() == 1) =>
        {
            let (Some(l), Some(a)) = (field("receiver"), field("arguments")) else {
                return;
            };
            let Some(r) = named_children(a).first().copied() else {
                return;
            };
            push_append(cx, out, l, r, n);
        }
        // `raise X` / `fail "msg"` / a bare `raise`: the statement does not complete.
        "call" | "identifier"
            if n.field("receiver").is_none()
                && matches!(cx.text(n.field("method").unwrap_or(n)), "raise" | "fail")
                && n.field("block").is_none() =>
        {
            let arg = n
                .field("arguments")
                .and_then(|a| named_children(a).first().copied())
                .map(|a| expr(cx, a));
            push(out, StmtKind::Raise(arg), n);
        }
        "method" | "singleton_method" => {
            let id = function(cx, n);
            push(out, StmtKind::FuncDef(id), n);
        }
        "class" | "module" | "singleton_class" => class(cx, n, out),
        "if" | "unless" | "elsif" => {
            let mut cond = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            if n.kind() == "unless" {
                let s = cond.span;
                cond = Expr::new(ExprKind::Unary(UnOp::Not, Box::new(cond)), s);
            }
            let then = body_of(cx, field("consequence"));
            let els = match field("alternative") {
                Some(a) if a.kind() == "elsif" => {
                    let mut v = Vec::new();
                    stmt(cx, a, &mut v);
                    v
                }
                Some(a) => statements(cx, a),
                None => Vec::new(),
            };
            push(out, StmtKind::If { cond, then, els }, n);
        }
        "if_modifier" | "unless_modifier" => {
            let mut cond = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            if n.kind() == "unless_modifier" {
                let s = cond.span;
                cond = Expr::new(ExprKind::Unary(UnOp::Not, Box::new(cond)), s);
            }
            let mut then = Vec::new();
            if let Some(b) = field("body") {
                stmt(cx, b, &mut then);
            }
            push(
                out,
                StmtKind::If {
                    cond,
                    then,
                    els: Vec::new(),
                },
                n,
            );
        }
        "while" | "until" | "while_modifier" | "until_modifier" => {
            let cond = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let body = match field("body") {
                Some(b) if b.kind() == "do" || b.kind() == "body_statement" => statements(cx, b),
                Some(b) => {
                    let mut v = Vec::new();
                    stmt(cx, b, &mut v);
                    v
                }
                None => Vec::new(),
            };
            push(out, StmtKind::While { cond, body }, n);
        }
        "for" => {
            let target = field("pattern")
                .map(|p| pattern(cx, p))
                .unwrap_or(Pattern::Ignore);
            let iter = field("value")
                .map(|v| {
                    named_children(v)
                        .first()
                        .map(|x| expr(cx, *x))
                        .unwrap_or_else(|| expr(cx, v))
                })
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let body = body_of(cx, field("body"));
            push(out, StmtKind::For { target, iter, body }, n);
        }
        "case" => {
            let subject = field("value")
                .map(|v| expr(cx, v))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let mut cases = Vec::new();
            for c in named_children(n) {
                if c.kind() == "when" || c.kind() == "else" {
                    // `when "a", "b"`: the values the subject matches in this branch.
                    let mut values = Vec::new();
                    if c.kind() == "when" {
                        let mut w = c.walk();
                        for p in c.children_by_field_name("pattern", &mut w) {
                            let v = named_children(p).first().copied().unwrap_or(p);
                            values.push(expr(cx, v));
                        }
                    }
                    let b = body_of(cx, c.field("body"))
                        .into_iter()
                        .chain(if c.kind() == "else" {
                            statements(cx, c)
                        } else {
                            Vec::new()
                        })
                        .collect();
                    cases.push((values, b));
                }
            }
            push(out, StmtKind::Switch { subject, cases }, n);
        }
        "begin" | "body_statement" => {
            let mut body = Vec::new();
            let mut handlers = Vec::new();
            let mut finally = Vec::new();
            for c in named_children(n) {
                match c.kind() {
                    "rescue" => {
                        let name = c.field("variable").and_then(|v| {
                            named_children(v).first().map(|x| cx.text(*x).to_string())
                        });
                        let b = body_of(cx, c.field("body"));
                        handlers.push(Handler {
                            name,
                            types: Vec::new(),
                            body: b,
                            span: Lowerer::span(c),
                        });
                    }
                    "ensure" => finally = statements(cx, c),
                    "else" => body.extend(statements(cx, c)),
                    _ => stmt(cx, c, &mut body),
                }
            }
            if handlers.is_empty() && finally.is_empty() {
                push(out, StmtKind::Block(body), n);
            } else {
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
        }
        "return" => {
            let v = named_children(n).first().map(|c| {
                if c.kind() == "argument_list" {
                    named_children(*c)
                        .first()
                        .map(|x| expr(cx, *x))
                        .unwrap_or_else(|| Expr::other(Lowerer::span(*c)))
                } else {
                    expr(cx, *c)
                }
            });
            push(out, StmtKind::Return(v), n);
        }
        "break" | "next" | "redo" | "retry" => push(out, StmtKind::Jump, n),
        "comment" | "empty_statement" => {}
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

fn function(cx: &mut Lowerer<'_>, n: Node<'_>) -> FuncId {
    let name = n
        .field("name")
        .map(|c| cx.text(c).to_string())
        .unwrap_or_default();
    let kind = if cx.class.is_some() {
        FuncKind::Method
    } else {
        FuncKind::Function
    };
    let id = cx.new_func(name, kind, n);
    if let Some(nm) = n.field("name") {
        cx.module.funcs[id].name_span = Lowerer::span(nm);
    }
    let (params, body) = cx.within(id, |cx| {
        let params = n
            .field("parameters")
            .map(|p| params(cx, p))
            .unwrap_or_default();
        let mut body = body_of(cx, n.field("body"));
        implicit_return(&mut body);
        (params, body)
    });
    cx.module.funcs[id].params = params;
    cx.module.funcs[id].body = body;
    id
}

fn params(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<Param> {
    let mut out = Vec::new();
    for p in named_children(n) {
        let (nm, kind, default) = match p.kind() {
            "identifier" => (Some(p), ParamKind::Plain, None),
            "optional_parameter" | "keyword_parameter" => (
                p.field("name"),
                ParamKind::Plain,
                p.field("value").map(|v| expr(cx, v)),
            ),
            "splat_parameter" => (p.field("name"), ParamKind::Rest, None),
            "hash_splat_parameter" => (p.field("name"), ParamKind::KwRest, None),
            _ => (None, ParamKind::Plain, None),
        };
        let Some(nm) = nm else { continue };
        out.push(Param {
            pattern: Pattern::Name(cx.text(nm).to_string(), Lowerer::span(nm)),
            default,
            annotation: None,
            kind,
            span: Lowerer::span(p),
        });
    }
    out
}

fn class(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let name = n
        .field("name")
        .map(|c| cx.text(c).to_string())
        .unwrap_or_default();
    let bases = n
        .field("superclass")
        .map(|s| vec![cx.text(s).trim_start_matches('<').trim().to_string()])
        .unwrap_or_default();
    let saved = cx.class.replace(name.clone());
    let first = cx.module.funcs.len();
    let body = body_of(cx, n.field("body"));
    let methods = (first..cx.module.funcs.len())
        .filter(|&f| cx.module.funcs[f].kind == FuncKind::Method)
        .collect();
    cx.class = saved;
    cx.module.classes.push(Class {
        name,
        bases,
        methods,
        fields: Vec::new(),
        interfaces: Vec::new(),
        decorators: Vec::new(),
        span: Lowerer::span(n),
    });
    push(out, StmtKind::Block(body), n);
}

fn pattern(cx: &mut Lowerer<'_>, n: Node<'_>) -> Pattern {
    let span = Lowerer::span(n);
    match n.kind() {
        "identifier" | "instance_variable" | "class_variable" | "global_variable" | "constant" => {
            Pattern::Name(cx.text(n).to_string(), span)
        }
        "element_reference" => {
            let Some(o) = n.field("object") else {
                return Pattern::Ignore;
            };
            let idx = named_children(n)
                .into_iter()
                .filter(|c| Some(*c) != n.field("object"))
                .map(|c| expr(cx, c))
                .next()
                .unwrap_or_else(|| Expr::other(span));
            Pattern::Index(Box::new(expr(cx, o)), Box::new(idx), span)
        }
        "call" => {
            let (Some(r), Some(m)) = (n.field("receiver"), n.field("method")) else {
                return Pattern::Ignore;
            };
            Pattern::Attr(Box::new(expr(cx, r)), cx.text(m).to_string(), span)
        }
        "left_assignment_list" | "destructured_left_assignment" => Pattern::Seq(
            named_children(n)
                .into_iter()
                .map(|c| Some(pattern(cx, c)))
                .collect(),
            span,
        ),
        _ => Pattern::Ignore,
    }
}

fn expr(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    guarded_expr(cx, n, expr_inner)
}

fn children_exprs(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<Expr> {
    children(cx, n, expr)
}

fn string_parts(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<TemplatePart> {
    let mut parts = Vec::new();
    for ch in named_children(n) {
        match ch.kind() {
            "string_content" | "heredoc_content" => {
                parts.push(TemplatePart::Lit(cx.text(ch).to_string()))
            }
            "escape_sequence" => parts.push(TemplatePart::Lit(unescape(cx.text(ch)))),
            "interpolation" => {
                if let Some(e) = named_children(ch).first() {
                    parts.push(TemplatePart::Expr(expr(cx, *e)));
                }
            }
            _ => {}
        }
    }
    parts
}

/// The body of the heredoc a `<<~TAG` marker opens: the parser attaches it where the
/// marker's line ends, so it is the `heredoc_body` holding the first byte of the next
/// line.
fn heredoc_body<'t>(cx: &Lowerer<'_>, n: Node<'t>) -> Option<Node<'t>> {
    let line_end = n.end_byte()
        + cx.src
            .get(n.end_byte()..)?
            .iter()
            .position(|&b| b == b'\n')?;
    let mut root = n;
    while let Some(p) = root.parent() {
        root = p;
    }
    let mut cur = root.descendant_for_byte_range(line_end + 1, line_end + 1)?;
    loop {
        if cur.kind() == "heredoc_body" {
            return Some(cur);
        }
        cur = cur.parent()?;
    }
}

fn lit_or_template(parts: Vec<TemplatePart>) -> ExprKind {
    if parts.iter().all(|p| matches!(p, TemplatePart::Lit(_))) {
        ExprKind::Str(
            parts
                .into_iter()
                .map(|p| match p {
                    TemplatePart::Lit(s) => s,
                    _ => String::new(),
                })
                .collect(),
        )
    } else {
        ExprKind::Template(parts)
    }
}

/// A hash key that names itself: a symbol, a string without interpolation, a number, a
/// constant or `true`/`false`/`nil`. Any other key (`params[:col] => v`, `col => v`) is a
/// value the program chose at run time.
fn literal_key(k: Node<'_>) -> bool {
    match k.kind() {
        "hash_key_symbol" | "simple_symbol" | "integer" | "float" | "true" | "false" | "nil"
        | "constant" | "scope_resolution" => true,
        "string" | "delimited_symbol" => !named_children(k)
            .iter()
            .any(|c| c.kind() == "interpolation"),
        _ => false,
    }
}

/// One `key => value` pair of a hash, as a dictionary item.
fn dict_item(cx: &mut Lowerer<'_>, p: Node<'_>) -> Option<(DictKey, Expr)> {
    let (k, v) = (p.field("key")?, p.field("value")?);
    let key = expr(cx, k);
    let key = match key.as_str() {
        Some(s) => DictKey::Const(s.to_string()),
        None => DictKey::Expr(key),
    };
    Some((key, expr(cx, v)))
}

/// Trailing `key => value` pairs whose keys are not all literal (`where(params[:col] =>
/// v)`): Ruby passes them as one positional hash, and the keys' values must stay visible
/// (a column chosen by the client), so they are lowered as that hash rather than as
/// keyword arguments named by the key's text.
fn pairs_as_hash(cx: &mut Lowerer<'_>, children: &[Node<'_>]) -> Option<Arg> {
    let pairs: Vec<Node<'_>> = children
        .iter()
        .copied()
        .filter(|c| c.kind() == "pair")
        .collect();
    if pairs.iter().all(|p| p.field("key").is_none_or(literal_key)) {
        return None;
    }
    let span = Span::new(
        Lowerer::span(pairs[0]).start as usize,
        Lowerer::span(pairs[pairs.len() - 1]).end as usize,
    );
    let items = pairs.iter().filter_map(|p| dict_item(cx, *p)).collect();
    Some(Arg {
        name: None,
        value: Expr::new(ExprKind::Dict(items), span),
        spread: false,
    })
}

fn call_args(cx: &mut Lowerer<'_>, n: Option<Node<'_>>) -> Vec<Arg> {
    match n {
        Some(a) => args_of(cx, named_children(a)),
        None => Vec::new(),
    }
}

/// The arguments of a call from the nodes that spell them.
fn args_of(cx: &mut Lowerer<'_>, children: Vec<Node<'_>>) -> Vec<Arg> {
    let mut out = Vec::new();
    let mut as_hash = pairs_as_hash(cx, &children);
    let hashed = as_hash.is_some();
    for c in children {
        match c.kind() {
            // A heredoc's text is lowered at its `<<~SQL` marker (the argument's place).
            "heredoc_body" | "comment" => {}
            // Pairs with a computed key: the one hash, at the first pair's place.
            "pair" if hashed => {
                if let Some(h) = as_hash.take() {
                    out.push(h);
                }
            }
            "pair" => {
                let key = c.field("key").map(|k| {
                    cx.text(k)
                        .trim_end_matches(':')
                        .trim_start_matches(':')
                        .to_string()
                });
                let v = c
                    .field("value")
                    .map(|v| expr(cx, v))
                    .unwrap_or_else(|| Expr::other(Lowerer::span(c)));
                out.push(Arg {
                    name: key,
                    value: v,
                    spread: false,
                });
            }
            "splat_argument" | "hash_splat_argument" => {
                let v = named_children(c)
                    .first()
                    .map(|x| expr(cx, *x))
                    .unwrap_or_else(|| Expr::other(Lowerer::span(c)));
                out.push(Arg {
                    name: None,
                    value: v,
                    spread: true,
                });
            }
            // `&blk` / `&:name` / `&input.to_sym`: the block passed, named `&`.
            "block_argument" => {
                if let Some(v) = named_children(c).first() {
                    out.push(Arg {
                        name: Some("&".into()),
                        value: expr(cx, *v),
                        spread: false,
                    });
                }
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

fn block_func(cx: &mut Lowerer<'_>, b: Node<'_>) -> FuncId {
    let id = cx.new_func("<block>".into(), FuncKind::Lambda, b);
    let (params, body) = cx.within(id, |cx| {
        let params = b
            .field("parameters")
            .map(|p| params(cx, p))
            .unwrap_or_default();
        // `->(n) { ... }`: a lambda's body is a block, whose own body holds the
        // statements.
        let body_node = b.field("body").map(|x| {
            if b.kind() == "lambda" && matches!(x.kind(), "block" | "do_block") {
                x.field("body")
            } else {
                Some(x)
            }
        });
        let mut body = match body_node.flatten() {
            Some(x) => statements(cx, x),
            None => Vec::new(),
        };
        implicit_return(&mut body);
        (params, body)
    });
    cx.module.funcs[id].params = params;
    cx.module.funcs[id].body = body;
    id
}

fn expr_inner(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    let span = Lowerer::span(n);
    let field = |f: &str| n.field(f);
    let kind = match n.kind() {
        "identifier" | "instance_variable" | "class_variable" | "global_variable" | "constant"
        | "self" => ExprKind::Name(cx.text(n).to_string()),
        "scope_resolution" => {
            let name = field("name")
                .map(|x| cx.text(x).to_string())
                .unwrap_or_default();
            match field("scope") {
                Some(s) => ExprKind::Attr(Box::new(expr(cx, s)), name),
                None => ExprKind::Name(name),
            }
        }
        "call" => {
            let method = field("method")
                .map(|m| cx.text(m).to_string())
                .unwrap_or_default();
            // `obj.attr` with no arguments reads like an attribute (`Rails.root`,
            // `request.body`, `x.to_s`).
            // (Not `constantize`: turning a string into a class is a sink's call; nor
            // `html_safe`: marking a string safe for HTML is one; nor `to_proc`, which
            // turns a method name into a callable; nor a file method that reads, lists
            // or removes what a `Pathname` names, `path.read`, `dir.rmtree`.)
            if field("arguments").is_none()
                && field("block").is_none()
                && !matches!(
                    method.as_str(),
                    "constantize"
                        | "safe_constantize"
                        | "html_safe"
                        | "to_proc"
                        | "read"
                        | "binread"
                        | "readlines"
                        | "unlink"
                        | "rmtree"
                        | "children"
                        | "entries"
                        | "mkpath"
                        | "each_child"
                        // `URI.parse(url).open` (open-uri fetches it), `path.open`.
                        | "open"
                        // `ActiveStorage::Filename.new(name).sanitized`: a sanitiser.
                        | "sanitized"
                )
                && let Some(r) = field("receiver")
            {
                return Expr::new(ExprKind::Attr(Box::new(expr(cx, r)), method), span);
            }
            let mut args = call_args(cx, field("arguments"));
            // `x.send(:where, q)`, `x.try(:from, t)`: the call of the method named by
            // the literal symbol.
            let mut method = method;
            if matches!(method.as_str(), "send" | "public_send" | "__send__" | "try")
                && let Some(first) = args.first()
                && first.name.is_none()
                && !first.spread
                && let Some(m) = first.value.as_str().filter(|m| is_method_name(m))
            {
                method = m.to_string();
                args.remove(0);
            }
            // ActiveSupport's `ALLOWED.exclude?(x)` is `!ALLOWED.include?(x)`: a guard
            // on the branch where it is false.
            if method == "exclude?"
                && field("block").is_none()
                && let Some(r) = field("receiver")
            {
                let include = Expr::new(
                    ExprKind::Attr(Box::new(expr(cx, r)), "include?".into()),
                    span,
                );
                let test = Expr::new(call(include, args), span);
                return Expr::new(ExprKind::Unary(UnOp::Not, Box::new(test)), span);
            }
            let callee = match field("receiver") {
                Some(r) => Expr::new(ExprKind::Attr(Box::new(expr(cx, r)), method), span),
                None => Expr::new(ExprKind::Name(method), span),
            };
            if let Some(b) = field("block") {
                let id = block_func(cx, b);
                args.push(Arg {
                    name: None,
                    value: Expr::new(ExprKind::Func(id), Lowerer::span(b)),
                    spread: false,
                });
            }
            call(callee, args)
        }
        "element_reference" => {
            let Some(o) = field("object") else {
                return other(children_exprs(cx, n), span);
            };
            // `Dir["*.rb", base: dir]` is `Dir.glob("*.rb", base: dir)`: the same listing.
            if matches!(cx.text(o), "Dir" | "::Dir") {
                let args = named_children(n).into_iter().filter(|c| *c != o).collect();
                let args = args_of(cx, args);
                let glob = ExprKind::Attr(Box::new(expr(cx, o)), "glob".into());
                return Expr::new(call(Expr::new(glob, span), args), span);
            }
            let obj = expr(cx, o);
            let idx = named_children(n)
                .into_iter()
                .filter(|c| Some(*c) != field("object"))
                .map(|c| expr(cx, c))
                .next()
                .unwrap_or_else(|| Expr::other(span));
            // params[:id] is the property `id` (but `params[:size]` is not the method
            // `size`, which the engine reads as a length).
            match idx.as_str() {
                Some(s) if !matches!(s, "length" | "size" | "len" | "to_i" | "to_f" | "to_r") => {
                    ExprKind::Attr(Box::new(obj), s.to_string())
                }
                _ => ExprKind::Index(Box::new(obj), Box::new(idx)),
            }
        }
        "string" | "heredoc_body" => lit_or_template(string_parts(cx, n)),
        // `<<~SQL`: the text is the heredoc body that starts on the next line.
        "heredoc_beginning" => match heredoc_body(cx, n) {
            Some(b) => lit_or_template(string_parts(cx, b)),
            None => ExprKind::Other(Vec::new()),
        },
        // `/[\r\n]/`, `/#{q}/`: a regex object built from its source text.
        "regex" => {
            let source = Expr::new(lit_or_template(string_parts(cx, n)), span);
            let regexp = Expr::new(ExprKind::Name("Regexp".into()), span);
            call(
                Expr::new(ExprKind::Attr(Box::new(regexp), "new".into()), span),
                positional(vec![source]),
            )
        }
        "subshell" => {
            let parts = string_parts(cx, n);
            let script = Expr::new(lit_or_template(parts), span);
            call(
                Expr::new(ExprKind::Name("`".into()), span),
                positional(vec![script]),
            )
        }
        "simple_symbol" | "hash_key_symbol" => ExprKind::Str(
            cx.text(n)
                .trim_start_matches(':')
                .trim_end_matches(':')
                .to_string(),
        ),
        "delimited_symbol" => lit_or_template(string_parts(cx, n)),
        "integer" => {
            let t = cx.text(n).replace('_', "");
            let v = if let Some(o) = t.strip_prefix("0o").or_else(|| {
                (t.len() > 1 && t.starts_with('0') && !t.starts_with("0x")).then(|| &t[1..])
            }) {
                i64::from_str_radix(o, 8).map(|v| v as f64).unwrap_or(0.0)
            } else if let Some(h) = t.strip_prefix("0x") {
                i64::from_str_radix(h, 16).map(|v| v as f64).unwrap_or(0.0)
            } else {
                t.parse().unwrap_or(0.0)
            };
            ExprKind::Num(v)
        }
        "float" => ExprKind::Num(cx.text(n).replace('_', "").parse().unwrap_or(0.0)),
        "true" => ExprKind::Bool(true),
        "false" => ExprKind::Bool(false),
        "nil" => ExprKind::Null,
        "array" => ExprKind::List(children_exprs(cx, n)),
        // `%w[open shipped]`, `%i[asc desc]`: a list of words.
        "string_array" | "symbol_array" => ExprKind::List(
            named_children(n)
                .into_iter()
                .map(|w| Expr::new(lit_or_template(string_parts(cx, w)), Lowerer::span(w)))
                .collect(),
        ),
        "hash" => ExprKind::Dict(
            named_children(n)
                .into_iter()
                .filter(|p| p.kind() == "pair")
                .filter_map(|p| dict_item(cx, p))
                .collect(),
        ),
        // `<<` appends to a string or array.
        "binary" => {
            // `x =~ /re/`, `/re/ =~ x`, `x !~ /re/`: a match test, read as `x.match?(/re/)`.
            let op = field("operator").map(|o| cx.text(o));
            if let (Some(op @ ("=~" | "!~")), Some(l), Some(r)) =
                (op, field("left"), field("right"))
            {
                let (mut subj, mut re) = (expr(cx, l), expr(cx, r));
                if l.kind() == "regex" {
                    std::mem::swap(&mut subj, &mut re);
                }
                let test = Expr::new(
                    call(
                        Expr::new(ExprKind::Attr(Box::new(subj), "match?".into()), span),
                        positional(vec![re]),
                    ),
                    span,
                );
                if op == "=~" {
                    return test;
                }
                return Expr::new(ExprKind::Unary(UnOp::Not, Box::new(test)), span);
            }
            return binary_node(cx, n, expr, |op| if op == "<<" { "+" } else { op });
        }
        "unary" | "not" => {
            let arg = named_children(n)
                .last()
                .map(|a| expr(cx, *a))
                .unwrap_or_else(|| Expr::other(span));
            unary(cx.text(n), arg)
        }
        // `y = if c then a else b end`: the value is the last expression of the branch
        // taken, not every statement of both.
        "if" | "unless" => {
            let (Some(c), Some(a)) = (field("condition"), field("consequence")) else {
                return other(children_exprs(cx, n), span);
            };
            let (Some(a), b) = (
                branch_value(cx, a),
                field("alternative").map(|b| branch_value(cx, b)),
            ) else {
                return other(children_exprs(cx, n), span);
            };
            let b = match b {
                Some(Some(b)) => b,
                Some(None) => return other(children_exprs(cx, n), span),
                None => Expr::new(ExprKind::Null, span),
            };
            let (a, b) = if n.kind() == "unless" { (b, a) } else { (a, b) };
            ExprKind::Cond(Box::new(expr(cx, c)), Box::new(a), Box::new(b))
        }
        // `y = case x when "a" then "A" else "B" end`: the value is the last expression of
        // the branch taken (nil when no branch matches and there is no `else`).
        "case" => {
            let mut values = Vec::new();
            let mut has_else = false;
            for c in named_children(n) {
                let body = match c.kind() {
                    "when" => c.field("body"),
                    "else" => {
                        has_else = true;
                        Some(c)
                    }
                    _ => continue,
                };
                match body.and_then(|b| branch_value(cx, b)) {
                    Some(v) => values.push(v),
                    None => return other(children_exprs(cx, n), span),
                }
            }
            if !has_else {
                values.push(Expr::new(ExprKind::Null, span));
            }
            let subject = field("value")
                .map(|v| expr(cx, v))
                .unwrap_or_else(|| Expr::other(span));
            let Some(mut acc) = values.pop() else {
                return other(children_exprs(cx, n), span);
            };
            while let Some(v) = values.pop() {
                let pick = Expr::new(ExprKind::Other(vec![subject.clone()]), span);
                acc = Expr::new(
                    ExprKind::Cond(Box::new(pick), Box::new(v), Box::new(acc)),
                    span,
                );
            }
            return acc;
        }
        // `"x" if c` as a value (`"echo #{"-v" if verbose}"`): `x` or nil.
        "if_modifier" | "unless_modifier" => {
            let (Some(c), Some(a)) = (field("condition"), field("body")) else {
                return other(children_exprs(cx, n), span);
            };
            let (a, b) = (expr(cx, a), Expr::new(ExprKind::Null, span));
            let (a, b) = if n.kind() == "unless_modifier" {
                (b, a)
            } else {
                (a, b)
            };
            ExprKind::Cond(Box::new(expr(cx, c)), Box::new(a), Box::new(b))
        }
        "conditional" => {
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
        "parenthesized_statements" | "argument_list" => {
            return named_children(n)
                .last()
                .map(|c| expr(cx, *c))
                .unwrap_or_else(|| Expr::other(span));
        }
        "lambda" | "block" | "do_block" => ExprKind::Func(block_func(cx, n)),
        "assignment" => {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Assign(Box::new(pattern(cx, l)), Box::new(expr(cx, r)))
        }
        _ => ExprKind::Other(children_exprs(cx, n)),
    };
    Expr::new(kind, span)
}

/// A Ruby method name: an identifier, optionally ending in `?`, `!` or `=`.
fn is_method_name(s: &str) -> bool {
    let body = s.strip_suffix(['?', '!', '=']).unwrap_or(s);
    body.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && body.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// A local or instance variable an append (`<<`, `concat`) can update in place.
fn appendable(kind: &str) -> bool {
    matches!(kind, "identifier" | "instance_variable")
}

/// `l << r` / `l.concat(r)` as a statement: `l` now also holds `r` (`l += r`).
fn push_append(cx: &mut Lowerer<'_>, out: &mut Block, l: Node<'_>, r: Node<'_>, n: Node<'_>) {
    let target = pattern(cx, l);
    let value = expr(cx, r);
    push(
        out,
        StmtKind::AugAssign {
            target,
            op: BinOp::Add,
            value,
        },
        n,
    );
}

/// The value of one branch of an `if` used as an expression: its last expression, when
/// the statements before it assign nothing (otherwise `None`: the caller keeps every
/// statement's data). An `elsif` branch is an `if` of its own.
fn branch_value(cx: &mut Lowerer<'_>, n: Node<'_>) -> Option<Expr> {
    if n.kind() == "elsif" {
        return Some(expr_inner_if(cx, n));
    }
    let items: Vec<Node<'_>> = named_children(n)
        .into_iter()
        .filter(|c| c.kind() != "comment")
        .collect();
    let (last, before) = items.split_last()?;
    if before.iter().any(|c| {
        matches!(
            c.kind(),
            "assignment" | "operator_assignment" | "binary" | "call"
        )
    }) {
        return None;
    }
    Some(expr(cx, *last))
}

/// `elsif c then a else b`: lowered like an `if` expression.
fn expr_inner_if(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    let span = Lowerer::span(n);
    let c = n.field("condition");
    let a = n.field("consequence").and_then(|a| branch_value(cx, a));
    let b = match n.field("alternative") {
        Some(b) => branch_value(cx, b),
        None => Some(Expr::new(ExprKind::Null, span)),
    };
    match (c, a, b) {
        (Some(c), Some(a), Some(b)) => Expr::new(
            ExprKind::Cond(Box::new(expr(cx, c)), Box::new(a), Box::new(b)),
            span,
        ),
        _ => Expr::other(span),
    }
}
