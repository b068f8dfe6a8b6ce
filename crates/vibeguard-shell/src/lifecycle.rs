//! Lifecycle scripts an install runs. `npm install`/`ci`/`rebuild`, `yarn` and `yarn
//! install`, `pnpm install` and `bun install` in a project run its `preinstall`,
//! `install`, `postinstall` and `prepare` scripts, and those of its local workspace
//! packages; they are judged like `npm run X`: as the shell text they are.

use crate::analyze::{Engine, MAX_PROJECT_FILE};
use crate::words::Word;
use std::path::{Path, PathBuf};

/// Options of the package managers that take a value.
const VALUE_OPTS: &[&str] = &[
    "--prefix",
    "-C",
    "--dir",
    "--cwd",
    "-w",
    "--workspace",
    "--filter",
    "-F",
    "--registry",
    "--cache",
    "--userconfig",
    "--loglevel",
    "--network-timeout",
    "--modules-folder",
];

/// Scripts run by an install, in the order npm runs them.
const INSTALL: &[&str] = &[
    "preinstall",
    "install",
    "postinstall",
    "preprepare",
    "prepare",
    "postprepare",
];
const REBUILD: &[&str] = &["preinstall", "install", "postinstall"];

/// The value of `--prefix DIR`, `--prefix=DIR`, `-C DIR` and friends.
fn dir_option(args: &[Word]) -> Option<&str> {
    let mut it = args.iter().map(|w| w.text.as_str());
    while let Some(a) = it.next() {
        if matches!(a, "--prefix" | "-C" | "--dir" | "--cwd") {
            return it.next();
        }
        for p in ["--prefix=", "--dir=", "--cwd="] {
            if let Some(v) = a.strip_prefix(p) {
                return Some(v);
            }
        }
    }
    None
}

/// Which scripts this command runs, if it is an install of the project itself.
fn scripts_run(pm: &str, args: &[Word]) -> Option<&'static [&'static str]> {
    if args
        .iter()
        .any(|a| a.text == "--ignore-scripts" || a.text == "--ignore-scripts=true")
    {
        return None;
    }
    let mut positional = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].text.as_str();
        if VALUE_OPTS.contains(&a) {
            i += 2;
            continue;
        }
        if !a.starts_with('-') {
            positional.push(a);
        }
        i += 1;
    }
    let sub = positional.first().copied();
    let rest = positional.len().saturating_sub(1);
    match (pm, sub) {
        ("yarn", None) | ("yarn", Some("install")) => Some(INSTALL),
        ("npm", Some("ci" | "clean-install" | "ic" | "install-clean" | "isntall-clean")) => {
            Some(INSTALL)
        }
        ("npm", Some("install" | "i" | "in" | "isntall" | "add")) if rest == 0 => Some(INSTALL),
        ("npm", Some("rebuild" | "rb")) => Some(REBUILD),
        ("pnpm", Some("install" | "i")) if rest == 0 => Some(INSTALL),
        ("pnpm", Some("rebuild" | "rb")) => Some(REBUILD),
        ("bun", Some("install" | "i")) if rest == 0 => Some(INSTALL),
        _ => None,
    }
}

fn manifest(e: &Engine, dir: &Path) -> Option<serde_json::Value> {
    let text = e.project_file(&dir.join("package.json"))?;
    serde_json::from_str(&text).ok()
}

/// Directories of the local workspace packages a manifest names (`packages/*`,
/// `tools/cli`); globs are expanded one level, bounded.
fn workspace_dirs(root: &Path, json: &serde_json::Value) -> Vec<PathBuf> {
    let patterns = match json.get("workspaces") {
        Some(serde_json::Value::Array(a)) => a.clone(),
        Some(serde_json::Value::Object(o)) => o
            .get("packages")
            .and_then(|p| p.as_array())
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for p in patterns.iter().filter_map(|p| p.as_str()).take(16) {
        if p.starts_with('!') || p.contains("..") {
            continue;
        }
        match p.strip_suffix("/*").or_else(|| p.strip_suffix("/**")) {
            Some(parent) if !parent.contains('*') => {
                let Ok(rd) = std::fs::read_dir(root.join(parent)) else {
                    continue;
                };
                for entry in rd.flatten().take(64) {
                    if entry.file_type().is_ok_and(|t| t.is_dir()) {
                        out.push(entry.path());
                    }
                }
            }
            None if !p.contains('*') => out.push(root.join(p)),
            _ => {}
        }
    }
    out.sort();
    out.truncate(64);
    out
}

fn scripts_of(json: &serde_json::Value, dir: &Path, which: &[&str], parts: &mut Vec<String>) {
    let Some(scripts) = json.get("scripts") else {
        return;
    };
    for name in which {
        if let Some(body) = scripts.get(*name).and_then(|v| v.as_str())
            && body.len() as u64 <= MAX_PROJECT_FILE
        {
            parts.push(format!(
                "(cd '{}' && {body})",
                dir.display().to_string().replace('\'', "'\\''")
            ));
        }
    }
}

/// The shell text of every lifecycle script `pm ARGS` would run in the project, or
/// `None` when it runs none (not an install, `--ignore-scripts`, no manifest).
pub fn install_scripts(pm: &str, args: &[Word], e: &Engine) -> Option<String> {
    let which = scripts_run(pm, args)?;
    let dir = match dir_option(args) {
        Some(d) => crate::paths::resolve(d, &e.cwd, &e.cx.home, &e.cx.project_root).path,
        None => e.cwd.clone(),
    };
    let root = manifest(e, &dir)?;
    let mut parts = Vec::new();
    scripts_of(&root, &dir, which, &mut parts);
    for ws in workspace_dirs(&dir, &root) {
        if let Some(json) = manifest(e, &ws) {
            scripts_of(&json, &ws, REBUILD, &mut parts);
            scripts_of(&json, &ws, &["prepare"], &mut parts);
        }
    }
    (!parts.is_empty()).then(|| parts.join(" ; "))
}
