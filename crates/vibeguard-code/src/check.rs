//! What a code rule is: metadata, documentation taken from its own doc comment, and the
//! program points it looks at. The engine walks each function once, keeping abstract
//! values (taint, constants, shapes); at every call, assignment, return, comparison or
//! JSX attribute a rule asked for, it hands the rule that site with the values already
//! evaluated, and the rule reports through [`Cx`].

use crate::flow::Engine;
use crate::flow::value::Val;
use crate::ir::{Call, CmpOp, Expr, FuncId, Pattern, Span};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Fix, RuleInfo, Severity};

/// Static metadata of a code rule.
pub struct RuleMeta {
    pub id: &'static str,
    pub title: &'static str,
    pub cwe: &'static [u32],
    pub severity: Severity,
    /// Confidence of a structural finding; taint findings take theirs from the flow.
    pub confidence: Confidence,
    pub message: &'static str,
    pub family: Family,
    /// One of these must appear in the file (ASCII case-insensitive) for the rule to run;
    /// a file no rule wants is never parsed.
    pub keywords: &'static [&'static str],
    /// Last names of the calls the rule inspects (`execute`, `system`); `"*"` for all.
    pub calls: &'static [&'static str],
    /// Which other program points the rule inspects (bit flags from [`on`]).
    pub on: u32,
}

/// Program points besides calls.
pub mod on {
    pub const ASSIGN: u32 = 1;
    pub const RETURN: u32 = 1 << 1;
    pub const COMPARE: u32 = 1 << 2;
    pub const JSX: u32 = 1 << 3;
    pub const FUNCTION: u32 = 1 << 4;
    pub const MODULE: u32 = 1 << 5;
}

/// Which origins of tainted data a sink cares about.
pub mod accept {
    /// HTTP request data, browser input, and parameters whose callers decide: input
    /// from someone other than the person running the program.
    pub const REQUEST: u32 = 1;
    /// Command-line arguments, stdin and `input()`: the person running the program,
    /// who could usually do the same thing by hand (injection into SQL or a shell
    /// still matters; reading the file they named does not).
    pub const CLI: u32 = 1 << 3;
    /// Both of the above (the usual injection sources).
    pub const INPUT: u32 = REQUEST | CLI;
    /// Bytes from sockets and files of unknown origin.
    pub const IO: u32 = 1 << 1;
    /// Exception details (messages, stack traces).
    pub const ERROR: u32 = 1 << 2;
    /// Values from a predictable random generator.
    pub const RANDOM: u32 = 1 << 4;
    /// Fields of database records (stored input): only the HTML sinks take them.
    pub const STORED: u32 = 1 << 5;
    /// Full personal identifiers (social security and payment card numbers).
    pub const PERSONAL: u32 = 1 << 6;
    /// Numbers parsed from request or network input: only the sinks a size or a count
    /// from input exhausts take them (allocations, loop bounds, sleeps).
    pub const COUNT: u32 = 1 << 7;
    /// A constant the code writes (a non-empty literal string or an array of literal
    /// numbers), for the sinks where a constant is the flaw (a hard-coded key or
    /// password). A rule checks its own value; this carries the check to the callers
    /// of the function the sink is in: a parameter reaching the sink is recorded, and
    /// a caller passing a literal for it is reported.
    pub const LITERAL: u32 = 1 << 8;
}

/// What a sink does with a value whose origin is unknown (no input reaches it, or only
/// parameters of a function nobody in the file calls).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// Nothing: only input counts.
    Skip,
    /// Report with low confidence when the value is a string built from non-constant
    /// parts (SQL, shell command text).
    Built,
    /// Report with low confidence whenever the value is not a constant the program chose
    /// (`eval(x)`).
    Dynamic,
}

