//! PHP (tree-sitter-php) to the program model. Variables lose their `$` except the
//! superglobals (`$_GET`, `$_POST`, ...), which are where request data enters; `echo`,
//! `print`, `<?= ?>`, `include` and backticks become calls so rules see them as sinks.

use super::FieldExt;
use super::common::{
    binary_node, call, children, guarded_expr, guarded_stmt, push, returns, unary,
};
use super::strings::unescape;
use super::{Lowerer, expr_stmt, named_children, other};
use crate::ir::*;
use tree_sitter::Node;

pub fn lower_module(cx: &mut Lowerer<'_>, root: Node<'_>) {
    let body = statements(cx, root);
    cx.module.funcs[0].body = body;
}

/// The statements of a node, with `<?= expr ?>` turned into an echo.
fn statements(cx: &mut Lowerer<'_>, n: Node<'_>) -> Block {
    let mut out = Vec::new();
    let mut short_echo = false;
    for c in named_children(n) {
        if c.kind() == "text_interpolation" {
            short_echo = named_children(c)
                .iter()
                .any(|t| t.kind() == "php_tag" && cx.text(*t) == "<?=");
            continue;
        }
        // The file's first tag, after leading text, is a child of the program itself.
        if c.kind() == "php_tag" {
            short_echo = cx.text(c) == "<?=";
            continue;
        }
        if short_echo && c.kind() == "expression_statement" {
            let args: Vec<Arg> = named_children(c)
                .into_iter()
                .map(|e| Arg {
                    name: None,
                    value: expr(cx, e),
                    spread: false,
                })
                .collect();
            out.push(expr_stmt(call_named("echo", args, Lowerer::span(c))));
            short_echo = false;
            continue;
        }
        short_echo = false;
        stmt(cx, c, &mut out);
    }
    out
}

/// The callee a variable variable is lowered to: reading `$$name` / `${expr}` becomes
/// `{$}(name)` and writing it a subscript of `{$}`, so rules see who names the variable
/// (no PHP function or variable can be called `{$}`, and unlike `$f(...)` it is no call
/// through a variable).
pub(crate) const VARIABLE_VARIABLE: &str = "{$}";

/// The expression naming a variable variable (`$name` in `$$name`, `expr` in `${expr}`).
fn variable_variable_name(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    named_children(n)
        .first()
        .map(|c| expr(cx, *c))
        .unwrap_or_else(|| Expr::other(Lowerer::span(n)))
}

fn call_named(name: &str, args: Vec<Arg>, span: Span) -> Expr {
    Expr::new(
        call(Expr::new(ExprKind::Name(name.to_string()), span), args),
        span,
    )
}

/// The callee of `f(...)` / `new C(...)`; a variable as the callee (`$f(...)`,
/// `new $cls(...)`) keeps its `$` (`Name("$f")`), which no function or class name has,
/// so the engine tells a call through a variable from a call of a function `f`.
fn dynamic_callee(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    if n.kind() == "variable_name" {
        let name = var_name(cx, n);
        if !name.starts_with('$') {
            return Expr::new(ExprKind::Name(format!("${name}")), Lowerer::span(n));
        }
    }
    expr(cx, n)
}

fn var_name(cx: &Lowerer<'_>, n: Node<'_>) -> String {
    let t = cx.text(n).trim_start_matches('$');
    if matches!(
        t,
        "_GET" | "_POST" | "_REQUEST" | "_COOKIE" | "_FILES" | "_SERVER" | "_ENV" | "GLOBALS"
    ) {
        format!("${t}")
    } else {
        t.to_string()
    }
}

fn block(cx: &mut Lowerer<'_>, n: Option<Node<'_>>) -> Block {
    match n {
        Some(b) if b.kind() == "compound_statement" => statements(cx, b),
        Some(b) => {
            let mut out = Vec::new();
            stmt(cx, b, &mut out);
            out
        }
        None => Vec::new(),
    }
}

fn stmt(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    guarded_stmt(cx, n, out, stmt_inner)
}

