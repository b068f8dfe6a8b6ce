//! Opening the database cheaply: the schema is created once, later opens only read
//! `user_version` and set per-connection settings.

use crate::writer_lock::{self, WriterLock};
use crate::{AUDIT_DB, StoreError};
use rusqlite::{Connection, OpenFlags, config::DbConfig};
use std::fs::{DirBuilder, OpenOptions};
#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Schema version kept in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = 1;

/// How long a writer waits for another process's transaction.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// No index on `time`: every index is one more page each hook writes to the WAL and
/// every later hook reads back when it opens the log, while `log --since` (the only
/// query by time) is an occasional scan. Logs created before this keep their index.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS audit (
    id           INTEGER PRIMARY KEY,
    time         TEXT    NOT NULL,
    agent        TEXT    NOT NULL,
    session      TEXT    NOT NULL,
    tool         TEXT    NOT NULL,
    input_digest TEXT    NOT NULL,
    input_sha256 TEXT    NOT NULL,
    rules        TEXT    NOT NULL,
    tier         TEXT,
    decision     TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    latency_us   INTEGER NOT NULL,
    prev_hash    TEXT    NOT NULL,
    hash         TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS head (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    last_id   INTEGER NOT NULL,
    last_hash TEXT    NOT NULL
);
";

pub fn db_path(state_dir: &Path) -> PathBuf {
    state_dir.join(AUDIT_DB)
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// How a connection shares the database with other processes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Locking {
    /// Normal WAL locking through the `-shm` wal-index: readers and one writer at a time.
    Shared,
    /// For a process that appends once and exits (a hook): the connection holds the
    /// database for its whole short life and keeps the WAL index in its own memory, so
    /// there is no `-shm` file to reset, extend and map on every open. Such writers queue
    /// on the writer lock first (see `writer_lock`); shared connections wait for them
    /// through the busy timeout, as they wait for any writer.
    Exclusive,
}

/// A read-write connection, and for [`Locking::Exclusive`] the writer lock that must be
/// held until the connection is closed.
pub type ReadWrite = (Connection, PathBuf, Option<WriterLock>);

pub fn open_read_write(state_dir: &Path, locking: Locking) -> Result<ReadWrite, StoreError> {
    let mut dir = DirBuilder::new();
    dir.recursive(true);
    #[cfg(unix)]
    dir.mode(0o700);
    dir.create(state_dir).map_err(io_err(state_dir))?;
    let lock = match locking {
        Locking::Exclusive => Some(
            writer_lock::acquire(state_dir, BUSY_TIMEOUT)
                .map_err(io_err(&state_dir.join(writer_lock::LOCK_FILE)))?,
        ),
        Locking::Shared => None,
    };
    let path = db_path(state_dir);
    // Create the file ourselves so it gets 0600 (SQLite gives its -wal and -shm files the
    // same mode as the database).
    let mut file = OpenOptions::new();
    file.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    file.mode(0o600);
    file.open(&path).map_err(io_err(&path))?;
    let conn = connect(&path, locking)?;
    ensure_schema(&conn, &path)?;
    Ok((conn, path, lock))
}

pub fn open_existing(state_dir: &Path) -> Result<Option<(Connection, PathBuf)>, StoreError> {
    let path = db_path(state_dir);
    match std::fs::metadata(&path) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(&path)(e)),
    }
    let conn = connect(&path, Locking::Shared)?;
    let version = user_version(&conn, &path)?;
    if version == 0 {
        // An empty file (created, never initialised): nothing to list.
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'audit'",
                [],
                |r| r.get(0),
            )
            .map_err(sqlite_err(&path))?;
        if tables == 0 {
            ensure_schema(&conn, &path)?;
        }
    } else if version > SCHEMA_VERSION {
        return Err(schema_err(&path, version));
    }
    Ok(Some((conn, path)))
}

fn sqlite_err(path: &Path) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

fn schema_err(path: &Path, found: i64) -> StoreError {
    StoreError::SchemaVersion {
        path: path.to_path_buf(),
        found,
        supported: SCHEMA_VERSION,
    }
}

/// Process-wide SQLite settings, applied once before the first connection.
///
/// Lookaside off: by default every connection carves a 120 KiB arena into slots and
/// touches all of it, about 30 fresh pages, while a hook's one-row append needs a few
/// small allocations. Memory statistics off: they take a mutex on every allocation and
/// nothing reads them. Both only change speed. A call made after SQLite was already
/// initialised (another library opened a database first) is refused by SQLite and
/// changes nothing.
fn configure_sqlite_once() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use rusqlite::ffi;
        use std::os::raw::c_int;
        // SAFETY: sqlite3_config is documented as callable before sqlite3_initialize;
        // these two options take (int, int) and (int) arguments respectively.
        unsafe {
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_LOOKASIDE, 0 as c_int, 0 as c_int);
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int);
        }
    });
}