/// A code rule. Every hook has a default that does nothing; a rule implements the ones
/// its metadata asks for.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// The rule's documentation (its doc comment, with the four standard headings).
    fn doc(&self) -> &'static str;
    fn call(&self, _cx: &mut Cx<'_, '_>, _site: &CallSite<'_>) {}
    fn assign(&self, _cx: &mut Cx<'_, '_>, _site: &AssignSite<'_>) {}
    fn ret(&self, _cx: &mut Cx<'_, '_>, _site: &ReturnSite<'_>) {}
    fn compare(&self, _cx: &mut Cx<'_, '_>, _site: &CompareSite<'_>) {}
    fn jsx(&self, _cx: &mut Cx<'_, '_>, _site: &JsxSite<'_>) {}
    /// After a function's body was analysed.
    fn function(&self, _cx: &mut Cx<'_, '_>, _func: FuncId) {}
    /// Once per file, after every function.
    fn module(&self, _cx: &mut Cx<'_, '_>) {}

    fn info(&self) -> RuleInfo {
        let m = self.meta();
        RuleInfo {
            id: m.id.to_string(),
            title: m.title.to_string(),
            cwe: m.cwe.to_vec(),
            severity: m.severity,
            confidence: m.confidence,
            message: m.message.to_string(),
            doc: parse_doc(self.doc()),
            tags: vec![m.family.prefix().to_string(), "code".to_string()],
        }
    }
}

/// Declare a rule struct whose doc comment is also its runtime documentation.
#[macro_export]
macro_rules! rule_doc {
    ($(#[doc = $doc:literal])* $name:ident) => {
        $(#[doc = $doc])*
        pub struct $name;
        impl $name {
            pub const DOC: &'static str = concat!($($doc, "\n"),*);
        }
    };
}

/// The two accessors every rule implements the same way, inside its `impl Rule`: the
/// static metadata and the documentation `rule_doc!` attached to its type.
#[macro_export]
macro_rules! rule_meta {
    ($meta:expr) => {
        fn meta(&self) -> &'static $crate::check::RuleMeta {
            &$meta
        }
        fn doc(&self) -> &'static str {
            Self::DOC
        }
    };
}

/// A call, with its callee resolved and its arguments evaluated.
pub struct CallSite<'a> {
    pub call: &'a Call,
    pub span: Span,
    /// Dotted path of the callee with imports resolved (`subprocess.run` for `sp.run`
    /// after `import subprocess as sp`); `None` when the receiver is a value.
    pub path: Option<&'a str>,
    /// Last name of the callee (`execute` in `cur.execute(...)`).
    pub name: &'a str,
    /// The receiver's value for a method call.
    pub recv: Option<&'a Val>,
    /// Argument values in source order (keyword and positional alike).
    pub args: &'a [Val],
}

impl<'a> CallSite<'a> {
    /// Positional argument `i`: its expression and value.
    pub fn arg(&self, i: usize) -> Option<(&'a Expr, &'a Val)> {
        let mut n = 0;
        for (k, a) in self.call.args.iter().enumerate() {
            if a.name.is_none() && !a.spread {
                if n == i {
                    return Some((&a.value, &self.args[k]));
                }
                n += 1;
            }
        }
        None
    }
    pub fn arg_val(&self, i: usize) -> Option<&'a Val> {
        self.arg(i).map(|(_, v)| v)
    }
    /// Keyword argument `name`.
    pub fn kwarg(&self, name: &str) -> Option<(&'a Expr, &'a Val)> {
        self.call
            .args
            .iter()
            .enumerate()
            .find(|(_, a)| a.name.as_deref() == Some(name))
            .map(|(k, a)| (&a.value, &self.args[k]))
    }
    /// The path or, for a method on a value, `.name`.
    pub fn is(&self, paths: &[&str]) -> bool {
        match self.path {
            Some(p) => paths.iter().any(|q| path_matches(p, q)),
            None => paths
                .iter()
                .any(|q| q.strip_prefix("*.").is_some_and(|m| m == self.name)),
        }
    }
    pub fn positional(&self) -> usize {
        self.call.positional_count()
    }
    /// The value of a property of an options object passed as positional argument `i`.
    pub fn option(&self, i: usize, prop: &str) -> Option<(&'a Expr, Val)> {
        let (e, v) = self.arg(i)?;
        let pe = e.prop(prop);
        let pv = v.field(prop);
        match (pe, pv) {
            (Some(pe), Some(pv)) => Some((pe, pv)),
            (Some(pe), None) => Some((pe, Val::unknown())),
            _ => None,
        }
    }
}

/// Does `path` match `pattern`? `*.name` matches any receiver; a trailing `.*` any member.
pub fn path_matches(path: &str, pattern: &str) -> bool {
    if let Some(m) = pattern.strip_prefix("*.") {
        // `path` is `m` or ends with `.m` (compared in place: this runs for every call
        // against every pattern of a table).
        return path
            .strip_suffix(m)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'));
    }
    if let Some(prefix) = pattern.strip_suffix(".*") {
        return path.starts_with(prefix) && path[prefix.len()..].starts_with('.');
    }
    path == pattern
}

/// An assignment `target = value` (also `target op= value`).
pub struct AssignSite<'a> {
    pub target: &'a Pattern,
    /// Dotted text of the target (`app.config.DEBUG`, `el.innerHTML`, `DEBUG`); subscripts
    /// with a constant key are written as a member (`app.config["DEBUG"]` ->
    /// `app.config.DEBUG`).
    pub target_path: Option<String>,
    pub value: &'a Expr,
    pub val: &'a Val,
    /// The value of a subscript target's key when it is not a literal
    /// (`session[name] = v`): rules about who chooses the entry read it here.
    pub key: Option<Val>,
    pub span: Span,
    /// In the module's top level (settings files).
    pub top_level: bool,
    pub augmented: bool,
}

/// A `return value` in a function.
pub struct ReturnSite<'a> {
    pub value: &'a Expr,
    pub val: &'a Val,
    pub span: Span,
    pub func: FuncId,
}

