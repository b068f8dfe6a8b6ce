use crate::check::{
    AssignSite, CallSite, Cx, JsxSite, Report, Rule, RuleMeta, Unknown, on, replace, sink,
};
use crate::ir::{Expr, ExprKind, Pattern};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags HTML written into the page from values that are not constants:
    /// `innerHTML`/`outerHTML` assignments, the `src` of a `<script>` element the page
    /// creates (input only), `document.write`, `insertAdjacentHTML`, `setHTMLUnsafe`,
    /// `document.execCommand("insertHTML", ...)`,
    /// jQuery and AngularJS jqLite `.html()` (on a receiver built by `$()`, `jQuery()` or
    /// `angular.element()`, or spelled `$name`), jQuery's
    /// HTML-string constructor (`$("<li>" + name + "</li>")`, input only), React
    /// `dangerouslySetInnerHTML` (as a JSX attribute or a `React.createElement` prop),
    /// and the calls that mark a value as safe markup so the
    /// framework stops escaping it: AngularJS `$sce.trustAs(type, x)` /
    /// `$sce.trustAsHtml(x)` (and the Js, Url, ResourceUrl and Css forms), Angular
    /// `DomSanitizer.bypassSecurityTrustHtml(x)` (and Script, Style, Url, ResourceUrl),
    /// Angular `Renderer2.setProperty(el, "innerHTML", x)`,
    /// Handlebars `new SafeString(x)` and lit `unsafeHTML(x)` (input only),
    /// strict contextual escaping switched off for the whole application
    /// (`$sceProvider.enabled(false)`), and serialize-javascript asked not to escape
    /// markup (`serialize(data, { unsafe: true })`). Values from the page address
    /// (`location.hash`, `document.URL`, ...) are reported with high confidence.
    ///
    /// ## Why is this bad?
    /// Markup in the value becomes live DOM: `<img src=x onerror=...>` runs script with the
    /// page's privileges (DOM-based XSS, CWE-79).
    ///
    /// ## Example
    /// ```js
    /// el.innerHTML = location.hash.slice(1);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// el.textContent = location.hash.slice(1); // or DOMPurify.sanitize(html)
    /// ```
    JsDomXss
}

static META: RuleMeta = RuleMeta {
    id: "js/dom-xss",
    title: "HTML built from run-time values",
    cwe: &[79],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "run-time value written as HTML; use textContent, or sanitize it (DOMPurify) first",
    family: Family::Js,
    keywords: &[
        "innerhtml",
        "outerhtml",
        "document.write",
        "insertadjacenthtml",
        "sethtmlunsafe",
        "inserthtml",
        "dangerouslysetinnerhtml",
        "srcdoc",
        "createcontextualfragment",
        "safestring",
        "unsafehtml",
        // createElement("script")
        "\"script\"",
        "'script'",
        "`script`",
        "setattribute",
        ".html(",
        ".append(",
        ".prepend(",
        ".after(",
        ".before(",
        ".replacewith(",
        ".wrap(",
        "$(\"<",
        "$('<",
        "$(`<",
        "jquery(",
        "trustas",
        "bypasssecuritytrust",
        "$sceprovider",
        "serialize-javascript",
    ],
    calls: &[
        "write",
        "writeln",
        "insertAdjacentHTML",
        "setHTMLUnsafe",
        "execCommand",
        "setAttribute",
        "setProperty",
        "html",
        "append",
        "prepend",
        "after",
        "before",
        "replaceWith",
        "wrap",
        "$",
        "jQuery",
        "trustAs",
        "trustAsHtml",
        "trustAsJs",
        "trustAsUrl",
        "trustAsResourceUrl",
        "trustAsCss",
        "bypassSecurityTrustHtml",
        "bypassSecurityTrustScript",
        "bypassSecurityTrustStyle",
        "bypassSecurityTrustUrl",
        "bypassSecurityTrustResourceUrl",
        "enabled",
        "serialize-javascript",
        "createElement",
        "createContextualFragment",
        "SafeString",
        "unsafeHTML",
    ],
    on: on::ASSIGN | on::JSX,
};

