use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `eval`, `exec` and `compile` of text that is not a constant, and modules
    /// imported by a name that comes from input (`importlib.import_module`,
    /// `__import__`), and pandas / numexpr expressions from input (`df.query(expr)`,
    /// `pd.eval(expr)`, `numexpr.evaluate(expr)`) and Lua scripts from input run on Redis
    /// (`r.eval(script, ...)`); also the library calls that evaluate or run their text
    /// or file: SymPy's `sympify` / `parse_expr` (built on `eval`), `timeit` statements,
    /// and `runpy.run_path` / `run_module` of a file or module named by input.
    ///
    /// ## Why is this bad?
    /// The text runs as Python with the program's privileges: input that reaches it can
    /// read files, open shells and exfiltrate secrets (CWE-94, CWE-95).
    ///
    /// ## Example
    /// ```python
    /// result = eval(request.args["expr"])
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// result = ast.literal_eval(request.args["expr"])  # or a real parser
    /// ```
    PythonEval
}

static META: RuleMeta = RuleMeta {
    id: "python/eval-injection",
    title: "Code evaluated from input",
    cwe: &[94, 95],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "text evaluated as code is not a constant; parse the data instead (ast.literal_eval, json)",
    family: Family::Python,
    keywords: &[
        "eval",
        "exec",
        "compile",
        "import_module",
        "__import__",
        "Interactive",
        "subinterp",
        "run_string",
        "pandas",
        "numexpr",
        "redis",
        "sympy",
        "sympify",
        "timeit",
        "runpy",
    ],
    calls: &[
        "eval",
        "exec",
        "compile",
        "execfile",
        "import_module",
        "__import__",
        "push",
        "runsource",
        "runcode",
        "run_in_subinterp",
        "run_string",
        "query",
        "evaluate",
        "script_load",
        "sympify",
        "parse_expr",
        "timeit",
        "repeat",
        "Timer",
        "run_path",
        "run_module",
    ],
    on: 0,
};

impl Rule for PythonEval {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&[
            "eval",
            "exec",
            "compile",
            "execfile",
            "builtins.eval",
            "builtins.exec",
        ]) {
            if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("source")) {
                cx.sink(site.span, v, sink::CODE, Unknown::Dynamic, None);
            }
        } else if site.is(&[
            "code.InteractiveConsole.push",
            "code.InteractiveConsole.runsource",
            "code.InteractiveConsole.runcode",
            "code.InteractiveInterpreter.runsource",
            "code.InteractiveInterpreter.runcode",
            "test.support.run_in_subinterp",
            "_testcapi.run_in_subinterp",
        ]) {
            // An interactive interpreter or a sub-interpreter running source text.
            if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("source")) {
                cx.sink(site.span, v, sink::CODE, Unknown::Dynamic, None);
            }
        } else if site.is(&[
            "_xxsubinterpreters.run_string",
            "_interpreters.run_string",
            "_interpreters.exec",
        ]) {
            if let Some((_, v)) = site.arg(1).or_else(|| site.kwarg("script")) {
                cx.sink(site.span, v, sink::CODE, Unknown::Dynamic, None);
            }
        } else if site.is(&["redis.Redis.eval", "redis.Redis.script_load"]) {
            // A Lua script run on the Redis server.
            if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("script")) {
                cx.sink(site.span, v, sink::CODE, Unknown::Skip, None);
            }
        } else if site.is(&[
            "pandas.eval",
            "pandas.DataFrame.eval",
            "pandas.DataFrame.query",
            "numexpr.evaluate",
        ]) {
            // pandas expressions (`df.query(expr)`, `pd.eval(expr)`) and numexpr reach
            // Python objects and attributes: input there runs code.
            if let Some((_, v)) = site
                .arg(0)
                .or_else(|| site.kwarg("expr"))
                .or_else(|| site.kwarg("ex"))
            {
                cx.sink(site.span, v, sink::CODE, Unknown::Skip, None);
            }
        } else if site.is(&[
            "sympy.sympify",
            "sympy.core.sympify.sympify",
            "sympy.parsing.sympy_parser.parse_expr",
            "sympy.parse_expr",
            "timeit.timeit",
            "timeit.repeat",
            "timeit.Timer",
            "runpy.run_path",
            "runpy.run_module",
        ]) {
            // SymPy parses with `eval`; `timeit` compiles and runs its statement; `runpy`
            // runs the file or module it is given.
            if let Some((_, v)) = site
                .arg(0)
                .or_else(|| site.kwarg("a"))
                .or_else(|| site.kwarg("s"))
                .or_else(|| site.kwarg("stmt"))
                .or_else(|| site.kwarg("path_name"))
                .or_else(|| site.kwarg("mod_name"))
            {
                cx.sink(site.span, v, sink::CODE, Unknown::Skip, None);
            }
        } else if site.is(&[
            "importlib.import_module",
            "__import__",
            "builtins.__import__",
        ]) && let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("name"))
        {
            cx.sink(site.span, v, sink::CODE, Unknown::Skip, None);
        }
    }
}
