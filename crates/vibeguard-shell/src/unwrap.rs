//! Wrappers that hide the real command: privilege and scheduling wrappers (`sudo`,
//! `env`, `timeout`, `nice`, ...), runners (`xargs`, `find -exec`, `parallel`, `npx`,
//! `docker exec`, `ssh`), and shells or interpreters given code (`bash -c`, `eval`,
//! `python -c`). Each is peeled to what it runs.

use crate::analyze::Engine;
use crate::interp::Lang;
use crate::words::{self, Output, Word, taint};

pub enum Unwrapped {
    /// Runs another argv.
    Inner {
        argv: Vec<Word>,
        env: Vec<(String, Word)>,
    },
    /// Shell text to parse and analyse (optionally with a new stdin).
    Text {
        text: String,
        taint: u16,
        /// `$0`, `$1`, ... for `sh -c 'TEXT' arg0 arg1`.
        args: Vec<Word>,
    },
    /// A shell or interpreter reading its program from stdin.
    Stdin {
        lang: Lang,
    },
    /// Interpreter code given on the command line.
    Code {
        lang: Lang,
        code: Word,
    },
    /// A shell or interpreter running a script file.
    Script {
        word: Word,
        lang: Lang,
    },
    /// A lookup that runs nothing (`command -v x`).
    NoExec,
    NotWrapper,
}

/// Normalise the command word: `/usr/bin/rm` → `rm`, `rm.exe` → `rm`.
pub fn command_name(text: &str) -> String {
    let base = text.rsplit('/').next().unwrap_or(text);
    let base = base.strip_suffix(".exe").unwrap_or(base);
    base.to_string()
}

fn inner(args: &[Word]) -> Unwrapped {
    if args.is_empty() {
        return Unwrapped::NoExec;
    }
    Unwrapped::Inner {
        argv: args.to_vec(),
        env: Vec::new(),
    }
}

/// Index of the first word that is not an option; `with_value` options consume the next
/// word (also when given as `-uUSER` or `--user=x`, which consume nothing extra).
fn skip_opts(args: &[Word], with_value: &[&str]) -> usize {
    let mut i = 0;
    while i < args.len() {
        let a = args[i].text.as_str();
        if a == "--" {
            return i + 1;
        }
        if !a.starts_with('-') || a == "-" {
            return i;
        }
        if with_value.contains(&a) {
            i += 2;
            continue;
        }
        i += 1;
    }
    i
}

fn join(args: &[Word]) -> (String, u16) {
    let text = args
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let t = args.iter().fold(0, |t, w| t | w.taint);
    (text, t)
}

fn text(args: &[Word]) -> Unwrapped {
    if args.is_empty() {
        return Unwrapped::NoExec;
    }
    let (text, taint) = join(args);
    Unwrapped::Text {
        text,
        taint,
        args: Vec::new(),
    }
}

pub fn is_shell(name: &str) -> bool {
    matches!(
        name,
        "sh" | "bash"
            | "zsh"
            | "dash"
            | "ksh"
            | "mksh"
            | "ash"
            | "fish"
            | "rbash"
            | "yash"
            | "tcsh"
            | "csh"
    )
}

pub fn interpreter(name: &str) -> Option<Lang> {
    if name.starts_with("python") || name == "pypy" || name == "pypy3" {
        return Some(Lang::Python);
    }
    Some(match name {
        "node" | "nodejs" | "bun" | "deno" | "tsx" | "ts-node" => Lang::Node,
        "perl" => Lang::Perl,
        "ruby" => Lang::Ruby,
        "php" => Lang::Php,
        "awk" | "gawk" | "mawk" | "nawk" => Lang::Awk,
        "lua" | "Rscript" | "osascript" | "pwsh" | "powershell" => Lang::Other,
        _ => return None,
    })
}

