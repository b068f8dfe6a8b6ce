//! `vibeguard hook install-git`: the pre-commit checks of `.pre-commit-hooks.yaml` as a
//! plain git hook, for repositories that do not use the pre-commit framework.
//!
//! The hook scans the index (secrets, code and configuration; only the lines the commit
//! adds) and, when the project has a `vibeguard.toml`, checks that the agents' hooks and
//! context files have not drifted from it. A hook file that vibeguard did not write is
//! never replaced without `--force`, and even then it is kept next to ours.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `vibeguard hook <agent>` (the agent gate) or `vibeguard hook install-git`.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct HookCommand {
    #[command(subcommand)]
    pub sub: Option<HookSub>,
    #[command(flatten)]
    pub agent: Option<super::hook::HookArgs>,
}

#[derive(clap::Subcommand)]
pub enum HookSub {
    /// Install vibeguard as the repository's git pre-commit hook.
    InstallGit(InstallGitArgs),
}

#[derive(clap::Args)]
#[command(after_help = "\
The hook runs `vibeguard scan --staged` (secrets, code and configuration on the lines the \
commit adds, honouring vibeguard.toml, inline ignores and .vibeguard/baseline.json) and, when \
vibeguard.toml exists, `vibeguard init --check`. `git commit --no-verify` skips it.")]
pub struct InstallGitArgs {
    /// Replace a pre-commit hook that vibeguard did not write (it is kept as
    /// `pre-commit.before-vibeguard`).
    #[arg(long)]
    pub force: bool,
    /// Only scan for secrets (faster; code and configuration are left to CI).
    #[arg(long)]
    pub secrets_only: bool,
    /// Fail the commit only for findings at or above this severity [default: low, or
    /// [scan].fail_on].
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<vibeguard_core::Severity>,
    /// Repository (any folder inside it) [default: .]
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// First line after the shebang of every hook vibeguard writes; how a later install
/// recognises its own file.
const MARKER: &str = "# vibeguard pre-commit hook: written by `vibeguard hook install-git`";

impl HookCommand {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match (self.sub, self.agent) {
            (Some(HookSub::InstallGit(args)), _) => install(args),
            (None, Some(agent)) => super::hook::run(agent),
            (None, None) => anyhow::bail!(
                "name the agent (`vibeguard hook claude`) or `install-git`; see `vibeguard hook --help`"
            ),
        }
    }
}

/// The hook script. `VIBEGUARD` overrides the binary; otherwise the one that installed
/// the hook, or `vibeguard` on PATH when that one has moved.
fn script(exe: &Path, args: &InstallGitArgs) -> String {
    let exe = shell_quote(&exe.to_string_lossy());
    let mut scan = String::from("\"$vg\" scan --staged");
    if args.secrets_only {
        scan.push_str(" --analyzers secrets");
    }
    if let Some(s) = args.fail_on {
        scan.push_str(&format!(" --fail-on {s}"));
    }
    format!(
        "#!/bin/sh\n{MARKER}\n# Reinstall with the same command to update it; `git commit --no-verify` skips it.\n\
vg=\"${{VIBEGUARD:-{exe}}}\"\n\
if ! [ -x \"$vg\" ]; then vg=vibeguard; fi\n\
cd \"$(git rev-parse --show-toplevel)\" || exit 2\n\
{scan} || exit $?\n\
if [ -f vibeguard.toml ]; then \"$vg\" init --check || exit $?; fi\n"
    )
}

/// Single-quote for sh.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn install(args: InstallGitArgs) -> anyhow::Result<ExitCode> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let hooks = vibeguard_git::hooks_dir(&dir)?;
    std::fs::create_dir_all(&hooks)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", hooks.display()))?;
    let hook = hooks.join("pre-commit");
    let exe = std::env::current_exe()?;
    let wanted = script(&exe, &args);
    match std::fs::read(&hook) {
        Ok(existing) if existing == wanted.as_bytes() => {
            println!(
                "unchanged {}: vibeguard is already the pre-commit hook",
                hook.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        Ok(existing) if !String::from_utf8_lossy(&existing).contains(MARKER) => {
            if !args.force {
                anyhow::bail!(
                    "{} already exists and was not written by vibeguard; call vibeguard from it \
                     (`vibeguard scan --staged`), or rerun with --force to replace it (it is kept \
                     as pre-commit.before-vibeguard)",
                    hook.display()
                );
            }
            let backup = hooks.join("pre-commit.before-vibeguard");
            std::fs::rename(&hook, &backup)?;
            println!("kept      {}", backup.display());
        }
        Ok(_) | Err(_) => {}
    }
    write_executable(&hook, &wanted)?;
    println!("installed {}", hook.display());
    Ok(ExitCode::SUCCESS)
}

fn write_executable(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))?;
    }
    Ok(())
}
