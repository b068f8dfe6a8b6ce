//! Java (tree-sitter-java) to the program model. Parameter annotations are kept in the
//! parameter's annotation text (`@RequestParam String`), which is how Spring handlers'
//! inputs are recognised.

use super::FieldExt;
use super::common::{
    binary_node, call, children, guarded_expr, guarded_stmt, positional, push, returns, unary,
};
use super::strings::unescape;
use super::{Lowerer, expr_stmt, named_children, other};
use crate::ir::*;
use tree_sitter::Node;

pub fn lower_module(cx: &mut Lowerer<'_>, root: Node<'_>) {
    let mut body = Vec::new();
    for c in named_children(root) {
        top(cx, c, &mut body);
    }
    cx.module.funcs[0].body = body;
}

fn top(cx: &mut Lowerer<'_>, c: Node<'_>, body: &mut Block) {
    match c.kind() {
        "import_declaration" => {
            let text = cx
                .text(c)
                .trim_start_matches("import")
                .trim()
                .trim_end_matches(';')
                .trim();
            let text = text.trim_start_matches("static ").trim();
            // `import javax.xml.xpath.*;`: the package is in use (rules ask for it); its
            // names are not bound one by one.
            if let Some(pkg) = text.strip_suffix(".*") {
                cx.module.imports.push(Import {
                    alias: "*".to_string(),
                    path: pkg.to_string(),
                    level: 0,
                    span: Lowerer::span(c),
                });
                return;
            }
            let alias = text.rsplit('.').next().unwrap_or(text).to_string();
            cx.module.imports.push(Import {
                alias,
                path: text.to_string(),
                level: 0,
                span: Lowerer::span(c),
            });
        }
        "class_declaration"
        | "interface_declaration"
        | "enum_declaration"
        | "record_declaration" => class(cx, c, body),
        // A compact source file (Java 25, JEP 512; a snippet or script): methods and
        // statements at the top level, outside any class declaration.
        "method_declaration" => {
            let id = method(cx, c);
            push(body, StmtKind::FuncDef(id), c);
        }
        "package_declaration" | "module_declaration" => {}
        _ => stmt(cx, c, body),
    }
}

fn class(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let name = n
        .field("name")
        .map(|c| cx.text(c).to_string())
        .unwrap_or_default();
    let saved = cx.class.replace(name.clone());
    let mut methods = Vec::new();
    let mut fields = Vec::new();
    let mut stmts = Vec::new();
    let interfaces: Vec<String> = named_children(n)
        .into_iter()
        .filter(|c| c.kind() == "super_interfaces")
        .flat_map(named_children)
        .flat_map(named_children)
        .map(|t| {
            let t = cx.text(t);
            t.split('<').next().unwrap_or(t).trim().to_string()
        })
        .collect();
    annotation_calls(cx, n, &mut stmts);
    // A Spring `@RestController` is a `@Controller` whose every handler method is
    // `@ResponseBody`: its request-mapping methods get that annotation as a decorator.
    let rest_controller = named_children(n)
        .into_iter()
        .filter(|c| c.kind() == "modifiers")
        .flat_map(named_children)
        .filter(|m| m.kind().ends_with("annotation"))
        .filter_map(|m| m.field("name"))
        .any(|nm| {
            let t = cx.text(nm);
            t.rsplit('.').next() == Some("RestController")
        });
    if let Some(body) = n.field("body") {
        for m in named_children(body) {
            match m.kind() {
                "method_declaration" | "constructor_declaration" => {
                    annotation_calls(cx, m, &mut stmts);
                    let id = method(cx, m);
                    let f = &mut cx.module.funcs[id];
                    if rest_controller
                        && f.decorators
                            .iter()
                            .any(|d| d.last_name().is_some_and(|n| n.ends_with("Mapping")))
                    {
                        let span = f.span;
                        f.decorators
                            .push(Expr::new(ExprKind::Name("ResponseBody".into()), span));
                    }
                    methods.push(id);
                    push(&mut stmts, StmtKind::FuncDef(id), m);
                }
                "field_declaration" => {
                    if let Some(ty) = m.field("type") {
                        let ty = cx.text(ty).to_string();
                        for d in named_children(m) {
                            if d.kind() == "variable_declarator"
                                && let Some(nm) = d.field("name")
                            {
                                fields.push((cx.text(nm).to_string(), ty.clone()));
                            }
                        }
                    }
                    local_decl(cx, m, &mut stmts)
                }
                "class_declaration" | "interface_declaration" | "enum_declaration" => {
                    class(cx, m, &mut stmts)
                }
                _ => {}
            }
        }
    }
    cx.class = saved;
    // `class A extends B`: the superclass as written (without type arguments).
    let bases: Vec<String> = n
        .field("superclass")
        .into_iter()
        .flat_map(named_children)
        .map(|t| {
            let t = cx.text(t);
            t.split('<').next().unwrap_or(t).trim().to_string()
        })
        .collect();
    cx.module.classes.push(Class {
        name,
        bases,
        methods,
        fields,
        interfaces,
        decorators: Vec::new(),
        span: Lowerer::span(n),
    });
    push(out, StmtKind::Block(stmts), n);
}