pub fn unwrap(name: &str, args: &[Word], stdin: &Output, e: &mut Engine) -> Unwrapped {
    if is_shell(name) {
        return shell(args);
    }
    // bun is also a JavaScript runtime: `bun run NAME` and `bun NAME` prefer a
    // package.json script of that name over a file.
    if name == "bun"
        && let Some(script) = package_script(name, args, e)
    {
        return script;
    }
    if let Some(lang) = interpreter(name) {
        return interp(name, lang, args);
    }
    match name {
        "sudo" => {
            let i = skip_opts(
                args,
                &[
                    "-u", "-g", "-p", "-C", "-D", "-h", "-r", "-t", "-U", "-T", "-R", "--user",
                    "--group", "--prompt", "--chdir",
                ],
            );
            inner(&args[i..])
        }
        "doas" => inner(&args[skip_opts(args, &["-u", "-C"])..]),
        "env" => env(args),
        "timeout" => {
            let i = skip_opts(args, &["-s", "-k", "--signal", "--kill-after"]);
            inner(args.get(i + 1..).unwrap_or(&[]))
        }
        "nice" => inner(&args[skip_opts(args, &["-n", "--adjustment"])..]),
        "ionice" => inner(&args[skip_opts(args, &["-c", "-n", "--class", "--classdata"])..]),
        "stdbuf" => inner(&args[skip_opts(args, &["-i", "-o", "-e"])..]),
        "nohup" | "setsid" | "time" | "builtin" | "unbuffer" | "caffeinate" | "strace"
        | "ltrace" | "catchsegv" | "rtk" => {
            inner(&args[skip_opts(args, &["-o", "-f", "-e", "-p", "-s", "-w", "-t"])..])
        }
        "exec" => inner(&args[skip_opts(args, &["-a"])..]),
        "chrt" | "taskset" => {
            let i = skip_opts(args, &[]);
            inner(args.get(i + 1..).unwrap_or(&[]))
        }
        "command" => {
            if args.iter().any(|a| a.text == "-v" || a.text == "-V") {
                // `command -v X` prints where X is (see `produce`)
                Unwrapped::NotWrapper
            } else {
                inner(&args[skip_opts(args, &[])..])
            }
        }
        "busybox" | "toybox" => inner(args),
        "flock" => {
            if let Some(p) = args
                .iter()
                .position(|a| a.text == "-c" || a.text == "--command")
            {
                return text(args.get(p + 1..p + 2).unwrap_or(&[]));
            }
            let i = skip_opts(args, &["-w", "-E", "--timeout", "--conflict-exit-code"]);
            inner(args.get(i + 1..).unwrap_or(&[]))
        }
        "su" | "runuser" | "sg" => match args
            .iter()
            .position(|a| a.text == "-c" || a.text == "--command")
        {
            Some(p) => text(args.get(p + 1..p + 2).unwrap_or(&[])),
            None => Unwrapped::NotWrapper,
        },
        "eval" => text(args),
        // PowerShell: `iwr URL | iex`
        "iex" | "Invoke-Expression" => match args.first() {
            Some(w) => Unwrapped::Code {
                lang: Lang::Other,
                code: w.clone(),
            },
            None => Unwrapped::Stdin { lang: Lang::Other },
        },
        "watch" => {
            let exec = args.iter().any(|a| a.text == "-x" || a.text == "--exec");
            let i = skip_opts(args, &["-n", "--interval", "-q", "--equexit"]);
            if exec {
                inner(&args[i..])
            } else {
                text(&args[i..])
            }
        }
        "ssh" => {
            let i = skip_opts(
                args,
                &[
                    "-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O",
                    "-o", "-p", "-Q", "-R", "-S", "-W", "-w", "-B",
                ],
            );
            text(args.get(i + 1..).unwrap_or(&[]))
        }
        "docker" | "podman" | "nerdctl" => {
            let mut a = args;
            if a.first()
                .is_some_and(|w| w.text == "compose" || w.text == "container")
            {
                a = &a[1..];
            }
            if a.first().is_some_and(|w| w.text == "exec") {
                let i = skip_opts(
                    &a[1..],
                    &[
                        "-e",
                        "--env",
                        "-u",
                        "--user",
                        "-w",
                        "--workdir",
                        "--env-file",
                        "--detach-keys",
                        "--index",
                    ],
                );
                return inner(a.get(1 + i + 1..).unwrap_or(&[]));
            }
            Unwrapped::NotWrapper
        }
        "docker-compose" => {
            if args
                .first()
                .is_some_and(|w| w.text == "exec" || w.text == "run")
            {
                let i = skip_opts(
                    &args[1..],
                    &["-e", "-u", "--user", "-w", "--workdir", "--index"],
                );
                return inner(args.get(1 + i + 1..).unwrap_or(&[]));
            }
            Unwrapped::NotWrapper
        }
        "kubectl" | "oc" => {
            if args.iter().any(|a| a.text == "exec")
                && let Some(p) = args.iter().position(|a| a.text == "--")
            {
                return inner(&args[p + 1..]);
            }
            Unwrapped::NotWrapper
        }
        "npx" | "bunx" | "pnpx" | "uvx" => {
            if let Some(p) = args
                .iter()
                .position(|a| a.text == "-c" || a.text == "--call")
            {
                return text(args.get(p + 1..p + 2).unwrap_or(&[]));
            }
            let i = skip_opts(
                args,
                &["-p", "--package", "--from", "--with", "--python", "-w"],
            );
            runner_inner(&args[i..])
        }
        "pnpm" | "yarn" | "npm" | "bun" => {
            let sub = args.first().map(|w| w.text.as_str());
            if matches!(sub, Some("dlx" | "exec" | "x")) {
                let i = skip_opts(&args[1..], &["-p", "--package", "-c"]);
                return runner_inner(&args[1 + i..]);
            }
            package_script(name, args, e).unwrap_or(Unwrapped::NotWrapper)
        }
        "uv" | "poetry" | "pipenv" | "bundle" | "mise" | "devbox" | "pdm" | "hatch" | "rye" => {
            let sub = args.first().map(|w| w.text.as_str());
            if matches!(sub, Some("run" | "exec")) {
                let i = skip_opts(
                    &args[1..],
                    &[
                        "--with",
                        "--python",
                        "-p",
                        "--directory",
                        "--env-file",
                        "--group",
                        "--extra",
                        "--package",
                    ],
                );
                return inner(&args[1 + i..]);
            }
            Unwrapped::NotWrapper
        }
        "direnv" => {
            if args.first().is_some_and(|w| w.text == "exec") {
                return inner(args.get(2..).unwrap_or(&[]));
            }
            Unwrapped::NotWrapper
        }
        "nix-shell" => match args
            .iter()
            .position(|a| a.text == "--run" || a.text == "--command")
        {
            Some(p) => text(args.get(p + 1..p + 2).unwrap_or(&[])),
            None => Unwrapped::NotWrapper,
        },
        "xargs" => xargs(args, stdin),
        "parallel" => parallel(args, stdin),
        "find" => {
            find_exec(args, e);
            Unwrapped::NotWrapper
        }
        "source" | "." => match args.first() {
            Some(w) if w.text == "/dev/stdin" || w.text == "-" => {
                Unwrapped::Stdin { lang: Lang::Shell }
            }
            Some(w) => Unwrapped::Script {
                word: w.clone(),
                lang: Lang::Shell,
            },
            None => Unwrapped::NoExec,
        },
        _ => Unwrapped::NotWrapper,
    }
}

