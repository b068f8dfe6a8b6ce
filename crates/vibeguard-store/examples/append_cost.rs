//! What the audit log costs one hook call: open the database (exclusively, as the hook
//! does), append one record, close.
//!
//! `cargo run -p vibeguard-store --example append_cost [N]` prints the median and p99 of
//! N open+append+close cycles (default 500) in a fresh temporary directory, plus the
//! first open that creates the schema. A measurement, not a test.

use std::time::Instant;
use vibeguard_store::{AuditLog, AuditRecord};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(500);
    let tmp = std::env::temp_dir().join(format!("vg-append-cost-{}", std::process::id()));
    let dir = tmp.join(".vibeguard");
    let record = AuditRecord {
        agent: "claude".into(),
        session: "bench".into(),
        tool: "Bash".into(),
        input_digest: "shell: cargo test --workspace".into(),
        input_sha256: "ab".repeat(32),
        rules: vec!["gate/example".into()],
        tier: Some("medium".into()),
        decision: "ask".into(),
        reason: "an example reason of ordinary length for the benchmark".into(),
        latency_us: 250,
        ..Default::default()
    };
    let t = Instant::now();
    AuditLog::open_exclusive(&dir)
        .expect("open")
        .append(&record)
        .expect("append");
    let first = t.elapsed();
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let mut log = AuditLog::open_exclusive(&dir).expect("open");
        log.append(&record).expect("append");
        drop(log);
        samples.push(t.elapsed());
    }
    samples.sort();
    let pct = |p: f64| samples[((samples.len() - 1) as f64 * p) as usize];
    let t = Instant::now();
    let report = AuditLog::open(&dir)
        .expect("open")
        .verify()
        .expect("verify");
    let verify = t.elapsed();
    println!("first open + schema + append: {first:?}");
    println!(
        "open+append+close x{n}: median {:?}, p99 {:?}, max {:?}",
        pct(0.5),
        pct(0.99),
        samples[samples.len() - 1]
    );
    let slow = samples.iter().filter(|d| d.as_millis() >= 5).count();
    println!("cycles of 5 ms or more (WAL checkpoints, fsync): {slow}");
    println!(
        "verify {} rows: {verify:?} (ok: {})",
        report.rows,
        report.is_ok()
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
