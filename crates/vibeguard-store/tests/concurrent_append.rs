//! Many hook processes appending at once lose no entry and keep one intact chain.
//!
//! The test re-executes its own binary: with `VG_STORE_CHILD_DIR` set, the same test
//! function acts as one child process that appends `PER_CHILD` records.

use std::process::{Command, Stdio};
use vibeguard_store::{AuditFilter, AuditLog, AuditRecord};

const CHILDREN: usize = 32;
const PER_CHILD: usize = 25;
const CHILD_ENV: &str = "VG_STORE_CHILD_DIR";

fn child(dir: &str, index: &str) {
    for n in 0..PER_CHILD {
        // Open per record, as a real hook process does: exclusively, as `vibeguard hook`
        // does, for most children; every fourth opens shared, as a library user would,
        // so both kinds of writer meet.
        let dir = std::path::Path::new(dir);
        let mut log = if index.parse::<usize>().unwrap_or(0) % 4 == 3 {
            AuditLog::open(dir)
        } else {
            AuditLog::open_exclusive(dir)
        }
        .expect("child open");
        log.append(&AuditRecord {
            agent: "claude".into(),
            session: format!("child-{index}"),
            tool: "Bash".into(),
            input_digest: format!("echo {n}"),
            decision: "allow".into(),
            ..Default::default()
        })
        .expect("child append");
    }
}

#[test]
fn thirty_two_processes_append_without_losing_entries() {
    if let Ok(dir) = std::env::var(CHILD_ENV) {
        let index = std::env::var("VG_STORE_CHILD_INDEX").unwrap_or_default();
        child(&dir, &index);
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(".vibeguard");
    let exe = std::env::current_exe().unwrap();
    // All children start before any finishes; the first ones race to create the file.
    let handles: Vec<_> = (0..CHILDREN)
        .map(|i| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "thirty_two_processes_append_without_losing_entries",
                    "--test-threads=1",
                ])
                .env(CHILD_ENV, &dir)
                .env("VG_STORE_CHILD_INDEX", i.to_string())
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    // While they append, a reader (as `vibeguard log verify`, run now and then) keeps
    // seeing a consistent chain (head and rows from one snapshot).
    let mut handles = handles;
    let mut verified_during = 0;
    while !handles.is_empty() {
        if let Some(log) = AuditLog::open_existing(&dir).ok().flatten() {
            let report = log.verify().unwrap();
            assert!(report.is_ok(), "mid-run verify: {:?}", report.problems);
            verified_during += 1;
        }
        let mut still = Vec::new();
        for mut h in handles {
            match h.try_wait().unwrap() {
                Some(status) => assert!(status.success(), "a child failed: {status}"),
                None => still.push(h),
            }
        }
        handles = still;
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(verified_during > 0);
    let log = AuditLog::open(&dir).unwrap();
    let all = log.query(&AuditFilter::default()).unwrap();
    assert_eq!(all.len(), CHILDREN * PER_CHILD);
    for i in 0..CHILDREN {
        let session = format!("child-{i}");
        let count = all.iter().filter(|r| r.record.session == session).count();
        assert_eq!(count, PER_CHILD, "entries of {session}");
    }
    let report = log.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.head.unwrap().0, (CHILDREN * PER_CHILD) as i64);
}
