//! Audit speed of the dependency analyzer, in process and in release mode: lockfiles
//! against a large advisory store, and the gate's package check.
//!
//! ```sh
//! cargo bench -p vibeguard-deps --bench audit_speed -- --cache DIR \
//!     [--import SOURCE=PATH]... [--runs N] LOCKFILE...
//! ```
//!
//! `--import` builds `DIR/advisories.db` afresh from OSV archives or folders (what
//! `vibeguard db import` does). Each lockfile is then analyzed offline as `scan` does it:
//! a new analyzer per run (the store opened, the file parsed, every package audited, the
//! names checked), after one untimed run so the operating system's file cache is warm.
//! The figures exclude process start and the other analyzers; `bench/deps/bench_speed.py`
//! times the whole binary. The gate's check is timed the way a hook process runs it: a
//! new checker, one request for a popular package at a pinned version, answered from the
//! store, the shipped lists and the registry cache.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vibeguard_core::policy::DepsPolicy;
use vibeguard_core::{AnalyzeContext, Analyzer, PackageChecker, PackageRequest, SourceFile};
use vibeguard_deps::analyzer::DepsAnalyzer;
use vibeguard_deps::checker::Checker;

/// CPU time this thread has run (Linux `/proc/thread-self/schedstat`, nanoseconds): on a
/// shared machine it is steadier than the wall clock. Zero where unavailable.
fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut cache: Option<PathBuf> = None;
    let mut imports: Vec<(String, PathBuf)> = Vec::new();
    let mut runs = 5usize;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--cache" => cache = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(5),
            "--import" => {
                let v = args.next().expect("--import SOURCE=PATH");
                let (s, p) = v.split_once('=').expect("--import SOURCE=PATH");
                imports.push((s.to_string(), PathBuf::from(p)));
            }
            "--bench" => {}
            "--help" | "-h" => {
                println!(
                    "audit_speed --cache DIR [--import SOURCE=PATH]... [--runs N] LOCKFILE..."
                );
                return;
            }
            _ => files.push(PathBuf::from(a)),
        }
    }
    let Some(cache) = cache else {
        eprintln!("audit_speed: give --cache DIR (a store folder); see --help");
        return;
    };
    if !imports.is_empty() {
        build_store(&cache, &imports);
    }
    let store = vibeguard_store::AdvisoryStore::open(&cache.join("advisories.db"))
        .expect("store readable")
        .expect("no advisories.db in --cache");
    let st = store.status().expect("store status");
    println!(
        "store: {} advisories, {} affected rows",
        st.advisories,
        st.per_ecosystem.values().sum::<u64>()
    );
    drop(store);
    let policy = DepsPolicy {
        offline: true,
        ..DepsPolicy::default()
    };
    println!(
        "| lockfile | packages | findings | first run (wall / CPU) | median of {runs} (wall / CPU) |"
    );
    println!("|---|---|---|---|---|");
    for f in &files {
        let text = std::fs::read(f).expect("lockfile readable");
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let root = f.parent().unwrap_or(Path::new("."));
        let once = || {
            let (t, c) = (Instant::now(), cpu());
            let a = DepsAnalyzer::new(&policy, &cache, root);
            let mut cx = AnalyzeContext::new(false);
            a.analyze(&SourceFile::new(&name, &text), &mut cx);
            (t.elapsed(), cpu().saturating_sub(c), cx.findings)
        };
        let (first, first_cpu, findings) = once();
        let (times, cpus): (Vec<Duration>, Vec<Duration>) =
            (0..runs).map(|_| once()).map(|(t, c, _)| (t, c)).unzip();
        let packages = vibeguard_deps::inventory::parse_file(
            &name,
            &String::from_utf8_lossy(&text),
            &|_: &str| None,
        )
        .packages
        .len();
        println!(
            "| {name} | {packages} | {} | {} / {} | {} / {} |",
            findings.len(),
            ms(first),
            ms(first_cpu),
            ms(median(times)),
            ms(median(cpus))
        );
    }
    // The gate: one popular package at a pinned version, as a hook process asks it.
    let req = PackageRequest {
        ecosystem: "PyPI".into(),
        name: "django".into(),
        version: Some("3.2.10".into()),
        source: "pip install".into(),
    };
    let gate = || {
        let (t, c0) = (Instant::now(), cpu());
        let c = Checker::new(&policy, &cache);
        let v = c.check(std::slice::from_ref(&req), Instant::now() + c.deadline());
        (t.elapsed(), cpu().saturating_sub(c0), v)
    };
    let (_, _, v) = gate();
    let (times, cpus): (Vec<Duration>, Vec<Duration>) =
        (0..200).map(|_| gate()).map(|(t, c, _)| (t, c)).unzip();
    println!(
        "gate check (new checker + django==3.2.10, {} issue(s)): median {:.2} ms wall, {:.2} ms CPU, p99 {:.2} ms wall",
        v[0].issues.len(),
        median(times.clone()).as_secs_f64() * 1000.0,
        median(cpus).as_secs_f64() * 1000.0,
        {
            let mut t = times;
            t.sort();
            t[t.len() * 99 / 100].as_secs_f64() * 1000.0
        }
    );
}

fn build_store(cache: &Path, imports: &[(String, PathBuf)]) {
    std::fs::create_dir_all(cache).expect("cache folder");
    let t = Instant::now();
    let mut b =
        vibeguard_store::AdvisoryBuilder::create(&cache.join("advisories.db")).expect("new store");
    for (source, path) in imports {
        let rep = vibeguard_deps::import::import_path(&mut b, path, source, &|_, _| {})
            .unwrap_or_else(|e| panic!("import {}: {e}", path.display()));
        eprintln!(
            "import {source}: {} records, {} errors",
            rep.records,
            rep.errors.len()
        );
    }
    b.commit().expect("commit store");
    eprintln!("store built in {:.1} s", t.elapsed().as_secs_f64());
}
