use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::flow::value::Const;
use crate::ir::{ExprKind, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags an Express app that is set up in this file (it listens for requests or has
    /// middleware mounted: the `app.js` that `bin/www` starts) and sets no security
    /// headers at all: no `helmet()`, no `Content-Security-Policy`,
    /// `X-Frame-Options`/`frame-ancestors` or `Strict-Transport-Security` set by hand;
    /// and `helmet({ frameguard: false })`, helmet applied with one of those headers (or
    /// `X-Content-Type-Options`) switched off.
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
    keywords: &["express", "helmet"],
    calls: &["helmet"],
    on: on::MODULE,
};

/// helmet options that switch one of those headers off, with what it protects against.
const HELMET_PROTECTIONS: &[(&str, &str)] = &[
    (
        "contentSecurityPolicy",
        "Content-Security-Policy (script injection)",
    ),
    ("frameguard", "X-Frame-Options (clickjacking)"),
    ("xFrameOptions", "X-Frame-Options (clickjacking)"),
    ("hsts", "Strict-Transport-Security (HTTPS downgrade)"),
    (
        "strictTransportSecurity",
        "Strict-Transport-Security (HTTPS downgrade)",
    ),
    ("noSniff", "X-Content-Type-Options (MIME sniffing)"),
    (
        "xContentTypeOptions",
        "X-Content-Type-Options (MIME sniffing)",
    ),
];

impl Rule for MissingSecurityHeaders {
    crate::rule_meta!(META);
    /// `helmet({ frameguard: false })`: helmet applied with one of its protections
    /// switched off.
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.path != Some("helmet") {
            return;
        }
        let Some(opts) = site.arg_val(0) else { return };
        for (key, what) in HELMET_PROTECTIONS {
            if opts
                .field(key)
                .is_some_and(|v| matches!(v.as_const(), Some(Const::Bool(false))))
            {
                cx.report(Report::at(site.span).message(format!(
                    "helmet is applied with `{key}: false`, which drops {what}; configure the header instead of disabling it"
                )));
                return;
            }
        }
    }
    fn module(&self, cx: &mut Cx<'_, '_>) {
        if !cx.imports("express") {
            return;
        }
        let src = cx.whole_text();
        let lower = src.to_ascii_lowercase();
        // helmet imported but never applied (`app.use(helmet())` dropped) sets nothing;
        // applied is any of its bindings called: `helmet()`, `h()` from `require("helmet")`,
        // `contentSecurityPolicy()` imported from it, `helmet.frameguard()`.
        let helmet_used = cx.module().imports.iter().any(|i| {
            (i.path == "helmet" || i.path.starts_with("helmet.")) && called(src, &i.alias)
        });
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
        if has_headers || !(src.contains(".listen(") || src.contains(".use(")) {
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

/// Is `name` called or used as an object (`name(`, `name.`) somewhere in `src`, as a whole
/// identifier (`h(` does not count inside `push(`)?
fn called(src: &str, name: &str) -> bool {
    src.match_indices(name).any(|(at, _)| {
        let before = src[..at].chars().next_back();
        let after = src[at + name.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.')
            && matches!(after, Some('(' | '.'))
    })
}
