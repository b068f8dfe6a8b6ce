//! A small POSIX shell reader for the scripts configuration embeds (Dockerfile `RUN`,
//! workflow `run:`, package.json scripts, compose `command:`): pipelines of commands with
//! unquoted words, `$(...)`, backticks and process substitutions parsed recursively,
//! redirections and here-documents set aside. It never runs anything; it is tolerant
//! (an unterminated quote ends the script) because rules prefer a best reading of a
//! broken script to no reading.

use std::ops::Range;

#[derive(Debug, Clone, Default)]
pub struct Script {
    pub pipelines: Vec<Pipeline>,
}

#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    pub commands: Vec<Command>,
}

#[derive(Debug, Clone, Default)]
pub struct Command {
    pub words: Vec<Word>,
    /// Byte range in the script text.
    pub span: Range<usize>,
    /// Redirection targets (`> file`, `< file`), as words.
    pub redirects: Vec<(String, Word)>,
    /// Bodies of here-documents fed to this command.
    pub heredocs: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Word {
    /// The word with quotes removed (substitutions kept as written).
    pub text: String,
    pub span: Range<usize>,
    /// Scripts inside `$(...)`, backticks and `<(...)` in this word.
    pub subs: Vec<Script>,
}

const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "time",
];
const WRAPPERS: &[&str] = &[
    "sudo", "doas", "env", "nohup", "exec", "command", "builtin", "nice", "stdbuf", "timeout",
];

impl Command {
    /// Words after leading assignments (`A=1 cmd`), shell keywords and wrappers (`sudo`,
    /// `env`, `nohup`), with the wrappers' own options skipped.
    pub fn argv(&self) -> Vec<&Word> {
        let mut words: &[Word] = &self.words;
        while let Some(first) = words.first() {
            let t = first.text.as_str();
            if KEYWORDS.contains(&t) || is_assignment(t) {
                words = &words[1..];
                continue;
            }
            let wrapper = basename(t);
            if !WRAPPERS.contains(&wrapper) {
                break;
            }
            words = &words[1..];
            // The wrapper's own options (`sudo -E -u root`, `nice -n 10`, `timeout 5`).
            while let Some(w) = words.first() {
                let wt = w.text.as_str();
                if wt.starts_with('-') {
                    let takes_value = matches!(
                        wt,
                        "-u" | "-g" | "-C" | "-h" | "-p" | "-D" | "--user" | "--group"
                    ) || wrapper == "nice" && wt == "-n";
                    words = &words[if takes_value { 2.min(words.len()) } else { 1 }..];
                } else if is_assignment(wt) || is_duration(wt) {
                    words = &words[1..];
                } else {
                    break;
                }
            }
        }
        words.iter().collect()
    }

    /// The program name (basename of the first word of [`Command::argv`]).
    pub fn name(&self) -> &str {
        self.argv().first().map_or("", |w| basename(&w.text))
    }

    /// Was the command run through `sudo`/`doas`?
    pub fn uses_sudo(&self) -> bool {
        self.words
            .iter()
            .take_while(|w| !w.text.is_empty())
            .take(4)
            .any(|w| matches!(basename(&w.text), "sudo" | "doas"))
    }

    /// Arguments after the program name, as text.
    pub fn args(&self) -> Vec<&str> {
        self.argv()
            .iter()
            .skip(1)
            .map(|w| w.text.as_str())
            .collect()
    }

    pub fn has_arg(&self, a: &str) -> bool {
        self.args().contains(&a)
    }

    /// Is there an option `-x` alone or combined in a short-option group (`-fsSLk`)?
    pub fn has_short(&self, c: char) -> bool {
        self.args().iter().any(|a| {
            a.starts_with('-') && !a.starts_with("--") && a.len() > 1 && a[1..].contains(c)
        })
    }
}

pub fn basename(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

/// `5`, `1.5s`, `10m`: a `timeout` duration.
fn is_duration(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 's' | 'm' | 'h' | 'd'))
}

