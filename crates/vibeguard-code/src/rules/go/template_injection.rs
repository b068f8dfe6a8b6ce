use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Go templates (`html/template`, `text/template`) whose template text comes
    /// from request input: `template.New(name).Parse(text)` and `(*Template).Parse`
    /// with text built from the request.
    ///
    /// ## Why is this bad?
    /// Template actions are code: input that becomes template text can read every field
    /// of the data passed to `Execute` (`{{ .Password }}`) and call its exported methods
    /// (server-side template injection, CWE-1336). html/template escapes the data it
    /// inserts, not the template itself: the template's own text is markup the page
    /// sends as is, script tags included (CWE-79).
    ///
    /// ## Example
    /// ```go
    /// text := fmt.Sprintf("<p>Results for %s</p>", r.URL.Query().Get("q"))
    /// tmpl, _ := template.New("page").Parse(text)
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// tmpl, _ := template.New("page").Parse("<p>Results for {{ .Query }}</p>")
    /// tmpl.Execute(w, map[string]string{"Query": r.URL.Query().Get("q")})
    /// ```
    GoTemplateInjection
}

static META: RuleMeta = RuleMeta {
    id: "go/template-injection",
    title: "Template text built from input",
    cwe: &[1336, 94, 79],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "template text built from request input; keep the template constant and pass the input as data to Execute",
    family: Family::Go,
    keywords: &["template"],
    calls: &["Parse"],
    on: 0,
};

impl Rule for GoTemplateInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&[
            "html/template.Template.Parse",
            "text/template.Template.Parse",
        ]) && let Some((_, v)) = site.arg(0)
        {
            cx.flow(site.span, v, sink::TEMPLATE, accept::REQUEST);
        }
    }
}
