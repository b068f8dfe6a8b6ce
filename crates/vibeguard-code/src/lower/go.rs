//! Go (tree-sitter-go) to the program model. Composite literals become calls of their
//! type with a dict of fields (`tls.Config{InsecureSkipVerify: true}` is
//! `tls.Config({InsecureSkipVerify: true})`), so rules read them like options objects.

use super::FieldExt;
use super::common::{
    binary_node, call, children, guarded_expr, guarded_stmt, positional, push, unary,
};
use super::strings::unescape;
use super::{Lowerer, expr_stmt, named_children, other};
use crate::ir::*;
use tree_sitter::Node;

pub fn lower_module(cx: &mut Lowerer<'_>, root: Node<'_>) {
    let mut body = Vec::new();
    for c in named_children(root) {
        match c.kind() {
            "import_declaration" => imports(cx, c),
            "function_declaration" | "method_declaration" => {
                let id = function(cx, c);
                push(&mut body, StmtKind::FuncDef(id), c);
            }
            "var_declaration" | "const_declaration" => declaration(cx, c, &mut body),
            "type_declaration" => embedded_types(cx, c),
            _ => {}
        }
    }
    cx.module.funcs[0].body = body;
}

fn imports(cx: &mut Lowerer<'_>, n: Node<'_>) {
    let mut specs = Vec::new();
    for c in named_children(n) {
        match c.kind() {
            "import_spec" => specs.push(c),
            "import_spec_list" => specs.extend(named_children(c)),
            _ => {}
        }
    }
    for s in specs {
        let Some(p) = s.field("path") else {
            continue;
        };
        let path = cx.text(p).trim_matches(['"', '`']).to_string();
        let alias = match s.field("name") {
            Some(a) => cx.text(a).to_string(),
            None => go_package_name(&path),
        };
        if alias == "_" {
            continue;
        }
        cx.module.imports.push(Import {
            alias,
            path,
            level: 0,
            span: Lowerer::span(s),
        });
    }
}

/// The name an import without an alias binds: the last path element, skipping a
/// major-version element (`github.com/go-chi/chi/v5` -> `chi`) and dropping a
/// gopkg.in version suffix (`gopkg.in/yaml.v3` -> `yaml`).
fn go_package_name(path: &str) -> String {
    let is_major =
        |s: &str| s.len() > 1 && s.starts_with('v') && s[1..].bytes().all(|b| b.is_ascii_digit());
    let mut parts = path.rsplit('/');
    let last = parts.next().unwrap_or(path);
    let name = match parts.next() {
        Some(prev) if is_major(last) => prev,
        _ => last,
    };
    let name = match name.rsplit_once('.') {
        Some((base, v)) if path.starts_with("gopkg.in/") && is_major(v) => base,
        _ => name,
    };
    name.to_string()
}

fn function(cx: &mut Lowerer<'_>, n: Node<'_>) -> FuncId {
    let name = n
        .field("name")
        .map(|c| cx.text(c).to_string())
        .unwrap_or_else(|| "<func>".into());
    let kind = if n.kind() == "method_declaration" {
        FuncKind::Method
    } else if n.kind() == "func_literal" {
        FuncKind::Lambda
    } else {
        FuncKind::Function
    };
    let id = cx.new_func(name, kind, n);
    if let Some(nm) = n.field("name") {
        cx.module.funcs[id].name_span = Lowerer::span(nm);
    }
    let (params, body) = cx.within(id, |cx| {
        let mut params = Vec::new();
        if let Some(r) = n.field("receiver") {
            params.extend(param_list(cx, r));
        }
        if let Some(p) = n.field("parameters") {
            params.extend(param_list(cx, p));
        }
        let body = n.field("body").map(|b| block(cx, b)).unwrap_or_default();
        (params, body)
    });
    cx.module.funcs[id].params = params;
    cx.module.funcs[id].body = body;
    // A method belongs to its receiver's type: `func (s *Store) Save(...)` is a method
    // of the class `Store`, so `store.Save(x)` on a value of that type resolves to it.
    if let Some(ty) = n
        .field("receiver")
        .and_then(|r| named_children(r).into_iter().next())
        .and_then(|p| p.field("type"))
        .map(|t| receiver_type_name(cx.text(t)))
        .filter(|t| !t.is_empty())
    {
        cx.module.funcs[id].class = Some(ty.clone());
        match cx.module.classes.iter_mut().find(|c| c.name == ty) {
            Some(c) => c.methods.push(id),
            None => cx.module.classes.push(Class {
                name: ty,
                bases: Vec::new(),
                methods: vec![id],
                fields: Vec::new(),
                interfaces: Vec::new(),
                decorators: Vec::new(),
                span: Lowerer::span(n),
            }),
        }
    }
    cx.module.funcs[id].exported = cx.module.funcs[id]
        .name
        .starts_with(|c: char| c.is_ascii_uppercase());
    id
}

