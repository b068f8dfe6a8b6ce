//! The audit log against a real SQLite file: append, filters, tamper detection, modes.

use rusqlite::Connection;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use vibeguard_store::{AuditFilter, AuditLog, AuditRecord, Problem};

fn record(agent: &str, decision: &str, rules: &[&str], time: &str) -> AuditRecord {
    AuditRecord {
        time: time.to_string(),
        agent: agent.to_string(),
        session: "s-1".to_string(),
        tool: "Bash".to_string(),
        input_digest: format!("{decision} something"),
        input_sha256: "ab".repeat(32),
        rules: rules.iter().map(|s| s.to_string()).collect(),
        tier: (!rules.is_empty()).then(|| "high".to_string()),
        decision: decision.to_string(),
        reason: format!("because {decision}"),
        latency_us: 420,
    }
}

fn filled_log(dir: &Path) -> AuditLog {
    let mut log = AuditLog::open(dir).unwrap();
    log.append(&record("claude", "allow", &[], "2026-01-01T10:00:00Z"))
        .unwrap();
    log.append(&record(
        "claude",
        "deny",
        &["gate/rm-rf-root"],
        "2026-01-02T10:00:00Z",
    ))
    .unwrap();
    log.append(&record(
        "cursor",
        "ask",
        &["gate/git-force-push", "gate/x"],
        "2026-01-03T10:00:00+02:00",
    ))
    .unwrap();
    log.append(&record(
        "codex",
        "deny",
        &["secrets/aws-access-key"],
        "2026-01-04T10:00:00Z",
    ))
    .unwrap();
    log.append(&record("claude", "allow", &[], "")).unwrap();
    log
}

fn raw(dir: &Path) -> Connection {
    Connection::open(dir.join("audit.db")).unwrap()
}

#[test]
fn append_returns_sequential_ids_and_fills_time() {
    let tmp = tempfile::tempdir().unwrap();
    let log = filled_log(&tmp.path().join(".vibeguard"));
    let all = log.query(&AuditFilter::default()).unwrap();
    assert_eq!(
        all.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
    // Offsets are normalised to UTC with fixed width.
    assert_eq!(all[2].record.time, "2026-01-03T08:00:00.000000Z");
    assert_eq!(all[0].record.time, "2026-01-01T10:00:00.000000Z");
    assert!(all[4].record.time.starts_with("20") && all[4].record.time.ends_with('Z'));
    assert_eq!(all[1].record.rules, vec!["gate/rm-rf-root".to_string()]);
    assert_eq!(all[1].record.tier.as_deref(), Some("high"));
    assert_eq!(all[0].record.tier, None);
    assert_eq!(all[1].prev_hash, all[0].hash);
    assert!(log.verify().unwrap().is_ok());
}

#[test]
fn filters_by_decision_rule_agent_since_and_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let log = filled_log(tmp.path());
    let ids = |f: AuditFilter| {
        log.query(&f)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(AuditFilter {
            decision: Some("deny".into()),
            ..Default::default()
        }),
        vec![2, 4]
    );
    assert_eq!(
        ids(AuditFilter {
            agent: Some("cursor".into()),
            ..Default::default()
        }),
        vec![3]
    );
    assert_eq!(
        ids(AuditFilter {
            rule: Some("gate/x".into()),
            ..Default::default()
        }),
        vec![3]
    );
    // A rule id is matched whole, not as a substring.
    assert!(
        ids(AuditFilter {
            rule: Some("gate/".into()),
            ..Default::default()
        })
        .is_empty()
    );
    assert_eq!(
        ids(AuditFilter {
            since: Some("2026-01-03T00:00:00Z".into()),
            ..Default::default()
        }),
        vec![3, 4, 5]
    );
    assert_eq!(
        ids(AuditFilter {
            limit: Some(2),
            ..Default::default()
        }),
        vec![4, 5]
    );
    assert_eq!(
        ids(AuditFilter {
            decision: Some("allow".into()),
            agent: Some("claude".into()),
            limit: Some(1),
            ..Default::default()
        }),
        vec![5]
    );
    assert!(
        log.query(&AuditFilter {
            since: Some("yesterday-ish".into()),
            ..Default::default()
        })
        .is_err()
    );
}

#[test]
fn invalid_time_is_an_error_not_a_row() {
    let tmp = tempfile::tempdir().unwrap();
    let mut log = AuditLog::open(tmp.path()).unwrap();
    assert!(
        log.append(&record("claude", "allow", &[], "not a time"))
            .is_err()
    );
    assert!(log.query(&AuditFilter::default()).unwrap().is_empty());
}

#[test]
fn edited_row_is_detected() {
    let tmp = tempfile::tempdir().unwrap();
    let log = filled_log(tmp.path());
    raw(tmp.path())
        .execute("UPDATE audit SET decision = 'allow' WHERE id = 2", [])
        .unwrap();
    let report = log.verify().unwrap();
    assert_eq!(report.problems, vec![Problem::EditedRow { id: 2 }]);
}

#[test]
fn edited_row_with_recomputed_hash_breaks_the_next_link() {
    let tmp = tempfile::tempdir().unwrap();
    let log = filled_log(tmp.path());
    let conn = raw(tmp.path());
    conn.execute(
        "UPDATE audit SET reason = 'nothing to see', hash = ?1 WHERE id = 3",
        ["f".repeat(64)],
    )
    .unwrap();
    let report = log.verify().unwrap();
    assert!(
        report.problems.contains(&Problem::EditedRow { id: 3 }),
        "{:?}",
        report.problems
    );
    assert!(
        report.problems.contains(&Problem::BrokenLink { id: 4 }),
        "{:?}",
        report.problems
    );
}

