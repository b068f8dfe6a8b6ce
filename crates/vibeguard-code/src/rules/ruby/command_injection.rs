use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::flow::value::{Shape, Val};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags shell commands built from input or from values of unknown origin: `system`,
    /// `exec`, `spawn` with one string, backticks and `%x()`, `IO.popen`, `Open3.*`
    /// (each command of a pipeline), `Open4.popen4`, `POSIX::Spawn`, `PTY.spawn`,
    /// tty-command's `run`,
    /// `Kernel#open` with a value that may start with `|`, and the script of a shell run
    /// with `-c` or a combined flag (`system("bash", "-c", script)`, `IO.popen(["sh", "-lc",
    /// script])`, also when the shell or flag is held in a variable or constant).
    ///
    /// ## Why is this bad?
    /// A one-string command goes through `/bin/sh`: a value with `; rm -rf /` or `$(...)`
    /// runs arbitrary commands (CWE-78).
    ///
    /// ## Example
    /// ```ruby
    /// system("convert #{params[:file]} out.png")
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// system("convert", params[:file], "out.png")
    /// ```
    RubyCommandInjection
}

static META: RuleMeta = RuleMeta {
    id: "ruby/command-injection",
    title: "Shell command built from input",
    cwe: &[78, 77],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "shell command built from input; pass the program and arguments separately (system with several arguments)",
    family: Family::Ruby,
    keywords: &[
        "system", "exec", "spawn", "`", "popen", "Open3", "%x", "PTY",
    ],
    calls: &[
        "system",
        "exec",
        "spawn",
        "getpty",
        "`",
        "popen",
        "popen2",
        "popen3",
        "capture2",
        "capture2e",
        "capture3",
        "pipeline",
        "open",
        "popen2e",
        "popen4",
        "open4",
        "pipeline_r",
        "pipeline_w",
        "pipeline_rw",
        "pipeline_start",
        "run",
        "run!",
    ],
    on: 0,
};

