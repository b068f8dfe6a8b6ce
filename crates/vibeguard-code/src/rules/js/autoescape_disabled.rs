use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags template engines told not to escape HTML: Handlebars templates compiled with
    /// `{ noEscape: true }` (`Handlebars.compile`, `precompile`, imported or the browser
    /// global), Nunjucks configured or built with `{ autoescape: false }`
    /// (`nunjucks.configure(...)`, `new nunjucks.Environment(...)`), and Squirrelly's
    /// `Sqrl.autoEscaping(false)`.
    ///
    /// ## Why is this bad?
    /// Every `{{ value }}` of such a template is written into the page as raw HTML: one
    /// value a user controls, now or after a later change, runs script in the page
    /// (CWE-79, CWE-116).
    ///
    /// ## Example
    /// ```js
    /// const page = Handlebars.compile(source, { noEscape: true });
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const page = Handlebars.compile(source); // and {{{ }}} only for trusted markup
    /// ```
    JsAutoescapeDisabled
}

static META: RuleMeta = RuleMeta {
    id: "js/autoescape-disabled",
    title: "Template engine without HTML escaping",
    cwe: &[79, 116],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "template engine set not to escape HTML; keep escaping on and mark only trusted markup as raw",
    family: Family::Js,
    keywords: &["noEscape", "autoescape"],
    calls: &[
        "compile",
        "precompile",
        "configure",
        "Environment",
        "autoEscaping",
    ],
    on: 0,
};

impl Rule for JsAutoescapeDisabled {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // Squirrelly: `Sqrl.autoEscaping(false)` turns escaping off for every template.
        if site.name == "autoEscaping" && site.is(&["squirrelly.*", "Sqrl.*"]) {
            if site
                .arg_val(0)
                .is_some_and(|v| const_bool(v) == Some(false))
            {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let (options, key, off) = match site.name {
            "compile" | "precompile" if site.is(&["handlebars.*", "Handlebars.*"]) => {
                (1, "noEscape", true)
            }
            // `configure(options)` or `configure(path, options)`.
            "configure" if site.is(&["nunjucks.configure"]) => {
                (site.positional().saturating_sub(1), "autoescape", false)
            }
            "Environment" if site.call.is_new && site.is(&["nunjucks.Environment"]) => {
                (1, "autoescape", false)
            }
            _ => return,
        };
        if site
            .option(options, key)
            .is_some_and(|(_, v)| const_bool(&v) == Some(off))
        {
            cx.report(Report::at(site.span));
        }
    }
}
