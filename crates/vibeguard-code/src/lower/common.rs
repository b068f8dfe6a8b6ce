//! Shapes the Go, Java, PHP and Ruby lowerings share: the depth-guarded recursion into
//! expressions and statements, binary and unary operators, calls with positional
//! arguments, and statements with the span of their node.

use super::FieldExt;
use super::{Lowerer, named_children, other};
use crate::ir::{Arg, BinOp, Block, Call, CmpOp, Expr, ExprKind, Stmt, StmtKind, UnOp};
use tree_sitter::Node;

/// A language's expression lowering (the part under the depth guard).
pub type ExprFn = fn(&mut Lowerer<'_>, Node<'_>) -> Expr;
/// A language's statement lowering (the part under the depth guard).
pub type StmtFn = fn(&mut Lowerer<'_>, Node<'_>, &mut Block);

/// Append a statement spanning node `n`.
pub fn push(out: &mut Block, kind: StmtKind, n: Node<'_>) {
    out.push(Stmt {
        kind,
        span: Lowerer::span(n),
    });
}

/// Lower an expression with `inner`, or as an opaque value when nested too deeply.
pub fn guarded_expr(cx: &mut Lowerer<'_>, n: Node<'_>, inner: ExprFn) -> Expr {
    if !cx.enter() {
        return Expr::other(Lowerer::span(n));
    }
    let e = inner(cx, n);
    cx.leave();
    e
}

/// Lower a statement with `inner`; one nested too deeply is dropped.
pub fn guarded_stmt(cx: &mut Lowerer<'_>, n: Node<'_>, out: &mut Block, inner: StmtFn) {
    if !cx.enter() {
        return;
    }
    inner(cx, n, out);
    cx.leave();
}

/// Every named child of `n` as an expression.
pub fn children(cx: &mut Lowerer<'_>, n: Node<'_>, expr: ExprFn) -> Vec<Expr> {
    named_children(n).into_iter().map(|c| expr(cx, c)).collect()
}

/// Values passed by position.
pub fn positional(values: Vec<Expr>) -> Vec<Arg> {
    values
        .into_iter()
        .map(|value| Arg {
            name: None,
            value,
            spread: false,
        })
        .collect()
}

/// A call (not a constructor).
pub fn call(callee: Expr, args: Vec<Arg>) -> ExprKind {
    ExprKind::Call(Box::new(Call {
        callee,
        args,
        is_new: false,
    }))
}

/// The operator of a binary expression, by its spelling; a language maps its own
/// spellings first (PHP's `.` is `+`, Ruby's `<<` appends).
pub fn binary(op: &str, l: Expr, r: Expr) -> ExprKind {
    let (l, r) = (Box::new(l), Box::new(r));
    match op {
        "+" => ExprKind::Binary(BinOp::Add, l, r),
        "-" => ExprKind::Binary(BinOp::Sub, l, r),
        "*" => ExprKind::Binary(BinOp::Mul, l, r),
        "/" => ExprKind::Binary(BinOp::Div, l, r),
        "%" => ExprKind::Binary(BinOp::Mod, l, r),
        "&&" | "and" => ExprKind::And(l, r),
        "||" | "or" => ExprKind::Or(l, r),
        "==" | "===" => ExprKind::Compare(CmpOp::Eq, l, r),
        "!=" | "!==" | "<>" => ExprKind::Compare(CmpOp::NotEq, l, r),
        "<" => ExprKind::Compare(CmpOp::Lt, l, r),
        "<=" => ExprKind::Compare(CmpOp::LtE, l, r),
        ">" => ExprKind::Compare(CmpOp::Gt, l, r),
        ">=" => ExprKind::Compare(CmpOp::GtE, l, r),
        _ => ExprKind::Binary(BinOp::Other, l, r),
    }
}

/// A binary-expression node with `left`, `operator` and `right` fields (the four
/// grammars spell it so); `alias` maps the language's own operator spellings.
pub fn binary_node(
    cx: &mut Lowerer<'_>,
    n: Node<'_>,
    expr: ExprFn,
    alias: fn(&str) -> &str,
) -> Expr {
    let span = Lowerer::span(n);
    let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
        return other(children(cx, n, expr), span);
    };
    let op = n.field("operator").map(|o| cx.text(o)).unwrap_or("");
    let (le, re) = (expr(cx, l), expr(cx, r));
    Expr::new(binary(alias(op), le, re), span)
}

/// A unary operator by the text it starts with: `!`/`not` negates, `-` is a minus.
pub fn unary(op: &str, arg: Expr) -> ExprKind {
    let op = if op.starts_with('!') || op.starts_with("not") {
        UnOp::Not
    } else if op.starts_with('-') {
        UnOp::Neg
    } else {
        UnOp::Other
    };
    ExprKind::Unary(op, Box::new(arg))
}

/// The body of an arrow function written as one expression: a `return` of it.
pub fn returns(e: Expr) -> Block {
    let span = e.span;
    vec![Stmt {
        kind: StmtKind::Return(Some(e)),
        span,
    }]
}
