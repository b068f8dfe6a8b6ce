//! `vibeguard fix [PATH] [--dry-run]`: scan, then apply the fixes findings carry (text
//! edits from the code and configuration rules) to the files, bottom-up and never two
//! overlapping ones; `--dry-run` prints the unified diff instead of writing.

use crate::cmd::scan::WalkArgs;
use anyhow::Context;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vibeguard_core::fix::{apply_fixes, unified_diff};
use vibeguard_core::{Finding, Fix};
use vibeguard_engine::{Filters, Target};

#[derive(clap::Args, Debug)]
pub struct FixArgs {
    #[command(flatten)]
    pub walk: WalkArgs,
    /// Print the changes as a unified diff and write nothing (exit 1 when there are
    /// changes to make, for CI).
    #[arg(long)]
    pub dry_run: bool,
    /// Only apply fixes of these rules (repeatable).
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,
}

/// Where a finding's path is on disk: under the scanned folder, or the scanned file.
fn disk_path(roots: &[PathBuf], shown: &str) -> PathBuf {
    match roots {
        [root] if root.is_file() => root.clone(),
        [root] => root.join(shown),
        _ => PathBuf::from(shown),
    }
}

/// Replace a file's content without leaving it half-written: a temporary file next to
/// it, then a rename (the original's permissions are kept).
fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let perms = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .permissions();
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write next to {}", path.display()))?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().set_permissions(perms)?;
    tmp.persist(path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

pub fn run(args: FixArgs) -> anyhow::Result<ExitCode> {
    let mut engine = args.walk.engine(false)?;
    let out = engine.scan(&Target::Tree, &Filters::default())?;
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &out.findings {
        if f.fix.is_none() || !args.rules.is_empty() && !args.rules.contains(&f.rule_id) {
            continue;
        }
        by_file.entry(f.location.path.as_str()).or_default().push(f);
    }
    let (mut files, mut fixed, mut skipped) = (0usize, 0usize, 0usize);
    let stdout = std::io::stdout();
    let mut stdout = stdout.lock();
    for (shown, findings) in &by_file {
        let path = disk_path(&engine.roots, shown);
        let old = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("warning: cannot read {}: {e}", path.display());
                continue;
            }
        };
        let fixes: Vec<&Fix> = findings.iter().filter_map(|f| f.fix.as_ref()).collect();
        let result = apply_fixes(&old, &fixes);
        skipped += result.skipped;
        if result.applied == 0 || result.text == old {
            continue;
        }
        files += 1;
        fixed += result.applied;
        if args.dry_run {
            write!(stdout, "{}", unified_diff(shown, &old, &result.text))?;
        } else {
            write_atomically(&path, &result.text)?;
        }
    }
    let verb = if args.dry_run { "would fix" } else { "fixed" };
    let mut summary = format!(
        "{verb} {fixed} finding{} in {files} file{}",
        if fixed == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" }
    );
    if skipped > 0 {
        summary.push_str(&format!(
            "; {skipped} overlapping or stale fix(es) left for a second run"
        ));
    }
    let without = out.findings.iter().filter(|f| f.fix.is_none()).count();
    if without > 0 {
        summary.push_str(&format!(
            "; {without} finding(s) have no automatic fix (see `vibeguard scan`)"
        ));
    }
    eprintln!("{summary}");
    Ok(if args.dry_run && fixed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
