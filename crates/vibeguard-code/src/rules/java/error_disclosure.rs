use crate::check::{CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags exception details (`e.getMessage()`, `e.toString()`, stack traces) sent to
    /// the client: written to the servlet response, put in a `ResponseEntity` body or a
    /// JAX-RS `Response` entity, or returned from an `@ExceptionHandler`, request-mapping
    /// or JAX-RS resource method.
    ///
    /// ## Why is this bad?
    /// Exception text names classes, SQL, file paths, hosts and library versions: a map
    /// of the system for whoever sends a malformed request (CWE-209).
    ///
    /// ## Example
    /// ```java
    /// @ExceptionHandler(Exception.class)
    /// public ResponseEntity<String> handle(Exception e) {
    ///     return ResponseEntity.status(500).body(e.toString());
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// log.error("request failed", e);
    /// return ResponseEntity.status(500).body("internal error");
    /// ```
    JavaErrorDisclosure
}

static META: RuleMeta = RuleMeta {
    id: "java/error-disclosure",
    title: "Error details sent to the client",
    cwe: &[209],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "exception details sent to the client; log them and send a generic message",
    family: Family::Java,
    keywords: &["Exception", "Throwable"],
    calls: &[
        "body",
        "print",
        "println",
        "write",
        "printf",
        "sendError",
        "ok",
        "entity",
        "printStackTrace",
    ],
    on: on::RETURN,
};

/// Request-mapping and exception-handler annotations: what such a method returns is the
/// response.
const HANDLERS: &[&str] = &[
    "ExceptionHandler",
    "GetMapping",
    "PostMapping",
    "PutMapping",
    "DeleteMapping",
    "PatchMapping",
    "RequestMapping",
    // JAX-RS resource methods
    "GET",
    "POST",
    "PUT",
    "DELETE",
    "PATCH",
];

impl Rule for JavaErrorDisclosure {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let to_response = site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response));
        // e.printStackTrace(resp.getWriter())
        if site.name == "printStackTrace" {
            if site
                .arg(0)
                .is_some_and(|(_, v)| v.is_obj(&ObjKind::Response))
            {
                cx.report(crate::check::Report::at(site.span));
            }
            return;
        }
        let body = match site.name {
            // Spring's ResponseEntity body, JAX-RS `Response.ok(x)` / `.entity(x)`.
            "body" | "ok" | "entity" => true,
            "sendError" => to_response,
            _ => to_response,
        };
        if !body {
            return;
        }
        for v in site.args {
            if cx.flow(site.span, v, sink::HTML, accept::ERROR) {
                return;
            }
        }
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        let f = &cx.module().funcs[site.func];
        let handler = f
            .decorators
            .iter()
            .any(|d| d.last_name().is_some_and(|n| HANDLERS.contains(&n)));
        if handler {
            cx.flow(site.span, site.val, sink::HTML, accept::ERROR);
        }
    }
}
