use crate::check::{Cx, Report, ReturnSite, Rule, RuleMeta, on};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a `__reduce__` or `__reduce_ex__` method that returns a callable which runs
    /// code or commands (`exec`, `eval`, `os.system`, `subprocess.*`, ...) together with
    /// its arguments: the class pickles into a payload that runs that code wherever it is
    /// unpickled.
    ///
    /// ## Why is this bad?
    /// `pickle` calls whatever `__reduce__` names when it loads the data. A class built
    /// this way is a deserialisation exploit: every pickle made from it (`pickle.dumps`)
    /// runs the command on the machine that loads it, whether a cache, a queue worker or
    /// another service that trusts the data (CWE-502).
    ///
    /// ## Example
    /// ```python
    /// class Job:
    ///     def __reduce__(self):
    ///         return (os.system, ("rm -rf /tmp/cache",))
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// class Job:
    ///     def __reduce__(self):
    ///         return (Job, (self.name,))
    /// ```
    PickleGadget
}

static META: RuleMeta = RuleMeta {
    id: "python/pickle-gadget",
    title: "Pickle payload that runs code when loaded",
    cwe: &[502],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "__reduce__ returns a callable that runs code: every pickle of this object executes it when loaded",
    family: Family::Python,
    keywords: &["__reduce"],
    calls: &[],
    on: on::RETURN,
};

/// Callables that run code or a command given as their arguments. A `__reduce__` that
/// names one of these makes the unpickler run it.
const CODE_RUNNERS: &[&str] = &[
    "exec",
    "eval",
    "builtins.exec",
    "builtins.eval",
    "__builtin__.eval",
    "os.system",
    "os.popen",
    "os.execl",
    "os.execlp",
    "os.execv",
    "os.execvp",
    "os.execve",
    "os.spawnl",
    "os.spawnlp",
    "os.spawnv",
    "os.spawnvp",
    "posix.system",
    "nt.system",
    "subprocess.run",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "subprocess.getoutput",
    "subprocess.getstatusoutput",
    "subprocess.Popen",
    "commands.getoutput",
    "pty.spawn",
];

/// Is `f` a method named like the hooks pickle calls to learn how to rebuild an object?
fn is_reduce_hook(cx: &Cx<'_, '_>, f: crate::ir::FuncId) -> bool {
    let func = &cx.module().funcs[f];
    func.class.is_some() && matches!(func.name.as_str(), "__reduce__" | "__reduce_ex__")
}

/// The first element of a returned tuple `(callable, args, ...)`.
fn reduced_callable(value: &Expr) -> Option<&Expr> {
    match &value.kind {
        ExprKind::List(items) if items.len() >= 2 => items.first(),
        _ => None,
    }
}

impl Rule for PickleGadget {
    crate::rule_meta!(META);
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        if !is_reduce_hook(cx, site.func) {
            return;
        }
        let Some(callable) = reduced_callable(site.value) else {
            return;
        };
        let path = cx
            .path_of(callable)
            .or_else(|| callable.as_name().map(str::to_string));
        if path.is_some_and(|p| CODE_RUNNERS.contains(&p.as_str())) {
            cx.report(Report::at(site.span));
        }
    }
}
