use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data written to the page with `echo`, `print`, `<?= ?>`, `printf`,
    /// Blade's raw `{!! !!}`, or returned as an HTML response body (Laravel's
    /// `response($html)`, Symfony's `new Response($html)`) without
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
    keywords: &["echo", "print", "<?=", "printf", "esponse("],
    calls: &[
        "echo", "printf", "print_r", "vprintf", "response", "Response",
    ],
    on: 0,
};

impl Rule for PhpXss {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
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
