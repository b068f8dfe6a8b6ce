//! Function summaries: what a function does with its parameters, computed once by
//! interpreting its body with each parameter as a symbolic label, then applied at every
//! call: which parameters flow into the return value (and what was neutralised on the
//! way), and which parameters reach a sink.

use super::value::{Hop, Label, Origin, Shape, Taint, Trace, Val, hops};
use crate::ir::{FuncId, Span};
use std::sync::Arc;
use vibeguard_core::Fix;

/// What callers need to know about one function.
#[derive(Debug, Default)]
pub struct Summary {
    /// The return value; `Param(i)` labels stand for the caller's argument `i`.
    pub ret: Val,
    /// Sinks reached from parameters.
    pub records: Vec<SinkRecord>,
    /// A check function's verdict (`def is_safe_path(p): ... return ...`,
    /// `return ALLOWED.has(x)`, `if (!ok) return false; return true`): for each
    /// parameter, the sink classes it is safe for whenever the function returns a true
    /// value; `None` when no return can be true.
    pub guard_true: Option<Vec<u32>>,
    /// For each parameter, the sink classes it is safe for whenever the function
    /// completes without raising (`def ensure_safe(p): if not RE.match(p): raise ...`, a
    /// helper that throws unless the check holds); `None` when it never completes.
    pub guard_exit: Option<Vec<u32>>,
}

/// Parameter `param` reaches the sink of rule `rule` at `span`.
#[derive(Debug, Clone)]
pub struct SinkRecord {
    pub rule: usize,
    pub file: Arc<str>,
    pub span: Span,
    pub line: u32,
    pub param: u16,
    /// Sink classes already neutralised between the parameter and the sink.
    pub neutral: u32,
    pub class: u32,
    pub accept: u32,
    /// From the parameter to the sink.
    pub trace: Trace,
    /// Report with low confidence when no caller in the file passes input (a string
    /// built from the parameter).
    pub built_ok: bool,
    pub fix: Option<Fix>,
    /// The function the sink is in.
    pub func: FuncId,
    /// The rule's message for this sink, when it has one of its own.
    pub message: Option<Arc<str>>,
}

/// `prefix` followed by the hops of `suffix` (oldest first).
pub fn concat(prefix: &Trace, suffix: &Trace) -> Trace {
    let mut cur = prefix.clone();
    for h in hops(suffix) {
        cur = Some(Arc::new(Hop {
            file: h.file.clone(),
            span: h.span,
            line: h.line,
            note: h.note.clone(),
            prev: cur,
        }));
    }
    cur
}

/// The taint of `t` with `Param(i)` labels replaced by the caller's argument labels.
/// `call_hop` is added to each substituted path.
pub fn substitute_taint(t: &Taint, args: &[Val], call_hop: &dyn Fn(&Trace) -> Trace) -> Taint {
    let labels = t.as_ref()?;
    let mut out: Vec<Label> = Vec::new();
    for l in labels.iter() {
        match l.origin {
            // The enclosing function's parameter, seen by a nested function: its own
            // again once the nested function's summary is applied inside it.
            Origin::Param(i) if i >= super::value::OUTER_PARAM => out.push(Label {
                origin: Origin::Param(i - super::value::OUTER_PARAM),
                trace: call_hop(&l.trace),
                ..l.clone()
            }),
            Origin::Param(i) => {
                let Some(arg) = args.get(i as usize) else {
                    continue;
                };
                if let Some(at) = arg.all_taint() {
                    for a in at.iter() {
                        out.push(Label {
                            origin: a.origin.clone(),
                            neutral: a.neutral | l.neutral,
                            trace: call_hop(&a.trace),
                            strong: a.strong,
                        });
                    }
                }
            }
            _ => out.push(Label {
                trace: call_hop(&l.trace),
                ..l.clone()
            }),
        }
    }
    if out.is_empty() {
        None
    } else {
        out.truncate(4);
        Some(Arc::new(out))
    }
}

/// A summary's value with parameters replaced by the caller's arguments.
pub fn substitute(v: &Val, args: &[Val], call_hop: &dyn Fn(&Trace) -> Trace) -> Val {
    let shape = match &v.shape {
        Shape::Seq(items) => Shape::Seq(Arc::new(
            items
                .iter()
                .map(|x| substitute(x, args, call_hop))
                .collect(),
        )),
        Shape::Map(items) => Shape::Map(Arc::new(
            items
                .iter()
                .map(|(k, x)| (k.clone(), substitute(x, args, call_hop)))
                .collect(),
        )),
        other => other.clone(),
    };
    // A parameter returned as it is keeps the argument's shape (constants, containers).
    if let (Shape::Unknown, Some(t)) = (&v.shape, &v.taint)
        && t.len() == 1
        && let Origin::Param(i) = t[0].origin
        && t[0].neutral == 0
        && !v.built
        && let Some(arg) = args.get(i as usize)
        && !matches!(arg.shape, Shape::Unknown)
    {
        let mut a = arg.clone();
        a.taint = substitute_taint(&v.taint, args, call_hop);
        return a;
    }
    let has_param = v
        .taint
        .as_ref()
        .is_some_and(|t| t.iter().any(|l| matches!(l.origin, Origin::Param(_))));
    let trusted = v.trusted
        || has_param
            && v.taint.as_ref().is_some_and(|t| {
                t.iter().all(|l| match l.origin {
                    Origin::Param(i) => args.get(i as usize).is_some_and(|a| a.is_trusted()),
                    _ => false,
                })
            });
    Val {
        taint: substitute_taint(&v.taint, args, call_hop),
        shape,
        // Built only from parameters that the caller passes program-chosen values for
        // (`"" + x` with `x = "bar"`): nothing of unknown origin is left in it.
        built: v.built && !(has_param && trusted),
        prefix: v.prefix.clone(),
        normalized: v.normalized,
        trusted,
        built_safe: v.built_safe,
        nullable: v.nullable,
    }
}
