//! Times the code analyzer on one file the way an agent hook runs it: the first analysis
//! in a fresh process (parser set-up included) and the median of later ones.
//!
//! `cargo run --release -p vibeguard-code --example time_file -- FILE [RUNS]`

use std::time::Instant;
use vibeguard_core::{AnalyzeContext, Analyzer, SourceFile};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: time_file FILE [RUNS]");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(50);
    let src = std::fs::read(&path).expect("readable file");
    let t = Instant::now();
    let analyzer = vibeguard_code::code_analyzer(&[]);
    let build = t.elapsed();
    let analyze = || {
        let mut cx = AnalyzeContext::new(false);
        let t = Instant::now();
        analyzer.analyze(&SourceFile::new(&path, &src), &mut cx);
        (t.elapsed(), cx.findings.len())
    };
    let (first, findings) = analyze();
    let mut times: Vec<_> = (0..runs).map(|_| analyze().0).collect();
    times.sort();
    let lines = src.iter().filter(|b| **b == b'\n').count();
    println!(
        "{path}: {lines} lines, {findings} findings; analyzer built in {:.2} ms; first analysis {:.2} ms; median of {runs} more {:.2} ms",
        build.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        times[runs / 2].as_secs_f64() * 1e3
    );
}
