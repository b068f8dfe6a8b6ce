use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::flow::value::Shape;
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags shell commands built from input or from values of unknown origin:
    /// `child_process.exec`/`execSync`, `spawn`/`execFile` with `shell: true`,
    /// `shelljs.exec`, execa's command-string forms (`execaCommand`, `execa.command`);
    /// and programs chosen by input (`spawn(req.query.cmd)`, also through cross-spawn).
    ///
    /// ## Why is this bad?
    /// The command goes through `/bin/sh`: a value with `; rm -rf ~` or `$(curl ...)` in it
    /// runs arbitrary commands on the server (CWE-78).
    ///
    /// ## Example
    /// ```js
    /// exec(`git log ${req.query.branch}`, cb);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// execFile("git", ["log", req.query.branch], cb);
    /// ```
    JsCommandInjection
}

static META: RuleMeta = RuleMeta {
    id: "js/command-injection",
    title: "Shell command built from input",
    cwe: &[78, 77],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "command run through a shell with values spliced in; use execFile/spawn with an argument array",
    family: Family::Js,
    keywords: &["child_process", "exec", "spawn", "shelljs", "execa"],
    calls: &[
        "exec",
        "execSync",
        "spawn",
        "spawnSync",
        "execFile",
        "execFileSync",
        "fork",
        "execa",
        "execaSync",
        "execaCommand",
        "execaCommandSync",
        // execa 5: `execa.command(cmd)` / `execa.commandSync(cmd)`
        "command",
        "commandSync",
        // cross-spawn: `spawn(cmd, args, opts)` / `spawn.sync(...)`
        "cross-spawn",
        "sync",
    ],
    on: 0,
};

/// Programs that run their argument as a command line.
const SHELLS: &[&str] = &[
    "sh",
    "bash",
    "zsh",
    "dash",
    "ksh",
    "ash",
    "fish",
    "cmd",
    "cmd.exe",
    "powershell",
    "powershell.exe",
    "pwsh",
    "pwsh.exe",
];

/// The flags after which those shells take the command line (compared without case:
/// `cmd /C`, PowerShell `-Command`).
const COMMAND_FLAGS: &[&str] = &["-c", "/c", "-lc", "-ic", "-command", "/k"];

impl Rule for JsCommandInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let cp = site.path.is_some_and(|p| {
            p.starts_with("child_process.") || p.starts_with("node:child_process.")
        }) || site.path.is_none()
            && cx.imports("child_process")
            && site.recv.is_some_and(|r| r.ref_path().is_none());
        let shelljs = site.path.is_some_and(|p| p.starts_with("shelljs.")) && site.name == "exec";
        let execa = site
            .path
            .is_some_and(|p| p == "execa" || p.starts_with("execa."));
        // cross-spawn: child_process.spawn's drop-in replacement.
        let cross_spawn = site
            .path
            .is_some_and(|p| matches!(p, "cross-spawn" | "cross-spawn.spawn" | "cross-spawn.sync"));
        if !(cp || shelljs || execa || cross_spawn) {
            return;
        }
        let Some((_, cmd)) = site.arg(0) else { return };
        // execa's command forms split one string into the program and its arguments.
        let command_string = execa
            && matches!(
                site.path.and_then(|p| p.rsplit('.').next()),
                Some("execaCommand" | "execaCommandSync" | "command" | "commandSync")
            );
        match site.name {
            _ if command_string => {
                cx.sink(site.span, cmd, sink::SHELL, Unknown::Built, None);
            }
            "exec" | "execSync" if !cross_spawn => {
                cx.sink(site.span, cmd, sink::SHELL, Unknown::Built, None);
            }
            _ => {
                let shell = (1..3)
                    .find_map(|i| site.option(i, "shell"))
                    .is_some_and(|(e, v)| const_bool(&v) == Some(true) || e.as_str().is_some());
                if shell {
                    cx.sink(site.span, cmd, sink::SHELL, Unknown::Built, None);
                    return;
                }
                // spawn("sh", ["-c", cmd]), spawn("cmd.exe", ["/d", "/s", "/C", cmd]),
                // spawn("pwsh", ["-NoProfile", "-Command", cmd]): the argument after the
                // shell's command flag is a script.
                if let Some(first) = cmd.const_str()
                    && let Some(program) = first.rsplit(['/', '\\']).next()
                    && SHELLS.iter().any(|s| program.eq_ignore_ascii_case(s))
                    && let Some((_, args)) = site.arg(1)
                    && let Shape::Seq(items) = &args.shape
                    && let Some(flag) = items.iter().position(|a| {
                        a.const_str().is_some_and(|f| {
                            COMMAND_FLAGS.iter().any(|c| f.eq_ignore_ascii_case(c))
                        })
                    })
                    && let Some(script) = items.get(flag + 1)
                {
                    cx.sink(site.span, script, sink::SHELL, Unknown::Built, None);
                    return;
                }
                cx.sink(site.span, cmd, sink::PROGRAM, Unknown::Skip, None);
            }
        }
    }
}
