//! Walks a repository's whole history the way `vibeguard scan --history` does, without
//! scanning, to measure the git side alone:
//!
//!     cargo run --release -p vibeguard-git --example history_walk -- PATH [--since REV] [--whole]
//!
//! The visitor only counts lines (so every byte is touched once, as a scanner would).
//! `--whole` hands over whole blobs instead of the lines each blob introduced.
//! `--verify` walks twice, whole and introduced lines, and checks that both hand over the
//! same set of distinct lines (every line of history is scanned somewhere either way).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut since = None;
    let mut check = false;
    let mut content = vibeguard_git::BlobContent::IntroducedLines;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--since" => since = args.next(),
            "--whole" => content = vibeguard_git::BlobContent::Whole,
            "--verify" => check = true,
            _ => path = Some(PathBuf::from(arg)),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: history_walk PATH [--since REV] [--whole]");
        std::process::exit(2);
    };
    if check {
        verify(&path);
        return;
    }
    let newlines = AtomicU64::new(0);
    let started = Instant::now();
    let options = vibeguard_git::HistoryOptions {
        since: since.as_deref(),
        max_blob_size: 10 << 20,
        content,
    };
    let result = vibeguard_git::history_blobs_with(&path, &options, &|blob| {
        let n = blob.bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        newlines.fetch_add(n, Ordering::Relaxed);
    });
    let elapsed = started.elapsed().as_secs_f64();
    match result {
        Ok(stats) => {
            let mb = stats.bytes as f64 / 1e6;
            println!(
                "{} commits, {} blobs, {:.1} MB ({:.1} MB handed over), {} lines; skipped {} binary, {} large",
                stats.commits,
                stats.blobs,
                mb,
                stats.bytes_scanned as f64 / 1e6,
                newlines.into_inner(),
                stats.skipped_binary,
                stats.skipped_large
            );
            println!(
                "walk {:.3}s, read {:.3}s, total {:.3}s on {} threads: {:.0} blobs/s, {:.1} MB/s",
                stats.walk_time.as_secs_f64(),
                stats.read_time.as_secs_f64(),
                elapsed,
                rayon::current_num_threads(),
                stats.blobs as f64 / elapsed,
                mb / elapsed
            );
        }
        Err(err) => {
            eprintln!("error: {err}");
            std::process::exit(2);
        }
    }
}

/// Distinct non-empty lines handed over in each mode must be the same set.
fn verify(path: &std::path::Path) {
    use std::collections::HashSet;
    use std::sync::Mutex;
    let lines_in = |content| {
        let set: Mutex<HashSet<Vec<u8>>> = Mutex::new(HashSet::new());
        let options = vibeguard_git::HistoryOptions {
            since: None,
            max_blob_size: 10 << 20,
            content,
        };
        vibeguard_git::history_blobs_with(path, &options, &|blob| {
            let mut set = set.lock().unwrap();
            for line in blob.bytes.split(|&b| b == b'\n') {
                if !line.is_empty() && !set.contains(line) {
                    set.insert(line.to_vec());
                }
            }
        })
        .unwrap();
        set.into_inner().unwrap()
    };
    let whole = lines_in(vibeguard_git::BlobContent::Whole);
    let introduced = lines_in(vibeguard_git::BlobContent::IntroducedLines);
    let missing = whole.difference(&introduced).count();
    let extra = introduced.difference(&whole).count();
    println!(
        "{} distinct lines whole, {} introduced; {missing} missing, {extra} extra",
        whole.len(),
        introduced.len()
    );
    if missing + extra > 0 {
        std::process::exit(1);
    }
}