/// `type MainController struct { web.Controller; ... }`: the types a struct embeds are
/// its class's bases (a beego controller embeds `beego.Controller`).
fn embedded_types(cx: &mut Lowerer<'_>, n: Node<'_>) {
    for spec in named_children(n) {
        if spec.kind() != "type_spec" {
            continue;
        }
        let (Some(name), Some(ty)) = (spec.field("name"), spec.field("type")) else {
            continue;
        };
        if ty.kind() != "struct_type" {
            continue;
        }
        let mut bases = Vec::new();
        let mut fields = Vec::new();
        for list in named_children(ty) {
            for f in named_children(list) {
                if f.kind() != "field_declaration" {
                    continue;
                }
                if f.field("name").is_none()
                    && let Some(t) = f.field("type")
                {
                    bases.push(cx.text(t).trim_start_matches('*').to_string());
                }
                // `Sort string `binding:"oneof=name price"``: a field whose binding
                // rules leave only values the program chose (kept with its tag).
                if let Some(tag) = f.field("tag")
                    && binding_restricts(cx.text(tag))
                {
                    let mut w = f.walk();
                    for nm in f.children_by_field_name("name", &mut w) {
                        fields.push((cx.text(nm).to_string(), cx.text(tag).to_string()));
                    }
                }
            }
        }
        if bases.is_empty() && fields.is_empty() {
            continue;
        }
        let name = cx.text(name).to_string();
        match cx.module.classes.iter_mut().find(|c| c.name == name) {
            Some(c) => {
                c.bases.extend(bases);
                c.fields.extend(fields);
            }
            None => cx.module.classes.push(Class {
                name,
                bases,
                methods: Vec::new(),
                fields,
                interfaces: Vec::new(),
                decorators: Vec::new(),
                span: Lowerer::span(spec),
            }),
        }
    }
}

/// A struct tag whose gin `binding` rules accept only a value the program chose or one
/// with no text of its own: `oneof=a b c` (one of the listed words), `numeric`, `number`,
/// `boolean`, `uuid`, `alphanum`, `alpha`, `hexadecimal` (no quote, space or operator).
pub(crate) fn binding_restricts(tag: &str) -> bool {
    let Some(rest) = tag.split("binding:\"").nth(1) else {
        return false;
    };
    let rules = rest.split('"').next().unwrap_or("");
    rules.split(',').any(|r| {
        let r = r.trim();
        r.starts_with("oneof=")
            || matches!(
                r,
                "numeric"
                    | "number"
                    | "boolean"
                    | "uuid"
                    | "uuid4"
                    | "uuid5"
                    | "alphanum"
                    | "alpha"
                    | "hexadecimal"
            )
    })
}

/// `*Store`, `Store[T]`, `*pkg.Store` -> `Store`.
fn receiver_type_name(t: &str) -> String {
    let t = t.trim_start_matches('*').trim();
    let t = t.split('[').next().unwrap_or(t);
    t.rsplit('.').next().unwrap_or(t).trim().to_string()
}