/// A comparison `left op right`.
pub struct CompareSite<'a> {
    pub op: CmpOp,
    pub left: &'a Expr,
    pub right: &'a Expr,
    pub lval: &'a Val,
    pub rval: &'a Val,
    pub span: Span,
}

/// One attribute of a JSX element (`<div dangerouslySetInnerHTML={...}>`).
pub struct JsxSite<'a> {
    pub tag: &'a str,
    pub attr: &'a str,
    pub value: &'a Expr,
    pub val: &'a Val,
    pub span: Span,
}

/// What a rule reports and how.
pub struct Report {
    pub span: Span,
    pub confidence: Option<Confidence>,
    /// Replaces the rule's message when set.
    pub message: Option<String>,
    pub fix: Option<Fix>,
}

impl Report {
    pub fn at(span: Span) -> Report {
        Report {
            span,
            confidence: None,
            message: None,
            fix: None,
        }
    }
    pub fn message(mut self, m: impl Into<String>) -> Report {
        self.message = Some(m.into());
        self
    }
    pub fn fix(mut self, f: Option<Fix>) -> Report {
        self.fix = f;
        self
    }
    pub fn confidence(mut self, c: Confidence) -> Report {
        self.confidence = Some(c);
        self
    }
}

/// The rule's view of the engine while it inspects one site.
pub struct Cx<'e, 'm> {
    pub(crate) engine: &'e mut Engine<'m>,
    pub(crate) rule: usize,
}

impl<'e, 'm> Cx<'e, 'm> {
    /// Report a finding with no data-flow path (a structural rule).
    pub fn report(&mut self, r: Report) {
        self.engine.report_structural(self.rule, r);
    }

    /// Report when `val` carries input from an origin in `accept` that was not made
    /// safe for sink class `class`. Parameters whose callers decide are recorded in the
    /// function's summary and reported where a caller passes real input. Returns whether
    /// a finding was reported or recorded.
    pub fn flow(&mut self, span: Span, val: &Val, class: u32, accept: u32) -> bool {
        self.engine.report_flow(
            self.rule,
            span,
            val,
            class,
            accept,
            Unknown::Skip,
            None,
            None,
        )
    }

    /// Like [`Cx::flow`] with a message of its own for this finding.
    pub fn flow_message(
        &mut self,
        span: Span,
        val: &Val,
        class: u32,
        accept: u32,
        message: String,
    ) -> bool {
        self.engine.report_flow(
            self.rule,
            span,
            val,
            class,
            accept,
            Unknown::Skip,
            None,
            Some(message),
        )
    }

    /// Like [`Cx::flow`], and when no input reaches the sink but the value is a string
    /// built from parts of unknown origin (`"... WHERE id = " + x`), report with low
    /// confidence: the shape itself is the defect (SQL, shell, code).
    pub fn flow_or_built(&mut self, span: Span, val: &Val, class: u32, fix: Option<Fix>) -> bool {
        self.sink(span, val, class, Unknown::Built, fix)
    }

    /// Report input reaching a sink (origins in [`accept::INPUT`]); what to do when the
    /// value's origin is unknown is `unknown`.
    pub fn sink(
        &mut self,
        span: Span,
        val: &Val,
        class: u32,
        unknown: Unknown,
        fix: Option<Fix>,
    ) -> bool {
        self.engine.report_flow(
            self.rule,
            span,
            val,
            class,
            accept::INPUT,
            unknown,
            fix,
            None,
        )
    }

