use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, accept, sink};
use crate::flow::value::{Shape, Val};
use crate::ir::Expr;
use crate::rule_doc;
use crate::rules::support::{const_bool, shell_args_fix};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags shell commands built from input or from values of unknown origin:
    /// `os.system`, `os.popen`, `subprocess.getoutput`, `asyncio.create_subprocess_shell`
    /// (also as `asyncio.subprocess.*`), an event loop's `subprocess_shell`, paramiko's
    /// `exec_command`, Fabric's and Invoke's `run`/`sudo`/`local`,
    /// and `subprocess` calls with `shell=True` or an `sh -c` argument list, `os.exec*` and
    /// `os.spawn*` running a shell with `-c` (`os.execl("/bin/sh", "sh", "-c", cmd)`); and
    /// programs chosen by input (`subprocess.run([user_cmd])`, `os.exec*`), including the
    /// script an interpreter runs (`["python3", user_script]`, `["perl", "-e", code]`).
    ///
    /// ## Why is this bad?
    /// The command goes through `/bin/sh`: any value spliced into it (a file name, a
    /// query parameter) can add `; rm -rf ~` or `$(curl ...)` and run arbitrary commands
    /// (CWE-78).
    ///
    /// ## Example
    /// ```python
    /// subprocess.run(f"convert {upload} out.png", shell=True)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// subprocess.run(["convert", upload, "out.png"], check=True)
    /// ```
    ShellInjection
}

static META: RuleMeta = RuleMeta {
    id: "python/shell-injection",
    title: "Shell command built from input",
    cwe: &[78, 77],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "command run through a shell with values spliced in; pass an argument list without shell=True",
    family: Family::Python,
    keywords: &[
        "system",
        "popen",
        "subprocess",
        "getoutput",
        "spawn",
        "exec",
        "shell",
        "startfile",
        "fabric",
        "invoke",
    ],
    calls: &[
        "system",
        "popen",
        "popen2",
        "popen3",
        "getoutput",
        "getstatusoutput",
        "exec_command",
        "run",
        "call",
        "Popen",
        "check_call",
        "check_output",
        "create_subprocess_shell",
        "create_subprocess_exec",
        "subprocess_shell",
        "execl",
        "execle",
        "execlp",
        "execlpe",
        "execv",
        "execve",
        "execvp",
        "execvpe",
        "spawnl",
        "spawnle",
        "spawnlp",
        "spawnlpe",
        "spawnv",
        "spawnve",
        "spawnvp",
        "spawnvpe",
        "posix_spawn",
        "posix_spawnp",
        "spawn",
        "startfile",
        "sudo",
        "local",
    ],
    on: 0,
};

const SHELL_CALLS: &[&str] = &[
    "os.system",
    "os.popen",
    "os.popen2",
    "os.popen3",
    "commands.getoutput",
    "commands.getstatusoutput",
    "subprocess.getoutput",
    "subprocess.getstatusoutput",
    "asyncio.create_subprocess_shell",
    "asyncio.subprocess.create_subprocess_shell",
];

const SUBPROCESS: &[&str] = &[
    "subprocess.run",
    "subprocess.call",
    "subprocess.Popen",
    "subprocess.check_call",
    "subprocess.check_output",
];

/// An argument list that runs its last element through a shell: `["sh", "-c", cmd]`.
fn shell_c(v: &Val) -> Option<Val> {
    let Shape::Seq(items) = &v.shape else {
        return None;
    };
    let first = items.first()?;
    let flag = items.get(1)?.const_str()?;
    let shell = match first.const_str() {
        Some(prog) => {
            let base = prog.rsplit('/').next().unwrap_or(prog);
            matches!(
                base,
                "sh" | "bash" | "zsh" | "dash" | "ksh" | "cmd" | "cmd.exe" | "powershell" | "pwsh"
            )
        }
        // One of several programs the code chose (`"cmd.exe"` on Windows, `"sh"`
        // elsewhere) followed by `-c`: a shell (or an interpreter) running a script.
        None => first.is_trusted() && matches!(flag, "-c" | "/c"),
    };
    (shell && matches!(flag, "-c" | "/c" | "-Command" | "-lc"))
        .then(|| items.get(2).cloned().unwrap_or_default())
}

/// `["python3", script]`, `["perl", "-e", code]`, `["bash", script]`: an interpreter
/// given the script it runs (a file or, after `-c`/`-e`, the code itself). Whoever
/// chooses that argument chooses what runs.
fn interpreter_script(v: &Val) -> Option<Val> {
    let Shape::Seq(items) = &v.shape else {
        return None;
    };
    let prog = items.first()?.const_str()?;
    let base = prog.rsplit(['/', '\\']).next().unwrap_or(prog);
    let interpreter = is_shell(base)
        || base.starts_with("python")
        || matches!(
            base,
            "perl" | "ruby" | "node" | "nodejs" | "php" | "Rscript" | "lua" | "tclsh"
        );
    if !interpreter {
        return None;
    }
    let arg = items.get(1)?;
    match arg.const_str() {
        Some("-c" | "-e" | "-r") => items.get(2).cloned(),
        Some(_) => None,
        None => Some(arg.clone()),
    }
}

fn is_shell(prog: &str) -> bool {
    let base = prog.rsplit('/').next().unwrap_or(prog);
    matches!(
        base,
        "sh" | "bash" | "zsh" | "dash" | "ksh" | "cmd" | "cmd.exe" | "powershell" | "pwsh"
    )
}