fn param_list(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<Param> {
    let mut out = Vec::new();
    for p in named_children(n) {
        if !matches!(
            p.kind(),
            "parameter_declaration" | "variadic_parameter_declaration"
        ) {
            continue;
        }
        let ty = p.field("type").map(|t| cx.text(t).to_string());
        let mut c = p.walk();
        let names: Vec<Node<'_>> = p.children_by_field_name("name", &mut c).collect();
        for nm in names {
            out.push(Param {
                pattern: Pattern::Name(cx.text(nm).to_string(), Lowerer::span(nm)),
                default: None,
                annotation: ty.clone(),
                kind: if p.kind() == "variadic_parameter_declaration" {
                    ParamKind::Rest
                } else {
                    ParamKind::Plain
                },
                span: Lowerer::span(nm),
            });
        }
    }
    out
}

fn block(cx: &mut Lowerer<'_>, n: Node<'_>) -> Block {
    let mut out = Vec::new();
    for c in named_children(n) {
        if c.kind() == "statement_list" {
            for s in named_children(c) {
                stmt(cx, s, &mut out);
            }
        } else {
            stmt(cx, c, &mut out);
        }
    }
    out
}

fn exprs(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<Expr> {
    if n.kind() == "expression_list" {
        named_children(n).into_iter().map(|c| expr(cx, c)).collect()
    } else {
        vec![expr(cx, n)]
    }
}

fn patterns(cx: &mut Lowerer<'_>, n: Node<'_>) -> Pattern {
    let items: Vec<Node<'_>> = if n.kind() == "expression_list" {
        named_children(n)
    } else {
        vec![n]
    };
    if items.len() == 1 {
        return pattern(cx, items[0]);
    }
    Pattern::Seq(
        items.into_iter().map(|i| Some(pattern(cx, i))).collect(),
        Lowerer::span(n),
    )
}

/// `a, b := f(), g()` assigns element-wise; `a, err := f()` gives `a` the call's value.
fn assign_lists(
    cx: &mut Lowerer<'_>,
    left: Node<'_>,
    right: Node<'_>,
    n: Node<'_>,
    out: &mut Block,
) {
    let targets: Vec<Node<'_>> = if left.kind() == "expression_list" {
        named_children(left)
    } else {
        vec![left]
    };
    let values = exprs(cx, right);
    if targets.len() == values.len() {
        for (t, v) in targets.into_iter().zip(values) {
            let target = pattern(cx, t);
            push(out, StmtKind::Assign { target, value: v }, n);
        }
    } else if let Some(v) = values.into_iter().next() {
        // Multiple results of one call: the first is the value, the rest (errors, ok
        // flags) carry no data of interest.
        // `_, ok := allowed[k]`: `ok` says whether the table has the key, which is
        // what the lookup itself says as a condition.
        let lookup =
            (targets.len() == 2 && matches!(v.kind, ExprKind::Index(..))).then(|| v.clone());
        let target = pattern(cx, targets[0]);
        push(out, StmtKind::Assign { target, value: v }, n);
        // The other results (`err`, `ok`) are declared, with no data of the call.
        for t in &targets[1..] {
            let target = pattern(cx, *t);
            let value = lookup
                .clone()
                .unwrap_or_else(|| Expr::other(Lowerer::span(*t)));
            push(out, StmtKind::Assign { target, value }, n);
        }
    }
}