impl Rule for JsDomXss {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Pattern::Attr(_, attr, attr_span) = site.target else {
            return;
        };
        // `frame.srcdoc = html`: the frame's whole document.
        if attr == "srcdoc" {
            cx.sink(site.span, site.val, sink::HTML, Unknown::Skip, None);
            return;
        }
        // `script.src = url` on a `document.createElement("script")`: the page runs
        // whatever that URL serves.
        if attr == "src"
            && let Pattern::Attr(obj, _, _) = site.target
            && created_script(cx, obj)
        {
            cx.sink(site.span, site.val, sink::URL, Unknown::Skip, None);
            return;
        }
        if attr != "innerHTML" && attr != "outerHTML" {
            return;
        }
        // Plain text (no markup) fits textContent exactly.
        let text_only = site.val.prefix.as_deref().is_none_or(|p| !p.contains('<'))
            && !cx.text(site.value.span).contains('<');
        let fix = (attr == "innerHTML" && text_only && !site.augmented).then(|| {
            let start = attr_span.end as usize - "innerHTML".len();
            replace(
                crate::ir::Span::new(start, attr_span.end as usize),
                "textContent",
                "set the text with textContent (no HTML parsing)",
            )
        });
        cx.sink(site.span, site.val, sink::HTML, Unknown::Dynamic, fix);
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let (arg, dynamic) = match site.name {
            "write" | "writeln"
                if site.is(&[
                    "document.write",
                    "document.writeln",
                    "window.document.write",
                ]) =>
            {
                (site.arg(0), true)
            }
            "insertAdjacentHTML" => (site.arg(1), true),
            // `el.setHTMLUnsafe(html)` / `shadowRoot.setHTMLUnsafe(html)`: innerHTML's
            // newer name, declarative shadow roots included.
            "setHTMLUnsafe" if site.recv.is_some() => (site.arg(0), true),
            // `document.execCommand("insertHTML", false, html)` in an editable region.
            "execCommand"
                if site
                    .call
                    .arg(0)
                    .and_then(|a| a.as_str())
                    .is_some_and(|c| c.eq_ignore_ascii_case("insertHTML")) =>
            {
                (site.arg(2), true)
            }
            // `range.createContextualFragment(html)`: parsed as markup; its scripts run
            // once inserted.
            "createContextualFragment" if site.recv.is_some() => {
                if let Some((_, v)) = site.arg(0) {
                    cx.sink(site.span, v, sink::HTML, Unknown::Skip, None);
                }
                (None, false)
            }
            // `el.setAttribute("srcdoc", html)` / an `on*` handler attribute: markup or
            // script the browser runs.
            "setAttribute"
                if site.recv.is_some()
                    && site.call.arg(0).and_then(|a| a.as_str()).is_some_and(|a| {
                        let a = a.to_ascii_lowercase();
                        a == "srcdoc" || a.starts_with("on") && a.len() > 2
                    }) =>
            {
                if let Some((_, v)) = site.arg(1) {
                    cx.sink(site.span, v, sink::HTML, Unknown::Skip, None);
                }
                (None, false)
            }
            // Angular's `Renderer2.setProperty(el, "innerHTML", html)`: the property
            // assignment made through the renderer.
            "setProperty"
                if site.recv.is_some()
                    && site.positional() == 3
                    && site
                        .call
                        .arg(1)
                        .and_then(|a| a.as_str())
                        .is_some_and(|a| matches!(a, "innerHTML" | "outerHTML" | "srcdoc")) =>
            {
                (site.arg(2), true)
            }
            // jQuery $(...).html(value), AngularJS angular.element(...).html(value)
            "html"
                if site.recv.is_some()
                    && site.positional() == 1
                    && (angular_element(site) || jquery_receiver(cx, site)) =>
            {
                (site.arg(0), true)
            }
            // jQuery's `.append(str)`, `.prepend`, `.after`, `.before`, `.replaceWith`,
            // `.wrap`: a string is parsed as HTML. Reported for input only (elements and
            // jQuery objects are passed to them as often).
            "append" | "prepend" | "after" | "before" | "replaceWith" | "wrap"
                if site.recv.is_some() && site.positional() == 1 && jquery_receiver(cx, site) =>
            {
                if let Some((_, v)) = site.arg(0) {
                    cx.sink(site.span, v, sink::HTML, Unknown::Skip, None);
                }
                (None, false)
            }
            // `$("<li>" + name + "</li>")`: jQuery parses a string that starts with a tag
            // as HTML and builds live elements from it.
            "$" | "jQuery"
                if site
                    .path
                    .is_none_or(|p| p == "$" || p == "jQuery" || p == "jquery")
                    // (or a whole value from input, which may start with one:
                    // `$(location.hash)`, `$(params.get("tab"))`; a field of some options
                    // object, whose taint may be the whole object's, is left alone)
                    && site.arg(0).is_some_and(|(e, v)| match v.prefix.as_deref() {
                        Some(p) => v.built && p.trim_start().starts_with('<'),
                        None => page_value(e),
                    }) =>
            {
                if let Some((_, v)) = site.arg(0) {
                    cx.sink(site.span, v, sink::HTML, Unknown::Skip, None);
                }
                (None, false)
            }
            // serialize-javascript with `unsafe: true` stops escaping `<`, `>` and `/`:
            // its output, meant for a `<script>` block, can close that block.
            _ if site.path == Some("serialize-javascript")
                && site
                    .option(1, "unsafe")
                    .is_some_and(|(e, _)| matches!(e.kind, ExprKind::Bool(true))) =>
            {
                (site.arg(0), true)
            }
            // `React.createElement(tag, { dangerouslySetInnerHTML: { __html } })`: the
            // JSX attribute written without JSX.
            "createElement" if site.is(&["React.createElement", "react.createElement"]) => {
                if let Some((e, props)) = site.arg(1)
                    && let Some(d) = props.field("dangerouslySetInnerHTML")
                {
                    let html = d.field("__html").unwrap_or(d);
                    let inner = e
                        .prop("dangerouslySetInnerHTML")
                        .map(|x| x.prop("__html").unwrap_or(x));
                    let unknown = inner.map_or(Unknown::Dynamic, |x| unknown_for(cx, x));
                    cx.sink(site.span, &html, sink::HTML, unknown, None);
                }
                (None, false)
            }
            // AngularJS strict contextual escaping: the value is declared safe markup,
            // script or URL for its context.
            "trustAs" if sce_service(site) => (site.arg(1), true),
            "trustAsHtml" | "trustAsJs" | "trustAsUrl" | "trustAsResourceUrl" | "trustAsCss"
                if sce_service(site) =>
            {
                (site.arg(0), true)
            }
            // Handlebars' `new SafeString(html)` and lit's `unsafeHTML(html)`: markup the
            // template inserts without escaping. Input only (helpers wrap the markup they
            // build themselves).
            "SafeString" | "unsafeHTML"
                if site.is(&[
                    "handlebars.SafeString",
                    "Handlebars.SafeString",
                    "handlebars.default.SafeString",
                    "lit/directives/unsafe-html.js.unsafeHTML",
                    "lit/directives/unsafe-html.unsafeHTML",
                    "lit-html/directives/unsafe-html.js.unsafeHTML",
                ]) || site.name == "SafeString" && site.call.is_new =>
            {
                if let Some((_, v)) = site.arg(0) {
                    cx.sink(site.span, v, sink::HTML, Unknown::Skip, None);
                }
                (None, false)
            }
            // Angular's DomSanitizer: the value skips sanitization.
            "bypassSecurityTrustHtml"
            | "bypassSecurityTrustScript"
            | "bypassSecurityTrustStyle"
            | "bypassSecurityTrustUrl"
            | "bypassSecurityTrustResourceUrl"
                if site.recv.is_some() =>
            {
                (site.arg(0), true)
            }
            // `$sceProvider.enabled(false)`: no contextual escaping anywhere in the app.
            "enabled"
                if site.call.callee.dotted().as_deref() == Some("$sceProvider.enabled")
                    && site.call.arg(0).is_some_and(|a| a.is_false()) =>
            {
                cx.report(
                    Report::at(site.span)
                        .message("strict contextual escaping ($sce) is switched off for the whole application; leave it on")
                        .confidence(Confidence::High),
                );
                (None, false)
            }
            _ => (None, false),
        };
        if let Some((e, v)) = arg
            && dynamic
        {
            // AngularJS code passes scope data around whose origin the analysis cannot
            // see; there, jqLite `.html()` reports input only.
            let unknown = if angular_element(site) {
                Unknown::Skip
            } else {
                unknown_for(cx, e)
            };
            cx.sink(site.span, v, sink::HTML, unknown, None);
        }
    }
    fn jsx(&self, cx: &mut Cx<'_, '_>, site: &JsxSite<'_>) {
        // `<iframe srcDoc={html} />`: the frame's whole document.
        if site.attr == "srcDoc" {
            cx.sink(site.span, site.val, sink::HTML, Unknown::Skip, None);
            return;
        }
        if site.attr != "dangerouslySetInnerHTML" {
            return;
        }
        let html = site.val.field("__html").unwrap_or_else(|| site.val.clone());
        let inner = site.value.prop("__html").unwrap_or(site.value);
        cx.sink(site.span, &html, sink::HTML, unknown_for(cx, inner), None);
    }
}

