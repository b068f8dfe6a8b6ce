use crate::check::{CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data written to the page with `echo`, `print`, `<?= ?>`, `printf`,
    /// `die($message)` / `exit($message)`, `print_r`, `var_dump`, `var_export`,
    /// Blade's raw `{!! !!}`, or returned as an HTML response body (Laravel's
    /// `response($html)`, Symfony's `new Response($html)`, PSR-7
    /// `$response->getBody()->write($html)`), or markup returned as the page by a Laravel
    /// route closure or a public controller method (Laravel, CodeIgniter, Yii), without
    /// `htmlspecialchars`/`htmlentities`/`e()`.
    ///
    /// ## Why is this bad?
    /// The browser runs any script in the value with the site's cookies: a crafted link
    /// steals sessions (reflected XSS, CWE-79).
    ///
    /// ## Example
    /// ```php
    /// echo "<p>Hello " . $_GET['name'] . "</p>";
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// echo "<p>Hello " . htmlspecialchars($_GET['name'], ENT_QUOTES, 'UTF-8') . "</p>";
    /// ```
    PhpXss
}

static META: RuleMeta = RuleMeta {
    id: "php/xss",
    title: "Request data echoed as HTML",
    cwe: &[79],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "request data echoed without escaping; wrap it in htmlspecialchars($x, ENT_QUOTES)",
    family: Family::Php,
    keywords: &[
        "echo",
        "print",
        "<?=",
        "printf",
        "esponse(",
        "getBody",
        "return",
        "die",
        "exit",
        "var_dump",
        "var_export",
    ],
    calls: &[
        "echo",
        "printf",
        "print_r",
        "vprintf",
        "response",
        "Response",
        "write",
        "exit",
        "die",
        "var_dump",
        "var_export",
    ],
    on: on::RETURN,
};

impl Rule for PhpXss {
    crate::rule_meta!(META);
    /// `return "<p>" . $name . "</p>";` from a route closure or a public method of a
    /// controller: the framework sends a returned string as the HTML page.
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        let f = &cx.module().funcs[site.func];
        let action = cx.framework() == Some(crate::flow::handlers::Framework::LaravelRoute)
            && cx.is_handler(site.func)
            || f.exported
                && !f.name.starts_with("__")
                && f.class
                    .as_deref()
                    .is_some_and(|c| crate::flow::handlers::php_controller_class(cx.module(), c));
        if !action {
            return;
        }
        let mut markup = false;
        site.value.walk(&mut |x| {
            if x.as_str().is_some_and(|s| s.contains('<')) {
                markup = true;
            }
            if let ExprKind::Template(parts) = &x.kind {
                markup |= parts
                    .iter()
                    .any(|p| matches!(p, crate::ir::TemplatePart::Lit(s) if s.contains('<')));
            }
        });
        if markup {
            cx.flow(site.span, site.val, sink::HTML, accept::REQUEST);
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // PSR-7 (Slim, Mezzio): `$response->getBody()->write($html)`.
        if site.name == "write"
            && site
                .recv
                .is_some_and(|r| r.is_obj(&crate::flow::value::ObjKind::Response))
        {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::HTML, accept::REQUEST);
            }
            return;
        }
        if site.recv.is_some() || non_html_header_before(cx, site) {
            return;
        }
        // `die($message)` / `exit($message)` prints a string before ending the script
        // (an integer is the exit status); `var_export($x)` prints only when its second
        // argument is not true.
        if matches!(site.name, "exit" | "die")
            && site
                .arg_val(0)
                .is_some_and(|v| matches!(v.as_const(), Some(crate::flow::value::Const::Num(_))))
            || site.name == "var_export" && site.arg(1).is_some()
        {
            return;
        }
        // A response body with the default HTML content type: Laravel's `response($html)`
        // and Symfony's `new Response($html)` (a third argument may set other headers).
        let body = (site.name == "response" && !site.call.is_new)
            || (site.name == "Response"
                && site.call.is_new
                && site
                    .path
                    .is_none_or(|p| p == "Response" || p.ends_with("HttpFoundation\\Response")));
        if body {
            if site.arg(2).is_none()
                && let Some((_, v)) = site.arg(0)
            {
                cx.flow(site.span, v, sink::HTML, accept::REQUEST);
            }
            return;
        }
        // printf("<td>%d</td>", $n): the text it prints, numeric conversions included.
        if site.name == "printf"
            && let Some((_, fmt)) = site.arg(0)
            && let Some(text) = fmt.const_str().filter(|_| fmt.is_const())
        {
            let out = crate::flow::php::sprintf(text, &site.args[1..]);
            cx.flow(site.span, &out, sink::HTML, accept::REQUEST);
            return;
        }
        for v in site.args {
            if cx.flow(site.span, v, sink::HTML, accept::REQUEST) {
                return;
            }
        }
    }
}

/// `header('Content-Type: application/json')` (any type but HTML or XML, which can carry
/// script) as a statement of the
/// function (or script) body before the output: the browser does not parse what follows
/// as a page. Only a header set unconditionally counts; one set in a branch may not hold
/// where the output is written.
fn non_html_header_before(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    cx.module().funcs[cx.func()].body.iter().any(|st| {
        let crate::ir::StmtKind::Expr(e) = &st.kind else {
            return false;
        };
        let Some(c) = e.as_call() else {
            return false;
        };
        c.callee.span.start < site.span.start
            && c.callee.as_name() == Some("header")
            && c.arg(0).and_then(|a| a.as_str()).is_some_and(|h| {
                let h = h.to_ascii_lowercase();
                h.strip_prefix("content-type:")
                    .map(str::trim)
                    .is_some_and(|t| !t.is_empty() && !t.contains("html") && !t.contains("xml"))
            })
    })
}