fn connect(path: &Path, locking: Locking) -> Result<Connection, StoreError> {
    configure_sqlite_once();
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(sqlite_err(path))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite_err(path))?;
    if locking == Locking::Exclusive {
        // Before the first read: the mode is fixed when the connection enters WAL.
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
            .map_err(sqlite_err(path))?;
    }
    // NORMAL is safe in WAL mode (no corruption); a power cut may lose the last few
    // decisions, which is the price of not calling fsync on every tool call.
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(sqlite_err(path))?;
    // Each hook is its own process, so every close would be the last connection's close,
    // which checkpoints and deletes the WAL with four fsyncs (~16 ms on a VM disk). The
    // WAL stays instead and `checkpoint_if_large` truncates it now and then.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .map_err(sqlite_err(path))?;
    Ok(conn)
}

fn user_version(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sqlite_err(path))
}

/// Creates the schema when `user_version` is 0; refuses a newer schema.
fn ensure_schema(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let version = user_version(conn, path)?;
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    if version > SCHEMA_VERSION {
        return Err(schema_err(path, version));
    }
    // Small pages keep the WAL short: an append writes two pages (row and head), and a
    // hook process reads the whole WAL when it opens the log (see `WAL_FRAMES`). Only
    // takes effect while the file is still empty.
    conn.pragma_update(None, "page_size", PAGE_SIZE)
        .map_err(sqlite_err(path))?;
    // WAL is a property of the file: set once, outside any transaction. Several first
    // hooks may race here; the busy timeout serialises them.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(sqlite_err(path))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Sqlite {
            path: path.to_path_buf(),
            source: rusqlite::Error::InvalidParameterName(format!(
                "could not switch to WAL journal mode (got {mode})"
            )),
        });
    }
    conn.execute_batch(&format!(
        "BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
    ))
    .map_err(|e| {
        let _ = conn.execute_batch("ROLLBACK");
        sqlite_err(path)(e)
    })
}

/// Page size of a new log (SQLite's default is 4096).
const PAGE_SIZE: i64 = 1024;

/// WAL length, in frames (pages), at which an append also checkpoints and truncates it.
///
/// A process that opens the database while no other has it open rebuilds the WAL index by
/// reading the whole WAL, so a long WAL slows every hook; each checkpoint costs a few
/// fsyncs. An append writes two frames, so 160 frames is about 80 appends between
/// checkpoints (about 1% of hook calls) and, with 1 KiB pages, at most 168 KiB of WAL
/// to read. With 4 KiB pages and a 1 MiB limit the WAL index rebuild cost a hook 0.5 ms
/// at the median (bench/gate/latency.py); with these settings it is under 0.1 ms.
const WAL_FRAMES: u64 = 160;

/// Bytes of the WAL file header and of each frame header.
const WAL_HEADER: u64 = 32;
const FRAME_HEADER: u64 = 24;

/// The WAL size in bytes at which [`checkpoint_if_large`] acts, for a page size.
fn wal_limit(page_size: u64) -> u64 {
    WAL_HEADER + WAL_FRAMES * (page_size + FRAME_HEADER)
}

/// How long a checkpoint waits for other processes before leaving the work to a later
/// append (a busy log is checkpointed by whichever append finds it quiet).
const CHECKPOINT_WAIT: Duration = Duration::from_millis(20);

/// After an append: when the WAL has grown past the limit, copy it into the database and
/// truncate it. Never fails the append: a checkpoint that cannot run now runs later.
pub fn checkpoint_if_large(conn: &Connection, path: &Path) {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let Ok(meta) = std::fs::metadata(PathBuf::from(wal)) else {
        return;
    };
    // 512 bytes is SQLite's smallest page: below that limit no query is needed. Logs
    // created before 1 KiB pages keep their 4 KiB pages and get a 1 MiB limit.
    if meta.len() < wal_limit(512) {
        return;
    }
    let page_size = conn
        .query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0))
        .map_or(4096, |p| p.max(512) as u64);
    if meta.len() < wal_limit(page_size) {
        return;
    }
    if conn.busy_timeout(CHECKPOINT_WAIT).is_err() {
        return;
    }
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    let _ = conn.busy_timeout(BUSY_TIMEOUT);
}
