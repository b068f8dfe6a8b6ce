//! What a command prints, as far as the gate can know without running it: literal text
//! (`echo`, `printf`, `cat <<EOF`), decoded text (`base64 -d`, `xxd -r`, `rev`, `tr`),
//! a download, a secret, the environment, or something unknown. Pipelines use this to
//! know what reaches a shell or a network tool.

use crate::ShellContext;
use crate::paths;
use crate::words::{EscapeStyle, Output, Word, decode_escapes, taint};
use base64::Engine as _;
use std::path::Path;

/// Programs that send data over the network.
pub fn is_network_sender(name: &str, args: &[Word]) -> bool {
    match name {
        "curl" | "wget" | "nc" | "ncat" | "netcat" | "socat" | "telnet" | "ftp" | "sftp"
        | "http" | "https" | "xh" | "curlie" | "sendmail" | "mail" | "mailx" | "openssl" => true,
        "ssh" | "scp" | "rsync" => true,
        "gh" => args
            .first()
            .is_some_and(|a| a.text == "gist" || a.text == "api"),
        "aws" => args.iter().any(|a| a.text == "s3" || a.text == "cp"),
        "gsutil" | "rclone" => true,
        "az" => args.iter().any(|a| a.text == "upload"),
        _ => false,
    }
}

/// Programs that download when they run (their stdout is remote content).
pub fn is_downloader(name: &str) -> bool {
    matches!(
        name,
        "curl"
            | "wget"
            | "fetch"
            | "http"
            | "https"
            | "xh"
            | "curlie"
            | "aria2c"
            | "lwp-download"
            | "GET"
            | "lynx"
            | "links"
            | "iwr"
            | "irm"
            | "Invoke-WebRequest"
            | "Invoke-RestMethod"
    )
}

/// Filters pass their input's taint to their output.
fn is_filter(name: &str) -> bool {
    matches!(
        name,
        "cat"
            | "tac"
            | "grep"
            | "egrep"
            | "fgrep"
            | "rg"
            | "sed"
            | "awk"
            | "gawk"
            | "head"
            | "tail"
            | "sort"
            | "uniq"
            | "cut"
            | "tee"
            | "jq"
            | "yq"
            | "fold"
            | "fmt"
            | "column"
            | "nl"
            | "strings"
            | "od"
            | "hexdump"
            | "iconv"
            | "gzip"
            | "bzip2"
            | "xz"
            | "zstd"
            | "base64"
            | "base32"
            | "xxd"
            | "less"
            | "more"
            | "paste"
            | "tr"
            | "rev"
            | "dd"
            | "sponge"
            | "pv"
            | "gunzip"
            | "zcat"
            | "bzcat"
            | "xzcat"
            | "uudecode"
            | "openssl"
            | "basenc"
            | "envsubst"
    )
}

fn has(args: &[Word], flags: &[&str]) -> bool {
    args.iter().any(|a| flags.contains(&a.text.as_str()))
}

/// Decoders: their output is text nobody reviewed.
fn is_decoder(name: &str, args: &[Word]) -> bool {
    match name {
        "base64" | "base32" | "basenc" => has(args, &["-d", "--decode", "-D", "-di", "-id"]),
        "xxd" => args.iter().any(|a| a.text.starts_with("-r")),
        "openssl" => has(args, &["-d", "-base64", "-a", "base64"]) && !has(args, &["-e"]),
        "uudecode" | "rev" | "tr" | "gunzip" | "zcat" | "bzcat" | "xzcat" => true,
        "gzip" | "bzip2" | "xz" | "zstd" => has(args, &["-d", "--decompress"]),
        _ => false,
    }
}