fn declaration(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block) {
    for spec in named_children(n) {
        let specs = if spec.kind().ends_with("_spec_list") {
            named_children(spec)
        } else {
            vec![spec]
        };
        for s in specs {
            let mut c = s.walk();
            let names: Vec<Node<'_>> = s.children_by_field_name("name", &mut c).collect();
            // `var in T` declares a zero value (which a decoder may fill later); of a named
            // type it reads like the literal `T{}`.
            let values = match s.field("value") {
                Some(value) => exprs(cx, value),
                None => match s.field("type") {
                    Some(t) if t.kind() == "type_identifier" => {
                        let callee =
                            Expr::new(ExprKind::Name(cx.text(t).to_string()), Lowerer::span(t));
                        vec![Expr::new(
                            ExprKind::Call(Box::new(Call {
                                callee,
                                args: Vec::new(),
                                is_new: true,
                            })),
                            Lowerer::span(s),
                        )]
                    }
                    _ => vec![Expr::other(Lowerer::span(s))],
                },
            };
            for (i, nm) in names.iter().enumerate() {
                let v = values
                    .get(i)
                    .cloned()
                    .or_else(|| values.first().cloned())
                    .unwrap_or_else(|| Expr::other(Lowerer::span(s)));
                let target = Pattern::Name(cx.text(*nm).to_string(), Lowerer::span(*nm));
                push(out, StmtKind::Assign { target, value: v }, s);
            }
        }
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
                out.push(expr_stmt(expr(cx, c)));
            }
        }
        "short_var_declaration" => {
            if let (Some(l), Some(r)) = (field("left"), field("right")) {
                assign_lists(cx, l, r, n, out);
            }
        }
        "var_declaration" | "const_declaration" => declaration(cx, n, out),
        "assignment_statement" => {
            let (Some(l), Some(r)) = (field("left"), field("right")) else {
                return;
            };
            let op = field("operator").map(|o| cx.text(o)).unwrap_or("=");
            if op == "=" {
                assign_lists(cx, l, r, n, out);
            } else {
                let target = patterns(cx, l);
                let value = exprs(cx, r)
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
                let op = match op {
                    "+=" => BinOp::Add,
                    "-=" => BinOp::Sub,
                    "*=" => BinOp::Mul,
                    "/=" => BinOp::Div,
                    "%=" => BinOp::Mod,
                    _ => BinOp::Other,
                };
                push(out, StmtKind::AugAssign { target, op, value }, n);
            }
        }
        "inc_statement" | "dec_statement" => {}
        "return_statement" => {
            let v = named_children(n).first().map(|c| {
                let items = exprs(cx, *c);
                if items.len() == 1 {
                    items
                        .into_iter()
                        .next()
                        .unwrap_or_else(|| Expr::other(Lowerer::span(*c)))
                } else {
                    Expr::new(ExprKind::List(items), Lowerer::span(*c))
                }
            });
            push(out, StmtKind::Return(v), n);
        }
        "if_statement" => {
            let mut pre = Vec::new();
            if let Some(init) = field("initializer") {
                stmt(cx, init, &mut pre);
            }
            let cond = field("condition")
                .map(|c| expr(cx, c))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let then = field("consequence")
                .map(|b| block(cx, b))
                .unwrap_or_default();
            let els = match field("alternative") {
                Some(a) if a.kind() == "block" => block(cx, a),
                Some(a) => {
                    let mut v = Vec::new();
                    stmt(cx, a, &mut v);
                    v
                }
                None => Vec::new(),
            };
            pre.push(Stmt {
                kind: StmtKind::If { cond, then, els },
                span: Lowerer::span(n),
            });
            push(out, StmtKind::Block(pre), n);
        }
        "for_statement" => {
            let body = field("body").map(|b| block(cx, b)).unwrap_or_default();
            let clause = named_children(n).into_iter().find(|c| c.kind() != "block");
            match clause {
                Some(rc) if rc.kind() == "range_clause" => {
                    let target = rc
                        .field("left")
                        .map(|l| {
                            // `for i, v := range xs`: the value is the second name.
                            let items: Vec<Node<'_>> = if l.kind() == "expression_list" {
                                named_children(l)
                            } else {
                                vec![l]
                            };
                            let pick = items.get(1).or(items.first()).copied();
                            pick.map(|p| pattern(cx, p)).unwrap_or(Pattern::Ignore)
                        })
                        .unwrap_or(Pattern::Ignore);
                    let iter = rc
                        .field("right")
                        .map(|r| expr(cx, r))
                        .unwrap_or_else(|| Expr::other(Lowerer::span(rc)));
                    push(out, StmtKind::For { target, iter, body }, n);
                }
                Some(fc) if fc.kind() == "for_clause" => {
                    let mut blk = Vec::new();
                    if let Some(i) = fc.field("initializer") {
                        stmt(cx, i, &mut blk);
                    }
                    let cond = fc
                        .field("condition")
                        .map(|c| expr(cx, c))
                        .unwrap_or_else(|| Expr::new(ExprKind::Bool(true), Lowerer::span(fc)));
                    blk.push(Stmt {
                        kind: StmtKind::While { cond, body },
                        span: Lowerer::span(n),
                    });
                    push(out, StmtKind::Block(blk), n);
                }
                Some(c) => {
                    let cond = expr(cx, c);
                    push(out, StmtKind::While { cond, body }, n);
                }
                None => {
                    let cond = Expr::new(ExprKind::Bool(true), Lowerer::span(n));
                    push(out, StmtKind::While { cond, body }, n);
                }
            }
        }
        "expression_switch_statement" | "type_switch_statement" | "select_statement" => {
            // `switch s := r.FormValue("s"); s {`: the initialiser runs first.
            if let Some(init) = field("initializer") {
                stmt(cx, init, out);
            }
            let subject = field("value")
                .map(|v| expr(cx, v))
                .unwrap_or_else(|| Expr::other(Lowerer::span(n)));
            let mut cases = Vec::new();
            for c in named_children(n) {
                if !matches!(
                    c.kind(),
                    "expression_case" | "default_case" | "type_case" | "communication_case"
                ) {
                    continue;
                }
                let values = c.field("value").map(|v| exprs(cx, v)).unwrap_or_default();
                let mut b = Vec::new();
                for s in named_children(c) {
                    if s.kind() == "statement_list" {
                        for x in named_children(s) {
                            stmt(cx, x, &mut b);
                        }
                    } else if Some(s) != c.field("value") {
                        stmt(cx, s, &mut b);
                    }
                }
                cases.push((values, b));
            }
            push(out, StmtKind::Switch { subject, cases }, n);
        }
        "go_statement" | "defer_statement" => {
            for c in named_children(n) {
                out.push(expr_stmt(expr(cx, c)));
            }
        }
        "block" => {
            let b = block(cx, n);
            push(out, StmtKind::Block(b), n);
        }
        "labeled_statement" => {
            for c in named_children(n) {
                if c.kind() != "label_name" {
                    stmt(cx, c, out);
                }
            }
        }
        "break_statement" | "continue_statement" | "goto_statement" | "fallthrough_statement" => {
            push(out, StmtKind::Jump, n)
        }
        "type_declaration" => embedded_types(cx, n),
        "empty_statement" | "comment" => {}
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