/// Subcommands of npm, yarn, pnpm and bun that are not script names.
const PM_BUILTINS: &[&str] = &[
    "add",
    "audit",
    "bin",
    "build",
    "cache",
    "ci",
    "config",
    "create",
    "dedupe",
    "dlx",
    "exec",
    "help",
    "i",
    "info",
    "init",
    "install",
    "link",
    "list",
    "login",
    "logout",
    "ls",
    "outdated",
    "pack",
    "publish",
    "rebuild",
    "remove",
    "rm",
    "uninstall",
    "unlink",
    "up",
    "update",
    "upgrade",
    "version",
    "view",
    "why",
    "workspace",
    "workspaces",
    "x",
];

/// `npm run NAME`, `npm test`, `yarn NAME`, `pnpm NAME`, `bun run NAME`: the project's
/// package.json script (with its `pre`/`post` scripts, as npm runs them) as shell text,
/// so a script an agent wrote earlier is judged by what it does, not by its name.
/// `None` when there is no such script (an installed binary, a file, a builtin).
fn package_script(pm: &str, args: &[Word], e: &Engine) -> Option<Unwrapped> {
    if let Some(text) = crate::lifecycle::install_scripts(pm, args, e) {
        return Some(Unwrapped::Text {
            text,
            taint: 0,
            args: Vec::new(),
        });
    }
    let i = skip_opts(
        args,
        &[
            "--prefix",
            "-C",
            "--dir",
            "--cwd",
            "-w",
            "--workspace",
            "--filter",
            "-F",
        ],
    );
    let sub = args.get(i)?.text.as_str();
    let (script, rest) = match sub {
        "run" | "run-script" | "rum" | "urn" => {
            let j = i + 1 + skip_opts(&args[i + 1..], &["--workspace", "-w"]);
            (args.get(j)?.text.as_str(), args.get(j + 1..).unwrap_or(&[]))
        }
        "test" | "t" | "tst" | "start" | "stop" | "restart" => (sub, &args[i + 1..]),
        // yarn, pnpm and bun also run a script given as the subcommand itself.
        _ if pm != "npm" && !PM_BUILTINS.contains(&sub) => (sub, &args[i + 1..]),
        _ => return None,
    };
    let manifest = e.cwd.join("package.json");
    let text = e.project_file(&manifest)?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    let scripts = json.get("scripts")?;
    let body = scripts.get(script)?.as_str()?;
    // npm passes extra arguments to the script quoted, one word each.
    let extra: Vec<String> = rest
        .iter()
        .filter(|w| w.text != "--")
        .map(|w| format!("'{}'", w.text.replace('\'', "'\\''")))
        .collect();
    let mut parts = Vec::new();
    if let Some(pre) = scripts.get(format!("pre{script}")).and_then(|v| v.as_str()) {
        parts.push(pre.to_string());
    }
    parts.push(if extra.is_empty() {
        body.to_string()
    } else {
        format!("{body} {}", extra.join(" "))
    });
    if let Some(post) = scripts
        .get(format!("post{script}"))
        .and_then(|v| v.as_str())
    {
        parts.push(post.to_string());
    }
    Some(Unwrapped::Text {
        text: parts.join(" && "),
        taint: 0,
        args: Vec::new(),
    })
}

