use crate::check::{Cx, Report, Rule, RuleMeta, on};
use crate::ir::{ExprKind, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags an Express app that listens for requests in this file and sets no security
    /// headers at all: no `helmet()`, no `Content-Security-Policy`,
    /// `X-Frame-Options`/`frame-ancestors` or `Strict-Transport-Security` set by hand.
    ///
    /// ## Why is this bad?
    /// Without them pages can be framed for clickjacking, scripts from anywhere run after
    /// an injection, and browsers downgrade to HTTP (CWE-693, CWE-1021).
    ///
    /// ## Example
    /// ```js
    /// const app = express();
    /// app.listen(3000);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const app = express();
    /// app.use(helmet());
    /// app.listen(3000);
    /// ```
    MissingSecurityHeaders
}

static META: RuleMeta = RuleMeta {
    id: "js/missing-security-headers",
    title: "Express app without security headers",
    cwe: &[693, 1021],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "this Express app sets no security headers; add helmet() (or set CSP, frame and HSTS headers)",
    family: Family::Js,
    keywords: &["express"],
    calls: &[],
    on: on::MODULE,
};

impl Rule for MissingSecurityHeaders {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        if !cx.imports("express") {
            return;
        }
        let src = cx.whole_text();
        let lower = src.to_ascii_lowercase();
        // helmet imported but never applied (`app.use(helmet())` dropped) sets nothing.
        let helmet_used =
            cx.imports("helmet") && (src.contains("helmet(") || src.contains("helmet."));
        let has_headers = helmet_used
            || [
                "content-security-policy",
                "x-frame-options",
                "strict-transport-security",
                "frame-ancestors",
                "lusca",
            ]
            .iter()
            .any(|h| lower.contains(h));
        if has_headers || !src.contains(".listen(") {
            return;
        }
        let m = cx.module();
        for s in &m.funcs[0].body {
            if let StmtKind::Assign { value, .. } = &s.kind
                && let ExprKind::Call(c) = &value.kind
                && cx.path_of(&c.callee).as_deref() == Some("express")
            {
                cx.report(Report::at(s.span));
                return;
            }
        }
    }
}