fn is_assignment(t: &str) -> bool {
    match t.find('=') {
        Some(i) if i > 0 => {
            t[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !t.as_bytes()[0].is_ascii_digit()
        }
        _ => false,
    }
}

impl Script {
    /// Every command, including those inside substitutions, depth first.
    pub fn all_commands(&self) -> Vec<&Command> {
        let mut out = Vec::new();
        collect(self, &mut out);
        out
    }
}

fn collect<'a>(s: &'a Script, out: &mut Vec<&'a Command>) {
    for p in &s.pipelines {
        for c in &p.commands {
            out.push(c);
            for w in &c.words {
                for sub in &w.subs {
                    collect(sub, out);
                }
            }
        }
    }
}

/// Parse a script. `offset` is added to every span (the script's place in its file when
/// it is a verbatim slice; pass 0 otherwise).
pub fn parse(text: &str) -> Script {
    let mut p = P {
        s: text.as_bytes(),
        text,
        i: 0,
        depth: 0,
    };
    p.script(None)
}

struct P<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    depth: usize,
}

impl P<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn script(&mut self, close: Option<u8>) -> Script {
        let mut script = Script::default();
        let mut pipeline = Pipeline::default();
        let mut cmd = Command::default();
        let mut pending_heredocs: Vec<(String, bool)> = Vec::new();
        let mut cmd_start = self.i;
        loop {
            // Blanks and line continuations.
            while let Some(c) = self.peek() {
                if c == b' ' || c == b'\t' || c == b'\r' {
                    self.i += 1;
                } else if c == b'\\' && self.s.get(self.i + 1) == Some(&b'\n') {
                    self.i += 2;
                } else {
                    break;
                }
            }
            let Some(c) = self.peek() else { break };
            if Some(c) == close {
                self.i += 1;
                break;
            }
            match c {
                b'#' => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.i += 1;
                    }
                }
                b'\n' | b';' | b'&' | b'|' | b'(' | b')' => {
                    let two = &self.s[self.i..(self.i + 2).min(self.s.len())];
                    let pipe = c == b'|' && two != b"||";
                    let len = if two == b"&&" || two == b"||" || two == b";;" || two == b"|&" {
                        2
                    } else {
                        1
                    };
                    if c == b'&' && two == b"&>" {
                        // `&> file` redirection.
                        self.i += 2;
                        let w = self.word();
                        cmd.redirects.push(("&>".into(), w));
                        continue;
                    }
                    cmd.span = cmd_start..self.i;
                    finish_cmd(&mut pipeline, &mut cmd);
                    self.i += len;
                    if c == b'\n' {
                        for (delim, strip) in pending_heredocs.drain(..) {
                            let body = self.heredoc_body(&delim, strip);
                            if let Some(last) = pipeline.commands.last_mut() {
                                last.heredocs.push(body);
                            }
                        }
                    }
                    if !pipe && !pipeline.commands.is_empty() {
                        script.pipelines.push(std::mem::take(&mut pipeline));
                    }
                    cmd_start = self.i;
                }
                b'>' | b'<' => {
                    if c == b'<' && self.s.get(self.i + 1) == Some(&b'(') {
                        let w = self.word();
                        cmd.words.push(w);
                        continue;
                    }
                    let start = self.i;
                    while self
                        .peek()
                        .is_some_and(|c| matches!(c, b'<' | b'>' | b'&' | b'|' | b'-'))
                    {
                        self.i += 1;
                    }
                    let op = self.text[start..self.i].to_string();
                    if op.starts_with("<<") && !op.starts_with("<<<") {
                        let strip = op.ends_with('-');
                        let w = self.word();
                        pending_heredocs.push((w.text.clone(), strip));
                        continue;
                    }
                    if op.ends_with('&') || op == ">&" {
                        // `2>&1`: the target is a descriptor.
                        let _ = self.word();
                        continue;
                    }
                    let w = self.word();
                    cmd.redirects.push((op, w));
                }
                _ => {
                    let w = self.word();
                    // `2>file`: a descriptor number glued to a redirection.
                    if w.text.bytes().all(|b| b.is_ascii_digit())
                        && matches!(self.peek(), Some(b'>' | b'<'))
                    {
                        continue;
                    }
                    if cmd.words.is_empty() {
                        cmd_start = w.span.start;
                    }
                    cmd.words.push(w);
                }
            }
        }
        cmd.span = cmd_start..self.i;
        finish_cmd(&mut pipeline, &mut cmd);
        if !pipeline.commands.is_empty() {
            script.pipelines.push(pipeline);
        }
        script
    }

    fn heredoc_body(&mut self, delim: &str, strip: bool) -> String {
        let mut body = String::new();
        while self.i < self.s.len() {
            let end = self.text[self.i..]
                .find('\n')
                .map_or(self.s.len(), |e| self.i + e);
            let line = &self.text[self.i..end];
            self.i = (end + 1).min(self.s.len());
            let cmp = if strip {
                line.trim_start_matches('\t')
            } else {
                line
            };
            if cmp.trim_end_matches('\r') == delim {
                break;
            }
            body.push_str(cmp);
            body.push('\n');
        }
        body
    }

    /// A nested script up to the matching `close` byte.
    fn nested(&mut self, close: u8) -> Script {
        if self.depth > 16 {
            // Too deep: skip to the close byte without reading.
            while let Some(c) = self.peek() {
                self.i += 1;
                if c == close {
                    break;
                }
            }
            return Script::default();
        }
        self.depth += 1;
        let s = self.script(Some(close));
        self.depth -= 1;
        s
    }

    fn word(&mut self) -> Word {
        let start = self.i;
        let mut w = Word::default();
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'>' | b')' => break,
                b'<' if self.s.get(self.i + 1) == Some(&b'(') => {
                    self.i += 2;
                    let sub = self.nested(b')');
                    w.text.push_str(&self.text[start..self.i]);
                    w.subs.push(sub);
                }
                b'<' | b'(' if self.i > start => break,
                b'(' => {
                    self.i += 1;
                    break;
                }
                b'\\' => {
                    if let Some(&n) = self.s.get(self.i + 1)
                        && n != b'\n'
                    {
                        let ch = self.text[self.i + 1..].chars().next().unwrap_or(' ');
                        w.text.push(ch);
                        self.i += 1 + ch.len_utf8();
                        continue;
                    }
                    self.i += 2;
                }
                b'\'' => {
                    self.i += 1;
                    let end = self.text[self.i..]
                        .find('\'')
                        .map_or(self.s.len(), |e| self.i + e);
                    w.text.push_str(&self.text[self.i..end]);
                    self.i = (end + 1).min(self.s.len());
                }
                b'"' => {
                    self.i += 1;
                    while let Some(c) = self.peek() {
                        match c {
                            b'"' => {
                                self.i += 1;
                                break;
                            }
                            b'\\' => {
                                if let Some(&n) = self.s.get(self.i + 1)
                                    && n != b'\n'
                                {
                                    let ch = self.text[self.i + 1..].chars().next().unwrap_or(' ');
                                    if !matches!(n, b'"' | b'\\' | b'$' | b'`') {
                                        w.text.push('\\');
                                    }
                                    w.text.push(ch);
                                    self.i += 1 + ch.len_utf8();
                                    continue;
                                }
                                self.i += 2;
                            }
                            b'$' if self.s.get(self.i + 1) == Some(&b'(') => {
                                self.dollar_paren(&mut w)
                            }
                            b'`' => self.backtick(&mut w),
                            _ => {
                                let ch = self.text[self.i..].chars().next().unwrap_or(' ');
                                w.text.push(ch);
                                self.i += ch.len_utf8();
                            }
                        }
                    }
                }
                b'$' if self.s.get(self.i + 1) == Some(&b'(') => self.dollar_paren(&mut w),
                b'$' if self.s.get(self.i + 1) == Some(&b'{') => {
                    let s0 = self.i;
                    let end = self.text[self.i..]
                        .find('}')
                        .map_or(self.s.len(), |e| self.i + e + 1);
                    self.i = end;
                    w.text.push_str(&self.text[s0..end]);
                }
                b'`' => self.backtick(&mut w),
                _ => {
                    let ch = self.text[self.i..].chars().next().unwrap_or(' ');
                    w.text.push(ch);
                    self.i += ch.len_utf8();
                }
            }
        }
        w.span = start..self.i;
        w
    }

    fn dollar_paren(&mut self, w: &mut Word) {
        let s0 = self.i;
        self.i += 2;
        let sub = self.nested(b')');
        w.text.push_str(&self.text[s0..self.i]);
        w.subs.push(sub);
    }

    fn backtick(&mut self, w: &mut Word) {
        let s0 = self.i;
        self.i += 1;
        let end = self.text[self.i..]
            .find('`')
            .map_or(self.s.len(), |e| self.i + e);
        let inner = parse(&self.text[self.i..end]);
        self.i = (end + 1).min(self.s.len());
        w.text.push_str(&self.text[s0..self.i]);
        w.subs.push(inner);
    }
}