fn runner_inner(args: &[Word]) -> Unwrapped {
    // `npx rimraf dir` and friends: strip a version from the package name.
    let mut v = args.to_vec();
    if let Some(first) = v.first_mut()
        && let Some(at) = first.text.get(1..).and_then(|s| s.find('@'))
    {
        first.text.truncate(at + 1);
    }
    inner(&v)
}

fn shell(args: &[Word]) -> Unwrapped {
    let mut i = 0;
    let mut want_c = false;
    let mut from_stdin = false;
    while i < args.len() {
        let a = args[i].text.as_str();
        if a == "--" {
            i += 1;
            break;
        }
        if a == "-o" || a == "+o" || a == "--rcfile" || a == "--init-file" || a == "-O" || a == "+O"
        {
            i += 2;
            continue;
        }
        if let Some(flags) = a
            .strip_prefix('-')
            .filter(|f| !f.is_empty() && !f.starts_with('-'))
        {
            if flags.contains('c') {
                want_c = true;
            }
            if flags.contains('s') {
                from_stdin = true;
            }
            i += 1;
            continue;
        }
        if a.starts_with("--") || a.starts_with('+') {
            i += 1;
            continue;
        }
        break;
    }
    if want_c {
        return match args.get(i) {
            Some(w) => Unwrapped::Text {
                text: w.text.clone(),
                taint: w.taint,
                args: args[i + 1..].to_vec(),
            },
            None => Unwrapped::NoExec,
        };
    }
    if from_stdin {
        return Unwrapped::Stdin { lang: Lang::Shell };
    }
    match args.get(i) {
        None => Unwrapped::Stdin { lang: Lang::Shell },
        Some(w) if w.text == "-" || w.text == "/dev/stdin" => {
            Unwrapped::Stdin { lang: Lang::Shell }
        }
        Some(w) => Unwrapped::Script {
            word: url_word(w),
            lang: Lang::Shell,
        },
    }
}