fn pattern(cx: &mut Lowerer<'_>, n: Node<'_>) -> Pattern {
    let span = Lowerer::span(n);
    match n.kind() {
        "identifier" => {
            let t = cx.text(n);
            if t == "_" {
                Pattern::Ignore
            } else {
                Pattern::Name(t.to_string(), span)
            }
        }
        "selector_expression" => {
            let (Some(o), Some(f)) = (n.field("operand"), n.field("field")) else {
                return Pattern::Ignore;
            };
            Pattern::Attr(Box::new(expr(cx, o)), cx.text(f).to_string(), span)
        }
        "index_expression" => {
            let Some(o) = n.field("operand") else {
                return Pattern::Ignore;
            };
            let idx = n
                .field("index")
                .map(|i| expr(cx, i))
                .unwrap_or_else(|| Expr::other(span));
            Pattern::Index(Box::new(expr(cx, o)), Box::new(idx), span)
        }
        "unary_expression" | "parenthesized_expression" => named_children(n)
            .last()
            .map(|c| pattern(cx, *c))
            .unwrap_or(Pattern::Ignore),
        _ => Pattern::Ignore,
    }
}

fn expr(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    guarded_expr(cx, n, expr_inner)
}

fn children_exprs(cx: &mut Lowerer<'_>, n: Node<'_>) -> Vec<Expr> {
    children(cx, n, expr)
}

