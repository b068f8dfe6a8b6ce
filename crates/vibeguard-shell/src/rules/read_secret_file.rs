//! gate/read-secret-file

use crate::cmd::{Cmd, Out};
use crate::paths::{self, SecretKind};
use std::path::Path;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags reading files that hold credentials: `.env*` (not `.env.example`/`.sample`),
    /// SSH private keys, `~/.aws`, `~/.kube`, `~/.docker/config.json`, gcloud and Azure
    /// credential stores, `*.pem`/`*.key`/`*.p12`, `.npmrc`, `.pypirc`, `.netrc`,
    /// `.git-credentials`, Terraform state, browser login and cookie databases
    /// (Chrome, Edge, Brave, Firefox, Safari), keychains and `/etc/shadow`, whether by a
    /// file tool, an input redirection, an interpreter one-liner or any program given the
    /// file as an operand (`cat`, `awk 1`, `sqlite3`, `cp`, `python3 dump.py KEY`).
    /// Handing a key to the program that uses it (`ssh -i KEY`, `curl --cert`,
    /// `docker --env-file .env`) and metadata tools (`ls`, `chmod`) do not count; a
    /// `grep`/`rg` search pattern is text, not a file. Also flags commands that print a
    /// credential into the agent's context (`gcloud auth print-access-token`, `gh auth
    /// token`, `aws configure get aws_secret_access_key`, `kubectl config view --raw`,
    /// `op read`, `vault kv get`). Keys, credential stores and printed tokens are high or
    /// medium; `.env` files are medium.
    ///
    /// ## Why is this bad?
    /// Whatever an agent reads enters its context, its logs and the model provider's
    /// servers, and can be echoed into code, commits or web requests. A prompt injection
    /// only needs the agent to read the key once.
    ///
    /// ## Example
    /// ```text
    /// cat ~/.aws/credentials
    /// grep TOKEN .env
    /// ```
    ///
    /// ## Use instead
    /// Read `.env.example` to learn which variables exist; let programs load secrets
    /// themselves at run time.
    ReadSecretFile {
        id: "gate/read-secret-file",
        title: "Secret file read",
        tier: High,
        cwe: [200],
    }
}

pub fn report(out: &mut Out, path: &Path, kind: SecretKind) {
    match kind {
        SecretKind::Credential => out.add(
            ReadSecretFile::ID,
            Tier::High,
            format!(
                "reading {} exposes private keys or credentials to the agent",
                path.display()
            ),
            "do not read credential files; let the tool that needs them load them",
        ),
        SecretKind::DotEnv => out.add(
            ReadSecretFile::ID,
            Tier::Medium,
            format!(
                "reading {} exposes the project's secrets to the agent",
                path.display()
            ),
            "read .env.example for variable names instead",
        ),
    }
}

/// Programs that read (or copy) the files named on their command line.
fn reads_args(name: &str) -> bool {
    matches!(
        name,
        "cat"
            | "tac"
            | "bat"
            | "batcat"
            | "less"
            | "more"
            | "head"
            | "tail"
            | "nl"
            | "xxd"
            | "od"
            | "hexdump"
            | "strings"
            | "grep"
            | "egrep"
            | "fgrep"
            | "rg"
            | "ag"
            | "ack"
            | "sed"
            | "awk"
            | "gawk"
            | "base64"
            | "base32"
            | "cut"
            | "sort"
            | "uniq"
            | "jq"
            | "yq"
            | "diff"
            | "cmp"
            | "cp"
            | "scp"
            | "rsync"
            | "tar"
            | "zip"
            | "7z"
            | "gzip"
            | "openssl"
            | "gpg"
            | "vim"
            | "vi"
            | "nano"
            | "emacs"
            | "view"
            | "code"
            | "curl"
            | "wget"
            | "nc"
            | "ncat"
            | "wc"
            | "md5sum"
            | "sha256sum"
            | "dd"
            | "iconv"
            | "paste"
            | "column"
            | "fold"
            | "tr"
            | "split"
            | "mail"
            | "sqlite3"
            | "sqlite"
            | "sqlcipher"
            | "gh"
            | "aws"
            | "gsutil"
            | "rclone"
    )
}