/// A script argument that is a URL is code from the network.
fn url_word(w: &Word) -> Word {
    let mut w = w.clone();
    if w.text.starts_with("http://") || w.text.starts_with("https://") {
        w.taint |= taint::DOWNLOAD;
    }
    w
}

fn interp(name: &str, lang: Lang, args: &[Word]) -> Unwrapped {
    let code_flags: &[&str] = match lang {
        Lang::Python => &["-c"],
        Lang::Node => &["-e", "--eval", "-p", "--print"],
        Lang::Perl | Lang::Ruby => &["-e", "-E"],
        Lang::Php => &["-r"],
        Lang::Other => &["-e", "-c", "-Command"],
        _ => &[],
    };
    if lang == Lang::Node && name == "deno" {
        match args.first().map(|w| w.text.as_str()) {
            Some("eval") => {
                return args.get(1).map_or(Unwrapped::NoExec, |w| Unwrapped::Code {
                    lang,
                    code: w.clone(),
                });
            }
            Some("run") => {
                let i = 1 + skip_opts(&args[1..], &["--config", "-c", "--import-map"]);
                return args
                    .get(i)
                    .map_or(Unwrapped::NoExec, |w| Unwrapped::Script {
                        lang,
                        word: url_word(w),
                    });
            }
            _ => {}
        }
    }
    if lang == Lang::Awk {
        let mut i = 0;
        while i < args.len() {
            let a = args[i].text.as_str();
            if a == "-f" {
                return Unwrapped::NoExec;
            }
            if a == "-F" || a == "-v" {
                i += 2;
                continue;
            }
            if a.starts_with('-') && a.len() > 1 {
                i += 1;
                continue;
            }
            return Unwrapped::Code {
                lang,
                code: args[i].clone(),
            };
        }
        return Unwrapped::NoExec;
    }
    let mut i = 0;
    while i < args.len() {
        let a = args[i].text.as_str();
        if a == "--" {
            i += 1;
            break;
        }
        if lang == Lang::Python && a == "-m" {
            return inner(&args[i + 1..]);
        }
        for f in code_flags {
            if a == *f {
                return args
                    .get(i + 1)
                    .map_or(Unwrapped::NoExec, |w| Unwrapped::Code {
                        lang,
                        code: w.clone(),
                    });
            }
            // bundled `perl -ne CODE`, attached `python -cCODE`
            if f.len() == 2 && a.starts_with('-') && !a.starts_with("--") && a.len() > 2 {
                let fl = f.chars().nth(1).unwrap_or('-');
                if matches!(lang, Lang::Perl | Lang::Ruby)
                    && a[1..].chars().all(|c| c.is_ascii_alphabetic())
                    && a.ends_with(fl)
                {
                    return args
                        .get(i + 1)
                        .map_or(Unwrapped::NoExec, |w| Unwrapped::Code {
                            lang,
                            code: w.clone(),
                        });
                }
                if lang == Lang::Python && a.starts_with(f) {
                    return Unwrapped::Code {
                        lang,
                        code: Word {
                            text: a[2..].to_string(),
                            taint: args[i].taint,
                        },
                    };
                }
            }
        }
        if a.starts_with('-') && a.len() > 1 {
            // options with a value
            if matches!(
                a,
                "-W" | "-X" | "-M" | "-I" | "-r" | "--require" | "--import" | "--loader"
            ) {
                i += 2;
            } else {
                i += 1;
            }
            continue;
        }
        break;
    }
    match args.get(i) {
        None => Unwrapped::Stdin { lang },
        Some(w) if w.text == "-" || w.text == "/dev/stdin" => Unwrapped::Stdin { lang },
        Some(w) => {
            if lang == Lang::Node
                && name == "bun"
                && matches!(
                    w.text.as_str(),
                    "run" | "test" | "install" | "add" | "x" | "build"
                )
            {
                return Unwrapped::NotWrapper;
            }
            Unwrapped::Script {
                word: url_word(w),
                lang,
            }
        }
    }
}