/// A declaration's annotations as calls (`@CrossOrigin(origins = "*")` is the call
/// `CrossOrigin(origins="*")`), so rules read their settings like keyword arguments.
fn annotation_calls(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let anns: Vec<Node<'_>> = named_children(n)
        .into_iter()
        .filter(|c| c.kind() == "modifiers")
        .flat_map(named_children)
        .filter(|m| m.kind() == "annotation")
        .collect();
    for a in anns {
        let Some(name) = a.field("name") else {
            continue;
        };
        let callee = Expr::new(
            ExprKind::Name(cx.text(name).to_string()),
            Lowerer::span(name),
        );
        let mut args = Vec::new();
        for v in a.field("arguments").map(named_children).unwrap_or_default() {
            if v.kind() == "element_value_pair" {
                let (Some(k), Some(val)) = (v.field("key"), v.field("value")) else {
                    continue;
                };
                args.push(Arg {
                    name: Some(cx.text(k).to_string()),
                    value: expr(cx, val),
                    spread: false,
                });
            } else {
                args.push(Arg {
                    name: None,
                    value: expr(cx, v),
                    spread: false,
                });
            }
        }
        let call = Expr::new(call(callee, args), Lowerer::span(a));
        out.push(expr_stmt(call));
    }
}

fn annotations(cx: &Lowerer<'_>, n: Node<'_>) -> String {
    let mut s = String::new();
    for c in named_children(n) {
        if c.kind() == "modifiers" {
            for m in named_children(c) {
                if m.kind().ends_with("annotation") {
                    s.push_str(cx.text(m));
                    s.push(' ');
                }
            }
        }
    }
    s
}

