use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags exception details (`$e->getMessage()`, `$e->getTraceAsString()`, the
    /// exception itself) echoed to the client, and PHP's own error display turned on at
    /// run time (`ini_set('display_errors', '1')`).
    ///
    /// ## Why is this bad?
    /// Error text names files, SQL, hosts and library versions: a map of the system for
    /// whoever sends a malformed request (CWE-209).
    ///
    /// ## Example
    /// ```php
    /// } catch (PDOException $e) {
    ///     echo "Database error: " . $e->getMessage();
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// } catch (PDOException $e) {
    ///     error_log($e->getMessage());
    ///     echo "Something went wrong";
    /// }
    /// ```
    PhpErrorDisclosure
}

static META: RuleMeta = RuleMeta {
    id: "php/error-disclosure",
    title: "Error details sent to the client",
    cwe: &[209],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "error details sent to the client; log them and show a generic message",
    family: Family::Php,
    keywords: &["catch", "display_errors"],
    calls: &[
        "echo", "print_r", "printf", "var_dump", "ini_set", "die", "exit",
    ],
    on: 0,
};

impl Rule for PhpErrorDisclosure {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        if site.name == "ini_set" {
            let on = site.arg(1).is_some_and(|(e, v)| {
                v.const_str().is_some_and(|s| {
                    matches!(
                        s.to_ascii_lowercase().as_str(),
                        "1" | "on" | "true" | "stdout"
                    )
                }) || matches!(e.kind, crate::ir::ExprKind::Num(n) if n == 1.0)
                    || e.is_true()
            });
            if on && site.arg(0).and_then(|(_, v)| v.const_str()) == Some("display_errors") {
                cx.report(Report::at(site.span));
            }
            return;
        }
        for v in site.args {
            if cx.flow(site.span, v, sink::HTML, accept::ERROR) {
                return;
            }
        }
    }
}
