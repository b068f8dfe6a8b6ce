use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data marked safe for `html/template` (`template.HTML`, `template.JS`,
    /// `template.URL`, `template.HTMLAttr`) and written straight to an `http.ResponseWriter`
    /// (`w.Write`, `io.WriteString`, `fmt.Fprint*`) without escaping.
    ///
    /// ## Why is this bad?
    /// The browser runs any script in the value with the site's cookies: a crafted link
    /// steals sessions (reflected XSS, CWE-79).
    ///
    /// ## Example
    /// ```go
    /// fmt.Fprintf(w, "<h1>Hello %s</h1>", r.URL.Query().Get("name"))
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// tmpl.Execute(w, struct{ Name string }{r.URL.Query().Get("name")}) // html/template escapes
    /// ```
    GoXss
}

static META: RuleMeta = RuleMeta {
    id: "go/xss",
    title: "Request data written as HTML",
    cwe: &[79],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "request data written to the response without HTML escaping; use html/template or html.EscapeString",
    family: Family::Go,
    keywords: &["template", "Write", "Fprint", ".Data(", ".HTML", "Execute"],
    calls: &[
        "HTML",
        "JS",
        "URL",
        "HTMLAttr",
        "Write",
        "WriteString",
        "Fprintf",
        "Fprint",
        "Fprintln",
        "Data",
        "HTMLBlob",
        "Execute",
        "ExecuteTemplate",
    ],
    on: 0,
};

impl Rule for GoXss {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.path.is_some_and(|p| p.starts_with("html/template."))
            && matches!(site.name, "HTML" | "JS" | "URL" | "HTMLAttr")
        {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::HTML, accept::REQUEST);
            }
            return;
        }
        // w.Write(...) / fmt.Fprintf(w, ...) / io.WriteString(w, ...)
        let to_response = |i: usize| {
            site.arg(i)
                .is_some_and(|(_, v)| v.is_obj(&ObjKind::Response))
        };
        // echo: c.HTML(code, html) / c.HTMLBlob(code, bytes); gin's c.HTML(code, name, data)
        // renders a template and is not a sink.
        if matches!(site.name, "HTML" | "HTMLBlob")
            && site.positional() == 2
            && site.recv.is_some_and(|r| r.is_obj(&ObjKind::WebContext))
        {
            if let Some((_, v)) = site.arg(1) {
                cx.flow(site.span, v, sink::HTML, accept::REQUEST);
            }
            return;
        }
        // iris: ctx.HTML(markup) writes the markup as the text/html response.
        if site.name == "HTML"
            && site.positional() == 1
            && site.recv.is_some_and(|r| r.is_obj(&ObjKind::WebContext))
        {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::HTML, accept::REQUEST);
            }
            return;
        }
        // gin: c.Data(code, "text/html", body)
        if site.name == "Data"
            && site.recv.is_some_and(|r| r.is_obj(&ObjKind::WebContext))
            && site
                .arg(1)
                .and_then(|(_, v)| v.const_str())
                .is_some_and(|t| t.contains("html"))
        {
            if let Some((_, v)) = site.arg(2) {
                cx.flow(site.span, v, sink::HTML, accept::REQUEST);
            }
            return;
        }
        // text/template's Execute(w, data) / ExecuteTemplate(w, name, data) writes data
        // into the page unescaped (html/template escapes it).
        if matches!(site.name, "Execute" | "ExecuteTemplate")
            && site.recv.is_some()
            && to_response(0)
            && cx.imports("text/template")
            && !cx.imports("html/template")
        {
            let i = if site.name == "Execute" { 1 } else { 2 };
            if !declares_non_html(cx)
                && let Some((_, v)) = site.arg(i)
            {
                cx.flow(site.span, v, sink::HTML, accept::REQUEST);
            }
            return;
        }
        let data: Vec<usize> = if site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response))
            && matches!(site.name, "Write" | "WriteString")
        {
            vec![0]
        } else if site.path.is_some_and(|p| p.starts_with("fmt.Fprint")) && to_response(0) {
            (1..site.positional()).collect()
        } else if site.path == Some("io.WriteString") && to_response(0) {
            vec![1]
        } else {
            return;
        };
        if declares_non_html(cx) {
            return;
        }
        for i in data {
            if let Some((_, v)) = site.arg(i)
                && cx.flow(site.span, v, sink::HTML, accept::REQUEST)
            {
                return;
            }
        }
    }
}

/// The handler sets a Content-Type that is not HTML (`w.Header().Set("Content-Type",
/// "application/json")`): the browser does not render what it writes as a page.
fn declares_non_html(cx: &Cx<'_, '_>) -> bool {
    let body = &cx.module().funcs[cx.func()].body;
    let mut found = false;
    crate::ir::for_each_nested_stmt(body, &mut |st| {
        if let crate::ir::StmtKind::Expr(e) = &st.kind {
            e.walk(&mut |x| {
                if let Some(c) = x.as_call()
                    && matches!(c.callee.last_name(), Some("Set" | "Add"))
                    && let crate::ir::ExprKind::Attr(b, _) = &c.callee.kind
                    && b.as_call()
                        .is_some_and(|h| h.callee.last_name() == Some("Header"))
                    && c.arg(0)
                        .and_then(|a| a.as_str())
                        .is_some_and(|h| h.eq_ignore_ascii_case("content-type"))
                    && c.arg(1)
                        .and_then(|a| a.as_str())
                        .is_some_and(|t| !t.to_ascii_lowercase().contains("html"))
                {
                    found = true;
                }
            });
        }
    });
    found
}
