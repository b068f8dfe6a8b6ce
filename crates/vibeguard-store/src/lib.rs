//! SQLite state under `.vibeguard/`: the hash-chained audit log of every gate decision.
//! Also, in separate files under the user's cache directory, the advisory index
//! ([`advisory`]) and the registry answer cache ([`kvcache`]) of the dependency checks.
//!
//! Every `vibeguard hook` call appends one [`AuditRecord`] to `<project>/.vibeguard/audit.db`.
//! The hook runs once per agent tool call, so opening is cheap (no schema work once the
//! file exists; the hook uses [`AuditLog::open_exclusive`], which needs no shared-memory
//! index) and [`AuditLog::append`] is one short `BEGIN IMMEDIATE` transaction; many hook
//! processes may append at once without losing an entry.
//!
//! # Tamper evidence
//!
//! Each row stores `prev_hash` and `hash = SHA-256(prev_hash | canonical row fields)`, and a
//! one-row `head` table, updated in the same transaction, remembers the last id and hash.
//! [`AuditLog::verify`] recomputes the chain and reports:
//! - a row whose fields were edited (its hash no longer matches),
//! - a row that was deleted in the middle (a gap in ids / a broken `prev_hash` link),
//! - rows deleted from the end (the head names a later id than the last row).
//!
//! What it does **not** protect against: the chain carries no secret key, so someone who
//! can write the database can rewrite every hash after their edit and the head as well;
//! deleting the whole file is also undetectable from the file alone. The chain catches
//! careless or partial edits (a row changed with the `sqlite3` shell, a row removed) and
//! storage corruption. To pin history against a full rewrite, record the head hash that
//! `vibeguard log verify` prints somewhere the agent cannot write (a CI log, a commit).

pub mod advisory;
mod chain;
mod error;
pub mod kvcache;
mod open;
mod query;
mod record;
mod since;
mod verify;
mod writer_lock;

pub use advisory::{AdvisoryBuilder, AdvisoryStore, AffectedRow, CacheError, StoreStatus};
pub use error::StoreError;
/// Re-exported so callers can pass `Timestamp::now()` to [`since_to_time`].
pub use jiff::Timestamp;
pub use kvcache::{Cached, KvCache};
pub use query::AuditFilter;
pub use record::{AuditRecord, StoredRecord};
/// The SQLite binding in use, for tools and tests that inspect the database directly.
pub use rusqlite;
pub use since::since_to_time;
pub use verify::{Problem, VerifyReport};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// File name of the audit database inside the state directory.
pub const AUDIT_DB: &str = "audit.db";

/// Name of the per-project state directory.
pub const STATE_DIR: &str = ".vibeguard";

/// The audit log of one project.
pub struct AuditLog {
    // Field order is drop order: the connection closes before the writer lock is freed.
    conn: Connection,
    path: PathBuf,
    _writer_lock: Option<writer_lock::WriterLock>,
}

fn is_transient(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode::*;
    matches!(
        e.sqlite_error_code(),
        Some(DatabaseBusy | DatabaseLocked | FileLockingProtocolFailed)
    )
}

impl AuditLog {
    /// Opens (creating when needed) `state_dir/audit.db`. A new `state_dir` is created with
    /// mode 0700 and a new database file with mode 0600.
    pub fn open(state_dir: &Path) -> Result<AuditLog, StoreError> {
        Self::open_with(state_dir, open::Locking::Shared)
    }

    /// Like [`AuditLog::open`], for a process that appends once and exits (a hook): the
    /// database is held exclusively until the log is dropped, which makes the open cheaper
    /// (no shared-memory WAL index to set up). Other processes wait for it, so keep it
    /// short.
    pub fn open_exclusive(state_dir: &Path) -> Result<AuditLog, StoreError> {
        Self::open_with(state_dir, open::Locking::Exclusive)
    }

    fn open_with(state_dir: &Path, locking: open::Locking) -> Result<AuditLog, StoreError> {
        // The first hooks of a project race to create the schema and switch to WAL.
        let mut attempt = 0u32;
        let (conn, path, lock) = loop {
            match open::open_read_write(state_dir, locking) {
                Err(StoreError::Sqlite { source, .. }) if is_transient(&source) && attempt < 4 => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(5 << attempt));
                }
                other => break other?,
            }
        };
        Ok(AuditLog {
            conn,
            path,
            _writer_lock: lock,
        })
    }

    /// Opens an existing log without creating anything; `Ok(None)` when there is no log.
    pub fn open_existing(state_dir: &Path) -> Result<Option<AuditLog>, StoreError> {
        Ok(
            open::open_existing(state_dir)?.map(|(conn, path)| AuditLog {
                conn,
                path,
                _writer_lock: None,
            }),
        )
    }

    /// Path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record and returns its id. An empty `time` is filled with the current
    /// UTC time; a given time is normalised to `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    pub fn append(&mut self, r: &AuditRecord) -> Result<i64, StoreError> {
        // The busy timeout covers ordinary lock waits; a few more tries cover the rare
        // lock-protocol races of many processes rebuilding the WAL index at once, so a
        // decision is not lost to contention.
        let mut attempt = 0u32;
        let id = loop {
            match chain::append(&mut self.conn, r) {
                Err(StoreError::Db(e)) if is_transient(&e) && attempt < 4 => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(5 << attempt));
                }
                other => break other?,
            }
        };
        open::checkpoint_if_large(&self.conn, &self.path);
        Ok(id)
    }

    /// Records matching the filter, oldest first (with a limit: the newest `limit`).
    pub fn query(&self, f: &AuditFilter) -> Result<Vec<StoredRecord>, StoreError> {
        query::query(&self.conn, f)
    }

    /// Recomputes the hash chain and compares it with the head record.
    pub fn verify(&self) -> Result<VerifyReport, StoreError> {
        verify::verify(&self.conn)
    }
}
