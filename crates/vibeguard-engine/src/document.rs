//! The in-memory targets: one editor document, one agent snippet.

use crate::engine::Engine;
use crate::policy::repo_workdir;
use vibeguard_core::pipeline::{BlobScan, ScanOutput};

/// One document at `path` (relative to the engine's first root): skipped when the policy
/// or `.vibeguardignore` excludes that path, otherwise scanned like the file on disk.
pub(crate) fn scan_document(
    engine: &Engine,
    path: &str,
    bytes: &[u8],
) -> anyhow::Result<ScanOutput> {
    let root = &engine.roots[0];
    let (skip, warning) = engine.path_filter(root)?;
    if skip.is_skipped(&repo_relative(root, path)) {
        let mut out = ScanOutput::default();
        out.warnings.extend(warning);
        return Ok(out);
    }
    let mut out = scan_bytes(engine, path, bytes);
    out.warnings.extend(warning);
    Ok(out)
}

/// A snippet: the analyzers and inline suppressions only; `path` names the language.
pub(crate) fn scan_snippet(engine: &Engine, path: &str, bytes: &[u8]) -> ScanOutput {
    scan_bytes(engine, path, bytes)
}

fn scan_bytes(engine: &Engine, path: &str, bytes: &[u8]) -> ScanOutput {
    let scan = BlobScan::new(
        &engine.analyzers,
        engine.options.max_file_size,
        engine.options.timings,
        None,
    );
    scan.scan(path, bytes, None);
    let mut out = scan.finish();
    out.stats.from_blobs = false;
    out
}

/// `path` under `root`, as a path relative to the repository's working tree (what
/// `.vibeguardignore` patterns match); unchanged when there is no repository.
fn repo_relative(root: &std::path::Path, path: &str) -> String {
    let Some(workdir) = repo_workdir(root) else {
        return path.to_string();
    };
    let Ok(abs_root) = std::fs::canonicalize(crate::policy::policy_dir(root)) else {
        return path.to_string();
    };
    match abs_root.join(path).strip_prefix(&workdir) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.to_string(),
    }
}
