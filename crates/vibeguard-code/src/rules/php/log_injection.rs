use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data written to a log (`error_log`, `syslog`, PSR-3 loggers such as
    /// Monolog: `$logger->info(...)`, `Log::warning(...)`) without removing line
    /// breaks. Values passed in the context array are not flagged (handlers encode them).
    ///
    /// ## Why is this bad?
    /// A value with `\n` in it writes extra, fake log lines: an attacker forges entries
    /// or hides their own (log injection, CWE-117).
    ///
    /// ## Example
    /// ```php
    /// error_log("login failed for " . $_POST["user"]);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $logger->warning("login failed", ["user" => $_POST["user"]]);
    /// ```
    PhpLogInjection
}

static META: RuleMeta = RuleMeta {
    id: "php/log-injection",
    title: "Request data written to a log",
    cwe: &[117],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "request data written to a log as is; strip line breaks or pass it in the context array",
    family: Family::Php,
    keywords: &["error_log", "syslog", "log"],
    calls: &[
        "error_log",
        "syslog",
        "debug",
        "info",
        "notice",
        "warning",
        "error",
        "critical",
        "alert",
        "emergency",
    ],
    on: 0,
};

impl Rule for PhpLogInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let message = match site.name {
            "error_log" if site.recv.is_none() => site.arg(0),
            "syslog" if site.recv.is_none() => site.arg(1),
            _ => {
                // $logger->info(msg, ctx) / $this->logger->... / Log::info(msg)
                let logger = match &site.call.callee.kind {
                    crate::ir::ExprKind::Attr(recv, _) => recv
                        .last_name()
                        .is_some_and(|n| n.to_ascii_lowercase().contains("log")),
                    _ => false,
                };
                if !logger {
                    return;
                }
                site.arg(0)
            }
        };
        if let Some((_, v)) = message {
            cx.flow(site.span, v, sink::LOG, accept::REQUEST);
        }
    }
}