/// Programs that name a file without showing its content: metadata and permission
/// tools, movers and deleters (their own rules judge them), shells' built-ins, and
/// tools whose normal use is to hand a key or an env file to a program that needs it
/// (`ssh -i KEY`, `ssh-add`, `docker run --env-file .env`, `git rm --cached .env`).
fn names_without_reading(name: &str) -> bool {
    matches!(
        name,
        "ls" | "ll"
            | "stat"
            | "file"
            | "du"
            | "chmod"
            | "chown"
            | "chgrp"
            | "chattr"
            | "lsattr"
            | "setfacl"
            | "getfacl"
            | "touch"
            | "truncate"
            | "rm"
            | "unlink"
            | "shred"
            | "srm"
            | "mv"
            | "ln"
            | "mkdir"
            | "rmdir"
            | "test"
            | "["
            | "[["
            | "realpath"
            | "readlink"
            | "basename"
            | "dirname"
            | "cd"
            | "pushd"
            | "popd"
            | "export"
            | "unset"
            | "alias"
            | "which"
            | "type"
            | "echo"
            | "printf"
            | "trash"
            | "trash-put"
            | "gio"
            | "source"
            | "."
            | "find"
            | "fd"
            | "fdfind"
            | "tree"
            | "ssh"
            | "ssh-add"
            | "ssh-keygen"
            | "ssh-copy-id"
            | "ssh-keyscan"
            | "mosh"
            | "git"
            | "docker"
            | "docker-compose"
            | "podman"
            | "kubectl"
            | "helm"
            | "terraform"
            | "tofu"
            | "dotenv"
            | "env-cmd"
            | "npm"
            | "npx"
            | "yarn"
            | "pnpm"
            | "bun"
            | "deno"
            | "uv"
            | "poetry"
            | "direnv"
            | "sops"
            | "age"
            | "ansible-vault"
            | "ansible-playbook"
            | "gcloud"
            | "az"
            | "cargo"
            | "go"
            | "make"
            | "security"
    )
}

/// Options whose value is a key, certificate or env file the program uses, or a file
/// it writes (`scp -i KEY`, `curl --cert client.pem --cacert ca.pem`, `mkcert
/// -key-file key.pem`, `openssl ... -keyout key.pem`, `--output FILE`), not a file it
/// shows to the agent.
fn credential_option(prev: &str) -> bool {
    if matches!(prev, "-i" | "-E" | "-e" | "--rsh" | "-o") {
        return true;
    }
    let Some(opt) = prev.strip_prefix('-') else {
        return false;
    };
    let opt = opt.trim_start_matches('-').to_ascii_lowercase();
    opt.len() > 2
        && [
            "key",
            "cert",
            "cacert",
            "capath",
            "identity",
            "out",
            "kubeconfig",
            "env-file",
        ]
        .iter()
        .any(|k| opt.contains(k))
}

pub fn check(c: &Cmd, out: &mut Out) {
    if c.name == "security"
        && c.strs()
            .any(|a| a.starts_with("find-") && a.ends_with("-password") || a == "dump-keychain")
    {
        out.add(
            ReadSecretFile::ID,
            Tier::High,
            "security reads passwords from the macOS keychain",
            "do not read the keychain; let the tool that needs a credential ask for it",
        );
        return;
    }
    if names_without_reading(c.name) {
        return;
    }
    if !reads_args(c.name) {
        check_operands(c, &[], out);
        return;
    }
    let mut best: Option<(std::path::PathBuf, SecretKind)> = None;
    // for copies the destination is written, not read
    let dest = if matches!(c.name, "cp" | "scp" | "rsync") {
        c.positionals().last().map(|w| w.text.as_str())
    } else {
        None
    };
    let patterns = pattern_args(c.name, c.args);
    let ssh_like = matches!(c.name, "scp" | "sftp" | "rsync" | "curl" | "wget");
    for (i, w) in c.args.iter().enumerate() {
        if patterns.contains(&i) {
            continue;
        }
        let prev = if i > 0 {
            c.args[i - 1].text.as_str()
        } else {
            ""
        };
        if ssh_like && credential_option(prev) {
            continue;
        }
        // openssl names its inputs with -in; -keyout/-out are files it writes
        if c.name == "openssl" && prev != "-in" {
            continue;
        }
        let t = w
            .text
            .strip_prefix("if=")
            .or_else(|| w.text.strip_prefix('@'))
            .unwrap_or(&w.text);
        let t = if t.starts_with("--") {
            t.split_once('=').map_or("", |(_, v)| v)
        } else {
            t
        };
        let t = t.strip_prefix('@').unwrap_or(t);
        if t.starts_with('-') || t.is_empty() || Some(t) == dest {
            continue;
        }
        consider(c, t, &mut best);
    }
    if let Some((p, k)) = best {
        report(out, &p, k);
    }
}

