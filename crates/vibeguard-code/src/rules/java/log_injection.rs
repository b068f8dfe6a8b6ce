use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data written to a log (SLF4J, Log4j, java.util.logging, commons
    /// logging: `log.info(...)`, `logger.warning(...)`, `logger.config(...)`,
    /// `logger.exiting(...)`, `log.fatal(...)`) without removing line breaks, in
    /// files that use a logging library. The logger is a variable named for logging, one
    /// declared with a logger type (`Logger AUDIT`, `System.Logger sys`, `Log`), or one
    /// fetched in the same expression (`LoggerFactory.getLogger(C.class).warn(..)`).
    ///
    /// ## Why is this bad?
    /// A value with `\n` in it writes extra, fake log lines: an attacker forges entries
    /// ("login ok for admin") or hides their own (log injection, CWE-117).
    ///
    /// ## Example
    /// ```java
    /// log.info("login failed for " + req.getParameter("user"));
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// String user = req.getParameter("user").replaceAll("[\\r\\n]", "_");
    /// log.info("login failed for {}", user);
    /// ```
    JavaLogInjection
}

static META: RuleMeta = RuleMeta {
    id: "java/log-injection",
    title: "Request data written to a log",
    cwe: &[117],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "request data written to a log as is; strip CR/LF first",
    family: Family::Java,
    keywords: &[
        "Logger",
        "LogManager",
        "LoggerFactory",
        "Log4j",
        "Slf4j",
        "LogFactory",
    ],
    calls: &[
        "info", "debug", "warn", "warning", "error", "trace", "fine", "severe", "log",
        // java.util.logging's other levels and records; log4j / commons-logging `fatal`.
        "config", "finer", "finest", "entering", "exiting", "logp", "fatal",
    ],
    on: 0,
};

/// Imports of logging libraries.
const LOGGING: &[&str] = &[
    "org.slf4j",
    "org.apache.logging.log4j",
    "org.apache.log4j",
    "java.util.logging",
    "org.apache.commons.logging",
    "lombok.extern",
];

impl Rule for JavaLogInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_none() || !(LOGGING.iter().any(|l| cx.imports(l)) || gets_logger(cx)) {
            return;
        }
        let logger = match &site.call.callee.kind {
            crate::ir::ExprKind::Attr(b, _) => {
                b.last_name()
                    .is_some_and(|n| n.to_ascii_lowercase().contains("log"))
                    || made_logger(b)
                    || declared_logger(cx, site)
            }
            _ => false,
        };
        if !logger {
            return;
        }
        for v in site.args {
            if cx.flow(site.span, v, sink::LOG, accept::REQUEST) {
                return;
            }
        }
    }
}

/// The file obtains a logger from a logging factory (`Logger.getLogger(..)`,
/// `LoggerFactory.getLogger(..)`, `LogManager.getLogger(..)`, `LogFactory.getLog(..)`)
/// though it imports none by name (a wildcard import, a class of the same package).
fn gets_logger(cx: &Cx<'_, '_>) -> bool {
    let text = cx.whole_text();
    text.contains(".getLogger(") || text.contains("LogFactory.getLog(")
}

/// `Logger.getLogger("x").info(..)`, `LoggerFactory.getLogger(C.class).warn(..)`,
/// `System.getLogger("x").log(..)`: the logger is fetched in the same expression.
fn made_logger(recv: &crate::ir::Expr) -> bool {
    recv.as_call().is_some_and(|c| {
        matches!(
            c.callee.last_name(),
            Some("getLogger" | "getLog" | "getFormatterLogger")
        )
    })
}

/// A logger kept in a variable whose name does not say so (`SL`, `audit`), declared with
/// a logger type: `Logger`, `System.Logger`, commons-logging's `Log`.
fn declared_logger(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    crate::rules::support::java_receiver_types(cx, site).is_some_and(|types| {
        types
            .iter()
            .any(|t| matches!(t.rsplit('.').next(), Some("Logger" | "Log")))
    })
}