fn stmt_inner(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let field = |f: &str| n.field(f);
    match n.kind() {
        "expression_statement" => {
            for c in named_children(n) {
                match c.kind() {
                    "assignment_expression" | "augmented_assignment_expression" => {
                        assignment(cx, c, out)
                    }
                    // PHP 8 grammars parse `throw new E(...);` as an expression
                    // statement: it still ends the block like a `raise`.
                    "throw_expression" => stmt_inner(cx, c, out),
                    _ => out.push(expr_stmt(expr(cx, c))),
                }
            }
        }
        "echo_statement" | "print_statement" | "unset_statement" | "exit_statement" => {
            let args = named_children(n)
                .into_iter()
                .flat_map(|c| {
                    if c.kind() == "sequence_expression" {
                        named_children(c)
                    } else {
                        vec![c]
                    }
                })
                .map(|c| Arg {
                    name: None,
                    value: expr(cx, c),
                    spread: false,
                })
                .collect();
            let name = match n.kind() {
                "unset_statement" => "unset",
                // `exit;` / `die("...")`: the script ends here.
                "exit_statement" => "exit",
                _ => "echo",
            };
            out.push(expr_stmt(call_named(name, args, Lowerer::span(n))));
        }
        "return_statement" => {
            let v = named_children(n).first().map(|c| expr(cx, *c));
            push(out, StmtKind::Return(v), n);
        }
        "throw_expression" => {
            let v = named_children(n).first().map(|c| expr(cx, *c));
            push(out, StmtKind::Raise(v), n);
        }
        "if_statement" => {
            let cond = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let then = block(cx, field("body"));
            let mut c = n.walk();
            let alts: Vec<Node<'_>> = n.children_by_field_name("alternative", &mut c).collect();
            let els = else_chain(cx, &alts);
            push(out, StmtKind::If { cond, then, els }, n);
        }
        "while_statement" | "do_statement" => {
            let cond = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let body = block(cx, field("body"));
            push(out, StmtKind::While { cond, body }, n);
        }
        "for_statement" => {
            let body = block(cx, field("body"));
            let cond = Expr::new(ExprKind::Bool(true), Lowerer::span(n));
            push(out, StmtKind::While { cond, body }, n);
        }
        "foreach_statement" => {
            let kids = named_children(n);
            let iter = kids
                .first()
                .map(|c| expr(cx, *c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let target = match kids.get(1) {
                Some(p) if p.kind() == "pair" => named_children(*p)
                    .last()
                    .map(|v| pattern(cx, *v))
                    .unwrap_or(Pattern::Ignore),
                Some(p) if p.kind() != "compound_statement" => pattern(cx, *p),
                _ => Pattern::Ignore,
            };
            let body = block(cx, field("body"));
            push(out, StmtKind::For { target, iter, body }, n);
        }
        "try_statement" => {
            let body = block(cx, field("body"));
            let mut handlers = Vec::new();
            let mut finally = Vec::new();
            for c in named_children(n) {
                match c.kind() {
                    "catch_clause" => {
                        let name = c.field("name").map(|x| var_name(cx, x));
                        let b = block(cx, c.field("body"));
                        handlers.push(Handler {
                            name,
                            types: Vec::new(),
                            body: b,
                            span: Lowerer::span(c),
                        });
                    }
                    "finally_clause" => finally = block(cx, c.field("body")),
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
        "switch_statement" => {
            let subject = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let mut cases = Vec::new();
            // `case "a": case "b": body`: the empty cases fall through, so the body runs
            // for every value gathered so far.
            let mut pending: Vec<Expr> = Vec::new();
            if let Some(body) = field("body") {
                for c in named_children(body) {
                    let is_case = c.kind() == "case_statement";
                    let mut b = Vec::new();
                    for s in named_children(c).into_iter().skip(usize::from(is_case)) {
                        stmt(cx, s, &mut b);
                    }
                    if !is_case {
                        pending.clear();
                        cases.push((Vec::new(), b));
                        continue;
                    }
                    if let Some(v) = c.field("value") {
                        pending.push(expr(cx, v));
                    }
                    if !b.is_empty() {
                        cases.push((std::mem::take(&mut pending), b));
                    }
                }
            }
            if !pending.is_empty() {
                cases.push((pending, Vec::new()));
            }
            push(out, StmtKind::Switch { subject, cases }, n);
        }
        "compound_statement" => {
            let b = statements(cx, n);
            push(out, StmtKind::Block(b), n);
        }
        "function_definition" => {
            let id = function(cx, n, FuncKind::Function);
            push(out, StmtKind::FuncDef(id), n);
        }
        "class_declaration" | "trait_declaration" | "interface_declaration" => class(cx, n, out),
        "namespace_use_declaration" => {
            for c in named_children(n) {
                if c.kind() != "namespace_use_clause" {
                    continue;
                }
                let text = cx.text(c);
                let (path, alias) = match text.split_once(" as ") {
                    Some((p, a)) => (p.trim(), a.trim()),
                    None => (text.trim(), text.trim().rsplit('\\').next().unwrap_or(text)),
                };
                cx.module.imports.push(Import {
                    alias: alias.to_string(),
                    path: path.replace('\\', ".").trim_start_matches('.').to_string(),
                    level: 0,
                    span: Lowerer::span(c),
                });
            }
        }
        "namespace_definition" => {
            if let Some(b) = field("body") {
                let inner = statements(cx, b);
                push(out, StmtKind::Block(inner), n);
            }
        }
        "break_statement" | "continue_statement" => push(out, StmtKind::Jump, n),
        "global_declaration" => {
            let names = named_children(n)
                .into_iter()
                .map(|c| var_name(cx, c))
                .collect();
            push(out, StmtKind::Global(names), n);
        }
        "php_tag" | "text" | "text_interpolation" | "comment" | "empty_statement"
        | "declare_statement" | "const_declaration" => {}
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

fn else_chain(cx: &mut Lowerer<'_>, alts: &[Node<'_>]) -> Block {
    let Some((first, rest)) = alts.split_first() else {
        return Vec::new();
    };
    match first.kind() {
        "else_if_clause" => {
            let cond = first
                .field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(*first)));
            let then = block(cx, first.field("body"));
            let els = else_chain(cx, rest);
            vec![Stmt {
                kind: StmtKind::If { cond, then, els },
                span: Lowerer::span(*first),
            }]
        }
        _ => block(cx, first.field("body")),
    }
}

fn assignment(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
        return;
    };
    // `$list[] = $v` appends: lowered as `list.append(v)`, which keeps the other
    // elements of a list literal apart from the new one.
    if n.kind() == "assignment_expression"
        && l.kind() == "subscript_expression"
        && let [obj] = named_children(l)[..]
    {
        let span = Lowerer::span(n);
        let callee = Expr::new(
            ExprKind::Attr(Box::new(expr(cx, obj)), "append".to_string()),
            span,
        );
        let arg = Arg {
            name: None,
            value: expr(cx, r),
            spread: false,
        };
        out.push(expr_stmt(Expr::new(call(callee, vec![arg]), span)));
        return;
    }
    let target = pattern(cx, l);
    let value = expr(cx, r);
    if n.kind() == "assignment_expression" {
        push(out, StmtKind::Assign { target, value }, n);
        return;
    }
    let op = n.field("operator").map(|o| cx.text(o));
    match op {
        Some(".=") => push(
            out,
            StmtKind::AugAssign {
                target,
                op: BinOp::Add,
                value,
            },
            n,
        ),
        // `$x += 0`, `$x -= 1`, `$x *= 2`: arithmetic makes a number of the variable
        // (an array `+=` array is a union: kept as joining the two).
        Some("+=" | "-=" | "*=" | "/=" | "%=" | "**=")
            if op != Some("+=") || is_numeric_literal(r) =>
        {
            let span = Lowerer::span(n);
            let cur = expr(cx, l);
            let value = Expr::new(
                ExprKind::Binary(BinOp::Other, Box::new(cur), Box::new(value)),
                span,
            );
            push(out, StmtKind::Assign { target, value }, n);
        }
        _ => push(
            out,
            StmtKind::AugAssign {
                target,
                op: if op == Some("+=") {
                    BinOp::Add
                } else {
                    BinOp::Other
                },
                value,
            },
            n,
        ),
    }
}

/// A number written in the source (`0`, `0.0`, `-1`).
fn is_numeric_literal(n: Node<'_>) -> bool {
    match n.kind() {
        "integer" | "float" => true,
        "unary_op_expression" | "parenthesized_expression" => named_children(n)
            .first()
            .is_some_and(|c| is_numeric_literal(*c)),
        _ => false,
    }
}

/// `settype($v, "integer")` converts the variable in place: lowered as the assignment
/// `$v = intval($v)` (resp. floatval, boolval), whose value is as truthy as the call's.
fn settype(cx: &mut Lowerer<'_>, n: Node<'_>) -> Option<Expr> {
    let f = n.field("function")?;
    if !cx
        .text(f)
        .trim_start_matches('\\')
        .eq_ignore_ascii_case("settype")
    {
        return None;
    }
    let a = named_children(n.field("arguments")?);
    fn arg_value(c: Node<'_>) -> Node<'_> {
        if c.kind() == "argument" {
            named_children(c).last().copied().unwrap_or(c)
        } else {
            c
        }
    }
    let (var, ty) = (arg_value(*a.first()?), arg_value(*a.get(1)?));
    if var.kind() != "variable_name" || !matches!(ty.kind(), "string" | "encapsed_string") {
        return None;
    }
    let conv = match string_text(cx, ty).to_ascii_lowercase().as_str() {
        "int" | "integer" => "intval",
        "float" | "double" => "floatval",
        "bool" | "boolean" => "boolval",
        _ => return None,
    };
    let span = Lowerer::span(n);
    let value = call_named(
        conv,
        vec![Arg {
            name: None,
            value: expr(cx, var),
            spread: false,
        }],
        span,
    );
    Some(Expr::new(
        ExprKind::Assign(Box::new(pattern(cx, var)), Box::new(value)),
        span,
    ))
}

fn function(cx: &mut Lowerer<'_>, n: Node<'_>, kind: FuncKind) -> FuncId {
    let name = n
        .field("name")
        .map(|c| cx.text(c).to_string())
        .unwrap_or_else(|| "<closure>".into());
    let id = cx.new_func(name, kind, n);
    if let Some(nm) = n.field("name") {
        cx.module.funcs[id].name_span = Lowerer::span(nm);
    }
    let (params, body) = cx.within(id, |cx| {
        let params = n
            .field("parameters")
            .map(|p| {
                named_children(p)
                    .into_iter()
                    .filter_map(|sp| {
                        let nm = sp.field("name")?;
                        Some(Param {
                            pattern: Pattern::Name(var_name(cx, nm), Lowerer::span(nm)),
                            default: sp.field("default_value").map(|d| expr(cx, d)),
                            annotation: sp.field("type").map(|t| cx.text(t).to_string()),
                            kind: if sp.kind() == "variadic_parameter" {
                                ParamKind::Rest
                            } else {
                                ParamKind::Plain
                            },
                            span: Lowerer::span(sp),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let body = match n.field("body") {
            Some(b) if b.kind() == "compound_statement" => statements(cx, b),
            Some(b) => returns(expr(cx, b)),
            None => Vec::new(),
        };
        (params, body)
    });
    cx.module.funcs[id].params = params;
    cx.module.funcs[id].body = body;
    // A method is public unless declared `private` or `protected`.
    if kind == FuncKind::Method {
        cx.module.funcs[id].exported = !named_children(n).iter().any(|c| {
            c.kind() == "visibility_modifier" && matches!(cx.text(*c), "private" | "protected")
        });
    }
    id
}

fn class(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let name = n
        .field("name")
        .map(|c| cx.text(c).to_string())
        .unwrap_or_default();
    // `class A extends B`: the base class, as written (`App\\Base` as `App.Base`).
    let bases: Vec<String> = named_children(n)
        .into_iter()
        .filter(|c| c.kind() == "base_clause")
        .flat_map(named_children)
        .map(|b| cx.text(b).trim_start_matches('\\').replace('\\', "."))
        .collect();
    let saved = cx.class.replace(name.clone());
    let mut methods = Vec::new();
    let mut stmts = Vec::new();
    if let Some(body) = n.field("body") {
        for m in named_children(body) {
            if m.kind() == "method_declaration" {
                let id = function(cx, m, FuncKind::Method);
                methods.push(id);
                push(&mut stmts, StmtKind::FuncDef(id), m);
            }
        }
    }
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
    push(out, StmtKind::Block(stmts), n);
}

fn pattern(cx: &mut Lowerer<'_>, n: Node<'_>) -> Pattern {
    let span = Lowerer::span(n);
    match n.kind() {
        "variable_name" => Pattern::Name(var_name(cx, n), span),
        "dynamic_variable_name" => Pattern::Index(
            Box::new(Expr::new(
                ExprKind::Name(VARIABLE_VARIABLE.to_string()),
                span,
            )),
            Box::new(variable_variable_name(cx, n)),
            span,
        ),
        "member_access_expression" => {
            let (Some(o), Some(f)) = (n.field("object"), n.field("name")) else {
                return Pattern::Ignore;
            };
            Pattern::Attr(Box::new(expr(cx, o)), cx.text(f).to_string(), span)
        }
        "subscript_expression" => {
            let kids = named_children(n);
            let Some(o) = kids.first() else {
                return Pattern::Ignore;
            };
            let idx = kids
                .get(1)
                .map(|i| expr(cx, *i))
                .unwrap_or_else(|| Expr::other(span));
            Pattern::Index(Box::new(expr(cx, *o)), Box::new(idx), span)
        }
        "list_literal" | "array_creation_expression" => Pattern::Seq(
            named_children(n)
                .into_iter()
                .map(|c| named_children(c).last().map(|v| pattern(cx, *v)))
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

/// `$obj->m(...)` / `Cls::m(...)`: a call of member `name` of the receiver node.
fn member_call(cx: &mut Lowerer<'_>, n: Node<'_>, receiver: &str) -> Expr {
    let span = Lowerer::span(n);
    let (Some(o), Some(f)) = (n.field(receiver), n.field("name")) else {
        return other(children_exprs(cx, n), span);
    };
    let callee = Expr::new(
        ExprKind::Attr(Box::new(expr(cx, o)), cx.text(f).to_string()),
        span,
    );
    let a = args(cx, n.field("arguments"));
    Expr::new(call(callee, a), span)
}

fn args(cx: &mut Lowerer<'_>, n: Option<Node<'_>>) -> Vec<Arg> {
    n.map(|a| {
        named_children(a)
            .into_iter()
            .map(|c| {
                let spread = c.kind() == "variadic_unpacking";
                let name = c.field("name").map(|x| cx.text(x).to_string());
                // `f(name: $v)`: skip the label; a bare constant (`LIBXML_NOENT`) is
                // itself a `name` and is the value.
                let label = c.field("name");
                let v = if c.kind() == "argument" {
                    named_children(c)
                        .into_iter()
                        .rfind(|x| Some(*x) != label)
                        .map(|x| expr(cx, x))
                        .unwrap_or_else(|| Expr::other(Lowerer::span(c)))
                } else {
                    expr(cx, c)
                };
                Arg {
                    name,
                    value: v,
                    spread,
                }
            })
            .collect()
    })
    .unwrap_or_default()
}

fn string_text(cx: &Lowerer<'_>, n: Node<'_>) -> String {
    let mut s = String::new();
    for ch in named_children(n) {
        match ch.kind() {
            "string_content" | "string_value" => s.push_str(cx.text(ch)),
            "escape_sequence" => s.push_str(&unescape(cx.text(ch))),
            _ => {}
        }
    }
    if s.is_empty() && named_children(n).is_empty() {
        return cx.text(n).trim_matches(['\'', '"']).to_string();
    }
    s
}

fn expr_inner(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    let span = Lowerer::span(n);
    let field = |f: &str| n.field(f);
    let kind = match n.kind() {
        "variable_name" => ExprKind::Name(var_name(cx, n)),
        "name" | "qualified_name" => {
            ExprKind::Name(cx.text(n).trim_start_matches('\\').replace('\\', "."))
        }
        "member_access_expression" | "nullsafe_member_access_expression" => {
            let (Some(o), Some(f)) = (field("object"), field("name")) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Attr(Box::new(expr(cx, o)), cx.text(f).to_string())
        }
        "scoped_property_access_expression" | "class_constant_access_expression" => {
            let kids = named_children(n);
            match (kids.first(), kids.last()) {
                (Some(s), Some(f)) if kids.len() >= 2 => ExprKind::Attr(
                    Box::new(expr(cx, *s)),
                    cx.text(*f).trim_start_matches('$').to_string(),
                ),
                _ => ExprKind::Other(children_exprs(cx, n)),
            }
        }
        "member_call_expression" | "nullsafe_member_call_expression" => {
            return member_call(cx, n, "object");
        }
        "scoped_call_expression" => return member_call(cx, n, "scope"),
        "function_call_expression" => {
            if let Some(e) = settype(cx, n) {
                return e;
            }
            let callee = field("function")
                .map(|f| dynamic_callee(cx, f))
                .unwrap_or_else(|| Expr::other(span));
            let a = args(cx, field("arguments"));
            call(callee, a)
        }
        "object_creation_expression" => {
            let kids = named_children(n);
            // `new Foo(...)`, or `new $cls(...)` / `new ($this->cls)(...)`: a class
            // named by a value (kept as the callee so its value reaches the rules).
            let callee = kids
                .iter()
                .find(|k| matches!(k.kind(), "name" | "qualified_name"))
                .or_else(|| {
                    kids.first().filter(|k| {
                        matches!(
                            k.kind(),
                            "variable_name"
                                | "member_access_expression"
                                | "subscript_expression"
                                | "scoped_property_access_expression"
                                | "parenthesized_expression"
                        )
                    })
                })
                .map(|k| dynamic_callee(cx, *k))
                .unwrap_or_else(|| Expr::other(span));
            let a = args(cx, kids.iter().find(|k| k.kind() == "arguments").copied());
            ExprKind::Call(Box::new(Call {
                callee,
                args: a,
                is_new: true,
            }))
        }
        "dynamic_variable_name" => {
            let name = Arg {
                name: None,
                value: variable_variable_name(cx, n),
                spread: false,
            };
            return call_named(VARIABLE_VARIABLE, vec![name], span);
        }
        "include_expression"
        | "include_once_expression"
        | "require_expression"
        | "require_once_expression" => {
            let a = named_children(n)
                .into_iter()
                .map(|c| Arg {
                    name: None,
                    value: expr(cx, c),
                    spread: false,
                })
                .collect();
            return call_named("include", a, span);
        }
        "shell_command_expression" => {
            let parts = template_parts(cx, n);
            let arg = Arg {
                name: None,
                value: Expr::new(ExprKind::Template(parts), span),
                spread: false,
            };
            return call_named("shell_exec", vec![arg], span);
        }
        "print_intrinsic" => {
            let a = named_children(n)
                .into_iter()
                .map(|c| Arg {
                    name: None,
                    value: expr(cx, c),
                    spread: false,
                })
                .collect();
            return call_named("echo", a, span);
        }
        "subscript_expression" => {
            let kids = named_children(n);
            let Some(o) = kids.first() else {
                return other(Vec::new(), span);
            };
            let idx = kids
                .get(1)
                .map(|i| expr(cx, *i))
                .unwrap_or_else(|| Expr::other(span));
            ExprKind::Index(Box::new(expr(cx, *o)), Box::new(idx))
        }
        // `.` concatenates, `??` picks the first non-null operand.
        "binary_expression" => {
            // Arithmetic gives a number: `$x + 0`, `$x / 2` (an array `+` array, a
            // union, is kept as joining the two).
            let op = n.field("operator").map(|o| cx.text(o));
            let literals = [field("left"), field("right")]
                .into_iter()
                .flatten()
                .filter(|c| is_numeric_literal(*c))
                .count();
            let numeric = match op {
                Some("/" | "%" | "**") => true,
                Some("+") => literals == 1,
                _ => false,
            };
            if numeric && let (Some(l), Some(r)) = (field("left"), field("right")) {
                let (l, r) = (expr(cx, l), expr(cx, r));
                return Expr::new(
                    ExprKind::Binary(BinOp::Other, Box::new(l), Box::new(r)),
                    span,
                );
            }
            return binary_node(cx, n, expr, |op| match op {
                "." => "+",
                "??" => "||",
                o => o,
            });
        }
        "unary_op_expression" => {
            let arg = named_children(n)
                .first()
                .map(|a| expr(cx, *a))
                .unwrap_or_else(|| Expr::other(span));
            unary(cx.text(n), arg)
        }
        "cast_expression" => {
            let ty = field("type")
                .map(|t| cx.text(t).to_ascii_lowercase())
                .unwrap_or_default();
            let v = field("value")
                .map(|v| expr(cx, v))
                .unwrap_or_else(|| Expr::other(span));
            let f = match ty.as_str() {
                "int" | "integer" => "intval",
                "float" | "double" => "floatval",
                "bool" | "boolean" => "boolval",
                _ => return v,
            };
            return call_named(
                f,
                vec![Arg {
                    name: None,
                    value: v,
                    spread: false,
                }],
                span,
            );
        }
        "conditional_expression" => {
            let c = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(span));
            let a = field("body")
                .map(|b| expr(cx, b))
                .unwrap_or_else(|| c.clone());
            let b = field("alternative")
                .map(|b| expr(cx, b))
                .unwrap_or_else(|| Expr::other(span));
            ExprKind::Cond(Box::new(c), Box::new(a), Box::new(b))
        }
        // `match ($x) { 'a' => 'one', default => 'two' }`: one of the arms' values (the
        // subject only selects among them).
        "match_expression" => {
            let mut arms: Vec<Expr> = Vec::new();
            if let Some(block) = field("body") {
                for arm in named_children(block) {
                    if let Some(r) = arm.field("return_expression") {
                        arms.push(expr(cx, r));
                    }
                }
            }
            match arms.pop() {
                Some(last) => {
                    let folded = arms.into_iter().rev().fold(last, |acc, a| {
                        Expr::new(
                            ExprKind::Cond(Box::new(Expr::other(span)), Box::new(a), Box::new(acc)),
                            span,
                        )
                    });
                    return folded;
                }
                None => ExprKind::Other(children_exprs(cx, n)),
            }
        }
        "encapsed_string" | "heredoc" => {
            let parts = template_parts(cx, n);
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
        "string" | "nowdoc" => ExprKind::Str(string_text(cx, n)),
        "integer" => {
            let t = cx.text(n);
            let v = if let Some(h) = t.strip_prefix("0x") {
                i64::from_str_radix(h, 16).map(|v| v as f64).unwrap_or(0.0)
            } else if t.len() > 1 && t.starts_with('0') {
                i64::from_str_radix(t.trim_start_matches("0o").trim_start_matches('0'), 8)
                    .map(|v| v as f64)
                    .unwrap_or(0.0)
            } else {
                t.parse().unwrap_or(0.0)
            };
            ExprKind::Num(v)
        }
        "float" => ExprKind::Num(cx.text(n).parse().unwrap_or(0.0)),
        "boolean" => ExprKind::Bool(cx.text(n).eq_ignore_ascii_case("true")),
        "null" => ExprKind::Null,
        "array_creation_expression" => {
            let items = named_children(n);
            let keyed = items.iter().any(|i| named_children(*i).len() == 2);
            if keyed {
                let mut out = Vec::new();
                for i in items {
                    let kv = named_children(i);
                    match (kv.first(), kv.get(1)) {
                        (Some(k), Some(v)) => {
                            let key = expr(cx, *k);
                            let key = match key.as_str() {
                                Some(s) => DictKey::Const(s.to_string()),
                                None => DictKey::Expr(key),
                            };
                            out.push((key, expr(cx, *v)));
                        }
                        (Some(v), None) => {
                            out.push((DictKey::Expr(Expr::other(span)), expr(cx, *v)))
                        }
                        _ => {}
                    }
                }
                ExprKind::Dict(out)
            } else {
                ExprKind::List(
                    items
                        .into_iter()
                        .filter_map(|i| named_children(i).first().map(|v| expr(cx, *v)))
                        .collect(),
                )
            }
        }
        "assignment_expression" => {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Assign(Box::new(pattern(cx, l)), Box::new(expr(cx, r)))
        }
        "anonymous_function" | "arrow_function" | "anonymous_function_creation_expression" => {
            ExprKind::Func(function(cx, n, FuncKind::Lambda))
        }
        "parenthesized_expression" | "argument" => {
            return named_children(n)
                .last()
                .map(|c| expr(cx, *c))
                .unwrap_or_else(|| Expr::other(span));
        }
        _ => ExprKind::Other(children_exprs(cx, n)),
    };
    Expr::new(kind, span)
}

fn template_parts(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<TemplatePart> {
    let mut parts = Vec::new();
    for ch in named_children(n) {
        match ch.kind() {
            "string_content" | "string_value" | "heredoc_body" => {
                if ch.kind() == "heredoc_body" {
                    parts.extend(template_parts(cx, ch));
                } else {
                    parts.push(TemplatePart::Lit(cx.text(ch).to_string()));
                }
            }
            "escape_sequence" => parts.push(TemplatePart::Lit(unescape(cx.text(ch)))),
            "heredoc_start" | "heredoc_end" => {}
            _ => parts.push(TemplatePart::Expr(expr(cx, ch))),
        }
    }
    parts
}