fn finish_cmd(pipeline: &mut Pipeline, cmd: &mut Command) {
    let c = std::mem::take(cmd);
    if !c.words.is_empty() || !c.redirects.is_empty() {
        pipeline.commands.push(c);
    }
}

// --- What the rules ask of a script ------------------------------------------------

const DOWNLOADERS: &[&str] = &[
    "curl",
    "wget",
    "fetch",
    "http",
    "https",
    "aria2c",
    "iwr",
    "irm",
    "invoke-webrequest",
    "invoke-restmethod",
];
const INTERPRETERS: &[&str] = &[
    "sh",
    "bash",
    "zsh",
    "dash",
    "ksh",
    "ash",
    "fish",
    "python",
    "python2",
    "python3",
    "perl",
    "ruby",
    "node",
    "php",
    "pwsh",
    "powershell",
    "iex",
    "invoke-expression",
    "source",
    ".",
];
const CHECKSUM_TOOLS: &[&str] = &[
    "sha256sum",
    "sha512sum",
    "sha1sum",
    "shasum",
    "gpg",
    "gpgv",
    "cosign",
    "minisign",
    "sha384sum",
    "b2sum",
];

pub fn is_downloader(c: &Command) -> bool {
    DOWNLOADERS.contains(&c.name().to_ascii_lowercase().as_str())
}

