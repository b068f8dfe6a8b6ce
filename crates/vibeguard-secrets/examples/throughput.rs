//! Scan a directory with the built-in secret rules and print throughput.
//!
//! `cargo run --release -p vibeguard-secrets --example throughput -- DIR [--stats] [--list]`
//! Reads every regular file under DIR (no .gitignore handling: this measures the
//! analyzer, not the walker) into memory first, then times only the analysis, single
//! threaded, and prints MB/s plus the findings per rule.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::Instant;
use vibeguard_core::{AnalyzeContext, Analyzer, SourceFile};
use vibeguard_secrets::SecretsAnalyzer;

fn collect(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            if p.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            collect(&p, out);
        } else if ft.is_file()
            && let Ok(bytes) = std::fs::read(&p)
            && bytes.len() <= 10 << 20
            && !bytes[..bytes.len().min(8192)].contains(&0)
        {
            out.push((p.display().to_string(), bytes));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: throughput DIR [--stats] [--list]");
        std::process::exit(2);
    };
    let stats = args.iter().any(|a| a == "--stats");
    let list = args.iter().any(|a| a == "--list");
    let mut files = Vec::new();
    collect(Path::new(dir), &mut files);
    let total: usize = files.iter().map(|f| f.1.len()).sum();
    let t0 = Instant::now();
    let analyzer = SecretsAnalyzer::builtin();
    let build = t0.elapsed();
    let mut cx = AnalyzeContext::new(stats);
    let t1 = Instant::now();
    for (path, bytes) in &files {
        analyzer.analyze(&SourceFile::new(path, bytes), &mut cx);
    }
    let secs = t1.elapsed().as_secs_f64();
    // A closed pipe (`| head`) ends the report quietly.
    let mut out = std::io::stdout().lock();
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &cx.findings {
        *per_rule.entry(f.rule_id.as_str()).or_default() += 1;
    }
    let _ = writeln!(
        out,
        "{} files, {:.1} MB in {:.3}s: {:.1} MB/s (build {:.1} ms), {} findings",
        files.len(),
        total as f64 / 1e6,
        secs,
        total as f64 / 1e6 / secs,
        build.as_secs_f64() * 1e3,
        cx.findings.len()
    );
    if list {
        for f in &cx.findings {
            let _ = writeln!(
                out,
                "{}:{}:{} {} {}",
                f.location.path, f.location.line, f.location.column, f.rule_id, f.snippet
            );
        }
    }
    for (rule, n) in per_rule {
        let _ = writeln!(out, "  {n:6}  {rule}");
    }
    if let Some(times) = cx.rule_time {
        let mut v: Vec<_> = times.into_iter().collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.1));
        for (rule, d) in v.into_iter().take(15) {
            let _ = writeln!(out, "  {:8.1} ms  {rule}", d.as_secs_f64() * 1e3);
        }
    }
}