fn method(cx: &mut Lowerer<'_>, n: Node<'_>) -> FuncId {
    let name = n
        .field("name")
        .map(|c| cx.text(c).to_string())
        .unwrap_or_default();
    let id = cx.new_func(name, FuncKind::Method, n);
    if let Some(nm) = n.field("name") {
        cx.module.funcs[id].name_span = Lowerer::span(nm);
    }
    // Method annotations (@GetMapping, @PostMapping) as decorators.
    let decorators: Vec<Expr> = named_children(n)
        .into_iter()
        .filter(|c| c.kind() == "modifiers")
        .flat_map(named_children)
        .filter(|m| m.kind().ends_with("annotation"))
        .map(|m| {
            let name = m
                .field("name")
                .map(|x| cx.text(x).to_string())
                .unwrap_or_default();
            Expr::new(ExprKind::Name(name), Lowerer::span(m))
        })
        .collect();
    cx.module.funcs[id].decorators = decorators;
    let (params, body) = cx.within(id, |cx| {
        let params = n
            .field("parameters")
            .map(|p| {
                named_children(p)
                    .into_iter()
                    .filter(|fp| matches!(fp.kind(), "formal_parameter" | "spread_parameter"))
                    .filter_map(|fp| {
                        let nm = fp.field("name").or_else(|| {
                            named_children(fp).into_iter().rfind(|c| {
                                c.kind() == "identifier" || c.kind() == "variable_declarator"
                            })
                        })?;
                        let ty = fp.field("type").map(|t| cx.text(t)).unwrap_or("");
                        let ann = format!("{}{ty}", annotations(cx, fp));
                        let name_text = cx
                            .text(nm)
                            .split_whitespace()
                            .next()
                            .unwrap_or("")
                            .to_string();
                        Some(Param {
                            pattern: Pattern::Name(name_text, Lowerer::span(nm)),
                            default: None,
                            annotation: Some(ann),
                            kind: ParamKind::Plain,
                            span: Lowerer::span(fp),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let body = n.field("body").map(|b| block(cx, b)).unwrap_or_default();
        (params, body)
    });
    cx.module.funcs[id].params = params;
    cx.module.funcs[id].body = body;
    id
}

fn block(cx: &mut Lowerer<'_>, n: Node<'_>) -> Block {
    let mut out = Vec::new();
    if n.kind() == "block"
        || n.kind() == "constructor_body"
        || n.kind() == "switch_block_statement_group"
    {
        for c in named_children(n) {
            stmt(cx, c, &mut out);
        }
    } else {
        stmt(cx, n, &mut out);
    }
    out
}

fn local_decl(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    for d in named_children(n) {
        if d.kind() != "variable_declarator" {
            continue;
        }
        let (Some(nm), Some(v)) = (d.field("name"), d.field("value")) else {
            continue;
        };
        let target = Pattern::Name(cx.text(nm).to_string(), Lowerer::span(nm));
        let value = expr(cx, v);
        push(out, StmtKind::Assign { target, value }, d);
    }
}

fn stmt(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    guarded_stmt(cx, n, out, stmt_inner)
}

fn stmt_inner(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let field = |f: &str| n.field(f);
    match n.kind() {
        "local_variable_declaration" => local_decl(cx, n, out),
        "expression_statement" => {
            for c in named_children(n) {
                if c.kind() == "assignment_expression" {
                    assignment(cx, c, out);
                } else {
                    out.push(expr_stmt(expr(cx, c)));
                }
            }
        }
        "return_statement" => {
            let v = named_children(n).first().map(|c| expr(cx, *c));
            push(out, StmtKind::Return(v), n);
        }
        "throw_statement" => {
            let v = named_children(n).first().map(|c| expr(cx, *c));
            push(out, StmtKind::Raise(v), n);
        }
        "if_statement" => {
            let cond = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let then = field("consequence")
                .map(|b| block(cx, b))
                .unwrap_or_default();
            let els = field("alternative")
                .map(|b| block(cx, b))
                .unwrap_or_default();
            push(out, StmtKind::If { cond, then, els }, n);
        }
        "while_statement" | "do_statement" => {
            let cond = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let body = field("body").map(|b| block(cx, b)).unwrap_or_default();
            push(out, StmtKind::While { cond, body }, n);
        }
        "for_statement" => {
            let mut blk = Vec::new();
            if let Some(i) = field("init") {
                stmt(cx, i, &mut blk);
            }
            let cond = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::new(ExprKind::Bool(true), Lowerer::span(n)));
            let body = field("body").map(|b| block(cx, b)).unwrap_or_default();
            blk.push(Stmt {
                kind: StmtKind::While { cond, body },
                span: Lowerer::span(n),
            });
            push(out, StmtKind::Block(blk), n);
        }
        "enhanced_for_statement" => {
            let target = field("name")
                .map(|nm| Pattern::Name(cx.text(nm).to_string(), Lowerer::span(nm)))
                .unwrap_or(Pattern::Ignore);
            let iter = field("value")
                .map(|v| expr(cx, v))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let body = field("body").map(|b| block(cx, b)).unwrap_or_default();
            push(out, StmtKind::For { target, iter, body }, n);
        }
        "try_statement" | "try_with_resources_statement" => {
            let mut body = Vec::new();
            if let Some(r) = field("resources") {
                for res in named_children(r) {
                    if let (Some(nm), Some(v)) = (res.field("name"), res.field("value")) {
                        let target = Pattern::Name(cx.text(nm).to_string(), Lowerer::span(nm));
                        let value = expr(cx, v);
                        push(&mut body, StmtKind::Assign { target, value }, res);
                    }
                }
            }
            if let Some(b) = field("body") {
                body.extend(block(cx, b));
            }
            let mut handlers = Vec::new();
            let mut finally = Vec::new();
            for c in named_children(n) {
                match c.kind() {
                    "catch_clause" => {
                        let name = named_children(c)
                            .into_iter()
                            .find(|p| p.kind() == "catch_formal_parameter")
                            .and_then(|p| p.field("name"))
                            .map(|nm| cx.text(nm).to_string());
                        let b = c.field("body").map(|b| block(cx, b)).unwrap_or_default();
                        handlers.push(Handler {
                            name,
                            types: Vec::new(),
                            body: b,
                            span: Lowerer::span(c),
                        });
                    }
                    "finally_clause" => {
                        for b in named_children(c) {
                            finally.extend(block(cx, b));
                        }
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
        "switch_expression" | "switch_statement" => {
            let subject = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let mut cases = Vec::new();
            if let Some(body) = field("body") {
                for g in named_children(body) {
                    // `case 'A': case 'B': ...` (a group) or `case 'A', 'B' -> ...` (a
                    // rule): the labels' values, none for `default`.
                    let mut values = Vec::new();
                    let mut default = false;
                    let mut b = Vec::new();
                    for s in named_children(g) {
                        if s.kind() == "switch_label" {
                            let vals = named_children(s);
                            if vals.is_empty() || cx.text(s).trim_start().starts_with("default") {
                                default = true;
                            }
                            for v in vals {
                                values.push(expr(cx, v));
                            }
                        } else if g.kind() == "switch_rule" && s.kind().ends_with("expression") {
                            out_expr(cx, s, &mut b);
                        } else {
                            stmt(cx, s, &mut b);
                        }
                    }
                    if default {
                        values.clear();
                    }
                    cases.push((values, b));
                }
            }
            push(out, StmtKind::Switch { subject, cases }, n);
        }
        "block" => {
            let b = block(cx, n);
            push(out, StmtKind::Block(b), n);
        }
        "synchronized_statement" | "labeled_statement" => {
            for c in named_children(n) {
                if c.kind() == "block" || c.kind().ends_with("statement") {
                    stmt(cx, c, out);
                }
            }
        }
        "break_statement" | "continue_statement" => push(out, StmtKind::Jump, n),
        "class_declaration" | "local_class_declaration" => class(cx, n, out),
        "comment" | "line_comment" | "block_comment" | ";" => {}
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

/// The expression body of a `case X -> expr;` rule.
fn out_expr(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    if n.kind() == "assignment_expression" {
        assignment(cx, n, out);
    } else {
        out.push(expr_stmt(expr(cx, n)));
    }
}

fn assignment(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
        return;
    };
    let target = pattern(cx, l);
    let value = expr(cx, r);
    let op = n.field("operator").map(|o| cx.text(o)).unwrap_or("=");
    if op == "=" {
        push(out, StmtKind::Assign { target, value }, n);
    } else {
        let op = match op {
            "+=" => BinOp::Add,
            _ => BinOp::Other,
        };
        push(out, StmtKind::AugAssign { target, op, value }, n);
    }
}

fn pattern(cx: &mut Lowerer<'_>, n: Node<'_>) -> Pattern {
    let span = Lowerer::span(n);
    match n.kind() {
        "identifier" => Pattern::Name(cx.text(n).to_string(), span),
        "field_access" => {
            let (Some(o), Some(f)) = (n.field("object"), n.field("field")) else {
                return Pattern::Ignore;
            };
            Pattern::Attr(Box::new(expr(cx, o)), cx.text(f).to_string(), span)
        }
        "array_access" => {
            let (Some(a), Some(i)) = (n.field("array"), n.field("index")) else {
                return Pattern::Ignore;
            };
            Pattern::Index(Box::new(expr(cx, a)), Box::new(expr(cx, i)), span)
        }
        _ => Pattern::Ignore,
    }
}

fn expr(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    guarded_expr(cx, n, expr_inner)
}

/// The values a switch expression's arms produce: the expression after `->`, and the
/// values of `yield` statements in its blocks (not in nested switch expressions).
fn switch_arm_values(cx: &mut Lowerer<'_>, body: Node<'_>, out: &mut Vec<Expr>) {
    fn yields(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Vec<Expr>) {
        for c in named_children(n) {
            match c.kind() {
                "yield_statement" => {
                    if let Some(v) = named_children(c).into_iter().next() {
                        out.push(expr(cx, v));
                    }
                }
                "switch_expression" | "lambda_expression" | "class_body" => {}
                _ => yields(cx, c, out),
            }
        }
    }
    for g in named_children(body) {
        if g.kind() == "switch_rule" {
            for s in named_children(g) {
                match s.kind() {
                    "switch_label" | "throw_statement" => {}
                    "expression_statement" => {
                        if let Some(v) = named_children(s).into_iter().next() {
                            out.push(expr(cx, v));
                        }
                    }
                    "block" => yields(cx, s, out),
                    _ => out.push(expr(cx, s)),
                }
            }
        } else {
            yields(cx, g, out);
        }
    }
}

fn children_exprs(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<Expr> {
    children(cx, n, expr)
}

fn args(cx: &mut Lowerer<'_>, n: Option<Node<'_>>) -> Vec<Arg> {
    n.map(|a| positional(children(cx, a, expr)))
        .unwrap_or_default()
}

fn expr_inner(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    let span = Lowerer::span(n);
    let field = |f: &str| n.field(f);
    let kind = match n.kind() {
        "identifier" | "type_identifier" | "this" | "super" => {
            ExprKind::Name(cx.text(n).to_string())
        }
        "scoped_identifier" | "scoped_type_identifier" => {
            let text = cx.text(n);
            let mut parts = text.split('.');
            let first = parts.next().unwrap_or("");
            let mut e = Expr::new(ExprKind::Name(first.to_string()), span);
            for p in parts {
                e = Expr::new(ExprKind::Attr(Box::new(e), p.to_string()), span);
            }
            return e;
        }
        "field_access" => {
            let (Some(o), Some(f)) = (field("object"), field("field")) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Attr(Box::new(expr(cx, o)), cx.text(f).to_string())
        }
        "method_invocation" => {
            let name = field("name")
                .map(|x| cx.text(x).to_string())
                .unwrap_or_default();
            let callee = match field("object") {
                Some(o) => Expr::new(ExprKind::Attr(Box::new(expr(cx, o)), name), span),
                None => Expr::new(ExprKind::Name(name), span),
            };
            let args = args(cx, field("arguments"));
            call(callee, args)
        }
        "object_creation_expression" => {
            // `new HashMap<String, String>()`: the class without its type arguments.
            let callee = field("type")
                .map(|t| {
                    let t = if t.kind() == "generic_type" {
                        named_children(t).into_iter().next().unwrap_or(t)
                    } else {
                        t
                    };
                    expr(cx, t)
                })
                .unwrap_or_else(|| Expr::other(span));
            let mut a = args(cx, field("arguments"));
            // An anonymous class body: its methods are analysed as functions.
            for c in named_children(n) {
                if c.kind() == "class_body" {
                    let mut sink = Vec::new();
                    for m in named_children(c) {
                        if m.kind() == "method_declaration" {
                            let id = method(cx, m);
                            sink.push(id);
                            a.push(Arg {
                                name: Some(format!("<method:{}>", cx.module.funcs[id].name)),
                                value: Expr::new(ExprKind::Func(id), Lowerer::span(m)),
                                spread: false,
                            });
                        }
                    }
                }
            }
            ExprKind::Call(Box::new(Call {
                callee,
                args: a,
                is_new: true,
            }))
        }
        "array_access" => {
            let (Some(a), Some(i)) = (field("array"), field("index")) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Index(Box::new(expr(cx, a)), Box::new(expr(cx, i)))
        }
        "binary_expression" => return binary_node(cx, n, expr, |op| op),
        "unary_expression" => {
            let arg = field("operand")
                .map(|a| expr(cx, a))
                .unwrap_or_else(|| Expr::other(span));
            unary(field("operator").map(|o| cx.text(o)).unwrap_or(""), arg)
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
        "string_literal" => {
            let mut s = String::new();
            for ch in named_children(n) {
                match ch.kind() {
                    "string_fragment" | "multiline_string_fragment" => s.push_str(cx.text(ch)),
                    "escape_sequence" => s.push_str(&unescape(cx.text(ch))),
                    _ => {}
                }
            }
            ExprKind::Str(s)
        }
        "character_literal" => ExprKind::Str(cx.text(n).trim_matches('\'').to_string()),
        "decimal_integer_literal" | "decimal_floating_point_literal" => ExprKind::Num(
            cx.text(n)
                .trim_end_matches(['L', 'l', 'f', 'F', 'd', 'D'])
                .replace('_', "")
                .parse()
                .unwrap_or(0.0),
        ),
        "octal_integer_literal" => ExprKind::Num(
            i64::from_str_radix(
                cx.text(n)
                    .trim_start_matches('0')
                    .trim_end_matches(['L', 'l']),
                8,
            )
            .map(|v| v as f64)
            .unwrap_or(0.0),
        ),
        "hex_integer_literal" => ExprKind::Num(
            i64::from_str_radix(
                cx.text(n)
                    .trim_start_matches("0x")
                    .trim_start_matches("0X")
                    .trim_end_matches(['L', 'l']),
                16,
            )
            .map(|v| v as f64)
            .unwrap_or(0.0),
        ),
        "true" => ExprKind::Bool(true),
        "false" => ExprKind::Bool(false),
        "null_literal" => ExprKind::Null,
        "parenthesized_expression" | "cast_expression" => {
            return named_children(n)
                .into_iter()
                .rfind(|c| !c.kind().ends_with("type") && c.kind() != "type_identifier")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(span));
        }
        "lambda_expression" => {
            let id = cx.new_func("<lambda>".into(), FuncKind::Lambda, n);
            let body_node = field("body");
            let params_node = field("parameters");
            let (params, body) = cx.within(id, |cx| {
                let params: Vec<Param> = params_node
                    .map(|p| {
                        let names: Vec<Node<'_>> = if p.kind() == "identifier" {
                            vec![p]
                        } else {
                            named_children(p)
                        };
                        names
                            .into_iter()
                            .map(|x| {
                                let nm = x.field("name").unwrap_or(x);
                                Param {
                                    pattern: Pattern::Name(
                                        cx.text(nm).to_string(),
                                        Lowerer::span(nm),
                                    ),
                                    default: None,
                                    annotation: None,
                                    kind: ParamKind::Plain,
                                    span: Lowerer::span(x),
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let body = match body_node {
                    Some(b) if b.kind() == "block" => block(cx, b),
                    Some(b) => returns(expr(cx, b)),
                    None => Vec::new(),
                };
                (params, body)
            });
            cx.module.funcs[id].params = params;
            cx.module.funcs[id].body = body;
            ExprKind::Func(id)
        }
        // `new String[]{"a", b}` / `{"a", b}`: the elements in order (the element type and
        // the dimensions are not elements: `String` must not shift the indices).
        "array_creation_expression" | "array_initializer" => ExprKind::List(
            named_children(n)
                .into_iter()
                .filter(|c| {
                    n.kind() == "array_initializer"
                        || c.kind() == "array_initializer"
                        || field("value").is_none() && c.kind() == "dimensions_expr"
                })
                .flat_map(|c| {
                    if c.kind() == "array_initializer" {
                        named_children(c)
                    } else {
                        vec![c]
                    }
                })
                .map(|c| expr(cx, c))
                .collect(),
        ),
        "assignment_expression" => {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Assign(Box::new(pattern(cx, l)), Box::new(expr(cx, r)))
        }
        // `Long::parseLong`: kept as the (inert) reference `Long.parseLong` so that models
        // can tell which method a stream step applies.
        "method_reference" => {
            let parts = named_children(n);
            match (parts.first(), parts.last()) {
                (Some(c), Some(m)) if parts.len() == 2 && m.kind() == "identifier" => {
                    let base =
                        Expr::new(ExprKind::Name(cx.text(*c).to_string()), Lowerer::span(*c));
                    ExprKind::Other(vec![Expr::new(
                        ExprKind::Attr(Box::new(base), cx.text(*m).to_string()),
                        span,
                    )])
                }
                _ => ExprKind::Other(Vec::new()),
            }
        }
        "class_literal" => ExprKind::Other(Vec::new()),
        // `switch (x) { case "a" -> "t_a"; default -> "t"; }` as a value: one of its arms'
        // values (`->` results and `yield`s); the subject only picks which.
        "switch_expression" => {
            let mut arms = Vec::new();
            if let Some(body) = field("body") {
                switch_arm_values(cx, body, &mut arms);
            }
            // As a chain of conditionals (`c ? a : (c ? b : d)`) on an unknown test.
            match arms.pop() {
                None => ExprKind::Other(children_exprs(cx, n)),
                Some(last) => {
                    let e = arms.into_iter().rev().fold(last, |acc, a| {
                        Expr::new(
                            ExprKind::Cond(Box::new(Expr::other(span)), Box::new(a), Box::new(acc)),
                            span,
                        )
                    });
                    return e;
                }
            }
        }
        _ => ExprKind::Other(children_exprs(cx, n)),
    };
    Expr::new(kind, span)
}
