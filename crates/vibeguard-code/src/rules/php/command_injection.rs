use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::rules::sinks::{Sink, check, sink as s};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags shell commands built from input or from values of unknown origin: `system`,
    /// `exec`, `shell_exec`, backticks, `passthru`, `popen`, `proc_open`, `pcntl_exec`,
    /// and Symfony's `Process::fromShellCommandline()` (run by `sh -c`).
    /// `proc_open` with an array (`["ls", $dir]`) runs no shell and is flagged only when
    /// the program itself is not a constant.
    ///
    /// ## Why is this bad?
    /// A value with `; rm -rf /` or `$(curl ...)` in it runs arbitrary commands on the server
    /// (CWE-78).
    ///
    /// ## Example
    /// ```php
    /// system("ping -c 1 " . $_GET['host']);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// system("ping -c 1 " . escapeshellarg($_GET['host']));
    /// ```
    PhpCommandInjection
}

static META: RuleMeta = RuleMeta {
    id: "php/command-injection",
    title: "Shell command built from input",
    cwe: &[78, 77],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "shell command built from input; escape each argument with escapeshellarg (or avoid the shell)",
    family: Family::Php,
    keywords: &[
        "system",
        "exec",
        "shell_exec",
        "passthru",
        "popen",
        "proc_open",
        "fromShellCommandline",
        "`",
    ],
    calls: &[
        "system",
        "exec",
        "shell_exec",
        "passthru",
        "popen",
        "proc_open",
        "pcntl_exec",
        "fromShellCommandline",
    ],
    on: 0,
};

const SINKS: &[Sink] = &[
    s("system", 0),
    s("exec", 0),
    s("shell_exec", 0),
    s("passthru", 0),
    s("popen", 0),
    s("proc_open", 0),
    s("pcntl_exec", 0),
];

const PROCESS_SINKS: &[Sink] = &[s("*.fromShellCommandline", 0)];

impl Rule for PhpCommandInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // Symfony's `Process::fromShellCommandline($cmd)` hands the line to `sh -c`.
        if site.name == "fromShellCommandline"
            && matches!(&site.call.callee.kind, crate::ir::ExprKind::Attr(b, _)
                if b.last_name() == Some("Process"))
        {
            check(cx, site, PROCESS_SINKS, sink::SHELL, Unknown::Built);
            return;
        }
        if site.recv.is_some() {
            return;
        }
        // proc_open(["ls", $dir], ...) (PHP 7.4+) runs the program without a shell: the
        // arguments cannot add commands; only a program chosen by input can.
        if site.name == "proc_open"
            && let Some((e, _)) = site.arg(0)
            && let crate::ir::ExprKind::List(items) = &e.kind
        {
            if items.first().is_some_and(|p| p.as_str().is_none()) {
                check(cx, site, SINKS, sink::PROGRAM, Unknown::Skip);
            }
            return;
        }
        check(cx, site, SINKS, sink::SHELL, Unknown::Built);
    }
}
