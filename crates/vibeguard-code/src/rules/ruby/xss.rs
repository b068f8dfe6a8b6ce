use crate::check::{CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data marked safe for HTML (`.html_safe`, `raw(...)`, `safe_concat`,
    /// `<%== ... %>` in an ERB view, and `<%= ... %>` in a Rails 2 application without the
    /// rails_xss plugin, which does not escape it), rendered with `render text:` or `render js:` (script, never escaped) or given to
    /// `render html:` as a view helper's result (a plain string there is escaped), sent
    /// with `send_data` inline as HTML (`type: "text/html", disposition: "inline"`),
    /// read whole from the request as the URL of `link_to` (`link_to "Back",
    /// params[:return_to]`), or returned as an HTML string from a Sinatra or Roda
    /// route block (which sends it as the page, unescaped) or as the body of a Rack
    /// `call(env)` response whose content type is HTML, or given to a tag helper as an
    /// attribute name (`content_tag(:div, x, { params[:k] => v })`) or as an attribute
    /// value with escaping turned off (`tag(:img, { src: v }, false, false)`). Fields of records an
    /// ActiveRecord query returns (`Post.last.body`) count too, at low confidence:
    /// stored XSS. In a view, the instance variables its controller action (with its
    /// before filters and helpers) sets carry their data.
    ///
    /// ## Why is this bad?
    /// Rails escapes output unless told it is safe: marking input safe lets any script in it
    /// run with the site's cookies (XSS, CWE-79). Escaping does not help a link: a
    /// `javascript:` URL from the request runs when the link is clicked.
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
    message: "request data marked HTML-safe, rendered as raw HTML or used as a link URL; let Rails escape it and allow only http(s) links",
    family: Family::Ruby,
    keywords: &[
        "html_safe",
        "raw",
        "render",
        "sinatra",
        "link_to",
        "text/html",
        "send_data",
        "content_tag",
        "tag",
    ],
    calls: &[
        "content_tag",
        "tag",
        "html_safe",
        "raw",
        "render",
        "safe_concat",
        "link_to",
        "send_data",
    ],
    on: on::RETURN,
};

impl Rule for RubyXss {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // link_to(text, url) / link_to(url) { text }: a URL read whole from the request
        // (a string built after a constant or another value cannot start `javascript:`;
        // what a function made of it is its business, unless it only escaped HTML).
        if site.name == "link_to" {
            let block = site
                .call
                .args
                .iter()
                .any(|a| matches!(a.value.kind, ExprKind::Func(_)));
            if site.recv.is_none()
                && let Some((e, v)) = site.arg(if block { 0 } else { 1 })
                && whole_value(e)
                && v.prefix.is_none()
            {
                cx.flow(site.span, v, sink::URL, accept::REQUEST);
            }
            return;
        }
        if matches!(site.name, "content_tag" | "tag") && site.recv.is_none() {
            tag_attributes(cx, site);
            return;
        }
        let v = match site.name {
            "html_safe" => site.recv.cloned(),
            "raw" | "safe_concat" => site.arg(0).map(|(_, v)| v.clone()),
            // `render text:` (Rails before 5.1) sends the string as text/html unless a
            // content type says otherwise. `render html:` escapes a string that is not
            // html_safe: a plain string or interpolation is safe (an html_safe one is
            // reported where it was marked); a helper's result may be marked safe.
            // `render js: "..."`: script the browser runs as this site's (loaded by a
            // script tag or Rails UJS); nothing in it is escaped.
            "render" => site
                .kwarg("html")
                .filter(|(e, _)| helper_result(e))
                .or_else(|| site.kwarg("js"))
                .map(|(_, v)| v.clone())
                .or_else(|| {
                    let html_type = site
                        .kwarg("content_type")
                        .is_none_or(|(e, _)| e.as_str().is_none_or(|t| t.contains("html")));
                    // (`render "card", text: x` in a view passes a local to a partial.)
                    site.kwarg("text")
                        .filter(|_| html_type && site.positional() == 0)
                        .map(|(_, v)| v.clone())
                }),
            // `send_data body, type: "text/html", disposition: "inline"`: the browser
            // shows the data as a page of this site (a type the request picks, too). The
            // default disposition, `attachment`, downloads it instead.
            "send_data" if site.recv.is_none() => {
                let inline = site
                    .kwarg("disposition")
                    .is_some_and(|(e, _)| e.as_str() == Some("inline"));
                let html_type = site
                    .kwarg("type")
                    .or_else(|| site.kwarg("content_type"))
                    .is_some_and(|(e, v)| match e.as_str() {
                        Some(t) => t.contains("html") || t.contains("svg"),
                        None => cx.is_tainted(v, sink::HTML, accept::REQUEST),
                    });
                site.arg(0)
                    .filter(|_| inline && html_type)
                    .map(|(_, v)| v.clone())
            }
            _ => None,
        };
        // Request data, and fields of database records (stored XSS).
        if let Some(v) = v {
            cx.flow(site.span, &v, sink::HTML, accept::REQUEST | accept::STORED);
        }
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        // get "/hello" do "<h1>Hello #{params['name']}</h1>" end
        let f = &cx.module().funcs[site.func];
        // A Rack application's `call(env)` returning `[200, {"content-type" =>
        // "text/html"}, [body]]`: the body is the page.
        if f.name == "call"
            && f.class.is_some()
            && f.params.len() == 1
            && f.params[0].name() == Some("env")
        {
            if let ExprKind::List(items) = &site.value.kind
                && items.len() == 3
                && html_headers(&items[1])
                && let crate::flow::value::Shape::Seq(vals) = &site.val.shape
                && let Some(body) = vals.get(2)
            {
                cx.flow(site.span, body, sink::HTML, accept::REQUEST);
            }
            return;
        }
        // (Roda's routing blocks, `r.get "hello" do ... end`, send what they return too.)
        if f.kind != crate::ir::FuncKind::Lambda || !(cx.imports("sinatra") || cx.imports("roda")) {
            return;
        }
        let html = match &site.value.kind {
            ExprKind::Template(_) | ExprKind::Str(_) => cx.text(site.value.span).contains('<'),
            _ => false,
        };
        if html {
            cx.flow(site.span, site.val, sink::HTML, accept::REQUEST);
        }
    }
}

