use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags templates whose source comes from input: `render inline:` (Rails),
    /// `ERB.new(...)`, `erb`/`haml`/`slim` with a template string (Sinatra),
    /// `Liquid::Template.parse` is not flagged (Liquid does not run code). A value that
    /// was HTML-escaped or stripped of markup (`h`, `strip_tags`, `sanitize`,
    /// `ERB::Util.html_escape`, `CGI.escapeHTML`) has no `<` left to open a `<%` tag.
    ///
    /// ## Why is this bad?
    /// ERB runs the Ruby code inside `<%= %>`: a user who writes the template runs
    /// commands on the server (server-side template injection, CWE-1336, CWE-94); the
    /// text spliced into the template's source is markup too, never escaped (XSS,
    /// CWE-79).
    ///
    /// ## Example
    /// ```ruby
    /// render inline: params[:template]
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// render inline: "<p><%= message %></p>", locals: { message: params[:template] }
    /// ```
    RubyTemplateInjection
}

static META: RuleMeta = RuleMeta {
    id: "ruby/template-injection",
    title: "Template built from input",
    cwe: &[1336, 94, 79],
    severity: Severity::Critical,
    confidence: Confidence::Medium,
    message: "template source from input runs as code; render a fixed template and pass the input as a local",
    family: Family::Ruby,
    keywords: &["inline", "ERB", "erb", "haml", "slim"],
    calls: &["render", "new", "erb", "haml", "slim"],
    on: 0,
};

impl Rule for RubyTemplateInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let src = match site.name {
            "render" => site.kwarg("inline"),
            "new" if site.path.is_some_and(|p| p == "ERB.new") => site.arg(0),
            // Sinatra: erb "<%= ... %>" renders a string template; erb :name a file.
            "erb" | "haml" | "slim" if site.recv.is_none() => site.arg(0),
            _ => None,
        };
        if let Some((_, v)) = src {
            cx.sink(site.span, v, sink::TEMPLATE, Unknown::Skip, None);
        }
    }
}
