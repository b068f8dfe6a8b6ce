use crate::check::{AssignSite, CallSite, Cx, JsxSite, Rule, RuleMeta, Unknown, on, replace, sink};
use crate::ir::Pattern;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags HTML written into the page from values that are not constants:
    /// `innerHTML`/`outerHTML` assignments, `document.write`, `insertAdjacentHTML`,
    /// jQuery `.html()`, and React `dangerouslySetInnerHTML`. Values from the page address
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
        "dangerouslysetinnerhtml",
        ".html(",
    ],
    calls: &["write", "writeln", "insertAdjacentHTML", "html"],
    on: on::ASSIGN | on::JSX,
};

impl Rule for JsDomXss {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Pattern::Attr(_, attr, attr_span) = site.target else {
            return;
        };
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
            // jQuery $(...).html(value)
            "html"
                if site.recv.is_some()
                    && site.positional() == 1
                    && (cx.imports("jquery") || cx.whole_text().contains("$(")) =>
            {
                (site.arg(0), true)
            }
            _ => (None, false),
        };
        if let Some((_, v)) = arg
            && dynamic
        {
            cx.sink(site.span, v, sink::HTML, Unknown::Dynamic, None);
        }
    }
    fn jsx(&self, cx: &mut Cx<'_, '_>, site: &JsxSite<'_>) {
        if site.attr != "dangerouslySetInnerHTML" {
            return;
        }
        let html = site.val.field("__html").unwrap_or_else(|| site.val.clone());
        cx.sink(site.span, &html, sink::HTML, Unknown::Dynamic, None);
    }
}
