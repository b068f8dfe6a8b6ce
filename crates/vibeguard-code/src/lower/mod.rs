//! Lowering: from a tree-sitter syntax tree to the [`crate::ir`] program model, one module
//! per language. Constructs a lowering does not know become [`ExprKind::Other`] with
//! their sub-expressions, so data still flows through them.

mod common;
mod fields;
mod go;
mod java;
mod js;
mod php;
mod python;
mod ruby;
mod strings;

pub(crate) use php::VARIABLE_VARIABLE;

use crate::ir::{Expr, ExprKind, Func, FuncId, FuncKind, Module, Span, Stmt, StmtKind};
use crate::syntax::Language;
use tree_sitter::Node;

pub use fields::FieldExt;

/// Nesting deeper than this is cut off (lowered as an opaque value): deeply nested input
/// must not overflow the stack of a scan thread or an agent hook.
pub const MAX_DEPTH: u32 = 400;

/// Lower a parsed file.
pub fn lower(lang: Language, src: &[u8], root: Node<'_>) -> Module {
    let mut cx = Lowerer::new(src);
    match lang {
        Language::Python => python::lower_module(&mut cx, root),
        Language::JavaScript | Language::TypeScript | Language::Tsx => {
            js::lower_module(&mut cx, root)
        }
        Language::Go => go::lower_module(&mut cx, root),
        Language::Java => java::lower_module(&mut cx, root),
        Language::Php => php::lower_module(&mut cx, root),
        Language::Ruby => ruby::lower_module(&mut cx, root),
    }
    cx.module
}

/// State shared by the language lowerings: the source, the module being built, the
/// function whose body is being lowered, and the recursion depth.
pub struct Lowerer<'s> {
    pub src: &'s [u8],
    /// `src` as text when it is valid UTF-8 (checked once, not per node).
    text_src: Option<&'s str>,
    pub module: Module,
    pub current: FuncId,
    pub depth: u32,
    pub class: Option<String>,
}

impl<'s> Lowerer<'s> {
    fn new(src: &'s [u8]) -> Lowerer<'s> {
        let mut module = Module::default();
        module.funcs.push(Func {
            name: "<module>".into(),
            kind: FuncKind::Module,
            params: Vec::new(),
            body: Vec::new(),
            decorators: Vec::new(),
            parent: None,
            class: None,
            span: Span::new(0, src.len()),
            name_span: Span::default(),
            exported: false,
            is_async: false,
        });
        Lowerer {
            src,
            text_src: std::str::from_utf8(src).ok(),
            module,
            current: 0,
            depth: 0,
            class: None,
        }
    }

    /// The text of a node; empty when its bytes are not UTF-8.
    pub fn text(&self, n: Node<'_>) -> &'s str {
        match self.text_src {
            Some(text) => text.get(n.byte_range()).unwrap_or(""),
            None => std::str::from_utf8(&self.src[n.byte_range()]).unwrap_or(""),
        }
    }

    pub fn span(n: Node<'_>) -> Span {
        Span::new(n.start_byte(), n.end_byte())
    }

    /// Reserve a function slot (so nested functions get ids while the parent is lowered).
    pub fn new_func(&mut self, name: String, kind: FuncKind, n: Node<'_>) -> FuncId {
        let id = self.module.funcs.len();
        self.module.funcs.push(Func {
            name,
            kind,
            params: Vec::new(),
            body: Vec::new(),
            decorators: Vec::new(),
            parent: Some(self.current),
            class: self.class.clone(),
            span: Self::span(n),
            name_span: Self::span(n),
            exported: false,
            is_async: false,
        });
        id
    }

    /// Run `f` with `id` as the current function.
    pub fn within<T>(&mut self, id: FuncId, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = self.current;
        self.current = id;
        let out = f(self);
        self.current = saved;
        out
    }

    /// Guard against runaway recursion; `None` when too deep.
    pub fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            return false;
        }
        self.depth += 1;
        true
    }

    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}

/// Named children of a node, without comments (`comment`; Java's `line_comment` and
/// `block_comment`, which otherwise count as arguments: `f(// note\n x)`).
pub fn named_children<'t>(n: Node<'t>) -> Vec<Node<'t>> {
    let mut c = n.walk();
    n.named_children(&mut c)
        .filter(|c| !matches!(c.kind(), "comment" | "line_comment" | "block_comment"))
        .collect()
}

/// An expression statement.
pub fn expr_stmt(e: Expr) -> Stmt {
    let span = e.span;
    Stmt {
        kind: StmtKind::Expr(e),
        span,
    }
}

/// An opaque value made of the given sub-expressions.
pub fn other(children: Vec<Expr>, span: Span) -> Expr {
    Expr::new(ExprKind::Other(children), span)
}
