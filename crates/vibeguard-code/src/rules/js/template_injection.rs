use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, accept, sink};
use crate::flow::value::{ObjKind, Shape, Val};
use crate::ir::{DictKey, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags server-side templates compiled from input or from strings built at run time:
    /// `ejs.render`/`compile`, `pug.render`/`compile`, `handlebars.compile`,
    /// `nunjucks.renderString`, `_.template`, `mustache.render`, `doT.template`, Hogan,
    /// Squirrelly, Eta, LiquidJS (`engine.parseAndRender`), Swig, Twig (`twig({ data })`),
    /// Dust, Velocity, Template7, Whiskers, art-template, Vash, jsrender (also as jQuery's
    /// `$.templates`) and haml; and
    /// Express `res.render(view, locals)` with the whole locals object from the request
    /// (`req.query`, `{ ...req.body }`), which view engines read their options from.
    ///
    /// ## Why is this bad?
    /// Template syntax is code: a template from a request reads files and runs commands on
    /// the server (server-side template injection, CWE-1336, CWE-94). Even a logic-less
    /// engine (Mustache, Handlebars) writes the attacker's markup into the page it
    /// renders, unescaped (CWE-79).
    ///
    /// ## Example
    /// ```js
    /// res.send(ejs.render(`<h1>Hello ${req.query.name}</h1>`));
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// res.send(ejs.render("<h1>Hello <%= name %></h1>", { name: req.query.name }));
    /// ```
    JsTemplateInjection
}

static META: RuleMeta = RuleMeta {
    id: "js/template-injection",
    title: "Template built from input",
    cwe: &[1336, 94, 79],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "template compiled from input; pass values as template data instead",
    family: Family::Js,
    keywords: &[
        ".render(",
        "ejs",
        "pug",
        "handlebars",
        "hbs",
        "nunjucks",
        "template",
        "mustache",
        "dot",
        "hogan",
        "squirrelly",
        "sqrl",
        "eta",
        "liquid",
        "swig",
        "twig",
        "dust",
        "velocity",
        "template7",
        "whiskers",
        "vash",
        "jsrender",
        "haml",
    ],
    calls: &[
        "render",
        "compile",
        "renderString",
        "template",
        "compileTemplate",
        "precompile",
        // Mustache's older name for `render`; Pug's browser-side compilers
        "to_html",
        "compileClient",
        "compileClientWithDependenciesTracked",
        // `new nunjucks.Template(source)`
        "Template",
        // Hogan, LiquidJS, Velocity, Mustache: parse a template into its compiled form
        "parse",
        "parseAndRender",
        "parseAndRenderSync",
        // Squirrelly 7
        "Compile",
        // Dust
        "renderSource",
        "compileFn",
        // `Twig.twig({ data })`
        "twig",
        // jsrender
        "templates",
    ],
    on: 0,
};

const ENGINES: &[&str] = &[
    "ejs",
    "pug",
    "jade",
    "handlebars",
    // express-hbs / hbs / express-handlebars expose the Handlebars they render with
    // (`hbs.handlebars.compile`, `exphbs.create().handlebars`)
    "hbs",
    "express-hbs",
    "express-handlebars",
    "nunjucks",
    "lodash",
    "lodash-es",
    "underscore",
    "mustache",
    "dot",
    "hogan.js",
    // the browser globals `Hogan` and `Sqrl` (Squirrelly)
    "hogan",
    "sqrl",
    "eta",
    "_",
    "lodash.template",
    "squirrelly",
    "liquidjs",
    "swig",
    "swig-templates",
    "twig",
    "dustjs-linkedin",
    "dustjs-helpers",
    "velocityjs",
    "template7",
    "whiskers",
    "art-template",
    "vash",
    "jsrender",
    "hamljs",
    "haml",
];

impl Rule for JsTemplateInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // Express `res.render(view, req.query)` / `{ ...req.body }`: the request chooses
        // the whole locals object, which view engines also read their options from
        // (EJS `outputFunctionName`, hbs `layout`): code run by the template engine.
        if site.name == "render" && site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response)) {
            if let Some((e, locals)) = site.arg(1) {
                // (A literal's own taint is what its spread parts brought in.)
                let whole = match &e.kind {
                    ExprKind::Dict(items) => items
                        .iter()
                        .any(|(k, _)| matches!(k, DictKey::Spread))
                        .then(|| Val::tainted(locals.taint.clone())),
                    _ => (!matches!(locals.shape, Shape::Map(_))).then(|| locals.clone()),
                };
                if let Some(v) = whole {
                    cx.flow(site.span, &v, sink::TEMPLATE, accept::REQUEST);
                }
            }
            return;
        }
        // An engine instance made by its constructor or factory (`eta = new Eta(...)`,
        // `hb = Handlebars.create()`) is named by what made it.
        let made_by = || {
            let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
                return None;
            };
            let def = crate::rules::support::inline_or_single_def(cx, recv)?;
            let c = def.as_call()?;
            // (An environment, not a template already compiled: `new Template(src)`'s
            // `render(data)` renders it.)
            let maker = c.callee.last_name()?;
            let environment = matches!(maker, "create" | "configure")
                || maker != "Template" && maker.starts_with(|ch: char| ch.is_ascii_uppercase());
            environment.then(|| cx.path_of(&c.callee)).flatten()
        };
        let Some(path) = site.path.map(str::to_string).or_else(made_by) else {
            return;
        };
        // The module is matched whole or by a module under it: `hogan.js.compile`,
        // `lodash.template(...)`, `lodash/template`. A browser build used through its
        // global (`Handlebars.compile`, `doT.template`, `Sqrl.render`, no import) names
        // the engine in its own capitalisation.
        let lower = path.to_ascii_lowercase();
        let engine = ENGINES.iter().any(|e| {
            lower
                .strip_prefix(e)
                .is_some_and(|r| r.is_empty() || r.starts_with('.') || r.starts_with('/'))
        }) || site.name == "templates"
            && matches!(lower.as_str(), "$.templates" | "jquery.templates");
        // A template already compiled (`template = Handlebars.compile("...")`) called
        // with its data.
        if !engine || path.ends_with("()") {
            return;
        }
        // `Twig.twig({ data: source })` compiles `data`; `{ href }` / `{ path }` load a
        // template file.
        if site.name == "twig" {
            if let Some(v) = site.arg_val(0).and_then(|o| o.field("data")) {
                cx.sink(site.span, &v, sink::TEMPLATE, Unknown::Built, None);
            }
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.sink(site.span, v, sink::TEMPLATE, Unknown::Built, None);
        }
    }
}
