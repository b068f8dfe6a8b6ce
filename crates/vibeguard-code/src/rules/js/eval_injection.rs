use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags code built from values that are not constants: `eval`, `new Function`,
    /// `vm.runInThisContext`/`runInNewContext`/`runInContext`/`new vm.Script`, and
    /// `setTimeout`/`setInterval` with a string or with request input; code run by the
    /// sandbox packages (vm2 `new VM().run(code)`, `new NodeVM().run(code)`,
    /// `new VMScript(code)`, the `sandbox` package's `new Sandbox().run(code)`,
    /// `safe-eval` and `notevil`), jQuery's `$.globalEval`, worker_threads'
    /// `new Worker(code, { eval: true })`, `new vm.SourceTextModule(code)`; and, from
    /// request input, `require(name)` / `import(name)` of a module it names, expr-eval
    /// expressions and JSONPath paths (`jsonpath`, `jsonpath-plus`), whose engines have
    /// known escapes.
    ///
    /// ## Why is this bad?
    /// The text runs as JavaScript with the program's privileges: on a server that is
    /// remote code execution, in a browser it is XSS (CWE-94, CWE-95).
    ///
    /// ## Example
    /// ```js
    /// const result = eval(req.query.expr);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const result = JSON.parse(req.query.expr); // or a real expression parser
    /// ```
    JsEval
}

static META: RuleMeta = RuleMeta {
    id: "js/eval-injection",
    title: "Code evaluated from input",
    cwe: &[94, 95],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "text evaluated as code is not a constant; parse data instead of evaluating it",
    family: Family::Js,
    keywords: &[
        "eval",
        "Function",
        "vm",
        "setTimeout",
        "setInterval",
        "sandbox",
        "require",
        "import(",
        "safe-eval",
        "notevil",
        "globalEval",
        "worker_threads",
        "expr-eval",
        "jsonpath",
    ],
    calls: &[
        "eval",
        "Function",
        "runInThisContext",
        "runInNewContext",
        "runInContext",
        "Script",
        "setTimeout",
        "setInterval",
        "compileFunction",
        "run",
        "VMScript",
        "require",
        "import",
        "safe-eval",
        "notevil",
        "globalEval",
        "Worker",
        "SourceTextModule",
        // expression evaluators with known sandbox escapes, and JSONPath engines that
        // evaluate the script parts of a path (`$..[?(@.x)]`)
        "evaluate",
        "parse",
        "query",
        "value",
        "nodes",
        "paths",
        "apply",
        "JSONPath",
    ],
    on: 0,
};

impl Rule for JsEval {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let code = match site.name {
            "eval" if site.is(&["eval", "window.eval", "globalThis.eval"]) => site.arg(0),
            "Function" if site.is(&["Function"]) => site
                .call
                .last_arg()
                .and_then(|_| site.arg(site.positional().saturating_sub(1))),
            "setTimeout" | "setInterval"
                if site.is(&[
                    "setTimeout",
                    "setInterval",
                    "window.setTimeout",
                    "window.setInterval",
                ]) =>
            {
                // Only a string argument is evaluated: a string expression, or request
                // input (which is never a function).
                let arg = site.arg(0).filter(|(e, v)| {
                    !matches!(e.kind, crate::ir::ExprKind::Func(_))
                        && !matches!(v.shape, crate::flow::value::Shape::Func(_))
                });
                match arg {
                    Some((e, _))
                        if e.as_str().is_some()
                            || matches!(
                                e.kind,
                                crate::ir::ExprKind::Template(_) | crate::ir::ExprKind::Binary(..)
                            ) =>
                    {
                        arg
                    }
                    Some((_, v)) => {
                        cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                        None
                    }
                    None => None,
                }
            }
            _ if site
                .path
                .is_some_and(|p| p.starts_with("vm.") || p.starts_with("node:vm.")) =>
            {
                site.arg(0)
            }
            // vm2 and `sandbox` run their code in a context of their own, which is no
            // security boundary (vm2's escapes are public; `sandbox` is unmaintained).
            "run" | "VMScript"
                if site.is(&[
                    "vm2.VM.run",
                    "vm2.NodeVM.run",
                    "vm2.VMScript",
                    "sandbox.run",
                ]) =>
            {
                // Code text built here is judged like eval's; any other value (a
                // `VMScript` compiled elsewhere, a variable) counts only with input.
                match site.arg(0) {
                    Some((e, _))
                        if matches!(
                            e.kind,
                            crate::ir::ExprKind::Template(_) | crate::ir::ExprKind::Binary(..)
                        ) =>
                    {
                        site.arg(0)
                    }
                    Some((_, v)) => {
                        if v.ref_path() != Some("vm2.VMScript") {
                            cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                        }
                        None
                    }
                    None => None,
                }
            }
            // `require(name)`: the module named runs. Only input counts: a plugin loader
            // requiring the names its configuration lists is the usual case.
            // safe-eval runs its text with `vm` and is no boundary either (CVE-2017-16088
            // and later escapes); notevil's interpreter has known escapes too.
            _ if matches!(site.path, Some("safe-eval" | "notevil")) => site.arg(0),
            // `new Worker(code, { eval: true })` (worker_threads): the first argument is
            // JavaScript source, not a file.
            "Worker"
                if site.is(&["worker_threads.Worker", "node:worker_threads.Worker"])
                    && site.option(1, "eval").is_some_and(|(e, _)| {
                        matches!(e.kind, crate::ir::ExprKind::Bool(true))
                    }) =>
            {
                site.arg(0)
            }
            // jQuery's `$.globalEval(code)`: eval in the global scope.
            "globalEval"
                if site.is(&["$.globalEval", "jQuery.globalEval", "jquery.globalEval"])
                    || site
                        .call
                        .callee
                        .dotted()
                        .is_some_and(|d| d == "$.globalEval" || d == "jQuery.globalEval") =>
            {
                site.arg(0)
            }
            // expr-eval's `Parser.evaluate(expr)` / `parser.parse(expr)` (member access
            // escapes its sandbox, CVE-2025-12735); JSONPath engines run the script
            // parts of a path with static-eval (`jsonpath`, `jsonpath-plus`,
            // CVE-2024-21534). Input only: a calculator of the program's own formulas is
            // their purpose.
            "evaluate" | "parse" if site.path.is_some_and(|p| p.starts_with("expr-eval.")) => {
                if let Some((_, v)) = site.arg(0) {
                    cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                }
                None
            }
            "query" | "value" | "nodes" | "paths" | "apply"
                if site.path.is_some_and(|p| p.starts_with("jsonpath.")) =>
            {
                if let Some((_, v)) = site.arg(1) {
                    cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                }
                None
            }
            "JSONPath" if site.path.is_some_and(|p| p.starts_with("jsonpath-plus")) => {
                let path = match site.arg(0) {
                    Some((e, v)) if matches!(e.kind, crate::ir::ExprKind::Dict(_)) => {
                        v.field("path")
                    }
                    Some((_, v)) => Some(v.clone()),
                    None => None,
                };
                if let Some(v) = path {
                    cx.flow(site.span, &v, sink::CODE, accept::REQUEST);
                }
                None
            }
            "require" | "import" if site.is(&["require", "import"]) => {
                if let Some((e, v)) = site.arg(0)
                    && e.as_str().is_none()
                {
                    cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                }
                None
            }
            _ => None,
        };
        if let Some((_, v)) = code {
            cx.sink(site.span, v, sink::CODE, Unknown::Dynamic, None);
        }
    }
}
