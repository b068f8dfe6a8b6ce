use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::rules::js::secret_logged::is_log_call;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data written to server logs without removing line breaks.
    ///
    /// ## Why is this bad?
    /// A value with `\n` forges extra log lines and hides attacks from reviewers (CWE-117).
    ///
    /// ## Example
    /// ```js
    /// logger.info(`search for ${req.query.q}`);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// logger.info("search", { q: String(req.query.q).replace(/[\r\n]/g, "") });
    /// ```
    JsLogInjection
}

static META: RuleMeta = RuleMeta {
    id: "js/log-injection",
    title: "Request data written to a log",
    cwe: &[117],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "request data written to a log as is; strip line breaks or log it as a structured field",
    family: Family::Js,
    keywords: &[
        "log", "console", "pino", "winston", "bunyan", "signale", "consola",
    ],
    calls: &["log", "info", "debug", "warn", "error"],
    on: 0,
};

impl Rule for JsLogInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !is_log_call(cx, site) {
            return;
        }
        for (a, v) in site.call.args.iter().zip(site.args) {
            // Objects are logged as structured data (JSON), which escapes line breaks.
            if matches!(a.value.kind, crate::ir::ExprKind::Dict(_)) {
                continue;
            }
            if cx.flow(site.span, v, sink::LOG, accept::REQUEST) {
                return;
            }
        }
    }
}
