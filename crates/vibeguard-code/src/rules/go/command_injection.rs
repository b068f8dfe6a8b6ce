use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::flow::value::{Shape, Val};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `os/exec.Command` (and `CommandContext`, `syscall.Exec`, `syscall.ForkExec`,
    /// `syscall.StartProcess`, `os.StartProcess`) whose program comes from input, and
    /// `sh -c` / `bash -lc` scripts built from input or from values of unknown origin (also
    /// in the argument slice of `syscall.Exec` and `os.StartProcess`).
    ///
    /// ## Why is this bad?
    /// A user who chooses the program, or any part of a shell script, runs arbitrary commands
    /// on the server (CWE-78).
    ///
    /// ## Example
    /// ```go
    /// out, _ := exec.Command("sh", "-c", "convert "+r.FormValue("file")).Output()
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// out, _ := exec.Command("convert", "--", r.FormValue("file")).Output()
    /// ```
    GoCommandInjection
}

static META: RuleMeta = RuleMeta {
    id: "go/command-injection",
    title: "Command built from input",
    cwe: &[78, 77],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "command or shell script built from input; run a fixed program with separate arguments",
    family: Family::Go,
    keywords: &["exec"],
    calls: &[
        "Command",
        "CommandContext",
        "Exec",
        "ForkExec",
        "StartProcess",
    ],
    on: 0,
};

impl Rule for GoCommandInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let offset = match site.path {
            Some(
                "os/exec.Command"
                | "syscall.Exec"
                | "syscall.ForkExec"
                | "syscall.StartProcess"
                | "os.StartProcess",
            ) => 0,
            Some("os/exec.CommandContext") => 1,
            _ => return,
        };
        let Some((_, prog)) = site.arg(offset) else {
            return;
        };
        let shell = prog.const_str().is_some_and(|p| {
            matches!(
                p.rsplit('/').next(),
                Some("sh" | "bash" | "zsh" | "cmd" | "cmd.exe" | "powershell")
            )
        });
        let script = if site.path == Some("os/exec.Command") || offset == 1 {
            shell_script(
                site.arg(offset + 1).map(|(_, v)| v),
                site.arg(offset + 2).map(|(_, v)| v),
            )
        } else {
            // `syscall.Exec(path, argv, env)`: the arguments are one slice, its own
            // program name first (`[]string{"sh", "-c", script}`).
            match site.arg(1).map(|(_, v)| &v.shape) {
                Some(Shape::Seq(argv)) => shell_script(argv.get(1), argv.get(2)),
                _ => None,
            }
        };
        if shell && let Some(script) = script {
            cx.sink(site.span, script, sink::SHELL, Unknown::Built, None);
            return;
        }
        cx.sink(site.span, prog, sink::PROGRAM, Unknown::Skip, None);
    }
}

/// The script of a shell's arguments `flag, script` when the flag asks it to run one.
fn shell_script<'v>(flag: Option<&'v Val>, script: Option<&'v Val>) -> Option<&'v Val> {
    let flag = flag.and_then(|v| v.const_str())?;
    if script_flag(flag) { script } else { None }
}

/// The option that makes a shell run its next argument as a script: `-c`, a cluster of
/// short options ending in it (`bash -lc`, `sh -ec`), cmd's `/c` and PowerShell's
/// `-Command`.
fn script_flag(flag: &str) -> bool {
    if flag.eq_ignore_ascii_case("/c") || flag.eq_ignore_ascii_case("-command") {
        return true;
    }
    flag.strip_prefix('-').is_some_and(|opts| {
        opts.ends_with('c') && opts.len() <= 4 && opts.bytes().all(|b| b.is_ascii_lowercase())
    })
}
