//! Package installs: which manager, which package names (as typed, versions kept), so
//! the dependency checker can judge them. Requirements files and bare `npm install`
//! (installing what the project already declares) yield no names.

use crate::PackageInstall;
use crate::words::Word;

/// Options that take a value (the value is not a package name).
const VALUE_OPTS: &[&str] = &[
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-i",
    "--index-url",
    "--extra-index-url",
    "--trusted-host",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "-f",
    "--find-links",
    "--registry",
    "--version",
    "--vers",
    "--features",
    "-F",
    "--branch",
    "--tag",
    "--rev",
    "--path",
    "--python",
    "-p",
    "--group",
    "-G",
    "--source",
    "--index",
    "--cache-dir",
    "--platform",
    "--filter",
    "--workspace",
    "-w",
    "--save-prefix",
    "--install-dir",
    "--bindir",
    "--profile",
    "--target-dir",
    "-C",
    "--manifest-path",
    "--only-binary",
    "--no-binary",
    "--upgrade-strategy",
    "--editable",
    "-e",
    "--extra",
    "-E",
    "--config-settings",
];

fn names(args: &[Word]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].text.as_str();
        if VALUE_OPTS.contains(&a) {
            // `-e URL` / `--git URL` installs are still packages from somewhere
            if matches!(a, "-e" | "--editable")
                && let Some(v) = args.get(i + 1)
            {
                out.push(v.text.clone());
            }
            i += 2;
            continue;
        }
        if a == "--git" {
            if let Some(v) = args.get(i + 1) {
                out.push(v.text.clone());
            }
            i += 2;
            continue;
        }
        if a.starts_with('-') {
            i += 1;
            continue;
        }
        out.push(a.to_string());
        i += 1;
    }
    out
}

/// The package a run-a-package command (`npx`, `bunx`, `pnpm dlx`) fetches: the
/// `--package`/`-p` values, else the first word that is not an option.
fn run_target(args: &[Word]) -> Vec<String> {
    let mut explicit = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].text.as_str();
        if matches!(a, "--package" | "-p") {
            if let Some(v) = args.get(i + 1) {
                explicit.push(v.text.clone());
            }
            i += 2;
            continue;
        }
        if let Some(v) = a.strip_prefix("--package=") {
            explicit.push(v.to_string());
        } else if a == "--" {
            i += 1;
            continue;
        } else if !a.starts_with('-') {
            if explicit.is_empty() {
                return vec![a.to_string()];
            }
            break;
        }
        i += 1;
    }
    explicit
}

/// `Some` when the command installs packages (possibly with no names listed).
pub fn parse(name: &str, args: &[Word]) -> Option<PackageInstall> {
    let sub = args.first().map(|w| w.text.as_str()).unwrap_or("");
    let rest = args.get(1..).unwrap_or(&[]);
    let (manager, pkgs) = match (name, sub) {
        (n, "install") if n.starts_with("pip") => ("pip", names(rest)),
        ("pipx", "install" | "inject" | "run") => {
            ("pipx", names(rest).into_iter().take(1).collect())
        }
        ("uv", "add") => ("uv", names(rest)),
        ("uv", "pip") if rest.first().is_some_and(|w| w.text == "install") => {
            ("uv", names(&rest[1..]))
        }
        ("uv", "tool") if rest.first().is_some_and(|w| w.text == "install") => {
            ("uv", names(&rest[1..]))
        }
        ("poetry", "add") | ("pdm", "add") | ("rye", "add") => (name, names(rest)),
        ("pipenv", "install") => ("pipenv", names(rest)),
        ("npm", "i" | "install" | "add" | "isntall" | "in") => ("npm", names(rest)),
        ("yarn", "add") | ("yarn", "global") => (
            "yarn",
            names(rest).into_iter().filter(|n| n != "add").collect(),
        ),
        ("pnpm", "add" | "i" | "install") | ("bun", "add" | "i" | "install") => (name, names(rest)),
        ("cargo", "add" | "install") => ("cargo", names(rest)),
        ("go", "get" | "install") => ("go", names(rest)),
        ("gem", "install") => ("gem", names(rest)),
        ("composer", "require") => ("composer", names(rest)),
        // Run-a-package commands fetch and execute the named package: check it too.
        ("npx" | "bunx" | "pnpx", _) => (name, run_target(args)),
        ("pnpm" | "yarn", "dlx") => (name, run_target(rest)),
        ("uvx", _) => ("uv", run_target(args)),
        _ => return None,
    };
    let pkgs = pkgs.into_iter().filter(|p| !p.is_empty()).collect();
    Some(PackageInstall {
        manager: manager.to_string(),
        packages: pkgs,
    })
}

/// Whether a package spec points at code fetched from a URL, a git remote or a tarball
/// on the network rather than a registry name.
pub fn is_remote_spec(spec: &str) -> bool {
    let s = spec.to_ascii_lowercase();
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("git+")
        || s.starts_with("git://")
        || s.starts_with("git@")
        || s.starts_with("github:")
        || s.starts_with("gitlab:")
        || s.starts_with("bitbucket:")
        || s.contains(" @ http")
        || s.contains("@git+")
        || s.contains("@https://")
}