pub fn output(name: &str, args: &[Word], stdin: &Output, cwd: &Path, cx: &ShellContext) -> Output {
    let arg_taint = args.iter().fold(0, |t, w| t | w.taint)
        & (taint::DOWNLOAD | taint::DECODED | taint::SECRET | taint::ENV_VAR | taint::NAMED_SECRET);
    if let Some(o) = location(name, args, cwd, cx) {
        return o;
    }
    match name {
        "echo" => {
            let mut interpret = false;
            let mut i = 0;
            while i < args.len()
                && args[i].text.starts_with('-')
                && args[i].text[1..].chars().all(|c| "neE".contains(c))
                && args[i].text.len() > 1
            {
                interpret |= args[i].text.contains('e');
                i += 1;
            }
            let raw = args[i..]
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let (text, decoded) = if interpret {
                decode(&raw)
            } else {
                (raw, false)
            };
            return Output {
                text: Some(format!("{text}\n")),
                taint: arg_taint | if decoded { taint::DECODED } else { 0 },
            };
        }
        "printf" => {
            let mut a = args;
            if a.first().is_some_and(|w| w.text == "-v") {
                return Output::default();
            }
            if a.first().is_some_and(|w| w.text == "--") {
                a = &a[1..];
            }
            let Some(fmt) = a.first() else {
                return Output::default();
            };
            let (mut text, decoded) = decode(&fmt.text);
            let mut rest = a[1..].iter();
            for spec in ["%s", "%b", "%d"] {
                while text.contains(spec) {
                    let v = rest.next().map(|w| decode(&w.text).0).unwrap_or_default();
                    text = text.replacen(spec, &v, 1);
                }
            }
            return Output {
                text: Some(text),
                taint: arg_taint | if decoded { taint::DECODED } else { 0 },
            };
        }
        // `printenv GITHUB_TOKEN`
        "printenv"
            if args
                .iter()
                .any(|a| crate::rules::print_secret_variable::secret_name(&a.text)) =>
        {
            return Output {
                text: None,
                taint: taint::SECRET | taint::ENV_VAR | taint::NAMED_SECRET | taint::DYNAMIC,
            };
        }
        "env" | "printenv" if args.is_empty() => {
            return Output {
                text: None,
                taint: taint::ENV_DUMP,
            };
        }
        "set" | "export" | "declare" | "typeset" | "compgen"
            if args.is_empty() || has(args, &["-p", "-x", "-v"]) =>
        {
            return Output {
                text: None,
                taint: taint::ENV_DUMP,
            };
        }
        _ => {}
    }
    if crate::credentials::printed_by(name, args).is_some() {
        return Output {
            text: None,
            taint: taint::SECRET | taint::CRED_PRINT | taint::DYNAMIC,
        };
    }
    if is_downloader(name) {
        let to_file = args.iter().any(|a| {
            matches!(a.text.as_str(), "-o" | "-O" | "--output" | "--remote-name")
                || a.text.starts_with("--output=")
        }) && !args
            .iter()
            .any(|a| a.text == "-" || a.text == "-O-" || a.text == "-qO-");
        let stdout_wget = name == "wget"
            && args.iter().any(|a| {
                a.text.ends_with("O-") || a.text == "-" || a.text == "--output-document=-"
            });
        if name == "wget" && !stdout_wget {
            return Output::default();
        }
        if to_file && !stdout_wget {
            return Output::default();
        }
        return Output {
            text: None,
            taint: taint::DOWNLOAD,
        };
    }
    // `find . -print0 | xargs -0 rm -rf`: an unfiltered listing of the project root
    // names the root itself and everything in it
    if name == "find"
        && !args.iter().any(|a| {
            matches!(
                a.text.as_str(),
                "-name"
                    | "-iname"
                    | "-path"
                    | "-ipath"
                    | "-regex"
                    | "-iregex"
                    | "-newer"
                    | "-mtime"
                    | "-mmin"
                    | "-empty"
                    | "-maxdepth"
            )
        })
    {
        let root = args
            .iter()
            .find(|a| !a.text.starts_with('-'))
            .map_or(".", |a| a.text.as_str());
        let r = paths::resolve(root, cwd, &cx.home, &cx.project_root);
        if r.place == paths::Place::ProjectRoot
            && !root.contains([crate::words::DYNAMIC, crate::words::UNSET])
        {
            return Output {
                text: Some(format!("{}\n", r.path.display())),
                taint: taint::DYNAMIC,
            };
        }
    }
    if let Some(root) = listing_root(name, args, cwd, cx) {
        // `find ~/Documents | xargs rm -rf`: every listed path lies under the root, so
        // what consumes the list (xargs, a loop) sees `ROOT/<unknown>`
        return Output {
            text: Some(format!("{}/{}\n", root.display(), crate::words::DYNAMIC)),
            taint: taint::DYNAMIC,
        };
    }
    // files named on the command line: secrets or the environment
    let mut file_taint = 0;
    let reads_files = is_filter(name)
        || matches!(
            name,
            "bat" | "view" | "vim" | "nano" | "gpg" | "source" | "tar" | "zip" | "7z"
        );
    if reads_files {
        let patterns = crate::rules::read_secret_file::pattern_args(name, args);
        for (_, w) in args
            .iter()
            .enumerate()
            .filter(|(i, w)| !w.text.starts_with('-') && !patterns.contains(i))
        {
            let r = paths::resolve(&w.text, cwd, &cx.home, &cx.project_root);
            if let Some(kind) = paths::secret_kind(&r.path, &cx.home) {
                let _ = kind;
                file_taint |= if r.path.starts_with("/proc") {
                    taint::ENV_DUMP
                } else {
                    taint::SECRET
                };
            }
        }
    }
    let has_file_args = args.iter().any(|w| !w.text.starts_with('-'));
    if is_decoder(name, args) {
        let text = stdin
            .text
            .as_deref()
            .and_then(|t| decode_stdin(name, args, t));
        return Output {
            text,
            taint: stdin.taint | taint::DECODED | file_taint,
        };
    }
    if is_filter(name) {
        let passthrough =
            matches!(name, "cat" | "tee" | "sponge" | "pv") && (!has_file_args || name == "tee");
        let text = if passthrough {
            stdin.text.clone()
        } else {
            None
        };
        let base = if name == "cat" && has_file_args {
            0
        } else {
            stdin.taint
        };
        return Output {
            text,
            taint: base | file_taint | if passthrough { 0 } else { taint::DYNAMIC },
        };
    }
    Output {
        text: None,
        taint: taint::DYNAMIC | file_taint,
    }
}

