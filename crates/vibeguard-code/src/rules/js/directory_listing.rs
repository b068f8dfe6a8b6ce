use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags middleware that serves directory listings over HTTP: `serve-index`,
    /// Express 3 / Connect `directory()`, `@fastify/static` registered with `list`,
    /// `serve-handler` and `ecstatic` / `http-server` unless their listing is switched
    /// off (`directoryListing: false`, `showDir: false`; both list by default).
    ///
    /// ## Why is this bad?
    /// A listing tells anyone who asks which files a folder holds: backups, logs, keys,
    /// order documents that were only meant to be reachable by someone who knows their
    /// name (CWE-548, an exposure of system information, CWE-497).
    ///
    /// ## Example
    /// ```js
    /// app.use("/logs", serveIndex("logs", { icons: true }));
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// app.use("/downloads", express.static("public/downloads")); // files by name, no index
    /// ```
    JsDirectoryListing
}

static META: RuleMeta = RuleMeta {
    id: "js/directory-listing",
    title: "Directory listing served over HTTP",
    cwe: &[548, 497],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "directory listing served over HTTP exposes every file name in the folder; serve the files by name only",
    family: Family::Js,
    keywords: &[
        "serve-index",
        "directory(",
        "fastify-static",
        "@fastify/static",
        "serve-handler",
        "ecstatic",
        "http-server",
    ],
    calls: &[
        // conventional local names of the default export, and the resolved module name
        "serveIndex",
        "serve_index",
        "serve-index",
        "directory",
        "register",
        "handler",
        "serveHandler",
        "serve-handler",
        "ecstatic",
        "createServer",
    ],
    on: 0,
};

/// `{ name: false }` (or `0`, `""`) in the options object at argument `i`.
fn switched_off(site: &CallSite<'_>, i: usize, name: &str) -> bool {
    site.option(i, name)
        .is_some_and(|(e, v)| e.is_false() || v.as_const().is_some_and(|c| !c.truthy()))
}

impl Rule for JsDirectoryListing {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let listing = if site.is(&["serve-index", "serve-index.default"])
            || site.is(&["express.directory", "connect.directory"])
        {
            true
        } else if site.is(&["serve-handler", "serve-handler.default"]) {
            // `handler(req, res, { public })`: lists folders unless told not to.
            !switched_off(site, 2, "directoryListing")
        } else if site.is(&["ecstatic", "ecstatic.default", "http-server.createServer"]) {
            !switched_off(site, 0, "showDir")
        } else if site.name == "register" && site.recv.is_some() {
            // `fastify.register(fastifyStatic, { root, list: true })`
            let plugin = site.call.arg(0).and_then(|e| match &e.kind {
                ExprKind::Name(_) | ExprKind::Attr(..) => cx.path_of(e),
                _ => None,
            });
            plugin.is_some_and(|p| {
                let m = p.strip_suffix(".default").unwrap_or(&p);
                m == "@fastify/static" || m == "fastify-static"
            }) && site.option(1, "list").is_some()
                && !switched_off(site, 1, "list")
        } else {
            false
        };
        if listing {
            cx.report(Report::at(site.span));
        }
    }
}
