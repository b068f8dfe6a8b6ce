use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{ExprKind, TemplatePart};
use crate::rule_doc;
use crate::rules::support::{logs_whole_body, names_secret};

/// A whole request body, as a Python web handler reads it.
const PY_BODIES: &[&str] = &[
    "request.get_json()",
    "request.json",
    "request.data",
    "request.form",
    "request.body",
    "request.get_data()",
    "request.POST",
    "request.json()",
    "request.get_json(force=True)",
    "request.get_json(silent=True)",
];
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags log calls (`logging`, loggers, `print`) that write a password, token,
    /// secret or API key, or a whole request body.
    ///
    /// ## Why is this bad?
    /// Logs are copied to aggregators, backups and support tickets and read by many more
    /// people than the database: credentials in them leak (CWE-532, CWE-312).
    ///
    /// ## Example
    /// ```python
    /// logger.info("login %s with password %s", user, password)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// logger.info("login %s", user)
    /// ```
    SecretLogged
}

static META: RuleMeta = RuleMeta {
    id: "python/secret-logged",
    title: "Secret written to a log",
    cwe: &[532, 312],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "secret or request body written to a log; log an identifier, not the credential",
    family: Family::Python,
    keywords: &["log", "print"],
    calls: &[
        "debug",
        "info",
        "warning",
        "warn",
        "error",
        "critical",
        "exception",
        "log",
        "print",
    ],
    on: 0,
};

/// Is this call a log call? `logging.info`, `logger.info`, `app.logger.info`, `print`.
pub fn is_log_call(site: &CallSite<'_>, cx: &Cx<'_, '_>) -> bool {
    if site.name == "print" {
        return site.path == Some("print");
    }
    // `logging.error(..)`; a logger reached through an imported object
    // (`current_app.logger.error(..)`) is judged by its receiver below.
    // loguru's `logger` (under any alias: `from loguru import logger as log`).
    if site
        .path
        .is_some_and(|p| p.starts_with("logging.") || p.starts_with("loguru.logger."))
    {
        return true;
    }
    let recv_text = match &site.call.callee.kind {
        ExprKind::Attr(b, _) => cx.text(b.span).to_ascii_lowercase(),
        _ => return false,
    };
    recv_text.ends_with("logger")
        || recv_text.ends_with("log")
        || recv_text.ends_with("logging")
        || recv_text.contains("logger")
}

impl Rule for SecretLogged {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !is_log_call(site, cx) {
            return;
        }
        for a in &site.call.args {
            let e = &a.value;
            let secret = match &e.kind {
                ExprKind::Str(_) => false,
                ExprKind::Template(parts) => parts
                    .iter()
                    .any(|p| matches!(p, TemplatePart::Expr(x) if names_secret(cx, x))),
                _ => names_secret(cx, e),
            };
            let text = cx.text(e.span);
            let body = [
                "request.get_json()",
                "request.json",
                "request.data",
                "request.form",
                "request.body",
                "request.get_data()",
                "request.POST",
            ]
            .iter()
            .any(|b| {
                text == *b
                    || text.starts_with(&format!("{b} "))
                    || text.ends_with(&format!("{{{b}}}"))
            }) || logs_whole_body(cx, e, PY_BODIES)
                // `logger.info(f"payment request: {body}")`
                || matches!(&e.kind, ExprKind::Template(parts) if parts.iter().any(
                    |p| matches!(p, TemplatePart::Expr(x) if logs_whole_body(cx, x, PY_BODIES))
                ));
            if secret || body {
                cx.report(Report::at(site.span));
                return;
            }
        }
    }
}
