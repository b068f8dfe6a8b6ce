use crate::check::{CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data written to a servlet response (`response.getWriter().print/
    /// write/append`, `getOutputStream().write`) without HTML encoding, and HTML built
    /// from request data that a Spring handler returns as the response body (a string
    /// with markup returned from a request-mapping method, or a `text/html`
    /// `ResponseEntity` body).
    ///
    /// ## Why is this bad?
    /// The browser runs any script in the value with the site's cookies: a crafted link
    /// steals sessions (reflected XSS, CWE-79).
    ///
    /// ## Example
    /// ```java
    /// response.getWriter().println("<h1>Hello " + request.getParameter("name") + "</h1>");
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// response.getWriter().println("<h1>Hello " + Encode.forHtml(request.getParameter("name")) + "</h1>");
    /// ```
    JavaXss
}

static META: RuleMeta = RuleMeta {
    id: "java/xss",
    title: "Request data written as HTML",
    cwe: &[79],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "request data written to the response without HTML encoding; encode it (OWASP Encoder) or use an escaping template",
    family: Family::Java,
    keywords: &["getWriter", "getOutputStream", "print", "write", "Mapping"],
    calls: &[
        "print", "println", "write", "append", "printf", "format", "body",
    ],
    on: on::RETURN,
};

impl Rule for JavaXss {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html)
        if site.name == "body" {
            if let crate::ir::ExprKind::Attr(chain, _) = &site.call.callee.kind {
                let t = cx.text(chain.span);
                if (t.contains("TEXT_HTML") || t.contains("text/html"))
                    && let Some((_, v)) = site.arg(0)
                {
                    cx.flow(site.span, v, sink::HTML, accept::REQUEST);
                }
            }
            return;
        }
        if !site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response)) {
            return;
        }
        for v in site.args {
            if cx.flow(site.span, v, sink::HTML, accept::REQUEST) {
                return;
            }
        }
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        // @GetMapping ... return "<p>" + name + "</p>";  (@RestController / @ResponseBody)
        let f = &cx.module().funcs[site.func];
        let mapped = f.decorators.iter().any(|d| {
            d.last_name()
                .is_some_and(|n| n.ends_with("Mapping") || n == "ResponseBody")
        });
        if !mapped {
            return;
        }
        let mut markup = false;
        site.value.walk(&mut |x| {
            if x.as_str().is_some_and(|s| s.contains('<')) {
                markup = true;
            }
        });
        if markup {
            cx.flow(site.span, site.val, sink::HTML, accept::REQUEST);
        }
    }
}
