//! Shell command understanding for the agent gate: parse a command line however it is
//! wrapped or disguised, find what it would really do, and report `gate/...` findings.
//!
//! The pipeline is: `parse` (brush-parser, with a forgiving fallback tokenizer for
//! input brush rejects or that is too large or nested to parse safely) → `analyze`
//! (walks the script in order, keeps the variables, functions, aliases, working
//! directory and written files the command line itself sets up, expands words with
//! `words`, unwraps wrappers with `unwrap`, follows pipes with `produce`) → the
//! rules in `rules` applied to each real command.
//!
//! What it sees through:
//! - quoting and escapes (`r''m`, `c\url`, `"ch"mod`, `$'\x72\x6d'`, `$'\162'`),
//!   absolute and multiplexed binaries (`/bin/rm`, `busybox rm`), `${IFS}`;
//! - assignments in the same command line (`X=rm; $X -rf /`, `C="cu"; C+="rl"`),
//!   `for` values, function arguments, `sh -c '...' _ ARG` positionals;
//! - wrappers (`sudo`, `doas`, `env`, `timeout`, `nice`, `ionice`, `stdbuf`, `setsid`,
//!   `flock`, `nohup`, `time`, `command`, `builtin`, `exec`, `xargs`, `parallel`,
//!   `watch`, `find -exec/-execdir/-ok`, `ssh`, `docker/podman/kubectl exec`, `npx`,
//!   `pnpm dlx`, `bunx`, `uvx`, `uv/poetry run`, `su -c`, `nix-shell --run`, `env -S`),
//!   shells (`bash -c`, `-lc`, `-ec`, stdin, here-strings, heredocs), `eval`, `alias`,
//!   `trap`, `git -c alias.x='!...'`;
//! - code that is downloaded, decoded or generated before it runs (`curl | sh`,
//!   `bash <(curl)`, `base64 -d | sh`, `xxd -r`, `rev`, `tr`, `printf '\x..'`), with
//!   the decoded text analysed when it can be computed; scripts written and then run
//!   in the same command line;
//! - interpreter one-liners (`python -c`, `node -e`, `perl -e`, `ruby -e`, `php -r`,
//!   `awk`, `deno eval`): deletions, spawned commands (analysed as shell), secret reads,
//!   environment dumps, network use, guard files written, metadata URLs;
//! - where data comes from and goes: a `find` listing outside the project fed to
//!   `xargs rm`, a download saved to a file and run, a credential printed by a cloud
//!   CLI (`gcloud auth print-access-token`) or a variable from a sourced `.env` sent
//!   to a foreign host.
//!
//! Everything is bounded: input size (64 KiB), bracket nesting
//! (24), wrapping depth (8) and number of commands analysed; no
//! regex is compiled unless a command needs it.

mod analyze;
mod braces;
mod cmd;
mod credentials;
mod delete;
mod effects;
mod fallback;
mod interp;
mod lifecycle;
mod model;
mod packages;
mod parse;
mod paths;
mod produce;
pub mod rules;
mod unwrap;
mod url;
mod words;

use std::path::{Path, PathBuf};
use vibeguard_core::{GateFinding, RuleInfo};

/// Where the command runs: needed to tell "inside the project" from "outside".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellContext {
    pub cwd: PathBuf,
    pub project_root: PathBuf,
    pub home: PathBuf,
}

/// One package-manager install seen in a command (names as typed, versions kept).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PackageInstall {
    pub manager: String,
    pub packages: Vec<String>,
}

/// Everything the shell analysis learned about one command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShellReport {
    pub findings: Vec<GateFinding>,
    pub packages: Vec<PackageInstall>,
    /// Set when the real parser rejected the input (the fallback tokenizer was used).
    pub parse_error: Option<String>,
}

/// How a tool touches a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathAccess {
    Read,
    Write,
    Delete,
}

/// Analyse one shell command line. Never panics; bounded in time by size, depth and
/// command-count limits.
pub fn analyze_command(command: &str, cx: &ShellContext) -> ShellReport {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut engine = analyze::Engine::new(cx);
        let parsed = parse::parse(command);
        if let Some(err) = &parsed.error {
            engine.report_unparsable(command, err);
        }
        engine.script(&parsed.script, &words::Output::default());
        ShellReport {
            findings: engine.out.findings,
            packages: engine.packages,
            parse_error: engine.parse_error,
        }
    }));
    result.unwrap_or_else(|_| ShellReport {
        findings: vec![GateFinding {
            rule_id: rules::unparsable_command::UnparsableCommand::ID.to_string(),
            tier: vibeguard_core::Tier::High,
            reason: "the shell analysis failed on this command, so it cannot be checked"
                .to_string(),
            hint: Some("split the command into simpler steps".to_string()),
        }],
        packages: Vec::new(),
        parse_error: Some("internal error in shell analysis".to_string()),
    })
}

