use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, Unknown, accept, on, sink};
use crate::ir::{ExprKind, Pattern};
use crate::lower::VARIABLE_VARIABLE;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `eval`, `assert` with a string, `create_function`, and `preg_replace` with the
    /// `/e` modifier, when the code is not a constant; and a callable named by request
    /// input (`call_user_func`, `call_user_func_array`, `array_map`, `usort`, `uasort`,
    /// `uksort`, `array_filter`, `array_walk`, `array_reduce`, `preg_replace_callback`), or
    /// called through a variable (`$f(...)`, `new $class(...)`, `$obj->$method(...)`); a
    /// class, function, method, property or constant picked by request input through
    /// reflection (`new ReflectionClass($name)`, `ReflectionMethod`, `ReflectionFunction`,
    /// `ReflectionProperty`, `ReflectionClassConstant`, `ReflectionEnum`); and request
    /// input turned into variables (`extract($_POST)`, `parse_str($query)` without a
    /// result array), or naming the variable read or written (`$$name`, `${$name}`,
    /// `$GLOBALS[$name] = ...`); and templates compiled from request text (Twig's
    /// `$twig->createTemplate($source)`, Blade's `Blade::render($source)`, Smarty's
    /// `string:` / `eval:` resources), whose expressions reach PHP (CWE-1336).
    ///
    /// ## Why is this bad?
    /// The text runs as PHP with the application's privileges: input that reaches it takes
    /// over the server (CWE-94, CWE-95). A function or class the client names runs any
    /// function of the program or of PHP (`system`, `exec`) with the arguments the call
    /// supplies (CWE-470); variables the client names overwrite the script's own
    /// (`$is_admin`, `$sql`) (CWE-621) or read out any of them, secrets included
    /// (CWE-627).
    ///
    /// ## Example
    /// ```php
    /// eval('$result = ' . $_GET['expr'] . ';');
    /// $handler = $_GET['action'];
    /// $handler($_POST);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $result = calculate($_GET['expr']); // a real expression parser
    /// $handlers = ['list' => 'list_items', 'show' => 'show_item'];
    /// $handler = $handlers[$_GET['action']] ?? 'list_items';
    /// $handler($_POST);
    /// ```
    PhpCodeInjection
}

static META: RuleMeta = RuleMeta {
    id: "php/code-injection",
    title: "Code evaluated from input",
    cwe: &[94, 95, 470, 621, 627, 1336],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "text evaluated as PHP code is not a constant; never evaluate data",
    family: Family::Php,
    keywords: &[
        "eval",
        "assert",
        "create_function",
        "preg_replace",
        "call_user_func",
        "usort",
        "uasort",
        "uksort",
        "array_map",
        "array_filter",
        "array_walk",
        "array_reduce",
        "reflection",
        "extract",
        "parse_str",
        "createTemplate",
        "Blade",
        "string:",
        "eval:",
        "$",
    ],
    calls: &[
        "eval",
        "assert",
        "create_function",
        "preg_replace",
        "call_user_func",
        "call_user_func_array",
        "usort",
        "uasort",
        "uksort",
        "array_map",
        "array_filter",
        "array_walk",
        "array_reduce",
        "preg_replace_callback",
        "ReflectionClass",
        "ReflectionEnum",
        "ReflectionMethod",
        "ReflectionFunction",
        "ReflectionProperty",
        "ReflectionClassConstant",
        "extract",
        "parse_str",
        "createTemplate",
        "render",
        "fetch",
        "display",
        VARIABLE_VARIABLE,
    ],
    on: on::ASSIGN,
};

