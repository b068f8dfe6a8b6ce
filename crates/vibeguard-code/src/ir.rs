//! The one program model every language is lowered into, and that the data-flow engine and
//! the rules read: functions with parameters, statements and expressions, each with the
//! byte span it came from.
//!
//! It keeps what matters for security analysis (names, calls with positional and keyword
//! arguments, attribute and index access, literals, string building, containers, control
//! flow) and folds the rest into [`ExprKind::Other`], whose children still carry data, so
//! an unknown construct never hides a flow.

/// A byte range in the source file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Index of a function in [`Module::funcs`].
pub type FuncId = usize;

/// One source file, lowered.
#[derive(Debug, Default)]
pub struct Module {
    /// `funcs[0]` is the module's top level (its statements run at import time).
    pub funcs: Vec<Func>,
    pub imports: Vec<Import>,
    pub classes: Vec<Class>,
    /// The file declares `'use server'` at its top (Next.js server actions).
    pub use_server: bool,
}

/// `import a.b as c`, `from a import b as c`, `import {b as c} from 'a'`,
/// `const c = require('a')`: the local name `alias` stands for `path` (dotted).
#[derive(Debug, Clone)]
pub struct Import {
    pub alias: String,
    pub path: String,
    /// Relative import level (Python `from ..x import y` is 2; JS `./x` is 1).
    pub level: u32,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Class {
    pub name: String,
    pub bases: Vec<String>,
    pub methods: Vec<FuncId>,
    /// Declared fields with their type text (Java: `private HttpServletRequest req;`).
    pub fields: Vec<(String, String)>,
    /// Java: the interfaces the class declares it implements (`implements
    /// HostnameVerifier`), by their written name.
    pub interfaces: Vec<String>,
    /// TypeScript: the class's decorators (NestJS `@Controller("x")`, `@UsePipes(..)`).
    pub decorators: Vec<Expr>,
    /// Class-level assignments (`DEBUG = True`, field initialisers).
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FuncKind {
    Module,
    Function,
    Method,
    Lambda,
}

#[derive(Debug)]
pub struct Func {
    pub name: String,
    pub kind: FuncKind,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    /// Python decorators, Java/TS annotations: `@app.route("/x")`.
    pub decorators: Vec<Expr>,
    /// Enclosing function (closures read its variables).
    pub parent: Option<FuncId>,
    /// Enclosing class name for methods.
    pub class: Option<String>,
    /// The span of the whole definition and of its name.
    pub span: Span,
    pub name_span: Span,
    /// The function is exported (`export function`, `module.exports.x =`).
    pub exported: bool,
    /// Lambdas and arrow functions with an expression body return that expression.
    pub is_async: bool,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub pattern: Pattern,
    pub default: Option<Expr>,
    /// Type annotation text (`str`, `Request`, `FormData`, `*http.Request`).
    pub annotation: Option<String>,
    pub kind: ParamKind,
    pub span: Span,
}

impl Param {
    /// The parameter's name when it binds one plain name.
    pub fn name(&self) -> Option<&str> {
        match &self.pattern {
            Pattern::Name(n, _) => Some(n),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    Plain,
    /// `*args`, `...rest`
    Rest,
    /// `**kwargs`
    KwRest,
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

pub type Block = Vec<Stmt>;

#[derive(Debug, Clone)]
pub enum StmtKind {
    Expr(Expr),
    /// `target = value` (also declarations with an initialiser).
    Assign {
        target: Pattern,
        value: Expr,
    },
    /// `target op= value`
    AugAssign {
        target: Pattern,
        op: BinOp,
        value: Expr,
    },
    Return(Option<Expr>),
    If {
        cond: Expr,
        then: Block,
        els: Block,
    },
    While {
        cond: Expr,
        body: Block,
    },
    /// `for target in iter` / `for (const target of iter)` / `foreach`.
    For {
        target: Pattern,
        iter: Expr,
        body: Block,
    },
    Try {
        body: Block,
        handlers: Vec<Handler>,
        finally: Block,
    },
    /// `with expr as target:` (Python), `using`.
    With {
        items: Vec<(Expr, Option<Pattern>)>,
        body: Block,
    },
    /// `raise` / `throw` / `panic`.
    Raise(Option<Expr>),
    /// A nested function or class method definition binding a name.
    FuncDef(FuncId),
    /// `switch` / `match`: the subject and each case body (case values are evaluated).
    Switch {
        subject: Expr,
        cases: Vec<(Vec<Expr>, Block)>,
    },
    /// `break` or `continue`.
    Jump,
    /// `global x` / `nonlocal x`: the names live outside the function.
    Global(Vec<String>),
    Block(Block),
}

/// Every statement of `body` and of the blocks nested in it (branches, loops, `try`,
/// `with`, `switch` cases, plain blocks), in source order; nested function bodies are
/// not entered. For the rule checks that ask what a function does to one local.
pub fn for_each_nested_stmt<'a>(body: &'a [Stmt], f: &mut dyn FnMut(&'a Stmt)) {
    for s in body {
        f(s);
        match &s.kind {
            StmtKind::If { then, els, .. } => {
                for_each_nested_stmt(then, f);
                for_each_nested_stmt(els, f);
            }
            StmtKind::Block(b)
            | StmtKind::While { body: b, .. }
            | StmtKind::For { body: b, .. }
            | StmtKind::With { body: b, .. } => for_each_nested_stmt(b, f),
            StmtKind::Try {
                body: b,
                handlers,
                finally,
            } => {
                for_each_nested_stmt(b, f);
                for h in handlers {
                    for_each_nested_stmt(&h.body, f);
                }
                for_each_nested_stmt(finally, f);
            }
            StmtKind::Switch { cases, .. } => {
                for (_, b) in cases {
                    for_each_nested_stmt(b, f);
                }
            }
            _ => {}
        }
    }
}

/// Every value assigned (`=`) to the plain name `name` in `body` and the blocks nested
/// in it.
pub fn find_assignments<'a>(body: &'a [Stmt], name: &str, f: &mut dyn FnMut(&'a Expr)) {
    for_each_nested_stmt(body, &mut |s| {
        if let StmtKind::Assign {
            target: Pattern::Name(n, _),
            value,
        } = &s.kind
            && n == name
        {
            f(value);
        }
    });
}

#[derive(Debug, Clone)]
pub struct Handler {
    pub name: Option<String>,
    /// The `except` / `catch` clause.
    pub span: Span,
    pub types: Vec<Expr>,
    pub body: Block,
}

/// What an assignment writes to.
#[derive(Debug, Clone)]
pub enum Pattern {
    Name(String, Span),
    Attr(Box<Expr>, String, Span),
    Index(Box<Expr>, Box<Expr>, Span),
    /// `a, b = ...` / `[a, b] = ...`; `None` marks a hole (`[a, , b]`).
    Seq(Vec<Option<Pattern>>, Span),
    /// `{a, b: c, ...rest} = ...`: property name -> pattern; a rest property has key `None`.
    Object(Vec<(Option<String>, Pattern)>, Span),
    /// `*rest` inside a sequence pattern.
    Star(Box<Pattern>),
    /// A default in a destructuring pattern: `{a = 1}`.
    Default(Box<Pattern>, Box<Expr>),
    Ignore,
}

impl Pattern {
    pub fn span(&self) -> Span {
        match self {
            Pattern::Name(_, s)
            | Pattern::Attr(_, _, s)
            | Pattern::Index(_, _, s)
            | Pattern::Seq(_, s)
            | Pattern::Object(_, s) => *s,
            Pattern::Star(p) | Pattern::Default(p, _) => p.span(),
            Pattern::Ignore => Span::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    /// Any other arithmetic or bitwise operator.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    /// Python `in`, JS `in`.
    In,
    NotIn,
    Is,
    IsNot,
    InstanceOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    Not,
    Neg,
    /// `typeof`, `~`, `+x`, `void`, `&x`, `*x`.
    Other,
}

#[derive(Debug, Clone)]
pub enum TemplatePart {
    Lit(String),
    Expr(Expr),
}

#[derive(Debug, Clone)]
pub enum DictKey {
    Const(String),
    Expr(Expr),
    /// `**other` / `...other`
    Spread,
}

#[derive(Debug, Clone)]
pub struct Arg {
    /// Keyword name (`shell=True`); `None` for positional.
    pub name: Option<String>,
    pub value: Expr,
    /// `*args` / `...args` / `**kwargs`.
    pub spread: bool,
}

#[derive(Debug, Clone)]
pub struct Call {
    pub callee: Expr,
    pub args: Vec<Arg>,
    /// `new X(...)`.
    pub is_new: bool,
}

impl Call {
    /// The `i`-th positional argument.
    pub fn arg(&self, i: usize) -> Option<&Expr> {
        self.args
            .iter()
            .filter(|a| a.name.is_none() && !a.spread)
            .nth(i)
            .map(|a| &a.value)
    }
    /// A keyword argument.
    pub fn kwarg(&self, name: &str) -> Option<&Expr> {
        self.args
            .iter()
            .find(|a| a.name.as_deref() == Some(name))
            .map(|a| &a.value)
    }
    pub fn positional_count(&self) -> usize {
        self.args
            .iter()
            .filter(|a| a.name.is_none() && !a.spread)
            .count()
    }
    /// The last positional argument.
    pub fn last_arg(&self) -> Option<&Expr> {
        self.args
            .iter()
            .rev()
            .find(|a| a.name.is_none() && !a.spread)
            .map(|a| &a.value)
    }
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Name(String),
    Attr(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
    /// `a[1:3]`, `a[:n]`: a part of the sequence.
    Slice(Box<Expr>),
    Call(Box<Call>),
    Str(String),
    /// Bytes literal (`b"..."`).
    Bytes(String),
    Num(f64),
    Bool(bool),
    Null,
    /// f-strings, template literals, interpolated strings.
    Template(Vec<TemplatePart>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Unary(UnOp, Box<Expr>),
    Compare(CmpOp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// List, tuple, set, array literals.
    List(Vec<Expr>),
    /// Dict and object literals.
    Dict(Vec<(DictKey, Expr)>),
    /// Lambda, arrow function, function expression.
    Func(FuncId),
    /// Comprehension: the element and the loops that feed it.
    Comp(Box<Expr>, Vec<(Pattern, Expr)>),
    /// Assignment used as an expression (`(x := y)`, `a = b` in JS).
    Assign(Box<Pattern>, Box<Expr>),
    /// JSX element: tag name, attributes (`None` name for a spread), children.
    Jsx(String, Vec<(Option<String>, Expr)>, Vec<Expr>),
    /// `*x` / `...x` in a call or literal.
    Spread(Box<Expr>),
    /// Python's `yield x` / `yield from xs`: the value joins what the generator
    /// function produces (its callers iterate over it).
    Yield(Box<Expr>),
    /// Anything else; its children still carry data.
    Other(Vec<Expr>),
}

impl Expr {
    /// A non-empty list written out of string and number literals (`["asc", "desc"]`,
    /// `[10, 20, 50]`): a closed set of values the code chose (argparse/yargs
    /// `choices`, express-validator `isIn`).
    pub fn is_literal_list(&self) -> bool {
        matches!(&self.kind, ExprKind::List(xs) if !xs.is_empty()
            && xs.iter().all(|x| matches!(x.kind, ExprKind::Str(_) | ExprKind::Num(_))))
    }

    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
    pub fn other(span: Span) -> Expr {
        Expr::new(ExprKind::Other(Vec::new()), span)
    }
    pub fn as_call(&self) -> Option<&Call> {
        match &self.kind {
            ExprKind::Call(c) => Some(c),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Str(s) | ExprKind::Bytes(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Name(s) => Some(s),
            _ => None,
        }
    }
    /// The dotted text of a name/attribute chain (`a.b.c`), without resolving imports.
    pub fn dotted(&self) -> Option<String> {
        match &self.kind {
            ExprKind::Name(n) => Some(n.clone()),
            ExprKind::Attr(base, attr) => base.dotted().map(|b| format!("{b}.{attr}")),
            _ => None,
        }
    }
    /// The last name of a name/attribute chain (`c` in `a.b.c`).
    pub fn last_name(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Name(n) => Some(n),
            ExprKind::Attr(_, attr) => Some(attr),
            _ => None,
        }
    }
    /// A literal `True`/`true`.
    pub fn is_true(&self) -> bool {
        matches!(self.kind, ExprKind::Bool(true))
    }
    pub fn is_false(&self) -> bool {
        matches!(self.kind, ExprKind::Bool(false))
    }
    /// Property `name` of an object/dict literal.
    pub fn prop(&self, name: &str) -> Option<&Expr> {
        match &self.kind {
            ExprKind::Dict(items) => items.iter().rev().find_map(|(k, v)| match k {
                DictKey::Const(k) if k == name => Some(v),
                _ => None,
            }),
            _ => None,
        }
    }
    /// Visit this expression and every sub-expression (not into nested functions).
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Expr)) {
        f(self);
        match &self.kind {
            ExprKind::Attr(b, _) | ExprKind::Slice(b) | ExprKind::Unary(_, b) => b.walk(f),
            ExprKind::Spread(b) | ExprKind::Yield(b) => b.walk(f),
            ExprKind::Index(a, b)
            | ExprKind::Binary(_, a, b)
            | ExprKind::Compare(_, a, b)
            | ExprKind::And(a, b)
            | ExprKind::Or(a, b) => {
                a.walk(f);
                b.walk(f);
            }
            ExprKind::Call(c) => {
                c.callee.walk(f);
                for a in &c.args {
                    a.value.walk(f);
                }
            }
            ExprKind::Template(parts) => {
                for p in parts {
                    if let TemplatePart::Expr(e) = p {
                        e.walk(f);
                    }
                }
            }
            ExprKind::Cond(a, b, c) => {
                a.walk(f);
                b.walk(f);
                c.walk(f);
            }
            ExprKind::List(items) | ExprKind::Other(items) => {
                for i in items {
                    i.walk(f);
                }
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let DictKey::Expr(k) = k {
                        k.walk(f);
                    }
                    v.walk(f);
                }
            }
            ExprKind::Comp(e, gens) => {
                e.walk(f);
                for (_, it) in gens {
                    it.walk(f);
                }
            }
            ExprKind::Assign(_, v) => v.walk(f),
            ExprKind::Jsx(_, attrs, children) => {
                for (_, v) in attrs {
                    v.walk(f);
                }
                for c in children {
                    c.walk(f);
                }
            }
            ExprKind::Name(_)
            | ExprKind::Str(_)
            | ExprKind::Bytes(_)
            | ExprKind::Num(_)
            | ExprKind::Bool(_)
            | ExprKind::Null
            | ExprKind::Func(_) => {}
        }
    }
}

/// Separates a pydantic field's annotation from the `pattern=` its `Field(...)` default
/// gives, in [`Class::fields`] (`"str\0pattern\0^[a-z]+$"`).
pub const PATTERN_MARK: &str = "\0pattern\0";

/// Starts a TypeScript class field's entry in [`Class::fields`] when decorators check it
/// (class-validator's `@IsInt()`, `@Matches(/re/)`): see the JS lowering.
pub const DTO_MARK: &str = "\0dto";
