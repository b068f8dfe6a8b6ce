use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data written to a servlet response (`response.getWriter().print/
    /// write/append`, `getOutputStream().write`) without HTML encoding.
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
    keywords: &["getWriter", "getOutputStream", "print", "write"],
    calls: &["print", "println", "write", "append", "printf", "format"],
    on: 0,
};

impl Rule for JavaXss {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response)) {
            return;
        }
        for v in site.args {
            if cx.flow(site.span, v, sink::HTML, accept::REQUEST) {
                return;
            }
        }
    }
}