impl Rule for RubyCommandInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let shell_call = match site.name {
            "system" | "exec" | "spawn" => {
                site.recv.is_none()
                    || site
                        .path
                        .is_some_and(|p| p.starts_with("Kernel") || p.starts_with("Process."))
            }
            "`" => true,
            "popen" | "popen2" | "popen2e" | "popen3" | "popen4" | "open4" | "capture2"
            | "capture2e" | "capture3" => site.path.is_some_and(|p| {
                p.starts_with("IO.")
                    || p.starts_with("Open3.")
                    || p.starts_with("Open4.")
                    || p.starts_with("POSIX.Spawn.")
            }),
            // Open3's pipelines: every argument is a command of its own.
            "pipeline" | "pipeline_r" | "pipeline_w" | "pipeline_rw" | "pipeline_start"
                if site.path.is_some_and(|p| p.starts_with("Open3.")) =>
            {
                pipeline(cx, site);
                return;
            }
            // tty-command: `TTY::Command.new.run("ls #{dir}")` runs one string through
            // the shell.
            "run" | "run!" => site.path.is_some_and(|p| p.starts_with("TTY.Command.")),
            "open" => site.recv.is_none(),
            // PTY.spawn(command_line) runs the line through the shell, like `system`.
            "getpty" => site.path == Some("PTY.getpty"),
            _ => false,
        } || site.name == "spawn"
            && matches!(site.path, Some("PTY.spawn" | "POSIX.Spawn.spawn"));
        if !shell_call {
            return;
        }
        // system({"LANG" => "C"}, "ls ..."), Open3.capture2(env, cmd): a leading hash
        // is the child's environment, not the command.
        let skip = usize::from(
            site.name != "`"
                && site
                    .arg(0)
                    .is_some_and(|(e, _)| matches!(e.kind, ExprKind::Dict(_))),
        );
        // (A block, `IO.popen(cmd) do |io| ... end`, is the last argument: not a word of
        // the command.)
        let block = site
            .call
            .args
            .last()
            .is_some_and(|a| a.name.is_none() && matches!(a.value.kind, ExprKind::Func(_)));
        let end = site.positional() - usize::from(block);
        let positional = end.saturating_sub(skip);
        // system("bash", "-c", script) / IO.popen(["sh", "-c", script]): the script
        // is a shell command line again.
        let single_list = match site.arg(skip) {
            Some((e, v)) if positional == 1 => match (&e.kind, &v.shape) {
                (ExprKind::List(items), Shape::Seq(vals)) if items.len() == vals.len() => {
                    Some(items.iter().zip(vals.iter().cloned()).collect::<Vec<_>>())
                }
                _ => None,
            },
            _ => None,
        };
        let argv: Vec<(&Expr, Val)> = match &single_list {
            Some(items) => items.clone(),
            None if positional > 1 => (skip..end)
                .filter_map(|i| site.arg(i))
                .map(|(e, v)| (e, v.clone()))
                .collect(),
            None => Vec::new(),
        };
        // (The shell and its flag by value too: `shell = "zsh"; exec(shell, FLAG, s)`.)
        let text = |(e, v): &(&Expr, Val)| e.as_str().or(v.const_str()).map(str::to_string);
        if argv.len() > 2
            && text(&argv[0]).is_some_and(|p| is_shell(&p))
            && text(&argv[1]).is_some_and(|f| command_flag(&f))
        {
            cx.sink(site.span, &argv[2].1, sink::SHELL, Unknown::Built, None);
            return;
        }
        // IO.popen(["grep", q]), spawn([prog, "argv0"]): one array is the argument
        // vector (its first element the program, or a [program, argv0] pair); no shell.
        if let Some(items) = &single_list {
            if let Some((e, v)) = items.first() {
                let prog = match (&e.kind, &v.shape) {
                    (ExprKind::List(_), Shape::Seq(pair)) => pair.first().cloned(),
                    _ => Some(v.clone()),
                };
                if let Some(prog) = prog {
                    cx.sink(site.span, &prog, sink::PROGRAM, Unknown::Skip, None);
                }
            }
            return;
        }
        // system("ls", dir): several arguments skip the shell; the program must not be input.
        if positional > 1 && site.name != "`" {
            if let Some((_, prog)) = site.arg(skip) {
                cx.sink(site.span, prog, sink::PROGRAM, Unknown::Skip, None);
            }
            return;
        }
        if let Some((_, cmd)) = site.arg(skip) {
            cx.sink(site.span, cmd, sink::SHELL, Unknown::Built, None);
        }
    }
}

/// A shell's flag that makes its next argument the command line: `-c`, and the
/// combined forms `-lc`, `-ec`, `-xc`.
/// `Open3.pipeline("ls #{dir}", ["wc", "-l"])`: each command is a shell command line
/// (a string) or an argument vector (an array, whose first element is the program).
fn pipeline(cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
    for i in 0..site.positional() {
        let Some((e, v)) = site.arg(i) else { continue };
        let reported = match (&e.kind, &v.shape) {
            (ExprKind::Func(_) | ExprKind::Dict(_), _) => false,
            (ExprKind::List(_), Shape::Seq(items)) => match items.first() {
                Some(prog) => cx.sink(site.span, prog, sink::PROGRAM, Unknown::Skip, None),
                None => false,
            },
            _ => cx.sink(site.span, v, sink::SHELL, Unknown::Built, None),
        };
        if reported {
            return;
        }
    }
}

fn command_flag(f: &str) -> bool {
    f.strip_prefix('-').is_some_and(|rest| {
        !rest.is_empty() && rest.contains('c') && rest.bytes().all(|b| b.is_ascii_lowercase())
    })
}

/// A shell program: `sh`, `bash`, `/bin/zsh`, ...
fn is_shell(p: &str) -> bool {
    matches!(
        p.rsplit('/').next().unwrap_or(p),
        "sh" | "bash" | "zsh" | "dash" | "ksh" | "ash" | "fish"
    )
}