/// Commands that print a location the analysis knows: `pwd`, `git rev-parse
/// --show-toplevel`/`--git-dir`, `dirname`/`realpath` of a known path, where `which
/// vibeguard` points, and `git ls-files`/`git ls-tree -r` of the whole tree (every
/// tracked file, shown as the project's contents).
fn location(name: &str, args: &[Word], cwd: &Path, cx: &ShellContext) -> Option<Output> {
    let lit = |s: String| {
        Some(Output {
            text: Some(format!("{s}\n")),
            taint: 0,
        })
    };
    let known = |w: &Word| {
        !w.text
            .contains([crate::words::DYNAMIC, crate::words::UNSET])
    };
    match name {
        "pwd" => lit(cwd.to_string_lossy().into_owned()),
        "dirname" => {
            let w = args.iter().find(|w| !w.text.starts_with('-'))?;
            if !known(w) {
                return None;
            }
            let r = paths::resolve(&w.text, cwd, &cx.home, &cx.project_root);
            lit(r
                .path
                .parent()
                .unwrap_or(Path::new("/"))
                .to_string_lossy()
                .into_owned())
        }
        "realpath" | "readlink"
            if name == "realpath"
                || args.iter().any(|a| {
                    a.text.starts_with("-f") || a.text.starts_with("-e") || a.text.starts_with("-m")
                }) =>
        {
            let w = args.iter().find(|w| !w.text.starts_with('-'))?;
            if !known(w) {
                return None;
            }
            lit(paths::resolve(&w.text, cwd, &cx.home, &cx.project_root)
                .path
                .to_string_lossy()
                .into_owned())
        }
        "which" | "whereis" | "command" | "type" => {
            let lookup = name == "which"
                || name == "whereis"
                || args
                    .iter()
                    .any(|a| matches!(a.text.as_str(), "-v" | "-V" | "-p" | "-P"));
            let w = args.iter().rev().find(|w| !w.text.starts_with('-'))?;
            (lookup && matches!(w.text.as_str(), "vibeguard" | "vibeguard.exe")).then(|| Output {
                text: Some(format!("{}/bin/{}\n", crate::words::DYNAMIC, w.text)),
                taint: taint::DYNAMIC,
            })
        }
        "git" => {
            let sub_at = args.iter().position(|a| !a.text.starts_with('-'))?;
            let sub = args[sub_at].text.as_str();
            let rest: Vec<&str> = args[sub_at + 1..].iter().map(|w| w.text.as_str()).collect();
            // `git -C DIR ...` changes where it looks; leave those unknown
            if sub_at > 0 {
                return None;
            }
            match sub {
                "rev-parse" if rest == ["--show-toplevel"] => {
                    lit(cx.project_root.to_string_lossy().into_owned())
                }
                "rev-parse" if rest == ["--git-dir"] || rest == ["--absolute-git-dir"] => {
                    lit(cx.project_root.join(".git").to_string_lossy().into_owned())
                }
                // every tracked file: no pathspec, no filter on the kind of file
                "ls-files"
                    if rest
                        .iter()
                        .all(|a| matches!(*a, "-z" | "--cached" | "-c" | "--full-name")) =>
                {
                    lit(format!("{}/*", cx.project_root.display()))
                }
                "ls-tree"
                    if rest
                        .iter()
                        .any(|a| *a == "-r" || a.starts_with("-r") && !a.starts_with("--"))
                        && rest.iter().filter(|a| !a.starts_with('-')).count() == 1 =>
                {
                    lit(format!("{}/*", cx.project_root.display()))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Decode printf/echo -e escapes; says whether hex/octal escapes were used.
fn decode(s: &str) -> (String, bool) {
    let out = decode_escapes(s, EscapeStyle::Printf);
    let b = s.as_bytes();
    let mut obf = false;
    for i in 0..b.len().saturating_sub(1) {
        if b[i] == b'\\' && (b[i + 1] == b'x' || b[i + 1].is_ascii_digit() || b[i + 1] == b'u') {
            obf = true;
        }
    }
    (out, obf)
}

/// Actually decode literal input where that is cheap, so the decoded command can be
/// analysed too.
fn decode_stdin(name: &str, args: &[Word], input: &str) -> Option<String> {
    if input.len() > 64 * 1024 {
        return None;
    }
    match name {
        "base64" => {
            let clean: String = input.chars().filter(|c| !c.is_whitespace()).collect();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(clean.as_bytes())
                .or_else(|_| {
                    base64::engine::general_purpose::STANDARD_NO_PAD
                        .decode(clean.trim_end_matches('=').as_bytes())
                })
                .ok()?;
            String::from_utf8(bytes).ok()
        }
        "xxd" => {
            let clean: String = input.chars().filter(|c| c.is_ascii_hexdigit()).collect();
            let bytes: Option<Vec<u8>> = (0..clean.len() / 2)
                .map(|i| u8::from_str_radix(&clean[2 * i..2 * i + 2], 16).ok())
                .collect();
            String::from_utf8(bytes?).ok()
        }
        "rev" => Some(
            input
                .lines()
                .map(|l| l.chars().rev().collect::<String>())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        "tr" => {
            let sets: Vec<&str> = args
                .iter()
                .filter(|a| !a.text.starts_with('-'))
                .map(|a| a.text.as_str())
                .collect();
            if sets.len() != 2 || args.iter().any(|a| a.text.starts_with('-')) {
                return None;
            }
            let from = expand_set(sets[0]);
            let to = expand_set(sets[1]);
            if from.is_empty() || to.is_empty() {
                return None;
            }
            Some(
                input
                    .chars()
                    .map(|c| match from.iter().position(|f| *f == c) {
                        Some(i) => *to.get(i).unwrap_or(to.last().unwrap_or(&c)),
                        None => c,
                    })
                    .collect(),
            )
        }
        _ => None,
    }
}

/// `a-z` ranges of a `tr` set.
fn expand_set(s: &str) -> Vec<char> {
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() && out.len() < 512 {
        if i + 2 < c.len() && c[i + 1] == '-' && c[i] <= c[i + 2] {
            let (a, b) = (c[i] as u32, c[i + 2] as u32);
            for x in a..=b.min(a + 256) {
                if let Some(ch) = char::from_u32(x) {
                    out.push(ch);
                }
            }
            i += 3;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// The directory a listing command (`find ROOT ...`, `fd PATTERN ROOT`) walks, when it
/// is outside the project: the paths it prints all lie under it. Listings inside the
/// project or in scratch space are not interesting and stay unknown.
fn listing_root(
    name: &str,
    args: &[Word],
    cwd: &Path,
    cx: &ShellContext,
) -> Option<std::path::PathBuf> {
    let root = match name {
        "find" => args
            .iter()
            .skip_while(|a| matches!(a.text.as_str(), "-H" | "-L" | "-P"))
            .take_while(|a| !a.text.starts_with(['-', '(', '!']))
            .next()?,
        "fd" | "fdfind" => args.iter().filter(|a| !a.text.starts_with('-')).nth(1)?,
        _ => return None,
    };
    if root
        .text
        .contains([crate::words::DYNAMIC, crate::words::UNSET])
    {
        return None;
    }
    let r = paths::resolve(&root.text, cwd, &cx.home, &cx.project_root);
    r.place.outside_project().then_some(r.path)
}