/// A call's result, a variable, or a property of the page's own objects (`location.hash`,
/// `window.name`, `document.referrer`).
fn page_value(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call(_) | ExprKind::Name(_) => true,
        ExprKind::Attr(..) => {
            let mut root = e;
            while let ExprKind::Attr(b, _) = &root.kind {
                root = b;
            }
            matches!(root.as_name(), Some("location" | "window" | "document"))
        }
        _ => false,
    }
}

/// Is `e` a `<script>` element the page creates: `document.createElement("script")`,
/// inline or in a variable assigned once?
fn created_script(cx: &Cx<'_, '_>, e: &crate::ir::Expr) -> bool {
    let Some(e) = crate::rules::support::inline_or_single_def(cx, e) else {
        return false;
    };
    e.as_call().is_some_and(|c| {
        c.callee.last_name() == Some("createElement")
            && c.arg(0)
                .and_then(|a| a.as_str())
                .is_some_and(|t| t.eq_ignore_ascii_case("script"))
    })
}

/// `$sce.trustAs...(...)` on AngularJS's `$sce` service (injected under that name).
fn sce_service(site: &CallSite<'_>) -> bool {
    match &site.call.callee.kind {
        crate::ir::ExprKind::Attr(base, _) => base
            .dotted()
            .is_some_and(|b| b == "$sce" || b.ends_with(".$sce")),
        _ => false,
    }
}