/// `os.execl("/bin/sh", "sh", "-c", cmd)`, `os.spawnve(mode, "/bin/bash", ["-c", cmd], env)`,
/// `asyncio.create_subprocess_exec("bash", "-c", cmd)`:
/// a shell program given `-c` among its arguments (listed one by one for the `l` variants,
/// as a sequence for the `v` ones) runs the argument after it as a script.
fn exec_shell_script(site: &CallSite<'_>, path_index: usize) -> Option<Val> {
    let name = site.path?.rsplit('.').next()?;
    let (_, prog) = site.arg(path_index)?;
    if !prog.const_str().is_some_and(is_shell) {
        return None;
    }
    let argv: Vec<Val> = if name.starts_with("execv") || name.starts_with("spawnv") {
        match &site.arg(path_index + 1)?.1.shape {
            Shape::Seq(items) => items.to_vec(),
            _ => return None,
        }
    } else {
        // One by one; a sequence among them is read as its items (what the program
        // meant to pass, whichever way the call spells it).
        let mut argv = Vec::new();
        for v in (path_index + 1..).map_while(|i| site.arg(i).map(|(_, v)| v)) {
            match &v.shape {
                Shape::Seq(items) => argv.extend(items.iter().cloned()),
                _ => argv.push(v.clone()),
            }
        }
        argv
    };
    let flag = argv
        .iter()
        .position(|v| matches!(v.const_str(), Some("-c" | "/c" | "-lc")))?;
    argv.get(flag + 1).cloned()
}

/// A Fabric / Invoke command runner: a module function of either package, or a method
/// on a value (a `Connection`, an Invoke `Context`) in a module that imports one.
fn runs_fabric_command(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    match site.path {
        Some(p) => {
            let module = p.rsplit_once('.').map_or("", |(m, _)| m);
            module.starts_with("fabric") || module == "invoke"
        }
        None => site.recv.is_some() && (cx.imports("fabric") || cx.imports("invoke")),
    }
}

impl Rule for ShellInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // `loop.subprocess_shell(protocol_factory, cmd)`: the event loop's shell.
        if site.name == "subprocess_shell" && site.recv.is_some() {
            if let Some((_, v)) = site.arg(1).or_else(|| site.kwarg("cmd")) {
                cx.sink(site.span, v, sink::SHELL, Unknown::Built, None);
            }
            return;
        }
        // paramiko's `ssh.exec_command(cmd)`: a shell command line on the remote host.
        if site.name == "exec_command" {
            if site.recv.is_some()
                && cx.imports("paramiko")
                && let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("command"))
            {
                cx.sink(site.span, v, sink::SHELL, Unknown::Built, None);
            }
            return;
        }
        // Fabric and Invoke run a shell command line, on the remote host or locally:
        // `conn.run(cmd)`, `conn.sudo(cmd)`, `c.local(cmd)` on a Connection or task
        // context, Fabric 1's `fabric.api.run/sudo/local(cmd)`, `invoke.run(cmd)`.
        // Only input counts here: a fabfile's or Invoke task's parameters come from
        // the developer's own command line.
        if matches!(site.name, "run" | "sudo" | "local") && runs_fabric_command(cx, site) {
            if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("command")) {
                cx.flow(site.span, v, sink::SHELL, accept::REQUEST);
            }
            return;
        }
        if site.is(SHELL_CALLS) {
            if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("cmd")) {
                cx.sink(site.span, v, sink::SHELL, Unknown::Built, None);
            }
            return;
        }
        let exec_path = if site.path.is_some_and(|p| p.starts_with("os.exec"))
            || site.is(&[
                "asyncio.create_subprocess_exec",
                "asyncio.subprocess.create_subprocess_exec",
                "os.posix_spawn",
                "os.posix_spawnp",
            ]) {
            Some(0)
        } else if site.path.is_some_and(|p| p.starts_with("os.spawn")) {
            Some(1)
        } else {
            None
        };
        if let Some(script) = exec_path.and_then(|i| exec_shell_script(site, i)) {
            cx.sink(site.span, &script, sink::SHELL, Unknown::Built, None);
            return;
        }
        let program: Option<(&Expr, &Val)> = if site.is(SUBPROCESS) {
            site.arg(0).or_else(|| site.kwarg("args"))
        } else if site.is(&[
            "asyncio.create_subprocess_exec",
            "asyncio.subprocess.create_subprocess_exec",
            "os.posix_spawn",
            "os.posix_spawnp",
            "pty.spawn",
            // Windows: opens the file with the program associated with it (runs it
            // when it is a program).
            "os.startfile",
        ]) || site.path.is_some_and(|p| p.starts_with("os.exec"))
        {
            site.arg(0)
        } else if site.path.is_some_and(|p| p.starts_with("os.spawn")) {
            site.arg(1)
        } else {
            None
        };
        let Some((expr, cmd)) = program else { return };
        let shell = site.kwarg("shell").map(|(_, v)| v);
        let shell_on = shell.is_some_and(|v| {
            const_bool(v) != Some(false) && v.as_const().is_none_or(|c| c.truthy())
        });
        if shell_on {
            let fix = if shell.is_some_and(|v| const_bool(v) == Some(true)) {
                shell_args_fix(cx, site, expr)
            } else {
                None
            };
            cx.sink(site.span, cmd, sink::SHELL, Unknown::Built, fix);
            return;
        }
        if let Some(script) = shell_c(cmd) {
            cx.sink(site.span, &script, sink::SHELL, Unknown::Built, None);
            return;
        }
        if let Some(script) = interpreter_script(cmd) {
            cx.sink(site.span, &script, sink::PROGRAM, Unknown::Skip, None);
        }
        // Without a shell the first word is the program: input must not choose it.
        let prog = match &cmd.shape {
            Shape::Seq(items) => items.first().cloned().unwrap_or_default(),
            _ => cmd.clone(),
        };
        cx.sink(site.span, &prog, sink::PROGRAM, Unknown::Skip, None);
    }
}
