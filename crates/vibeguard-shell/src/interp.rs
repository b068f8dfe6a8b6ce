//! Interpreter one-liners (`python -c`, `node -e`, `perl -e`, `ruby -e`, `php -r`,
//! `awk '{system(...)}'`): what the code deletes, which processes it starts (their
//! command strings are analysed as shell), whether it reads secrets, dumps the
//! environment, talks to the network, or evaluates fetched code.

use crate::analyze::Engine;
use crate::cmd::Cmd;
use crate::paths::{self, Place};
use crate::rules::{
    env_dump::EnvDump, interpreter_dangerous_code::InterpreterDangerousCode,
    remote_code_execution::RemoteCodeExecution, secret_exfiltration::SecretExfiltration,
};
use crate::words::{Output, Word};
use regex::Regex;
use std::sync::OnceLock;
use vibeguard_core::Tier;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Shell,
    Python,
    Node,
    Perl,
    Ruby,
    Php,
    Awk,
    Other,
}

impl Lang {
    fn name(self) -> &'static str {
        match self {
            Lang::Shell => "shell",
            Lang::Python => "python",
            Lang::Node => "node",
            Lang::Perl => "perl",
            Lang::Ruby => "ruby",
            Lang::Php => "php",
            Lang::Awk => "awk",
            Lang::Other => "interpreter",
        }
    }
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| {
        Regex::new(pat).unwrap_or_else(|_| Regex::new("$^").expect("trivial regex"))
    })
}

fn eval_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(exec|eval)\s*\(|new\s+Function\(|\bcompile\(|instance_eval|runInNewContext|\beval\s+|\(\s*eval\s*\)",
    )
}

/// Process-spawning calls whose first argument is a command string or list.
const CALL_NAMES: &[&str] = &[
    "os.system",
    "os.popen",
    "subprocess.",
    "check_output",
    "check_call",
    "execSync",
    "spawnSync",
    "execFileSync",
    "execFile",
    "exec",
    "spawn",
    "system",
    "popen",
    "shell_exec",
    "passthru",
    "IO.popen",
    "Kernel.exec",
    "qx",
];

/// The literal first argument of `call(...)`: a quoted string (a shell command line), or
/// an argument list (`["rm", "-rf", x]`, Perl's `system "rm", "-rf", "/srv"`, Ruby's
/// `system("rm", "-rf", dir)`) turned into an equivalent command line. `None` when the
/// argument is computed.
fn first_literal_arg(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('(').map(str::trim_start).unwrap_or(rest);
    match rest.chars().next()? {
        '[' => {
            let end = rest.find(']').unwrap_or(rest.len());
            let parts = literals(&rest[..end]);
            (!parts.is_empty()).then(|| argv_line(&parts))
        }
        '\'' | '"' => {
            let parts = literal_list(rest);
            match parts.len() {
                0 => None,
                1 => parts.into_iter().next(),
                _ => Some(argv_line(&parts)),
            }
        }
        _ => None,
    }
}

/// Comma-separated string literals at the start of `s` (`"rm", "-rf", "/srv"`), up to
/// the first element that is not a literal.
fn literal_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(q) = rest.chars().next().filter(|c| matches!(c, '\'' | '"')) {
        let Some(end) = literal_end(rest, q) else {
            break;
        };
        out.extend(literals(&rest[..end]));
        rest = rest[end..].trim_start();
        match rest.strip_prefix(',') {
            Some(r) if out.len() < 64 => rest = r.trim_start(),
            _ => break,
        }
    }
    out
}

/// Byte index just past the string literal that opens `s` with `quote`.
fn literal_end(s: &str, quote: char) -> Option<usize> {
    let mut it = s.char_indices().skip(1);
    while let Some((i, c)) = it.next() {
        match c {
            '\\' => {
                it.next();
            }
            '\n' => return None,
            _ if c == quote => return Some(i + c.len_utf8()),
            _ => {}
        }
    }
    None
}

