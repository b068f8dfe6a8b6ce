use crate::check::{AssignSite, CallSite, Cx, Rule, RuleMeta, accept, on, sink};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags caught errors (`err.message`, `err.stack`, the error itself) sent to the
    /// client with `res.send`/`res.json`/`res.end`/`res.write` or a `Response`.
    ///
    /// ## Why is this bad?
    /// Error text names files, queries, library versions and sometimes secrets: a map for
    /// the next attack (CWE-209, CWE-497).
    ///
    /// ## Example
    /// ```js
    /// } catch (err) {
    ///   res.status(500).json({ error: err.message });
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// } catch (err) {
    ///   logger.error(err);
    ///   res.status(500).json({ error: "internal error" });
    /// }
    /// ```
    JsErrorDisclosure
}

static META: RuleMeta = RuleMeta {
    id: "js/error-disclosure",
    title: "Error details sent to the client",
    cwe: &[209, 497, 200],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "error details sent to the client; log them and return a generic message",
    family: Family::Js,
    keywords: &["catch", "err"],
    calls: &[
        "send", "json", "end", "write", "Response", "json_", "text", "html",
    ],
    on: on::ASSIGN,
};

impl Rule for JsErrorDisclosure {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let res = site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response))
            && matches!(site.name, "send" | "json" | "end" | "write")
            // Hono: `c.json(...)`, `c.text(...)`, `c.html(...)`
            || site.recv.is_some_and(|r| r.is_obj(&ObjKind::WebContext))
                && matches!(site.name, "json" | "text" | "html");
        let response = site.is(&[
            "Response",
            "Response.json",
            "NextResponse.json",
            "next/server.NextResponse.json",
        ]);
        if !(res || response) {
            return;
        }
        for v in site.args {
            if cx.flow(site.span, v, sink::HTML, accept::ERROR) {
                return;
            }
        }
    }
    /// Koa: `ctx.body = { message: err.message }` is the response.
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        if site.target_path.as_deref() == Some("ctx.body") {
            cx.flow(site.span, site.val, sink::HTML, accept::ERROR);
        }
    }
}