/// Runs code read from its standard input: `sh`, `bash -s`, `python3 -`, `sudo -E bash`.
fn reads_code_from_stdin(c: &Command) -> bool {
    let name = c.name().to_ascii_lowercase();
    if !INTERPRETERS.contains(&name.as_str()) || name == "source" || name == "." {
        return false;
    }
    if matches!(name.as_str(), "iex" | "invoke-expression") {
        return true;
    }
    let args = c.args();
    let it = args.iter();
    for a in it {
        if *a == "-" || *a == "-s" || *a == "--" {
            return true;
        }
        if a.starts_with('-') {
            // `-c code` runs its argument, not stdin.
            if *a == "-c" || *a == "-e" || *a == "-m" {
                return false;
            }
            continue;
        }
        return false;
    }
    true
}

fn script_downloads(s: &Script) -> bool {
    s.all_commands().iter().any(|c| is_downloader(c))
}

/// Where a script runs code it has just downloaded without checking it: a download piped
/// into an interpreter, `sh -c "$(curl ...)"`, `eval "$(wget -O- ...)"`,
/// `bash <(curl ...)`, or a file downloaded and run with no checksum or signature
/// check in the same script. Returns the spans (in the script) of the offending commands.
pub fn downloads_and_runs(s: &Script) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let all = s.all_commands();
    let verified = all
        .iter()
        .any(|c| CHECKSUM_TOOLS.contains(&c.name()) || c.name() == "openssl" && c.has_arg("dgst"));
    walk_pipelines(s, &mut |p: &Pipeline| {
        for (i, c) in p.commands.iter().enumerate() {
            if is_downloader(c) && p.commands[i + 1..].iter().any(reads_code_from_stdin) {
                let end = p.commands.last().map_or(c.span.end, |l| l.span.end);
                out.push(c.span.start..end);
                return;
            }
        }
    });
    for c in &all {
        let name = c.name().to_ascii_lowercase();
        let runs_sub = matches!(
            name.as_str(),
            "eval" | "source" | "." | "iex" | "invoke-expression"
        ) || INTERPRETERS.contains(&name.as_str());
        if runs_sub
            && c.argv()
                .iter()
                .skip(1)
                .any(|w| w.subs.iter().any(script_downloads))
        {
            out.push(c.span.clone());
        }
    }
    if !verified {
        out.extend(downloaded_file_run(&all));
    }
    out.sort_by_key(|r| r.start);
    out.dedup();
    out
}