fn env(args: &[Word]) -> Unwrapped {
    let mut i = 0;
    let mut env = Vec::new();
    while i < args.len() {
        let a = args[i].text.as_str();
        if a == "-u" || a == "--unset" || a == "-C" || a == "--chdir" {
            i += 2;
            continue;
        }
        if a == "-S" || a == "--split-string" {
            // the string is a command line in its own right
            let (mut t, tt) = join(&args[i + 1..]);
            if t.is_empty() {
                return Unwrapped::NoExec;
            }
            t = t.replace("\\_", " ");
            return Unwrapped::Text {
                text: t,
                taint: tt,
                args: Vec::new(),
            };
        }
        if a.starts_with('-') {
            i += 1;
            continue;
        }
        if let Some((n, v)) = a.split_once('=')
            && !n.is_empty()
            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            env.push((
                n.to_string(),
                Word {
                    text: v.to_string(),
                    taint: args[i].taint,
                },
            ));
            i += 1;
            continue;
        }
        break;
    }
    if i >= args.len() {
        // `env` alone (or with only assignments) prints the environment
        return if args.is_empty() {
            Unwrapped::NotWrapper
        } else {
            Unwrapped::Inner {
                argv: vec![Word::lit("env")],
                env,
            }
        };
    }
    Unwrapped::Inner {
        argv: args[i..].to_vec(),
        env,
    }
}

fn xargs(args: &[Word], stdin: &Output) -> Unwrapped {
    let mut i = 0;
    let mut replace: Option<String> = None;
    while i < args.len() {
        let a = args[i].text.as_str();
        if a == "--" {
            i += 1;
            break;
        }
        if !a.starts_with('-') {
            break;
        }
        if a == "-I" {
            replace = args.get(i + 1).map(|w| w.text.clone());
            i += 2;
            continue;
        }
        // GNU `--replace` / `--replace=` / `-i` without a value mean `{}`
        if a == "--replace" || a == "--replace=" {
            replace = Some("{}".to_string());
            i += 1;
            continue;
        }
        if let Some(r) = a.strip_prefix("-I") {
            replace = Some(r.to_string());
            i += 1;
            continue;
        }
        if a == "-i" || a.starts_with("--replace=") {
            replace = Some(a.split_once('=').map_or("{}", |x| x.1).to_string());
            i += 1;
            continue;
        }
        if matches!(a, "-L" | "-n" | "-P" | "-d" | "-E" | "-s" | "-a") {
            i += 2;
            continue;
        }
        i += 1;
    }
    let mut argv: Vec<Word> = args[i..].to_vec();
    if argv.is_empty() {
        argv.push(Word::lit("echo"));
    }
    // in replace mode each input line is one item, spaces included
    let items: Vec<Word> = match &stdin.text {
        Some(t) if replace.is_some() => t
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(64)
            .map(|s| Word {
                text: s.to_string(),
                taint: stdin.taint,
            })
            .collect(),
        Some(t) => t
            .split_whitespace()
            .take(64)
            .map(|s| Word {
                text: s.to_string(),
                taint: stdin.taint,
            })
            .collect(),
        None => vec![Word {
            text: words::DYNAMIC.to_string(),
            taint: stdin.taint | taint::DYNAMIC,
        }],
    };
    match replace {
        Some(r) => {
            let item = items.first().cloned().unwrap_or_default();
            for w in argv.iter_mut() {
                if w.text.contains(&r) {
                    w.text = w.text.replace(&r, &item.text);
                    w.taint |= item.taint;
                }
            }
        }
        None => argv.extend(items),
    }
    Unwrapped::Inner {
        argv,
        env: Vec::new(),
    }
}