/// An argv list as a shell command line: each element one word, quoted when needed
/// (the list form runs no shell, so `"rm -rf /x"` as one element is one word).
fn argv_line(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| {
            if !p.is_empty()
                && p.chars()
                    .all(|c| c.is_alphanumeric() || "-_./=:,+@%~".contains(c))
            {
                p.clone()
            } else {
                format!("'{}'", p.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Spellings of the home directory inside Perl and Ruby strings (`"$ENV{HOME}/src"`,
/// `"#{Dir.home}/src"`, `"#{ENV['HOME']}"`), replaced by the real home so a command line
/// built from them is checked against the right path.
const HOME_SPELLINGS: &[&str] = &[
    "#{Dir.home}",
    "#{ENV[\"HOME\"]}",
    "#{ENV['HOME']}",
    "#{ENV.fetch(\"HOME\")}",
    "#{ENV.fetch('HOME')}",
    "#{Dir.home()}",
    "$ENV{HOME}",
    "$ENV{'HOME'}",
    "$ENV{\"HOME\"}",
];

fn with_home(lang: Lang, code: &str, home: &std::path::Path) -> String {
    if !matches!(lang, Lang::Perl | Lang::Ruby) || !mentions(code, &["#{", "$ENV{"]) {
        return code.to_string();
    }
    let home = home.to_string_lossy();
    HOME_SPELLINGS
        .iter()
        .fold(code.to_string(), |c, s| c.replace(s, &home))
}

/// Modules loaded on the command line (`perl -MLWP::Simple`, `ruby -ropen-uri`) as the
/// code would spell them, so the checks see what the code can call.
pub fn module_prelude(lang: Lang, args: &[Word]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].text.as_str();
        if a == "-e" || a == "-E" || a == "--" {
            break;
        }
        let m = match lang {
            Lang::Perl => a.strip_prefix("-M").or_else(|| a.strip_prefix("-m")),
            Lang::Ruby if a == "-r" => {
                i += 1;
                args.get(i).map(|w| w.text.as_str())
            }
            Lang::Ruby => a.strip_prefix("-r"),
            _ => None,
        };
        if let Some(m) = m.filter(|m| !m.is_empty() && m.len() < 128) {
            let m = m.split(['=', ' ']).next().unwrap_or(m);
            if lang == Lang::Perl {
                out.push_str(&format!("use {m}; "));
            } else {
                out.push_str(&format!("require '{m}'; "));
            }
        }
        i += 1;
    }
    out
}

/// Command strings handed to process-spawning calls, found without a regex.
fn exec_commands(code: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in CALL_NAMES {
        for (i, _) in code.match_indices(name).take(16) {
            let before_ok = name.contains('.')
                || !code[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
            if !before_ok {
                continue;
            }
            let mut rest = &code[i + name.len()..];
            if *name == "subprocess." {
                rest = rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
            }
            let next = rest.chars().next();
            if !matches!(next, Some('(' | ' ' | '\'' | '"')) {
                continue;
            }
            if let Some(cmd) = first_literal_arg(rest)
                && !out.contains(&cmd)
            {
                out.push(cmd);
            }
        }
    }
    out
}

/// Text between pairs of backquotes (Perl, Ruby and PHP run it as a shell command).
fn backquoted(code: &str) -> Vec<String> {
    code.split('`')
        .skip(1)
        .step_by(2)
        .take(16)
        .map(str::to_string)
        .collect()
}

/// String literals in the code (single or double quoted, on one line), unescaped the
/// simple way. A hand-written scanner: no regex to compile in the hook process.
fn literals(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        if c != '\'' && c != '"' {
            continue;
        }
        let mut lit = String::new();
        let mut closed = false;
        while let Some(d) = chars.next() {
            match d {
                '\\' => {
                    if let Some(e) = chars.next() {
                        lit.push(e);
                    }
                }
                '\n' => break,
                _ if d == c => {
                    closed = true;
                    break;
                }
                _ => lit.push(d),
            }
        }
        if closed {
            out.push(lit);
            if out.len() >= 256 {
                break;
            }
        }
    }
    out
}

/// Whether the code prints or sends the whole environment (not one variable).
fn dumps_env(code: &str) -> bool {
    let whole = |needle: &str, single: &[&str]| {
        code.match_indices(needle).any(|(i, _)| {
            let rest = code[i + needle.len()..].trim_start();
            !single.iter().any(|s| rest.starts_with(s))
                && !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_')
        })
    };
    whole(
        "os.environ",
        &["[", ".get", ".setdefault", ".pop", "=", ".update", "|="],
    ) || whole("process.env", &[".", "[", "?.", "="])
        || code.contains("%ENV")
        || whole("ENV", &["[", ".fetch", ".key?", ".include?", "="]) && code.contains("ENV.to_h")
        || code.contains("getenv()")
        || code.contains("ENVIRON") && !code.contains("ENVIRON[")
}

/// Cheap substring test run before a regex, so the common harmless one-liner compiles no
/// regex at all (a hook process pays regex compilation on every call).
fn mentions(code: &str, words: &[&str]) -> bool {
    words.iter().any(|w| code.contains(w))
}

const NET_API: &[&str] = &[
    "urllib",
    "requests.",
    "http.client",
    "httpx",
    "socket",
    "urlopen",
    "fetch(",
    "http.request",
    "https.request",
    "http.get",
    "https.get",
    "require('http",
    "require(\"http",
    "axios",
    "XMLHttpRequest",
    "Net::HTTP",
    "LWP",
    "IO::Socket",
    "HTTP::Tiny",
    "open-uri",
    "URI.open",
    "curl_exec",
    "file_get_contents('http",
    "file_get_contents(\"http",
    "fsockopen",
    "net.connect",
    "WebSocket",
    "smtplib",
    "ftplib",
    "paramiko",
    "aiohttp",
];
const DELETE_API: &[&str] = &[
    "shutil.rmtree",
    "os.remove",
    "os.unlink",
    "os.rmdir",
    "os.removedirs",
    ".unlink(",
    ".rmdir(",
    "rmSync",
    "rmdirSync",
    "unlinkSync",
    "fs.rm(",
    "fs.unlink(",
    "fs.rmdir(",
    "fs.promises.rm",
    "promises.unlink",
    "rimraf",
    "unlink ",
    "unlink(",
    "rmtree",
    "remove_tree",
    "FileUtils.rm",
    "FileUtils.remove",
    "File.delete",
    "Dir.delete",
    "Deno.remove",
    "rmdir(",
];
const EXEC_API: &[&str] = &[
    "os.system",
    "os.popen",
    "os.exec",
    "os.spawn",
    "subprocess",
    "pty.spawn",
    "child_process",
    "execSync",
    "spawnSync",
    "execFileSync",
    "execFile(",
    "spawn(",
    "system(",
    "system ",
    "IO.popen",
    "Kernel.exec",
    "Open3",
    "shell_exec",
    "passthru",
    "proc_open",
    "popen(",
    "Deno.run",
    "Deno.Command",
    "Bun.spawn",
    "getline",
];

/// Calls and open modes that write, move or delete a file.
const WRITE_API: &[&str] = &[
    "'w'",
    "\"w\"",
    "'a'",
    "\"a\"",
    "'w+'",
    "\"w+\"",
    "'wb'",
    "\"wb\"",
    "'r+'",
    "\"r+\"",
    "'>'",
    "\">\"",
    "'>>'",
    "\">>\"",
    "write",
    "dump(",
    "appendFile",
    "copyFile",
    "rename",
    "replace(",
    "shutil.",
    "truncate",
    "file_put_contents",
    "FileUtils",
    "chmod",
];

/// Code that names a guard file (`.claude/settings.json`, `.claude/hooks/`,
/// `vibeguard.toml`, ...) and writes, moves or deletes files: the one-liner edits the
/// guard (`json.dump(d, open('.claude/settings.json', 'w'))`). Code that only reads
/// the settings is left alone.
fn check_guard_writes(e: &mut Engine, name: &str, code: &str, lits: &[String]) {
    if !mentions(code, WRITE_API) && !mentions(code, DELETE_API) {
        return;
    }
    for l in lits {
        if l.is_empty() || l.len() > 512 || l.contains([' ', '\n']) {
            continue;
        }
        let r = paths::resolve(l, &e.cwd, &e.cx.home, &e.cx.project_root);
        if paths::is_guard_file(&r.path, &e.cx.home, &e.cx.project_root) {
            e.out.add(
                crate::rules::guard_tampering::GuardTampering::ID,
                Tier::High,
                format!("{name} code writes or deletes {}, which configures the agent's hooks or vibeguard itself", crate::cmd::short(l)),
                "leave the guard configuration to the user; ask them to change the policy if a rule is in your way",
            );
            return;
        }
    }
}

/// Process-execution APIs for `lang` (backticks and `exec("...")` mean different things
/// in different languages).
fn runs_process(lang: Lang, code: &str) -> bool {
    mentions(code, EXEC_API)
        || (matches!(lang, Lang::Perl | Lang::Ruby | Lang::Php)
            && mentions(code, &["`", "%x(", "%x{", "%x[", "qx(", "qx{", "qx/"]))
        || (matches!(lang, Lang::Node | Lang::Php | Lang::Perl | Lang::Ruby)
            && mentions(code, &["exec('", "exec(\"", "exec \""]))
        || (lang == Lang::Awk && code.contains('|') && mentions(code, &["\"sh\"", "\"bash\""]))
}

pub fn check(e: &mut Engine, lang: Lang, code: &str) {
    if code.len() > 256 * 1024 {
        return;
    }
    if lang == Lang::Shell {
        e.analyze_text(code, &Output::default());
        return;
    }
    check_classes(e, lang, code);
    let lits = if code.contains(['\'', '"']) {
        literals(code)
    } else {
        Vec::new()
    };
    let cwd = e.cwd.clone();
    let cx = e.cx;
    let net = mentions(code, NET_API);
    // secret paths named in the code
    let mut secret: Option<paths::SecretKind> = None;
    let mut secret_path = String::new();
    for l in &lits {
        if l.is_empty() || l.len() > 512 || l.contains(' ') {
            continue;
        }
        let r = paths::resolve(l, &cwd, &cx.home, &cx.project_root);
        let comp_secret = l.split('/').any(|c| {
            matches!(
                c,
                ".ssh"
                    | ".aws"
                    | ".kube"
                    | ".gnupg"
                    | ".docker"
                    | "id_rsa"
                    | "id_ed25519"
                    | ".git-credentials"
                    | ".netrc"
            )
        });
        let kind = paths::secret_kind(&r.path, &cx.home).or(if comp_secret {
            Some(paths::SecretKind::Credential)
        } else {
            None
        });
        if let Some(k) = kind
            && secret != Some(paths::SecretKind::Credential)
        {
            secret = Some(k);
            secret_path = l.clone();
        }
    }
    let env_dump = dumps_env(code);
    let name = lang.name();
    check_guard_writes(e, name, code, &lits);
    if net || runs_process(lang, code) {
        // `urlopen('http://169.254.169.254/...')`: URLs the code fetches
        for l in lits.iter().filter(|l| l.contains("://")) {
            e.out.extend(crate::url::classify(l, true));
        }
    }
    if net && (secret.is_some() || env_dump) {
        e.out.add(
            SecretExfiltration::ID,
            Tier::High,
            format!(
                "{name} code reads {} and talks to the network",
                if env_dump {
                    "the whole environment".to_string()
                } else {
                    crate::cmd::short(&secret_path)
                }
            ),
            "never send credentials off the machine",
        );
    } else if let Some(k) = secret {
        let r = paths::resolve(&secret_path, &cwd, &cx.home, &cx.project_root);
        crate::rules::read_secret_file::report(&mut e.out, &r.path, k);
    } else if env_dump {
        e.out.add(
            EnvDump::ID,
            Tier::Medium,
            format!("{name} code prints the whole environment, which holds tokens and keys"),
            "print only the variables you need, by name",
        );
    }
    if net && eval_re().is_match(code) && lang != Lang::Awk {
        e.out.add(
            RemoteCodeExecution::ID,
            Tier::High,
            format!("{name} code fetches content from the network and evaluates it"),
            "download the code to a file and review it before running it",
        );
    }
    if mentions(code, DELETE_API) {
        let mut dangerous = false;
        let mut safe = false;
        let stdin = Output::default();
        let c = Cmd {
            name,
            args: &[],
            env: &[],
            cwd: &cwd,
            cx,
            stdin: &stdin,
            links: &[],
        };
        if mentions(
            code,
            &[
                "homedir()",
                "Path.home()",
                "expanduser(\"~\")",
                "expanduser('~')",
                "ENV['HOME']",
                "ENV[\"HOME\"]",
                "process.env.HOME",
                "environ['HOME']",
                "environ[\"HOME\"]",
                "getenv('HOME')",
                "getenv(\"HOME\")",
                "$ENV{HOME}",
                "Dir.home",
            ],
        ) {
            crate::delete::report(
                &c,
                &Word::lit("~"),
                true,
                true,
                &format!("{name} code"),
                &mut e.out,
            );
            dangerous = true;
        }
        for l in &lits {
            let path_like =
                l.contains('/') || l.starts_with('.') || l.starts_with('~') || l.starts_with("C:");
            if l.is_empty()
                || l.contains(' ')
                || l.len() > 512
                || !path_like && l.contains(['(', ')', '{', '}', ':', ',', '='])
            {
                continue;
            }
            let place = c.place(l);
            match place {
                Place::Root
                | Place::System
                | Place::Home
                | Place::HomeOther
                | Place::Outside
                | Place::ProjectRoot
                | Place::GitDir => {
                    crate::delete::report(
                        &c,
                        &Word::lit(l),
                        true,
                        true,
                        &format!("{name} code"),
                        &mut e.out,
                    );
                    dangerous = true;
                }
                Place::Build | Place::Tmp | Place::Project => safe = true,
                _ => {}
            }
        }
        if !dangerous && !safe {
            e.out.add(
                InterpreterDangerousCode::ID,
                Tier::Medium,
                format!("{name} code deletes files at a path the gate cannot determine"),
                "use rm with a literal path inside the project so the deletion can be checked",
            );
        }
    }
    if runs_process(lang, code) {
        let mut cmds: Vec<String> = Vec::new();
        let exec_code = with_home(lang, code, &cx.home);
        cmds.extend(exec_commands(&exec_code));
        if matches!(lang, Lang::Perl | Lang::Ruby | Lang::Php) {
            cmds.extend(backquoted(&exec_code));
        }
        if lang == Lang::Awk
            && code.contains('|')
            && (code.contains("\"sh\"") || code.contains("\"bash\""))
        {
            e.out.add(
                InterpreterDangerousCode::ID,
                Tier::Medium,
                "awk pipes generated text into a shell",
                "write the commands out literally",
            );
        }
        if cmds.is_empty() {
            e.out.add(
                InterpreterDangerousCode::ID,
                Tier::Medium,
                format!("{name} code starts a process whose command the gate cannot read"),
                "run the command directly in the shell so it can be checked",
            );
        }
        for c in cmds {
            e.analyze_text(&c, &Output::default());
        }
    }
}

/// Socket APIs of the one-liner languages (a connection the code opens itself).
const SOCKET_API: &[&str] = &[
    "socket.socket",
    "socket(",
    "create_connection",
    ".connect((",
    "TCPSocket",
    "UDPSocket",
    "fsockopen",
    "stream_socket_client",
    "IO::Socket",
    "use Socket",
    "PF_INET",
    "net.Socket",
    "net.connect",
    "createConnection",
    "require(\"net\")",
    "require('net')",
    "/inet/tcp",
    "/inet/udp",
    "Socket.new",
    "socket_create",
];

/// What the code does with a socket that makes it a shell: duplicates it onto the
/// standard streams or starts a shell or process on it.
const SHELL_ON_SOCKET: &[&str] = &[
    "dup2",
    "pty.spawn",
    "subprocess",
    "/bin/sh",
    "/bin/bash",
    "\"sh\"",
    "'sh'",
    "\"bash\"",
    "'bash'",
    "exec(",
    "exec ",
    "proc_open",
    "popen",
    "spawn(",
    "open(STDIN",
    "fdopen",
    "system",
    "|&",
    "IO.popen",
    ".pipe(",
    "child_process",
];

/// Code that switches TLS certificate or host name verification off.
const TLS_OFF: &[&str] = &[
    "verify=False",
    "verify = False",
    "_create_unverified_context",
    "CERT_NONE",
    "check_hostname = False",
    "check_hostname=False",
    "rejectUnauthorized:false",
    "rejectUnauthorized: false",
    "rejectUnauthorized : false",
    "NODE_TLS_REJECT_UNAUTHORIZED",
    "VERIFY_NONE",
    "verify_peer\"=>false",
    "verify_peer' => false",
    "verify_peer\" => false",
    "verify_peer'=>false",
    "verify_hostname=>0",
    "verify_hostname => 0",
    "SSL_VERIFY_NONE",
    "InsecureSkipVerify: true",
    "CURLOPT_SSL_VERIFYPEER, false",
    "CURLOPT_SSL_VERIFYPEER, 0",
    "ssl_verify_mode",
];

/// Reads of one environment variable by name, per language.
fn env_reads(code: &str) -> Vec<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r#"(?:environ\s*\[\s*|environ\.get\(\s*|getenv\(\s*|ENV\s*\[\s*|ENV\.fetch\(\s*|\$ENV\{\s*|env\(\s*)["']?([A-Z][A-Z0-9_]{2,})|process\.env\.([A-Z][A-Z0-9_]{2,})|process\.env\[\s*["']([A-Z][A-Z0-9_]{2,})"#,
    );
    r.captures_iter(code)
        .filter_map(|c| {
            c.get(1)
                .or(c.get(2))
                .or(c.get(3))
                .map(|m| m.as_str().to_string())
        })
        .collect()
}

/// The second-pass classes for one-liners: fork loops, sockets handed to a shell, TLS
/// verification switched off, and a secret variable printed.
pub fn check_classes(e: &mut Engine, lang: Lang, code: &str) {
    let name = lang.name();
    if crate::rules::fork_bomb::code_forks_forever(code) {
        crate::rules::fork_bomb::report(
            &mut e.out,
            &format!("{name} code forking in an endless loop"),
        );
    }
    if mentions(code, SOCKET_API) && mentions(code, SHELL_ON_SOCKET) {
        crate::rules::reverse_shell::report(
            &mut e.out,
            &format!("{name} code that opens a socket and attaches a shell or process to it"),
        );
    }
    if mentions(code, TLS_OFF)
        && (mentions(code, NET_API)
            || code.contains("https")
            || code.contains("ssl")
            || code.contains("tls"))
    {
        e.out.add(
            crate::rules::tls_verification_disabled::TlsVerificationDisabled::ID,
            Tier::Medium,
            format!("{name} code turns off TLS certificate verification, so any network attacker can impersonate the server"),
            "install the right CA certificate instead (REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS, SSL_CERT_FILE)",
        );
    }
    let prints = mentions(
        code,
        &[
            "print",
            "console.log",
            "puts",
            "echo",
            "say ",
            "printf",
            "write(",
            "p ENV",
            "pp ",
        ],
    );
    if prints
        && env_reads(code)
            .iter()
            .any(|v| crate::rules::print_secret_variable::secret_name(v))
    {
        crate::rules::print_secret_variable::report(&mut e.out, &format!("{name} code"));
    }
}