/// Values of unknown origin are reported (with low confidence) unless the expression is
/// the result of an HTML sanitizer (`DOMPurify.sanitize(x)`, `sanitizeHtml(x)`,
/// `$sanitize(x)`): its output is markup the sanitizer allows, whatever went in.
fn unknown_for(cx: &Cx<'_, '_>, e: &crate::ir::Expr) -> Unknown {
    let Some(c) = e.as_call() else {
        return Unknown::Dynamic;
    };
    let callee = cx
        .path_of(&c.callee)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let name = c.callee.last_name().unwrap_or("").to_ascii_lowercase();
    // jQuery's `$("<div>").text(s).html()`: the text, HTML-escaped.
    let escaped_text = name == "html"
        && c.args.is_empty()
        && matches!(&c.callee.kind, ExprKind::Attr(b, _)
            if b.as_call().is_some_and(|t| t.args.len() == 1
                && matches!(&t.callee.kind, ExprKind::Attr(_, m) if m == "text")));
    let sanitizer = escaped_text
        || ["sanitize", "purify", "escape", "$sanitize"]
            .iter()
            .any(|w| name.starts_with(w))
        || callee.contains("dompurify")
        || matches!(callee.as_str(), "xss" | "sanitize-html" | "xss.filterxss");
    if sanitizer {
        Unknown::Skip
    } else {
        Unknown::Dynamic
    }
}

/// `angular.element(...).html(x)`.
fn angular_element(site: &CallSite<'_>) -> bool {
    match &site.call.callee.kind {
        crate::ir::ExprKind::Attr(base, _) => base
            .as_call()
            .is_some_and(|c| c.callee.dotted().as_deref() == Some("angular.element")),
        _ => false,
    }
}

/// Is the receiver of `recv.html(x)` a jQuery (or jqLite) collection? Decided on the
/// syntax of the receiver: a `$(...)` / `jQuery(...)` / `angular.element(...)` call, a
/// method chain on one (`$(sel).find("li").first()`), a name or member that jQuery code
/// spells with a leading `$` (`$list`, `this.$el`), or a local variable the function (or
/// one enclosing it) assigns such a value. In a file that imports jquery every receiver
/// counts.
fn jquery_receiver(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    if cx.imports("jquery") {
        return true;
    }
    let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    jquery_value(cx, recv, 0)
}

fn jquery_value(cx: &Cx<'_, '_>, e: &Expr, depth: u32) -> bool {
    if depth > 8 {
        return false;
    }
    match &e.kind {
        ExprKind::Call(c) => match &c.callee.kind {
            ExprKind::Name(n) => n == "$" || n == "jQuery",
            ExprKind::Attr(base, m) => {
                (m == "element" && matches!(&base.kind, ExprKind::Name(b) if b == "angular"))
                    || jquery_value(cx, base, depth + 1)
            }
            _ => false,
        },
        ExprKind::Attr(_, a) => a.len() > 1 && a.starts_with('$'),
        ExprKind::Name(n) => {
            if n.len() > 1 && n.starts_with('$') {
                return true;
            }
            let module = cx.module();
            let mut f = Some(cx.func());
            let mut found = false;
            while let Some(id) = f {
                let func = &module.funcs[id];
                crate::ir::find_assignments(&func.body, n, &mut |v| {
                    found = found || jquery_value(cx, v, depth + 1);
                });
                if found {
                    return true;
                }
                f = func.parent;
            }
            false
        }
        _ => false,
    }
}
