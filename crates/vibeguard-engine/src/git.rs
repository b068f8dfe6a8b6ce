//! The git targets: a change since a revision, the index, the whole history.

use crate::engine::Engine;
use crate::policy::repo_workdir;
use anyhow::Context;
use rayon::prelude::*;
use std::path::Path;
use vibeguard_core::pipeline::{self, AddedLineMap, BlobScan, ScanOutput};

/// The working tree compared with `rev`: scan the files the change touched and return
/// the lines it added, keyed by the path each finding will carry.
pub(crate) fn scan_diff(engine: &Engine, rev: &str) -> anyhow::Result<(ScanOutput, AddedLineMap)> {
    let root = engine.single_root("--diff")?;
    let added = vibeguard_git::added_lines_since(root, rev).context("scan --diff")?;
    let workdir =
        repo_workdir(root).context("scan --diff: cannot find the repository's working tree")?;
    let canon_root = std::fs::canonicalize(root)?;
    let root_is_file = canon_root.is_file();
    let mut map = AddedLineMap::new();
    for (path, lines) in added {
        let abs = workdir.join(&path);
        let display = if root_is_file {
            if abs != canon_root {
                continue;
            }
            as_given(root)
        } else {
            match abs.strip_prefix(&canon_root) {
                Ok(rel) => rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
                Err(_) => continue,
            }
        };
        map.insert(display, lines.ranges);
    }
    let mut opts = engine.options.clone();
    opts.only_paths = Some(map.keys().cloned().collect());
    let out = pipeline::scan_paths(&engine.analyzers, &opts)?;
    Ok((out, map))
}

fn as_given(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.trim_start_matches("./").to_string()
}

fn blob_scan(engine: &Engine) -> BlobScan<'_> {
    BlobScan::new(
        &engine.analyzers,
        engine.options.max_file_size,
        engine.options.timings,
        engine.options.progress.clone(),
    )
}

/// The index against HEAD: every staged file's bytes, and the lines it adds.
pub(crate) fn scan_staged(engine: &Engine) -> anyhow::Result<(ScanOutput, AddedLineMap)> {
    let root = engine.single_root("--staged")?;
    let files = vibeguard_git::staged_files(root).context("scan --staged")?;
    let (skip, warning) = engine.path_filter(root)?;
    let files: Vec<_> = files
        .into_iter()
        .filter(|f| !skip.is_skipped(&f.path))
        .collect();
    let scan = blob_scan(engine);
    engine.thread_pool()?.install(|| {
        files
            .par_iter()
            .for_each(|f| scan.scan(&f.path, &f.bytes, None))
    });
    let added = files
        .into_iter()
        .map(|f| (f.path, f.added.ranges))
        .collect();
    let mut out = scan.finish();
    out.warnings.extend(warning);
    Ok((out, added))
}

/// Every unique blob of the history, each once, with the commit that introduced it.
pub(crate) fn scan_history(engine: &Engine, since: Option<&str>) -> anyhow::Result<ScanOutput> {
    let root = engine.single_root("--history")?;
    let (skip, warning) = engine.path_filter(root)?;
    let scan = blob_scan(engine);
    let git_stats = engine.thread_pool()?.install(|| {
        vibeguard_git::history_blobs(root, since, engine.options.max_file_size, &|b| {
            if !skip.is_skipped(b.path) {
                scan.scan(b.path, b.bytes, Some(b.provenance));
            }
        })
    });
    let git_stats = git_stats.context("scan --history")?;
    let mut out = scan.finish();
    out.warnings.extend(warning);
    out.stats.skipped_binary += git_stats.skipped_binary;
    out.stats.skipped_large += git_stats.skipped_large;
    // Finding the unique blobs (commit and tree walk) is this mode's "walk".
    out.stats.walk_read += git_stats.walk_time;
    Ok(out)
}