    /// Like [`Cx::sink`] with the accepted origins given (path, URL and HTML sinks take
    /// [`accept::REQUEST`]: a command-line tool opening the file its user named is not
    /// a defect).
    pub fn sink_from(
        &mut self,
        span: Span,
        val: &Val,
        class: u32,
        accept: u32,
        unknown: Unknown,
        fix: Option<Fix>,
    ) -> bool {
        self.engine
            .report_flow(self.rule, span, val, class, accept, unknown, fix, None)
    }

    /// Is `val` tainted by input for sink class `class` (any origin in `accept`, not only
    /// reported ones)?
    pub fn is_tainted(&self, val: &Val, class: u32, accept: u32) -> bool {
        self.engine.has_live_taint(val, class, accept)
    }

    /// Does `val` carry input from an accepted origin (not counting parameters whose
    /// callers decide) that is still dangerous for `class`?
    pub fn has_input(&self, val: &Val, class: u32, accept: u32) -> bool {
        let accept = self.engine.widen(accept);
        val.all_taint().is_some_and(|t| {
            t.iter().any(|l| {
                l.live_for(class)
                    && !matches!(l.origin, crate::flow::value::Origin::Param(_))
                    && crate::flow::accepts(accept, &l.origin)
            })
        })
    }

    /// The value of an expression at the current point (no findings reported).
    pub fn value_of(&self, e: &crate::ir::Expr) -> Val {
        self.engine.quiet(e)
    }

    /// Source text of a span.
    pub fn text(&self, span: Span) -> &'m str {
        self.engine.text(span)
    }

    /// The whole file's text.
    pub fn whole_text(&self) -> &'m str {
        self.engine.src
    }

    /// The function being analysed.
    pub fn func(&self) -> FuncId {
        self.engine.current_func()
    }

    pub fn module(&self) -> &'m crate::ir::Module {
        self.engine.module
    }

    /// Is the function a web request handler (route, view, API handler)?
    pub fn is_handler(&self, f: FuncId) -> bool {
        self.engine.is_handler(f)
    }

    /// The framework of the handler the current function is, or is nested in.
    pub fn framework(&self) -> Option<crate::flow::handlers::Framework> {
        let funcs = &self.module().funcs;
        let mut f = Some(self.func());
        while let Some(id) = f {
            if let Some(Some(h)) = self.engine.handlers.get(id) {
                return Some(h.framework);
            }
            f = funcs[id].parent;
        }
        None
    }

    /// Resolved dotted path of an expression (`flask.Markup` for `Markup` after
    /// `from flask import Markup`).
    pub fn path_of(&self, e: &Expr) -> Option<String> {
        self.engine.path_of(e)
    }

    /// Does the file import a module whose path starts with `prefix`?
    pub fn imports(&self, prefix: &str) -> bool {
        self.engine.imports_prefix(prefix)
    }

    pub fn family(&self) -> Family {
        self.engine.family
    }

    pub fn path(&self) -> &str {
        &self.engine.file
    }

    /// The scanned project (other files of it), when the analysis has one.
    pub fn project(&self) -> Option<&'m crate::flow::project::Project> {
        self.engine.project
    }
}

/// The sink classes, re-exported for rules.
pub use crate::flow::value::class as sink;

/// A fix made of one replacement.
pub fn replace(span: Span, with: impl Into<String>, description: impl Into<String>) -> Fix {
    Fix {
        description: description.into(),
        edits: vec![vibeguard_core::TextEdit {
            byte_start: span.start as usize,
            byte_end: span.end as usize,
            replacement: with.into(),
        }],
    }
}

/// Split a doc comment into the four headings.
fn parse_doc(doc: &str) -> vibeguard_core::RuleDoc {
    let mut d = vibeguard_core::RuleDoc::default();
    let mut current: Option<&mut String> = None;
    for line in doc.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        match line.trim() {
            "## What it does" => current = Some(&mut d.what),
            "## Why is this bad?" => current = Some(&mut d.why),
            "## Example" => current = Some(&mut d.example),
            "## Use instead" => current = Some(&mut d.use_instead),
            _ => {
                if let Some(buf) = current.as_deref_mut() {
                    if line.trim_start().starts_with("```") {
                        continue;
                    }
                    buf.push_str(line);
                    buf.push('\n');
                }
            }
        }
    }
    for s in [&mut d.what, &mut d.why, &mut d.example, &mut d.use_instead] {
        *s = s.trim().to_string();
    }
    d
}
