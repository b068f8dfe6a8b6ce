//! Grape's declared parameters: a `params do ... end` block before an endpoint coerces
//! and validates what the endpoint reads (`requires :id, type: Integer`), so
//! `params[:id]` there is a number, a date or one of the listed values, not free text.

use super::engine::Engine;
use crate::ir::{Block, Expr, ExprKind, FuncId, Span, StmtKind};

/// Types Grape coerces a parameter to (and rejects the request when it cannot).
const COERCED_TYPES: &[&str] = &[
    "Integer",
    "Float",
    "BigDecimal",
    "Numeric",
    "Boolean",
    "Grape::API::Boolean",
    "Date",
    "DateTime",
    "Time",
];

impl<'m> Engine<'m> {
    /// Is `params[name]` in the endpoint being interpreted a parameter its `params`
    /// block declares with a coerced type (`type: Integer`) or a list of `values:`?
    pub(crate) fn grape_typed_param(&self, name: &str) -> bool {
        let m = self.module;
        // A cheap test first: a class of the file derives from a Grape API.
        if !m
            .classes
            .iter()
            .any(|c| c.bases.iter().any(|b| b.contains("Grape")))
        {
            return false;
        }
        // The endpoint block (or an enclosing `namespace` block) and the `params`
        // block declared just before it in the same body.
        let mut f = self.current_func();
        while let Some(parent) = m.funcs[f].parent {
            if let Some(decl) = declaration_before(&m.funcs[parent].body, m.funcs[f].span) {
                return declares_typed(&m.funcs[decl].body, name);
            }
            f = parent;
        }
        false
    }
}

/// The block of the last `params do ... end` in `body` (or its nested blocks) before
/// the statement that holds `endpoint`.
fn declaration_before(body: &Block, endpoint: Span) -> Option<FuncId> {
    let mut last = None;
    for s in body {
        if s.span.start <= endpoint.start && endpoint.end <= s.span.end {
            return match &s.kind {
                StmtKind::Block(inner) => declaration_before(inner, endpoint).or(last),
                _ => last,
            };
        }
        if let Some(e) = statement_expr(&s.kind)
            && let Some(c) = e.as_call()
            && c.callee.as_name() == Some("params")
            && let Some(ExprKind::Func(id)) = c.args.last().map(|a| &a.value.kind)
        {
            last = Some(*id);
        }
    }
    last
}

/// Does a `params` block declare `name` (`requires :name, type: Integer`, `optional
/// :name, values: [...]`)?
fn declares_typed(body: &Block, name: &str) -> bool {
    body.iter().any(|s| {
        let Some(c) = statement_expr(&s.kind).and_then(|e| e.as_call()) else {
            return false;
        };
        if !matches!(c.callee.as_name(), Some("requires" | "optional")) {
            return false;
        }
        if c.args.first().and_then(|a| a.value.as_str()) != Some(name) {
            return false;
        }
        c.args.iter().any(|a| match a.name.as_deref() {
            Some("type") => coerced(&a.value),
            Some("values") => matches!(a.value.kind, ExprKind::List(_)),
            _ => false,
        })
    })
}

/// The expression a statement evaluates (a block's last one is its implicit return).
fn statement_expr(k: &StmtKind) -> Option<&Expr> {
    match k {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => Some(e),
        _ => None,
    }
}

/// `Integer`, `Grape::API::Boolean`, `[Integer]`.
fn coerced(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::List(items) => items.len() == 1 && coerced(&items[0]),
        _ => e
            .dotted()
            .is_some_and(|d| COERCED_TYPES.contains(&d.replace('.', "::").as_str())),
    }
}