impl Rule for PhpCodeInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if let Some(v) = template_source(site) {
            cx.flow(site.span, v, sink::CODE, accept::REQUEST);
            return;
        }
        if site.recv.is_some() {
            return;
        }
        match site.name {
            // `$$name` read: the client picks which of the script's variables is used.
            VARIABLE_VARIABLE => {
                if let Some((_, v)) = site.arg(0) {
                    named_by_input(cx, site.span, v);
                }
            }
            "eval" | "assert" => {
                if let Some((_, v)) = site.arg(0) {
                    cx.sink(site.span, v, sink::CODE, Unknown::Dynamic, None);
                }
            }
            "create_function" => {
                if let Some((_, v)) = site.arg(1) {
                    cx.sink(site.span, v, sink::CODE, Unknown::Dynamic, None);
                }
            }
            "preg_replace" => {
                let e_modifier = site
                    .arg(0)
                    .and_then(|(_, v)| v.const_str())
                    .is_some_and(|p| {
                        p.rfind(|c: char| !c.is_ascii_alphabetic())
                            .is_some_and(|i| p[i + 1..].contains('e'))
                    });
                if e_modifier {
                    cx.report(Report::at(site.span));
                }
            }
            // A callable named by input: any function of the program or of PHP
            // (`system`, `exec`) runs with the arguments the call supplies.
            "call_user_func" | "call_user_func_array" | "array_map" => {
                if let Some((_, v)) = site.arg(0) {
                    cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                }
            }
            "usort"
            | "uasort"
            | "uksort"
            | "array_filter"
            | "array_walk"
            | "array_reduce"
            | "preg_replace_callback" => {
                if let Some((_, v)) = site.arg(1) {
                    cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                }
            }
            // The class, function, method, property or constant reflection is to
            // reach (`new ReflectionClass($name)`, `new ReflectionMethod($class,
            // $method)`): the client picks what the program instantiates or calls.
            "ReflectionClass"
            | "ReflectionEnum"
            | "ReflectionMethod"
            | "ReflectionFunction"
            | "ReflectionProperty"
            | "ReflectionClassConstant"
                if site.call.is_new =>
            {
                for i in 0..2 {
                    if let Some((_, v)) = site.arg(i) {
                        cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                    }
                }
            }
            // Request input made into the script's variables; `EXTR_PREFIX_ALL` gives
            // each a prefix of the program's, so none can replace one it uses.
            "extract" => {
                let prefixed = site
                    .arg(1)
                    .is_some_and(|(e, _)| e.as_name() == Some("EXTR_PREFIX_ALL"));
                if !prefixed && let Some((_, v)) = site.arg(0) {
                    cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                }
            }
            "parse_str" if site.call.positional_count() == 1 => {
                if let Some((_, v)) = site.arg(0) {
                    cx.flow(site.span, v, sink::CODE, accept::REQUEST);
                }
            }
            _ => {}
        }
    }
    /// `$$name = v`, `$GLOBALS[$name] = v`: the client picks which variable is replaced.
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Pattern::Index(obj, _, _) = site.target else {
            return;
        };
        if !matches!(&obj.kind, ExprKind::Name(n) if n == VARIABLE_VARIABLE || n == "$GLOBALS") {
            return;
        }
        if let Some(k) = &site.key {
            named_by_input(cx, site.span, k);
        }
    }
}

/// A variable name taken from the request; a constant prefix of the program's
/// (`${'opt_' . $name}`) keeps the client among variables made for it.
fn named_by_input(cx: &mut Cx<'_, '_>, span: crate::ir::Span, name: &crate::flow::value::Val) {
    if name.prefix.as_deref().is_some_and(|p| !p.is_empty()) {
        return;
    }
    cx.flow(span, name, sink::CODE, accept::REQUEST);
}

/// The template text compiled by this call: Twig's `$twig->createTemplate($source)`,
/// `Blade::render($source)`, Smarty's `$smarty->fetch("string:" . $source)` /
/// `display("eval:" . $source)` (a template given as text, not a file name).
fn template_source<'a>(site: &CallSite<'a>) -> Option<&'a crate::flow::value::Val> {
    match site.name {
        "createTemplate" if site.recv.is_some() => site.arg_val(0),
        "render"
            if matches!(&site.call.callee.kind,
                crate::ir::ExprKind::Attr(b, _) if b.as_name().is_some_and(|n| n.rsplit('.').next() == Some("Blade"))) =>
        {
            site.arg_val(0)
        }
        "fetch" | "display" if site.recv.is_some() => site.arg_val(0).filter(|v| {
            v.prefix
                .as_deref()
                .or(v.const_str())
                .is_some_and(|p| p.starts_with("string:") || p.starts_with("eval:"))
        }),
        _ => None,
    }
}
