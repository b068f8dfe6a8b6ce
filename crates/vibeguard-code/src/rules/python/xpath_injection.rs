use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XPath expressions built from input: lxml `xpath()`, `etree.XPath()`, and
    /// ElementTree `find`/`findall`/`iterfind`/`findtext` paths, and `elementpath`
    /// `select`/`iter_select`/`Selector` paths.
    ///
    /// ## Why is this bad?
    /// A value spliced into an XPath can rewrite the query: `' or '1'='1` returns every
    /// node, which turns a credential lookup into an authentication bypass (CWE-643).
    ///
    /// ## Example
    /// ```python
    /// root.xpath(f"//user[@name='{name}']")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// root.xpath("//user[@name=$name]", name=name)
    /// ```
    XpathInjection
}

static META: RuleMeta = RuleMeta {
    id: "python/xpath-injection",
    title: "XPath built from input",
    cwe: &[643],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "XPath expression built from input; pass values as XPath variables",
    family: Family::Python,
    keywords: &["xpath", "find"],
    calls: &[
        "xpath",
        "XPath",
        "find",
        "findall",
        "iterfind",
        "findtext",
        "evaluate",
        "select",
        "iter_select",
        "Selector",
    ],
    on: 0,
};

impl Rule for XpathInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let xml_path = site.path.is_some_and(|p| {
            p.starts_with("lxml.") || p.starts_with("xml.") || p.starts_with("defusedxml.")
        });
        // `root.findall(q)` on an element whose origin the engine lost (a module-level
        // `tree.getroot()`): in a file that parses XML, a path expression built from
        // parts (`"./users/user/[@name='" + name + "']"`) says what it is.
        let element_path = || {
            site.recv.is_some()
                && (cx.imports("xml") || cx.imports("lxml") || cx.imports("defusedxml"))
                && site.arg(0).is_some_and(|(_, v)| {
                    v.built
                        && v.prefix
                            .as_deref()
                            .is_some_and(|p| p.starts_with(['.', '/']) || p.contains('['))
                })
        };
        // elementpath.select(root, path) / iter_select / Selector(path)
        if site.path.is_some_and(|p| p.starts_with("elementpath.")) {
            let arg = match site.name {
                "select" | "iter_select" => site.arg(1).or_else(|| site.kwarg("path")),
                "Selector" => site.arg(0).or_else(|| site.kwarg("path")),
                _ => None,
            };
            if let Some((_, v)) = arg {
                cx.sink(site.span, v, sink::XPATH, Unknown::Built, None);
            }
            return;
        }
        let ok = match site.name {
            "xpath" => true,
            "XPath" | "evaluate" => xml_path,
            _ => xml_path && site.recv.is_some() || element_path(),
        };
        if !ok {
            return;
        }
        if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("path")) {
            cx.sink(site.span, v, sink::XPATH, Unknown::Built, None);
        }
    }
}
