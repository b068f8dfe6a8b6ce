//! Every process the CLI tests start is made here, so none of them reads the machine it
//! runs on: the agents' project-directory variables are cleared (a test run from inside
//! Claude Code would otherwise judge the developer's checkout), HOME is a folder of the
//! test's own, and git reads neither the system's nor the user's configuration nor a
//! repository named by `GIT_*` variables (set when tests run from a git hook). The
//! dependency checks read no advisory store or registry cache but the test's own (under
//! its HOME) and make no registry look-ups unless a test lifts `VIBEGUARD_OFFLINE` for
//! its own server on 127.0.0.1.
//!
//! `every_spawn_goes_through_the_sandbox` keeps it that way: test files start processes
//! only through these functions.

use std::ffi::OsStr;
use std::path::Path;
use tempfile::TempDir;

/// Variables through which an agent points a hook at a project.
const AGENT_PROJECT_VARS: [&str; 3] = [
    "CLAUDE_PROJECT_DIR",
    "CURSOR_PROJECT_DIR",
    "GEMINI_PROJECT_DIR",
];

/// `program` with the isolated environment and `home` as HOME.
pub fn command(program: impl AsRef<OsStr>, home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    for var in AGENT_PROJECT_VARS {
        cmd.env_remove(var);
    }
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("GIT_") {
            cmd.env_remove(key);
        }
    }
    cmd.env_remove("VIBEGUARD_CACHE_DIR");
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("VIBEGUARD_OFFLINE", "1")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join(".gitconfig"));
    cmd
}

/// The built `vibeguard` binary.
pub fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_vibeguard"))
}

/// `vibeguard` (as a std command, for tests that manage the child) with `home` as HOME.
pub fn vibeguard_std(home: &Path) -> std::process::Command {
    command(binary(), home)
}

/// `vibeguard` (as an assert_cmd command) with `home` as HOME.
pub fn vibeguard_with_home(home: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(vibeguard_std(home))
}

/// `vibeguard` with a fresh, empty HOME of its own, removed when the command is dropped.
pub struct Vibeguard {
    cmd: assert_cmd::Command,
    _home: TempDir,
}

impl std::ops::Deref for Vibeguard {
    type Target = assert_cmd::Command;
    fn deref(&self) -> &assert_cmd::Command {
        &self.cmd
    }
}

impl std::ops::DerefMut for Vibeguard {
    fn deref_mut(&mut self) -> &mut assert_cmd::Command {
        &mut self.cmd
    }
}

pub fn vibeguard() -> Vibeguard {
    let home = tempfile::tempdir().unwrap();
    Vibeguard {
        cmd: vibeguard_with_home(home.path()),
        _home: home,
    }
}

/// `git` with the isolated environment and `home` as HOME; identity and dates are the
/// caller's to set.
pub fn git(home: &Path) -> std::process::Command {
    command("git", home)
}

/// An empty HOME for the git commands that build fixture repositories (they never write
/// to it), in cargo's scratch folder for this test target rather than the user's home.
pub fn fixture_home() -> std::path::PathBuf {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-home");
    std::fs::create_dir_all(&home).unwrap();
    home
}

#[test]
fn every_spawn_goes_through_the_sandbox() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let mut offenders = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension() != Some(OsStr::new("rs")) || path.ends_with("sandbox.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, line) in text.lines().enumerate() {
                if ["cargo_bin", "CARGO_BIN_EXE", "Command::new"]
                    .iter()
                    .any(|p| line.contains(p))
                {
                    offenders.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "start processes through tests/cli/sandbox.rs:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_sandbox_hides_the_agents_project_and_the_users_git_config() {
    let home = tempfile::tempdir().unwrap();
    let cmd = command("true", home.path());
    let envs: Vec<(String, Option<String>)> = cmd
        .get_envs()
        .map(|(k, v)| {
            (
                k.to_string_lossy().into_owned(),
                v.map(|v| v.to_string_lossy().into_owned()),
            )
        })
        .collect();
    for var in AGENT_PROJECT_VARS {
        assert!(envs.contains(&(var.to_string(), None)), "{var} not removed");
    }
    let home_str = home.path().display().to_string();
    assert!(envs.contains(&("HOME".to_string(), Some(home_str))));
    assert!(envs.contains(&("GIT_CONFIG_NOSYSTEM".to_string(), Some("1".to_string()))));
}
