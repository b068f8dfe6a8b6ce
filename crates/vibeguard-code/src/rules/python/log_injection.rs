use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::rules::python::secret_logged::is_log_call;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data, and text typed at the console (`input()`), written to logs
    /// without removing line breaks.
    ///
    /// ## Why is this bad?
    /// A value with `\n` forges extra log lines ("user admin logged in"), hides attacks
    /// from reviewers and can inject markup into log viewers (CWE-117).
    ///
    /// ## Example
    /// ```python
    /// logger.info("search for %s", request.args["q"])
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// q = request.args["q"].replace("\r", "").replace("\n", "")
    /// logger.info("search for %r", q)
    /// ```
    LogInjection
}

static META: RuleMeta = RuleMeta {
    id: "python/log-injection",
    title: "Request data written to a log",
    cwe: &[117],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "request data written to a log as is; strip line breaks (or log it with %r)",
    family: Family::Python,
    keywords: &["log"],
    calls: &[
        "debug",
        "info",
        "warning",
        "warn",
        "error",
        "critical",
        "exception",
        "log",
    ],
    on: 0,
};

impl Rule for LogInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.name == "print" || !is_log_call(site, cx) {
            return;
        }
        // `log.info("user %r", name)`: repr() escapes line breaks.
        let convs = site
            .arg(0)
            .and_then(|(_, v)| v.const_str())
            .map(percent_conversions)
            .unwrap_or_default();
        let mut positional = 0usize;
        for (a, v) in site.call.args.iter().zip(site.args) {
            // `extra={...}` sets attributes of the log record, not its message: the
            // default format leaves them out, structured formatters quote them.
            // `exc_info` / `stack_info` / `stacklevel` are flags.
            if matches!(
                a.name.as_deref(),
                Some("extra" | "exc_info" | "stack_info" | "stacklevel")
            ) {
                continue;
            }
            if a.name.is_none() && !a.spread {
                positional += 1;
                if positional > 1 && convs.get(positional - 2) == Some(&'r') {
                    continue;
                }
            }
            if cx.flow(site.span, v, sink::LOG, accept::INPUT) {
                return;
            }
        }
    }
}

/// The conversion letters of a %-format string in order (`"%s and %r"` -> `s`, `r`);
/// empty when it names its values (`%(user)s`).
fn percent_conversions(fmt: &str) -> Vec<char> {
    let mut out = Vec::new();
    let mut it = fmt.chars().peekable();
    while let Some(c) = it.next() {
        if c != '%' {
            continue;
        }
        match it.peek() {
            Some('%') => {
                it.next();
                continue;
            }
            Some('(') => return Vec::new(),
            _ => {}
        }
        for d in it.by_ref() {
            if d.is_ascii_alphabetic() {
                out.push(d);
                break;
            }
        }
    }
    out
}