fn string_lit(cx: &Lowerer<'_>, n: Node<'_>) -> String {
    if n.kind() == "raw_string_literal" {
        return cx.text(n).trim_matches('`').to_string();
    }
    let mut s = String::new();
    let mut c = n.walk();
    for ch in n.named_children(&mut c) {
        match ch.kind() {
            "interpreted_string_literal_content" => s.push_str(cx.text(ch)),
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
        "identifier" | "field_identifier" | "package_identifier" | "type_identifier" => {
            ExprKind::Name(cx.text(n).to_string())
        }
        "selector_expression" | "qualified_type" => {
            let base = field("operand").or_else(|| field("package"));
            let name = field("field").or_else(|| field("name"));
            let (Some(o), Some(f)) = (base, name) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Attr(Box::new(expr(cx, o)), cx.text(f).to_string())
        }
        "call_expression" => {
            let callee = field("function")
                .map(|f| expr(cx, f))
                .unwrap_or_else(|| Expr::other(span));
            let args = field("arguments")
                .map(|a| positional(children(cx, a, expr)))
                .unwrap_or_default();
            call(callee, args)
        }
        "type_conversion_expression" => {
            let callee = field("type")
                .map(|t| expr(cx, t))
                .unwrap_or_else(|| Expr::other(span));
            let operand = field("operand")
                .map(|o| expr(cx, o))
                .unwrap_or_else(|| Expr::other(span));
            call(callee, positional(vec![operand]))
        }
        "index_expression" => {
            let (Some(o), Some(i)) = (field("operand"), field("index")) else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Index(Box::new(expr(cx, o)), Box::new(expr(cx, i)))
        }
        "slice_expression" => {
            let Some(o) = field("operand") else {
                return other(children_exprs(cx, n), span);
            };
            ExprKind::Slice(Box::new(expr(cx, o)))
        }
        "binary_expression" => return binary_node(cx, n, expr, |op| op),
        "unary_expression" => {
            let arg = field("operand")
                .map(|a| expr(cx, a))
                .unwrap_or_else(|| Expr::other(span));
            unary(field("operator").map(|o| cx.text(o)).unwrap_or(""), arg)
        }
        // `[]string{a, b}` / `map[string]string{...}`: a plain list or dict, so that
        // taking one element keeps only that element's data.
        "composite_literal"
            if field("type").is_some_and(|t| {
                matches!(
                    t.kind(),
                    "slice_type" | "array_type" | "implicit_length_array_type" | "map_type"
                )
            }) =>
        {
            return field("body")
                .map(|b| literal_value(cx, b))
                .unwrap_or_else(|| Expr::other(span));
        }
        "composite_literal" => {
            let callee = field("type")
                .map(|t| expr(cx, t))
                .unwrap_or_else(|| Expr::other(span));
            let body = field("body").map(|b| literal_value(cx, b));
            ExprKind::Call(Box::new(Call {
                callee,
                args: positional(body.into_iter().collect()),
                is_new: true,
            }))
        }
        "literal_value" => return literal_value(cx, n),
        "interpreted_string_literal" | "raw_string_literal" => ExprKind::Str(string_lit(cx, n)),
        "int_literal" | "float_literal" => {
            let t = cx.text(n).replace('_', "");
            let v = if let Some(h) = t.strip_prefix("0x") {
                i64::from_str_radix(h, 16).map(|v| v as f64).unwrap_or(0.0)
            } else if let Some(o) = t.strip_prefix("0o").or_else(|| {
                (t.len() > 1 && t.starts_with('0') && !t.contains('.')).then(|| &t[1..])
            }) {
                i64::from_str_radix(o, 8).map(|v| v as f64).unwrap_or(0.0)
            } else {
                t.parse().unwrap_or(0.0)
            };
            ExprKind::Num(v)
        }
        "true" => ExprKind::Bool(true),
        "false" => ExprKind::Bool(false),
        "nil" => ExprKind::Null,
        "func_literal" => ExprKind::Func(function(cx, n)),
        "parenthesized_expression" | "type_assertion_expression" => {
            return named_children(n)
                .first()
                .map(|c| expr(cx, *c))
                .unwrap_or_else(|| Expr::other(span));
        }
        "literal_element" => {
            return named_children(n)
                .first()
                .map(|c| expr(cx, *c))
                .unwrap_or_else(|| Expr::other(span));
        }
        _ => ExprKind::Other(children_exprs(cx, n)),
    };
    Expr::new(kind, span)
}

/// `{Key: v, ...}` as a dict, `{a, b}` as a list.
fn literal_value(cx: &mut Lowerer<'_>, n: Node<'_>) -> Expr {
    let span = Lowerer::span(n);
    let kids = named_children(n);
    if kids.iter().any(|k| k.kind() == "keyed_element") {
        let mut items = Vec::new();
        for k in kids {
            if k.kind() != "keyed_element" {
                continue;
            }
            let parts = named_children(k);
            let (Some(key), Some(value)) = (parts.first(), parts.get(1)) else {
                continue;
            };
            let key_text = cx.text(*key).trim_matches('"').to_string();
            items.push((DictKey::Const(key_text), expr(cx, *value)));
        }
        Expr::new(ExprKind::Dict(items), span)
    } else {
        Expr::new(
            ExprKind::List(kids.into_iter().map(|k| expr(cx, k)).collect()),
            span,
        )
    }
}
