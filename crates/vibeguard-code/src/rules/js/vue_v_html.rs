use crate::check::{Cx, Report, Rule, RuleMeta, on};
use crate::ir::Span;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Vue templates that render a value as HTML with `v-html` (or `:innerHTML`)
    /// when the value is not a string literal and is not passed through a sanitizer.
    ///
    /// ## Why is this bad?
    /// `v-html` inserts markup without escaping: a message, profile field or API answer
    /// that contains `<img src=x onerror=...>` runs script in every viewer's session
    /// (CWE-79). Vue's `{{ }}` interpolation escapes; `v-html` does not.
    ///
    /// ## Example
    /// ```html
    /// <div v-html="message.body"></div>
    /// ```
    ///
    /// ## Use instead
    /// ```html
    /// <div>{{ message.body }}</div>
    /// <div v-html="DOMPurify.sanitize(message.body)"></div>
    /// ```
    VueVHtml
}

static META: RuleMeta = RuleMeta {
    id: "js/vue-v-html",
    title: "Vue template renders a value as HTML",
    cwe: &[79],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "v-html renders this value as HTML without escaping; use {{ }} or sanitize it (DOMPurify)",
    family: Family::Js,
    keywords: &["v-html", "innerHTML"],
    calls: &[],
    on: on::MODULE,
};

/// The directives that set an element's HTML from an expression.
const DIRECTIVES: &[&str] = &["v-html=\"", ":innerHTML=\"", "v-bind:innerHTML=\""];

/// An expression that is a literal or goes through a sanitizer.
fn safe(expr: &str) -> bool {
    let e = expr.trim();
    let literal = e.len() >= 2
        && (e.starts_with('\'') && e.ends_with('\'') || e.starts_with('`') && !e.contains("${"));
    let lower = e.to_ascii_lowercase();
    literal || lower.contains("sanitize") || lower.contains("purify") || lower.contains("escape")
}

impl Rule for VueVHtml {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let path = cx.path();
        if !(path.len() > 4 && path[path.len() - 4..].eq_ignore_ascii_case(".vue")) {
            return;
        }
        let src = cx.whole_text();
        let template_end = src.find("<script").unwrap_or(src.len());
        let template = &src[..template_end];
        for d in DIRECTIVES {
            let mut from = 0;
            while let Some(at) = template[from..].find(d).map(|i| i + from) {
                let start = at + d.len();
                let Some(len) = template[start..].find('"') else {
                    break;
                };
                from = start + len;
                let expr = template[start..start + len].trim();
                if !safe(expr) && !sanitized_binding(cx, expr) {
                    cx.report(Report::at(Span::new(at, start + len + 1)));
                }
            }
        }
    }
}

/// `const safeBody = computed(() => DOMPurify.sanitize(post.value.body))` in the
/// component's script: a binding every assignment of which goes through a sanitizer.
fn sanitized_binding(cx: &Cx<'_, '_>, name: &str) -> bool {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
    {
        return false;
    }
    let module = cx.module();
    let mut seen = 0;
    let mut clean = 0;
    for f in &module.funcs {
        crate::ir::find_assignments(&f.body, name, &mut |v| {
            seen += 1;
            if sanitizes(module, v, 0) {
                clean += 1;
            }
        });
    }
    // The Options API: `computed: { safeBody() { return DOMPurify.sanitize(this.body) } }`,
    // a getter of that name whose every return sanitizes.
    let mut getters: Vec<usize> = module
        .funcs
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name == name)
        .map(|(id, _)| id)
        .collect();
    // (`rendered: function () { ... }`: a function value under that key.)
    for f in &module.funcs {
        for st in &f.body {
            crate::rules::support::walk_stmt_exprs(st, &mut |x| {
                if let crate::ir::ExprKind::Dict(items) = &x.kind {
                    for (k, v) in items {
                        if let (crate::ir::DictKey::Const(k), crate::ir::ExprKind::Func(id)) =
                            (k, &v.kind)
                            && k == name
                            && !getters.contains(id)
                        {
                            getters.push(*id);
                        }
                    }
                }
            });
        }
    }
    for id in getters {
        seen += 1;
        if returns_sanitized(module, id, 1, false) {
            clean += 1;
        }
    }
    seen > 0 && seen == clean
}

/// Does every value function `id` returns come from a sanitizer? `bare` counts an
/// expression statement as the value (an arrow function's expression body).
fn returns_sanitized(module: &crate::ir::Module, id: usize, depth: u32, bare: bool) -> bool {
    use crate::ir::StmtKind;
    let mut returns = 0;
    let mut ok = true;
    crate::ir::for_each_nested_stmt(&module.funcs[id].body, &mut |s| match &s.kind {
        StmtKind::Return(Some(r)) => {
            returns += 1;
            ok = ok && sanitizes(module, r, depth);
        }
        StmtKind::Expr(r) if bare => {
            returns += 1;
            ok = ok && sanitizes(module, r, depth);
        }
        _ => {}
    });
    returns > 0 && ok
}

/// Does `e` give the result of a sanitizer call (directly, or as what a `computed(() =>
/// ...)` getter returns)?
fn sanitizes(module: &crate::ir::Module, e: &crate::ir::Expr, depth: u32) -> bool {
    use crate::ir::ExprKind;
    let Some(c) = e.as_call() else { return false };
    if c.callee.last_name().is_some_and(|n| {
        matches!(
            n,
            "sanitize" | "sanitizeHtml" | "filterXSS" | "escape" | "escapeHtml"
        )
    }) || c.callee.as_name() == Some("sanitizeHtml")
    {
        return true;
    }
    if depth > 1 || c.callee.as_name() != Some("computed") {
        return false;
    }
    let Some(ExprKind::Func(id)) = c.arg(0).map(|a| &a.kind) else {
        return false;
    };
    returns_sanitized(module, *id, depth + 1, true)
}