/// Keep the most sensitive secret file seen so far.
fn consider(c: &Cmd, text: &str, best: &mut Option<(std::path::PathBuf, SecretKind)>) {
    if text.contains("://") {
        return; // a URL, not a local file
    }
    let r = c.resolve(text);
    if let Some(k) = paths::secret_kind(&r.path, &c.cx.home)
        && best
            .as_ref()
            .is_none_or(|(_, bk)| *bk == SecretKind::DotEnv)
    {
        *best = Some((r.path, k));
    }
}

/// Any other program given a secret file as an operand reads it (`sqlite3 'Login
/// Data'`, `awk 1 ~/.ssh/id_rsa`, `python3 dump.py ~/.aws/credentials`). Only bare
/// operands count: `--opt=FILE` and option values are how programs are told where
/// their own key or env file is, which is not the agent reading it. `skip` lists
/// indices that are not operands (an interpreter's inline code).
pub fn check_operands(c: &Cmd, skip: &[usize], out: &mut Out) {
    let mut best = None;
    for (i, w) in c.args.iter().enumerate() {
        let prev = if i > 0 {
            c.args[i - 1].text.as_str()
        } else {
            ""
        };
        if skip.contains(&i)
            || w.text.starts_with('-')
            || w.text.is_empty()
            || w.text.contains('\n')
            || credential_option(prev)
        {
            continue;
        }
        consider(c, &w.text, &mut best);
    }
    if let Some((p, k)) = best {
        report(out, &p, k);
    }
}

/// Indices of the words a search tool (`grep`, `rg`, `ag`, `ack`) takes as its search
/// pattern: the first operand unless `-e`/`-f` gave one, and every `-e` value. A
/// pattern is data (`grep -rn "\.env" src/` searches for the text `.env`), not a
/// file the tool reads; the operands after it are the files. `-f FILE` does read FILE,
/// so it is not a pattern.
pub fn pattern_args(name: &str, args: &[crate::words::Word]) -> Vec<usize> {
    // short options that take the next word as their value, per tool
    let valued: &[&str] = match name {
        "grep" | "egrep" | "fgrep" => &["-e", "-f", "-m", "-A", "-B", "-C", "-d", "-D"],
        "rg" => &[
            "-e", "-f", "-m", "-A", "-B", "-C", "-g", "-t", "-T", "-r", "-M", "-j", "-E",
        ],
        "ag" | "ack" => &["-A", "-B", "-C", "-G", "-m", "-g", "-f"],
        _ => return Vec::new(),
    };
    const LONG_VALUED: &[&str] = &[
        "--regexp",
        "--file",
        "--max-count",
        "--after-context",
        "--before-context",
        "--context",
        "--glob",
        "--iglob",
        "--type",
        "--type-not",
        "--replace",
        "--max-columns",
        "--threads",
        "--encoding",
        "--include",
        "--exclude",
        "--exclude-dir",
        "--ignore",
        "--file-search-regex",
    ];
    let mut out = Vec::new();
    let mut explicit = false;
    let mut operand: Option<usize> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].text.as_str();
        if a == "--" {
            if operand.is_none() && i + 1 < args.len() {
                operand = Some(i + 1);
            }
            break;
        }
        if a.starts_with('-') && a.len() > 1 {
            let is_e = a == "-e" || a == "--regexp";
            explicit |= is_e || a == "-f" || a == "--file" || a.starts_with("--regexp=");
            explicit |= a.starts_with("--file=") || (a.starts_with("-e") && a.len() > 2);
            if is_e && i + 1 < args.len() {
                out.push(i + 1);
            }
            if valued.contains(&a) || LONG_VALUED.contains(&a) {
                i += 2;
                continue;
            }
            i += 1;
            continue;
        }
        if operand.is_none() {
            operand = Some(i);
        }
        i += 1;
    }
    if !explicit && let Some(o) = operand {
        out.push(o);
    }
    out
}
