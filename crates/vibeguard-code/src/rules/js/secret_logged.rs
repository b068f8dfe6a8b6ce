use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{ExprKind, TemplatePart};
use crate::rule_doc;
use crate::rules::support::{logs_whole_body, names_secret};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags log calls (`console.*`, loggers) that write a password, token, secret or API
    /// key, or a whole request body.
    ///
    /// ## Why is this bad?
    /// Logs are copied to aggregators, backups and tickets and read by many more people
    /// than the database: credentials in them leak (CWE-532, CWE-312).
    ///
    /// ## Example
    /// ```js
    /// console.log("login", req.body);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// console.log("login", req.body.username);
    /// ```
    JsSecretLogged
}

static META: RuleMeta = RuleMeta {
    id: "js/secret-logged",
    title: "Secret written to a log",
    cwe: &[532, 312],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "secret or request body written to a log; log an identifier, not the credential",
    family: Family::Js,
    keywords: &[
        "console", "log", "pino", "winston", "bunyan", "signale", "consola",
    ],
    calls: &["log", "info", "debug", "warn", "error", "trace"],
    on: 0,
};

/// `console.log`, `logger.info`, `log.debug`, `winston.warn`, `pino`'s `logger.error`.
pub fn is_log_call(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    if site.path.is_some_and(|p| p.starts_with("console.")) {
        return true;
    }
    let ExprKind::Attr(b, _) = &site.call.callee.kind else {
        return false;
    };
    let recv = cx.text(b.span).to_ascii_lowercase();
    recv.ends_with("logger")
        || recv.ends_with("log")
        || recv == "winston"
        || recv.ends_with(".log")
        || b.as_name().is_some_and(|n| {
            crate::rules::support::assigned_in_scope(cx, n, |v| logger_made(cx, v))
        })
}

/// A logger made by a logging library: `pino()`, `require("pino")()`,
/// `winston.createLogger(...)`, `bunyan.createLogger(...)`, `log4js.getLogger()`.
fn logger_made(cx: &Cx<'_, '_>, v: &crate::ir::Expr) -> bool {
    let Some(c) = v.as_call() else {
        return false;
    };
    let library = |p: &str| {
        let root = p.split('.').next().unwrap_or(p);
        matches!(
            root,
            "pino" | "winston" | "bunyan" | "log4js" | "loglevel" | "signale" | "consola"
        )
    };
    if let Some(inner) = c.callee.as_call()
        && inner.callee.as_name() == Some("require")
        && let Some(m) = inner.arg(0).and_then(|a| a.as_str())
    {
        return library(m);
    }
    cx.path_of(&c.callee).is_some_and(|p| {
        library(&p)
            && (!p.contains('.')
                || p.ends_with(".default")
                || p.ends_with("createLogger")
                || p.ends_with("getLogger"))
    })
}

impl Rule for JsSecretLogged {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !is_log_call(cx, site) {
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
            let body = logs_whole_body(cx, e, &["req.body", "request.body", "ctx.request.body"])
                || text.contains("${req.body}");
            // An object logged whole whose fields include a secret (`{ apiKey, db }`).
            let secret_field = !matches!(e.kind, ExprKind::Str(_) | ExprKind::Template(_))
                && match &cx.value_of(e).shape {
                    crate::flow::value::Shape::Map(fs) => fs
                        .iter()
                        .any(|(k, v)| !v.is_const() && crate::rules::support::secret_word(k)),
                    _ => false,
                };
            if secret || body || secret_field {
                cx.report(Report::at(site.span));
                return;
            }
        }
    }
}
