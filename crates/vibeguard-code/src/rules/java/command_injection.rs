use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::flow::value::{Shape, Val};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `Runtime.exec` with a command built from input (or by concatenation from values
    /// of unknown origin) and `ProcessBuilder` whose program, or `sh -c` script, comes from
    /// input.
    ///
    /// ## Why is this bad?
    /// A user who chooses the program or part of a shell script runs arbitrary commands on
    /// the server (CWE-78).
    ///
    /// ## Example
    /// ```java
    /// Runtime.getRuntime().exec("ping -c 1 " + request.getParameter("host"));
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// new ProcessBuilder("ping", "-c", "1", "--", host).start();
    /// ```
    JavaCommandInjection
}

static META: RuleMeta = RuleMeta {
    id: "java/command-injection",
    title: "Command built from input",
    cwe: &[78, 77],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "command built from input; run a fixed program with separate arguments (ProcessBuilder) and no shell",
    family: Family::Java,
    keywords: &["exec", "ProcessBuilder"],
    calls: &["exec", "ProcessBuilder", "command"],
    on: 0,
};

impl Rule for JavaCommandInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let builder = site.name == "ProcessBuilder" && site.call.is_new
            || site.name == "command" && site.recv.is_some();
        if site.name == "exec" && site.recv.is_some() {
            let Some((_, first)) = site.arg(0) else {
                return;
            };
            // exec(String[] cmdarray, ...): a program and its arguments.
            let reported = match &first.shape {
                Shape::Seq(xs) => argv(cx, site, xs),
                _ => cx.sink(site.span, first, sink::SHELL, Unknown::Built, None),
            };
            // exec(cmd, envp, ...): environment variables from input (`LD_PRELOAD`,
            // `PATH`, `BASH_ENV`) choose what the program loads and runs.
            if !reported && let Some((_, env)) = site.arg(1) {
                cx.sink(site.span, env, sink::SHELL, Unknown::Skip, None);
            }
            return;
        }
        if !builder {
            return;
        }
        // new ProcessBuilder("sh", "-c", script) / new ProcessBuilder(list)
        let first = site.arg(0).map(|(_, v)| v.clone());
        let Some(first) = first else { return };
        let items: Vec<Val> = match &first.shape {
            Shape::Seq(xs) => xs.as_ref().clone(),
            _ if site.positional() == 1 && first.taint.is_some() => {
                // A list whose elements are not known one by one.
                cx.sink(site.span, &first, sink::SHELL, Unknown::Skip, None);
                return;
            }
            _ => (0..site.positional())
                .filter_map(|i| site.arg(i).map(|(_, v)| v.clone()))
                .collect(),
        };
        argv(cx, site, &items);
    }
}

/// An argument vector: report a program from input, the script of `sh -c` / `cmd /c`,
/// and an argument built as command text from input (`"echo " + input`), which only a
/// shell reads as such: the program is a shell chosen on another path.
fn argv(cx: &mut Cx<'_, '_>, site: &CallSite<'_>, items: &[Val]) -> bool {
    let shell = items.first().and_then(|v| v.const_str()).is_some_and(|p| {
        matches!(
            p.rsplit('/').next(),
            Some("sh" | "bash" | "cmd" | "cmd.exe")
        )
    });
    if shell
        && items
            .get(1)
            .and_then(|v| v.const_str())
            .is_some_and(|f| f == "-c" || f == "/c")
    {
        if let Some(script) = items.get(2) {
            return cx.sink(site.span, script, sink::SHELL, Unknown::Built, None);
        }
        return false;
    }
    if let Some(prog) = items.first()
        && cx.sink(site.span, prog, sink::PROGRAM, Unknown::Skip, None)
    {
        return true;
    }
    for v in items.iter().skip(1) {
        let text = v.built && v.prefix.as_deref().is_some_and(|p| p.trim_end() != p);
        if text && cx.sink(site.span, v, sink::SHELL, Unknown::Skip, None) {
            return true;
        }
    }
    false
}