fn walk_pipelines<'a>(s: &'a Script, f: &mut dyn FnMut(&'a Pipeline)) {
    for p in &s.pipelines {
        f(p);
        for c in &p.commands {
            for w in &c.words {
                for sub in &w.subs {
                    walk_pipelines(sub, f);
                }
            }
        }
    }
}

/// `curl -o /tmp/i.sh URL && sh /tmp/i.sh`, `wget -O x URL; chmod +x x; ./x`.
fn downloaded_file_run(all: &[&Command]) -> Vec<Range<usize>> {
    let mut files: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for c in all {
        if is_downloader(c) {
            let args = c.args();
            for (i, a) in args.iter().enumerate() {
                let target = match *a {
                    "-o" | "-O" | "--output" | "--output-document" => args.get(i + 1).copied(),
                    _ => a
                        .strip_prefix("--output=")
                        .or_else(|| a.strip_prefix("--output-document=")),
                };
                if let Some(t) = target.filter(|t| *t != "-" && !t.starts_with("/dev/")) {
                    files.push(basename(t).to_string());
                }
            }
            continue;
        }
        if files.is_empty() {
            continue;
        }
        let argv = c.argv();
        let Some(first) = argv.first() else { continue };
        let prog = basename(&first.text);
        let runs_file = |f: &str| {
            (first.text.contains('/') && prog == f)
                || (INTERPRETERS.contains(&prog)
                    && argv
                        .iter()
                        .skip(1)
                        .find(|w| !w.text.starts_with('-'))
                        .is_some_and(|w| basename(&w.text) == f))
        };
        if files.iter().any(|f| {
            f.ends_with(".sh") || f.ends_with(".py") || f.ends_with(".ps1") || !f.contains('.')
        }) && files.iter().any(|f| runs_file(f))
        {
            out.push(c.span.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(s: &str) -> usize {
        downloads_and_runs(&parse(s)).len()
    }

    #[test]
    fn pipelines_and_words() {
        let s = parse("A=1 sudo -E apt-get install -y 'x y' && echo \"$(date)\" | tee f # c\nls");
        assert_eq!(s.pipelines.len(), 3);
        assert_eq!(s.pipelines[0].commands[0].name(), "apt-get");
        assert!(s.pipelines[0].commands[0].uses_sudo());
        assert_eq!(
            s.pipelines[0].commands[0].args(),
            vec!["install", "-y", "x y"]
        );
        assert_eq!(s.pipelines[1].commands.len(), 2);
        assert_eq!(
            s.all_commands()
                .iter()
                .filter(|c| c.name() == "date")
                .count(),
            1
        );
    }

    #[test]
    fn download_into_interpreter() {
        assert_eq!(hits("curl -fsSL https://get.example.com | sh"), 1);
        assert_eq!(hits("curl -sL https://x | sudo -E bash -"), 1);
        assert_eq!(hits("wget -qO- https://x | python3 -"), 1);
        assert_eq!(hits("sh -c \"$(curl -fsSL https://x/install.sh)\""), 1);
        assert_eq!(hits("eval \"$(wget -qO- https://x)\""), 1);
        assert_eq!(hits("bash <(curl -s https://x)"), 1);
        assert_eq!(hits("if true; then\n  curl https://x \\\n   | bash\nfi"), 1);
        assert_eq!(hits("curl -o /tmp/i.sh https://x/i.sh && sh /tmp/i.sh"), 1);
        assert_eq!(
            hits("wget -O rustup-init https://x && chmod +x rustup-init && ./rustup-init -y"),
            1
        );
    }

    #[test]
    fn safe_downloads() {
        assert_eq!(
            hits("curl -fsSL https://x/key.gpg | gpg --dearmor -o /k.gpg"),
            0
        );
        assert_eq!(hits("curl -L https://x/a.tgz | tar xz"), 0);
        assert_eq!(
            hits("curl -o i.sh https://x && echo 'abc  i.sh' | sha256sum -c && sh i.sh"),
            0
        );
        assert_eq!(hits("bash scripts/build.sh"), 0);
        assert_eq!(hits("echo 'curl x | sh'"), 0);
        assert_eq!(hits("python3 -c 'print(1)' | sh"), 0);
        assert_eq!(hits("cat <<EOF | sh\ncurl x\nEOF\n"), 0);
    }
}