/// Classify a path touched by a file tool (Read/Write/Edit/Grep/Glob). Scope (inside or
/// outside the project) is the gate engine's decision; this reports secrets, the guard's
/// own files, and persistence or system files.
pub fn classify_path(path: &Path, access: PathAccess, cx: &ShellContext) -> Vec<GateFinding> {
    let text = path.to_string_lossy();
    let r = paths::resolve(&text, &cx.cwd, &cx.home, &cx.project_root);
    let mut out = cmd::Out::default();
    match access {
        PathAccess::Read => {
            let kind = secret_kind_glob(&r.path, &cx.home).or_else(|| {
                let rel = r.path.strip_prefix(&cx.home).ok()?;
                let rel = rel.to_string_lossy();
                matches!(
                    rel.as_ref(),
                    ".ssh"
                        | ".aws"
                        | ".kube"
                        | ".gnupg"
                        | ".config/gcloud"
                        | ".azure"
                        | ".docker"
                        | ".password-store"
                )
                .then_some(paths::SecretKind::Credential)
            });
            if let Some(k) = kind {
                rules::read_secret_file::report(&mut out, &r.path, k);
            }
        }
        PathAccess::Write | PathAccess::Delete => {
            let verb = if access == PathAccess::Write {
                "writing"
            } else {
                "deleting"
            };
            if paths::is_guard_file(&r.path, &cx.home, &cx.project_root) {
                out.add(
                    rules::guard_tampering::GuardTampering::ID,
                    vibeguard_core::Tier::High,
                    format!("{verb} {} changes the agent's hooks or vibeguard's own configuration", r.path.display()),
                    "leave the guard configuration to the user; ask them to change the policy if a rule is in your way",
                );
            }
            if paths::is_persistence_target(&r.path, &cx.home) {
                out.add(
                    rules::persistence_or_system_write::PersistenceOrSystemWrite::ID,
                    vibeguard_core::Tier::High,
                    format!("{verb} {} changes a shell start-up file, SSH key list or system file", r.path.display()),
                    "change files inside the project only; tell the user what to add to their configuration",
                );
            }
        }
    }
    out.findings
}

/// Secret kind of a path that may be a Grep/Glob pattern (`**/.env*`, `*.pem`): the
/// pattern counts if a file it can match is a secret.
fn secret_kind_glob(path: &Path, home: &Path) -> Option<paths::SecretKind> {
    let text = path.to_string_lossy();
    if !text.contains(['*', '?', '[']) {
        return paths::secret_kind(path, home);
    }
    ["", "x"].iter().find_map(|fill| {
        let t = text.replace("**", "x").replace(['*', '?'], fill);
        paths::secret_kind(Path::new(&t), home)
    })
}

/// Why a git hook script is dangerous, if it is: it talks to the network, reads
/// secrets or does anything else the shell analysis objects to. Local checks
/// (`cargo fmt --check`, `npm test`) are fine.
pub fn git_hook_risk(content: &str, cx: &ShellContext) -> Option<String> {
    let report = analyze_command(content, cx);
    if let Some(f) = report
        .findings
        .iter()
        .find(|f| f.tier >= vibeguard_core::Tier::Medium)
    {
        return Some(format!(
            "runs something the gate blocks ({}: {})",
            f.rule_id, f.reason
        ));
    }
    const NETWORK: &[&str] = &[
        "curl",
        "wget",
        "nc",
        "ncat",
        "netcat",
        "socat",
        "telnet",
        "ssh",
        "scp",
        "sftp",
        "rsync",
        "ftp",
        "http://",
        "https://",
        "/dev/tcp/",
        "/dev/udp/",
    ];
    content
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ';' | '|' | '&' | '(' | ')' | '`' | '"' | '\'')
        })
        .find(|w| {
            NETWORK
                .iter()
                .any(|n| w == n || (n.contains('/') && w.contains(n)))
        })
        .map(|w| format!("uses the network ({w})"))
}

/// Classify a URL fetched by a web tool: cloud metadata endpoints (high) and private or
/// loopback addresses (`gate/fetch-private-address`, medium, which policy may relax).
pub fn classify_url(url: &str) -> Vec<GateFinding> {
    url::classify(url, false)
}

/// Every `gate/*` rule with its documentation.
pub fn rules() -> Vec<RuleInfo> {
    rules::all().into_iter().map(rules::info).collect()
}

/// Programs whose presence makes an unparsable command high risk.
pub(crate) fn dangerous_words(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "rm",
        "dd",
        "mkfs",
        "shred",
        "eval",
        "sudo",
        "doas",
        "curl",
        "wget",
        "nc",
        "ncat",
        "chmod",
        "chown",
        "base64",
        "xxd",
        "terraform",
        "kubectl",
        "helm",
        "aws",
        "gcloud",
        "az",
        "git",
        "docker",
        "truncate",
        "find",
        "rsync",
        "python",
        "python3",
        "node",
        "perl",
        "ruby",
        "sh",
        "bash",
        "zsh",
        "psql",
        "mysql",
        "redis-cli",
        "scp",
        "ssh",
        "mv",
        "tee",
        "crontab",
    ];
    text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ';' | '|' | '&' | '(' | ')' | '`' | '$' | '"' | '\'' | '{' | '}' | '/'
            )
    })
    .any(|w| WORDS.contains(&w) || w.starts_with("mkfs."))
}