#[test]
fn deleted_row_is_detected() {
    let tmp = tempfile::tempdir().unwrap();
    let log = filled_log(tmp.path());
    raw(tmp.path())
        .execute("DELETE FROM audit WHERE id = 3", [])
        .unwrap();
    let report = log.verify().unwrap();
    assert_eq!(
        report.problems,
        vec![Problem::DeletedRows { from: 3, to: 3 }]
    );
}

#[test]
fn deleted_first_row_is_detected() {
    let tmp = tempfile::tempdir().unwrap();
    let log = filled_log(tmp.path());
    raw(tmp.path())
        .execute("DELETE FROM audit WHERE id = 1", [])
        .unwrap();
    let report = log.verify().unwrap();
    assert_eq!(
        report.problems,
        vec![Problem::DeletedRows { from: 1, to: 1 }]
    );
}

#[test]
fn truncated_tail_is_detected() {
    let tmp = tempfile::tempdir().unwrap();
    let log = filled_log(tmp.path());
    raw(tmp.path())
        .execute("DELETE FROM audit WHERE id >= 4", [])
        .unwrap();
    let report = log.verify().unwrap();
    assert_eq!(
        report.problems,
        vec![Problem::TruncatedTail {
            last_id: 3,
            head_id: 5
        }]
    );
    assert!(report.problems[0].to_string().contains("truncated"));
}

#[test]
fn emptied_log_is_detected() {
    let tmp = tempfile::tempdir().unwrap();
    let log = filled_log(tmp.path());
    raw(tmp.path()).execute("DELETE FROM audit", []).unwrap();
    let report = log.verify().unwrap();
    assert_eq!(
        report.problems,
        vec![Problem::TruncatedTail {
            last_id: 0,
            head_id: 5
        }]
    );
}

#[test]
fn appending_continues_the_chain_after_reopen() {
    let tmp = tempfile::tempdir().unwrap();
    drop(filled_log(tmp.path()));
    let mut log = AuditLog::open(tmp.path()).unwrap();
    assert_eq!(log.append(&record("gemini", "ask", &[], "")).unwrap(), 6);
    let report = log.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.rows, 6);
    assert_eq!(report.head.unwrap().0, 6);
}

#[test]
fn new_state_dir_is_0700_and_database_0600() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("proj").join(".vibeguard");
    let mut log = AuditLog::open(&dir).unwrap();
    log.append(&record("claude", "allow", &[], "")).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("audit.db")), 0o600);
    let wal = dir.join("audit.db-wal");
    assert!(wal.exists(), "WAL mode leaves a -wal file while open");
    assert_eq!(mode(&wal), 0o600);
    let journal: String = raw(&dir)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn open_existing_does_not_create_anything() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(".vibeguard");
    assert!(AuditLog::open_existing(&dir).unwrap().is_none());
    assert!(!dir.exists());
    drop(filled_log(&dir));
    let log = AuditLog::open_existing(&dir).unwrap().unwrap();
    assert_eq!(log.query(&AuditFilter::default()).unwrap().len(), 5);
}

#[test]
fn newer_schema_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    drop(filled_log(tmp.path()));
    raw(tmp.path())
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let err = AuditLog::open(tmp.path()).err().expect("must refuse");
    assert!(err.to_string().contains("schema version 99"), "{err}");
}

#[test]
fn garbage_file_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("audit.db"),
        b"this is not a database at all, not even close....",
    )
    .unwrap();
    let err = AuditLog::open(tmp.path()).err().expect("must fail");
    assert!(err.to_string().contains("audit.db"), "{err}");
}

#[test]
fn rows_added_behind_the_heads_back_and_a_deleted_head_are_detected() {
    let tmp = tempfile::tempdir().unwrap();
    let log = filled_log(tmp.path());
    let conn = raw(tmp.path());
    conn.execute(
        "INSERT INTO audit SELECT 6, time, agent, session, tool, input_digest, input_sha256, rules, \
         tier, decision, reason, latency_us, hash, hash FROM audit WHERE id = 5",
        [],
    )
    .unwrap();
    let report = log.verify().unwrap();
    assert!(
        report.problems.contains(&Problem::RowsAfterHead {
            head_id: 5,
            last_id: 6
        }),
        "{:?}",
        report.problems
    );
    conn.execute("DELETE FROM head", []).unwrap();
    let report = log.verify().unwrap();
    assert!(
        report.problems.contains(&Problem::HeadMissing),
        "{:?}",
        report.problems
    );
}

#[test]
fn the_wal_is_checkpointed_instead_of_growing_without_bound() {
    let tmp = tempfile::tempdir().unwrap();
    for _ in 0..600 {
        // One open per append, as hook processes do: nobody checkpoints on close.
        let mut log = AuditLog::open(tmp.path()).unwrap();
        log.append(&record("claude", "allow", &["gate/some-rule"], ""))
            .unwrap();
    }
    // New logs use 1 KiB pages and are checkpointed at 160 frames (168 KiB of WAL), which
    // is what every hook process has to read back when it opens the log.
    let page_size: i64 = raw(tmp.path())
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page_size, 1024);
    let wal = std::fs::metadata(tmp.path().join("audit.db-wal")).map_or(0, |m| m.len());
    assert!(wal <= 32 + 164 * (1024 + 24), "WAL grew to {wal} bytes");
    let log = AuditLog::open(tmp.path()).unwrap();
    let report = log.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.rows, 600);
}