/// `content_tag(:div, body, { params[:k] => v })`, `tag(:img, { k => v }, false, false)`:
/// the tag helpers escape attribute values, unless told not to by a last argument
/// `false`, and never attribute names; what they return is marked safe and printed as
/// it is. A name from the request or a record, or an unescaped value, writes its own
/// markup into the tag.
fn tag_attributes(cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
    let unescaped = site
        .arg(site.positional().saturating_sub(1))
        .is_some_and(|(e, _)| e.is_false())
        && site.positional() >= 3;
    for (k, a) in site.call.args.iter().enumerate() {
        if let ExprKind::Dict(items) = &a.value.kind
            && a.name.is_none()
            && k > 0
        {
            for (key, value) in items {
                if let crate::ir::DictKey::Expr(key) = key {
                    let v = cx.value_of(key);
                    if cx.flow(site.span, &v, sink::HTML, accept::REQUEST | accept::STORED) {
                        return;
                    }
                }
                if unescaped {
                    let v = cx.value_of(value);
                    if cx.flow(site.span, &v, sink::HTML, accept::REQUEST | accept::STORED) {
                        return;
                    }
                }
            }
        } else if unescaped
            && a.name.as_deref().is_some_and(|n| n != "&")
            && cx.flow(
                site.span,
                &site.args[k],
                sink::HTML,
                accept::REQUEST | accept::STORED,
            )
        {
            return;
        }
    }
}

/// A value read from the request as it stands (`params[:url]`, `request.referer`,
/// `cookies[:back]`), or only HTML-escaped (`h(x)`). (Variables and record attributes
/// are left out: the engine cannot tell a record, which `link_to` turns into a route to
/// it, from a string.)
fn whole_value(e: &crate::ir::Expr) -> bool {
    match &e.kind {
        ExprKind::Attr(..) | ExprKind::Index(..) => {
            let mut cur = e;
            while let ExprKind::Attr(b, _) | ExprKind::Index(b, _) = &cur.kind {
                cur = b;
            }
            matches!(cur.as_name(), Some("params" | "request" | "cookies"))
        }
        ExprKind::Call(c) => {
            c.callee
                .as_name()
                .is_some_and(|n| matches!(n, "h" | "html_escape" | "escape_once"))
                && c.args.first().is_some_and(|a| whole_value(&a.value))
        }
        _ => false,
    }
}

/// `highlight(x)`, `helpers.highlight(x)`, `view_context.link(x)`: the result of a view
/// helper, which may be an html_safe string.
fn helper_result(e: &crate::ir::Expr) -> bool {
    let Some(c) = e.as_call() else { return false };
    match &c.callee.kind {
        ExprKind::Name(_) => true,
        ExprKind::Attr(b, _) => matches!(b.as_name(), Some("helpers" | "view_context")),
        _ => false,
    }
}

/// A Rack headers hash literal whose content type is HTML.
fn html_headers(e: &crate::ir::Expr) -> bool {
    let ExprKind::Dict(items) = &e.kind else {
        return false;
    };
    items.iter().any(|(k, v)| {
        matches!(k, crate::ir::DictKey::Const(k) if k.eq_ignore_ascii_case("content-type"))
            && v.as_str().is_some_and(|t| t.contains("html"))
    })
}
