use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data written to a log (`Rails.logger.info`, `logger.warn`, a
    /// `Logger` instance) without removing line breaks.
    ///
    /// ## Why is this bad?
    /// A value with `\n` in it writes extra, fake log lines: an attacker forges entries
    /// or hides their own (log injection, CWE-117).
    ///
    /// ## Example
    /// ```ruby
    /// Rails.logger.info("login failed for #{params[:email]}")
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// Rails.logger.info("login failed for #{params[:email].to_s.gsub(/[\r\n]/, '')}")
    /// ```
    RubyLogInjection
}

static META: RuleMeta = RuleMeta {
    id: "ruby/log-injection",
    title: "Request data written to a log",
    cwe: &[117],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "request data written to a log as is; strip line breaks first",
    family: Family::Ruby,
    keywords: &["logger", "Logger"],
    calls: &["debug", "info", "warn", "error", "fatal", "unknown"],
    on: 0,
};

impl Rule for RubyLogInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let logger = match &site.call.callee.kind {
            crate::ir::ExprKind::Attr(recv, _) => recv
                .last_name()
                .is_some_and(|n| n.to_ascii_lowercase().contains("log")),
            _ => false,
        };
        if !logger {
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.flow(site.span, v, sink::LOG, accept::REQUEST);
        }
    }
}
