use crate::check::{CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data marked safe for HTML (`.html_safe`, `raw(...)`, `safe_concat`),
    /// rendered with `render html:`, or returned as an HTML string from a Sinatra route
    /// block (which sends it as the page, unescaped).
    ///
    /// ## Why is this bad?
    /// Rails escapes output unless told it is safe: marking input safe lets any script in it
    /// run with the site's cookies (XSS, CWE-79).
    ///
    /// ## Example
    /// ```ruby
    /// render html: "<p>#{params[:name]}</p>".html_safe
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// render html: content_tag(:p, params[:name])
    /// ```
    RubyXss
}

static META: RuleMeta = RuleMeta {
    id: "ruby/xss",
    title: "Request data marked safe as HTML",
    cwe: &[79],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "request data marked HTML-safe or rendered as raw HTML; let Rails escape it",
    family: Family::Ruby,
    keywords: &["html_safe", "raw", "render", "sinatra"],
    calls: &["html_safe", "raw", "render", "safe_concat"],
    on: on::RETURN,
};

impl Rule for RubyXss {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let v = match site.name {
            "html_safe" => site.recv.cloned(),
            "raw" | "safe_concat" => site.arg(0).map(|(_, v)| v.clone()),
            // `render text:` (Rails before 5.1) sends the string as text/html unless a
            // content type says otherwise.
            "render" => site.kwarg("html").map(|(_, v)| v.clone()).or_else(|| {
                let html_type = site
                    .kwarg("content_type")
                    .is_none_or(|(e, _)| e.as_str().is_none_or(|t| t.contains("html")));
                // (`render "card", text: x` in a view passes a local to a partial.)
                site.kwarg("text")
                    .filter(|_| html_type && site.positional() == 0)
                    .map(|(_, v)| v.clone())
            }),
            _ => None,
        };
        if let Some(v) = v {
            cx.flow(site.span, &v, sink::HTML, accept::REQUEST);
        }
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        // get "/hello" do "<h1>Hello #{params['name']}</h1>" end
        let f = &cx.module().funcs[site.func];
        if f.kind != crate::ir::FuncKind::Lambda || !cx.imports("sinatra") {
            return;
        }
        let html = match &site.value.kind {
            crate::ir::ExprKind::Template(_) | crate::ir::ExprKind::Str(_) => {
                cx.text(site.value.span).contains('<')
            }
            _ => false,
        };
        if html {
            cx.flow(site.span, site.val, sink::HTML, accept::REQUEST);
        }
    }
}
