use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags templates compiled from input or from strings built at run time:
    /// `render_template_string`, `jinja2.Template`, `Environment.from_string`, Mako,
    /// Django and Tornado `Template`, Chameleon `PageTemplate`, Genshi templates. A Jinja `SandboxedEnvironment` is not flagged: its templates
    /// cannot reach Python internals.
    ///
    /// ## Why is this bad?
    /// Template syntax is code: `{{ cycler.__init__.__globals__.os.popen('id').read() }}`
    /// in a template built from input runs commands on the server (server-side template
    /// injection, CWE-1336, CWE-94). Even where the engine keeps templates away from
    /// Python internals (Django's), the template's own text is rendered as it is, with
    /// no escaping: markup in the input reaches the page as markup (CWE-79).
    ///
    /// ## Example
    /// ```python
    /// return render_template_string(f"<h1>Hello {name}</h1>")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// return render_template_string("<h1>Hello {{ name }}</h1>", name=name)
    /// ```
    TemplateInjection
}

static META: RuleMeta = RuleMeta {
    id: "python/template-injection",
    title: "Template built from input",
    cwe: &[1336, 94, 79],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "template compiled from input; pass values as template variables instead",
    family: Family::Python,
    keywords: &["template", "from_string", "Template"],
    calls: &[
        "render_template_string",
        "Template",
        "from_string",
        "PageTemplate",
        "MarkupTemplate",
        "TextTemplate",
    ],
    on: 0,
};

impl Rule for TemplateInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let hit = site.is(&[
            "flask.render_template_string",
            "jinja2.Template",
            "jinja2.environment.Template",
            "mako.template.Template",
            "django.template.Template",
            "string.Template",
            "tornado.template.Template",
            "chameleon.PageTemplate",
            "chameleon.zpt.template.PageTemplate",
            "genshi.template.MarkupTemplate",
            "genshi.template.TextTemplate",
        ]) || site.name == "from_string" && site.recv.is_some();
        // A sandboxed Jinja environment's templates cannot reach Python internals.
        let sandboxed = site.path.is_some_and(|p| p.starts_with("jinja2.sandbox."));
        if !hit || sandboxed || site.is(&["string.Template"]) {
            return;
        }
        if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("source")) {
            cx.sink(site.span, v, sink::TEMPLATE, Unknown::Built, None);
        }
    }
}
