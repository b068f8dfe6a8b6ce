use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Ruby code or names of code chosen by input: `eval`, `instance_eval`,
    /// `class_eval`, `module_eval` of a string, `RubyVM::InstructionSequence.compile` of
    /// source, `send`/`public_send`/`try` of a method
    /// name (not one after a constant prefix, `send("export_#{kind}")`),
    /// `method`/`public_method`/`instance_method` looking up a method by a name,
    /// `to_proc` of a name and a block argument `&name.to_sym`, and
    /// `constantize`/`safe_constantize`/`const_get`/`qualified_const_get` of a class name.
    ///
    /// ## Why is this bad?
    /// `eval` runs whatever the user wrote; a user-chosen method name or class reaches
    /// `system`, `destroy` or any class's initializer (code injection, CWE-95, CWE-470).
    ///
    /// ## Example
    /// ```ruby
    /// render json: { result: eval(params[:expression]) }
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// render json: { result: Float(params[:expression]) }
    /// ```
    RubyCodeInjection
}

static META: RuleMeta = RuleMeta {
    id: "ruby/code-injection",
    title: "Code or class chosen by input",
    cwe: &[95, 94, 470],
    severity: Severity::Critical,
    confidence: Confidence::Medium,
    message: "input runs as Ruby code or picks the method/class to call; map allowed values to code instead",
    family: Family::Ruby,
    keywords: &[
        "eval",
        "send",
        "constantize",
        "const_get",
        "method",
        "try",
        "to_proc",
        "to_sym",
        "InstructionSequence",
    ],
    // Every call: a block argument may name the method (`&input.to_sym`).
    calls: &["*"],
    on: 0,
};

/// The calls that run code or pick a method or class by name.
const SINKS: &[&str] = &[
    "eval",
    "instance_eval",
    "class_eval",
    "module_eval",
    "send",
    "public_send",
    "__send__",
    "constantize",
    "safe_constantize",
    "const_get",
    "qualified_const_get",
    "try",
    "to_proc",
    "method",
    "public_method",
    "instance_method",
];

impl Rule for RubyCodeInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // `x.tap(&input.to_sym)`: the block calls the method the input names.
        if let Some((e, v)) = site.kwarg("&")
            && matches!(&e.kind, ExprKind::Attr(_, m) if m == "to_sym")
        {
            cx.sink(site.span, v, sink::CODE, Unknown::Skip, None);
            return;
        }
        // `RubyVM::InstructionSequence.compile(src)` (and `compile_prism`): Ruby source
        // compiled to bytecode, which the program then runs with `.eval`.
        if matches!(site.name, "compile" | "compile_prism" | "new")
            && site
                .path
                .is_some_and(|p| p.starts_with("RubyVM.InstructionSequence."))
        {
            if let Some((_, v)) = site.arg(0) {
                cx.sink(site.span, v, sink::CODE, Unknown::Skip, None);
            }
            return;
        }
        if !SINKS.contains(&site.name) {
            return;
        }
        let v = match site.name {
            "constantize" | "safe_constantize" | "to_proc" => site.recv,
            // `x.try(name)` calls the method `name` like `send` (a literal symbol is
            // lowered as the call itself); `x.try { ... }` runs a block.
            "try" if site.recv.is_none() => None,
            _ => site.arg(0).map(|(_, v)| v),
        };
        // `send("export_#{kind}")`: only methods whose name starts with the constant
        // text can be chosen.
        if matches!(
            site.name,
            "send" | "public_send" | "__send__" | "try" | "method" | "public_method"
        ) && v.is_some_and(|v| v.prefix.as_deref().is_some_and(|p| !p.is_empty()))
        {
            return;
        }
        if let Some(v) = v {
            cx.sink(site.span, v, sink::CODE, Unknown::Skip, None);
        }
    }
}