fn parallel(args: &[Word], stdin: &Output) -> Unwrapped {
    let sep = args
        .iter()
        .position(|a| a.text == ":::" || a.text == "::::")
        .unwrap_or(args.len());
    let i = skip_opts(
        &args[..sep],
        &[
            "-j",
            "--jobs",
            "-S",
            "--sshlogin",
            "--delay",
            "--timeout",
            "-N",
            "-n",
        ],
    );
    let cmd = &args[i..sep];
    // the arguments after `:::`, else the lines of stdin
    let value = args
        .get(sep + 1)
        .cloned()
        .or_else(|| {
            stdin.text.as_ref().and_then(|t| {
                t.lines().find(|l| !l.trim().is_empty()).map(|l| Word {
                    text: l.to_string(),
                    taint: stdin.taint,
                })
            })
        })
        .unwrap_or_else(|| Word {
            text: words::DYNAMIC.to_string(),
            taint: taint::DYNAMIC | stdin.taint,
        });
    // `parallel ::: 'rm -rf /'`: with no command, each argument is a command line
    if cmd.is_empty() && sep < args.len() {
        return Unwrapped::Text {
            text: value.text.clone(),
            taint: value.taint,
            args: Vec::new(),
        };
    }
    if cmd.len() == 1 && cmd[0].text.contains(' ') {
        let t = cmd[0].text.replace("{}", &value.text);
        return Unwrapped::Text {
            text: t,
            taint: cmd[0].taint | value.taint,
            args: Vec::new(),
        };
    }
    let mut argv = cmd.to_vec();
    if argv.iter().any(|w| w.text.contains("{}")) {
        for w in argv.iter_mut() {
            w.text = w.text.replace("{}", &value.text);
        }
    } else if !argv.is_empty() {
        argv.push(value);
    }
    inner(&argv)
}

/// `find ROOTS ... -exec CMD {} ;`: run each CMD with `{}` replaced by the roots.
fn find_exec(args: &[Word], e: &mut Engine) {
    let roots: Vec<Word> = args
        .iter()
        .take_while(|a| !a.text.starts_with('-') && a.text != "(" && a.text != "!")
        .cloned()
        .collect();
    let mut root = roots.first().cloned().unwrap_or_else(|| Word::lit("."));
    // With a name filter, `{}` stands for the matching entries below the root, not the
    // root itself (`find . -name __pycache__ -exec rm -rf {} +`).
    if let Some(p) = args
        .iter()
        .position(|a| matches!(a.text.as_str(), "-name" | "-iname"))
        && let Some(pat) = args.get(p + 1)
    {
        root.text = format!("{}/{}", root.text.trim_end_matches('/'), pat.text);
    }
    let mut i = 0;
    while i < args.len() {
        let a = args[i].text.as_str();
        if matches!(a, "-exec" | "-execdir" | "-ok" | "-okdir") {
            let start = i + 1;
            let mut end = start;
            while end < args.len() && args[end].text != ";" && args[end].text != "+" {
                end += 1;
            }
            let mut argv: Vec<Word> = args[start..end.min(args.len())].to_vec();
            for w in argv.iter_mut() {
                if w.text.contains("{}") {
                    w.text = w.text.replace("{}", &root.text);
                    w.taint |= root.taint;
                }
            }
            e.run_nested(argv);
            i = end + 1;
            continue;
        }
        i += 1;
    }
}
