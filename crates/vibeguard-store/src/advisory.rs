//! The local advisory index: OSV records by package, in its own SQLite file under the
//! user's cache directory (never the project's audit log, whose appends are on the
//! hook's latency path).
//!
//! The store knows nothing of version semantics: it keeps each record as JSON and, for
//! each `(ecosystem, name)` a record affects, the JSON of that `affected` entry, so a
//! lookup reads only the entries of the packages being audited. The dependency
//! analyzer matches versions.
//!
//! Writes never touch the live file: [`AdvisoryBuilder`] fills a new database beside
//! it and [`AdvisoryBuilder::commit`] renames it into place, so an interrupted download
//! or a failed import leaves the previous store as it was.

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Errors of the advisory store and the registry cache.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("cannot access {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path} is not a vibeguard advisory store (schema {found:?})")]
    Schema {
        path: PathBuf,
        found: Option<String>,
    },
}

/// Schema of the advisory database; a different value means rebuild.
const SCHEMA: &str = "vibeguard-advisories-1";

const CREATE: &str = "
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE advisory(
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    modified TEXT NOT NULL,
    record BLOB NOT NULL
);
CREATE TABLE affected(
    ecosystem TEXT NOT NULL,
    name TEXT NOT NULL,
    id TEXT NOT NULL,
    spec BLOB NOT NULL
);
";

/// One affected package of a record, as the analyzer wants to find it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffectedRow {
    /// Ecosystem without any `:suffix` (`PyPI`, `npm`, `crates.io`, ...).
    pub ecosystem: String,
    /// Name normalised the way the analyzer looks it up.
    pub name: String,
    /// The `affected[]` entry as JSON.
    pub spec: Vec<u8>,
}

/// Counts and age of a store, for `vibeguard db status`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoreStatus {
    pub advisories: u64,
    /// Affected-package rows per ecosystem.
    pub per_ecosystem: BTreeMap<String, u64>,
    /// Advisory records per source (`osv:PyPI`, an imported path, ...).
    pub per_source: BTreeMap<String, u64>,
    /// Free-form metadata: `built_at` (RFC 3339), ...
    pub meta: BTreeMap<String, String>,
}

fn sql(path: &Path) -> impl Fn(rusqlite::Error) -> CacheError + '_ {
    move |source| CacheError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

/// A read-only handle on the advisory store, shareable between scan threads.
pub struct AdvisoryStore {
    conn: std::sync::Mutex<Connection>,
    path: PathBuf,
}

impl AdvisoryStore {
    /// Open an existing store read-only; `Ok(None)` when there is none yet.
    pub fn open(path: &Path) -> Result<Option<AdvisoryStore>, CacheError> {
        if !path.exists() {
            return Ok(None);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql(path))?;
        // The store is never written in place (a new one is renamed over it), so this
        // reader takes its shared lock once and keeps it: without that, SQLite locks,
        // unlocks and re-checks the file (fcntl, fstat) around every one of the
        // thousands of look-ups a lockfile audit makes. Reads go through a memory map.
        conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; PRAGMA mmap_size = 268435456;")
            .map_err(sql(path))?;
        let schema: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .unwrap_or(None);
        if schema.as_deref() != Some(SCHEMA) {
            return Err(CacheError::Schema {
                path: path.to_path_buf(),
                found: schema,
            });
        }
        Ok(Some(AdvisoryStore {
            conn: std::sync::Mutex::new(conn),
            path: path.to_path_buf(),
        }))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves the connection usable: take it back.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every `(advisory id, affected spec)` recorded for one package.
    pub fn lookup(
        &self,
        ecosystem: &str,
        name: &str,
    ) -> Result<Vec<(String, Vec<u8>)>, CacheError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached("SELECT id, spec FROM affected WHERE ecosystem = ?1 AND name = ?2")
            .map_err(sql(&self.path))?;
        let rows = stmt
            .query_map(params![ecosystem, name], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(sql(&self.path))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(sql(&self.path))
    }

    /// The whole record (JSON) of one advisory.
    pub fn record(&self, id: &str) -> Result<Option<Vec<u8>>, CacheError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached("SELECT record FROM advisory WHERE id = ?1")
            .map_err(sql(&self.path))?;
        stmt.query_row([id], |r| r.get(0))
            .optional()
            .map_err(sql(&self.path))
    }

    /// One metadata value (`built_at`, ...).
    pub fn meta(&self, key: &str) -> Result<Option<String>, CacheError> {
        self.conn()
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(sql(&self.path))
    }

    pub fn status(&self) -> Result<StoreStatus, CacheError> {
        let e = sql(&self.path);
        let conn = self.conn();
        let mut st = StoreStatus {
            advisories: conn
                .query_row("SELECT count(*) FROM advisory", [], |r| r.get::<_, i64>(0))
                .map_err(&e)? as u64,
            ..StoreStatus::default()
        };
        let mut q = conn
            .prepare("SELECT ecosystem, count(*) FROM affected GROUP BY ecosystem")
            .map_err(&e)?;
        for row in q
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(&e)?
        {
            let (k, n) = row.map_err(&e)?;
            st.per_ecosystem.insert(k, n as u64);
        }
        let mut q = conn
            .prepare("SELECT source, count(*) FROM advisory GROUP BY source")
            .map_err(&e)?;
        for row in q
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(&e)?
        {
            let (k, n) = row.map_err(&e)?;
            st.per_source.insert(k, n as u64);
        }
        let mut q = conn.prepare("SELECT key, value FROM meta").map_err(&e)?;
        for row in q
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(&e)?
        {
            let (k, v) = row.map_err(&e)?;
            st.meta.insert(k, v);
        }
        Ok(st)
    }
}

/// Builds a new store beside the live one and swaps it in on [`commit`](Self::commit).
/// Dropped without commit, it removes its temporary file and the live store is untouched.
pub struct AdvisoryBuilder {
    conn: Option<Connection>,
    tmp: PathBuf,
    target: PathBuf,
    committed: bool,
    /// Whether the temporary `affected(id)` index exists (built on the first replaced
    /// record).
    id_index: bool,
}

impl AdvisoryBuilder {
    /// Start a new store that will replace `target`.
    pub fn create(target: &Path) -> Result<AdvisoryBuilder, CacheError> {
        let dir = target.parent().unwrap_or(Path::new("."));
        crate::advisory::private_dir(dir)?;
        let tmp = dir.join(format!(
            ".{}.building-{}",
            target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "advisories.db".into()),
            std::process::id()
        ));
        let _ = std::fs::remove_file(&tmp);
        remove_abandoned_builds(dir, target);
        let conn = Connection::open(&tmp).map_err(sql(&tmp))?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;",
        )
        .map_err(sql(&tmp))?;
        conn.execute_batch(CREATE).map_err(sql(&tmp))?;
        conn.execute_batch("BEGIN").map_err(sql(&tmp))?;
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('schema', ?1)",
            [SCHEMA],
        )
        .map_err(sql(&tmp))?;
        Ok(AdvisoryBuilder {
            conn: Some(conn),
            tmp,
            target: target.to_path_buf(),
            committed: false,
            id_index: false,
        })
    }

    fn conn(&self) -> &Connection {
        self.conn.as_ref().expect("connection lives until commit")
    }

    /// Add (or replace) one advisory and its affected packages.
    pub fn insert(
        &mut self,
        id: &str,
        source: &str,
        modified: &str,
        record: &[u8],
        affected: &[AffectedRow],
    ) -> Result<(), CacheError> {
        let replacing = self.contains(id)?;
        let e = sql(&self.tmp);
        if replacing && !self.id_index {
            // `affected` has no index on `id` during a bulk load (a per-row delete by id
            // would scan the whole table: quadratic over 200,000 records); the first
            // replacement builds one, kept up to date until commit drops it.
            self.conn()
                .execute_batch("CREATE INDEX affected_id ON affected(id)")
                .map_err(&e)?;
            self.id_index = true;
        }
        let conn = self.conn();
        conn.prepare_cached(
            "INSERT INTO advisory(id, source, modified, record) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET source = ?2, modified = ?3, record = ?4",
        )
        .map_err(&e)?
        .execute(params![id, source, modified, record])
        .map_err(&e)?;
        if replacing {
            conn.prepare_cached("DELETE FROM affected WHERE id = ?1")
                .map_err(&e)?
                .execute([id])
                .map_err(&e)?;
        }
        let mut ins = conn
            .prepare_cached(
                "INSERT INTO affected(ecosystem, name, id, spec) VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(&e)?;
        for a in affected {
            ins.execute(params![a.ecosystem, a.name, id, a.spec])
                .map_err(&e)?;
        }
        Ok(())
    }

    /// Whether an advisory with this id was added to the new store.
    pub fn contains(&self, id: &str) -> Result<bool, CacheError> {
        self.conn()
            .prepare_cached("SELECT 1 FROM advisory WHERE id = ?1")
            .and_then(|mut s| s.exists([id]))
            .map_err(sql(&self.tmp))
    }

    /// Copy the records of an existing store whose source is not in `replaced` and whose
    /// id the new store does not already have (an update of one ecosystem keeps the
    /// others; an import adds to what is there).
    pub fn keep_from(&mut self, old: &Path, replaced: &[String]) -> Result<u64, CacheError> {
        if !old.exists() {
            return Ok(0);
        }
        let e = sql(&self.tmp);
        let conn = self.conn();
        conn.execute("ATTACH DATABASE ?1 AS old", [old.to_string_lossy()])
            .map_err(&e)?;
        conn.execute_batch("CREATE TEMP TABLE replaced(source TEXT PRIMARY KEY)")
            .map_err(&e)?;
        for s in replaced {
            conn.execute("INSERT OR IGNORE INTO temp.replaced VALUES (?1)", [s])
                .map_err(&e)?;
        }
        let kept = conn
            .execute(
                "INSERT INTO main.advisory SELECT * FROM old.advisory o
                 WHERE o.source NOT IN (SELECT source FROM temp.replaced)
                   AND o.id NOT IN (SELECT id FROM main.advisory)",
                [],
            )
            .map_err(&e)?;
        conn.execute(
            "INSERT INTO main.affected SELECT a.* FROM old.affected a
             JOIN old.advisory o ON o.id = a.id
             WHERE o.source NOT IN (SELECT source FROM temp.replaced)
               AND a.id NOT IN (SELECT id FROM main.affected)",
            [],
        )
        .map_err(&e)?;
        // When each kept source was last loaded.
        conn.execute(
            "INSERT OR IGNORE INTO main.meta SELECT key, value FROM old.meta
             WHERE key LIKE 'source:%' AND substr(key, 8) NOT IN (SELECT source FROM temp.replaced)",
            [],
        )
        .map_err(&e)?;
        Ok(kept as u64)
    }

    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<(), CacheError> {
        self.conn()
            .execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = ?2",
                params![key, value],
            )
            .map(|_| ())
            .map_err(sql(&self.tmp))
    }

    /// Index, close and atomically rename the new store over the old one.
    pub fn commit(mut self) -> Result<PathBuf, CacheError> {
        let conn = self.conn.take().expect("commit once");
        let e = sql(&self.tmp);
        conn.execute_batch(
            "DROP INDEX IF EXISTS affected_id; COMMIT;
             CREATE INDEX affected_pkg ON affected(ecosystem, name); ANALYZE;",
        )
        .map_err(&e)?;
        let _ = conn.execute_batch("DETACH DATABASE old");
        conn.close().map_err(|(_, err)| e(err))?;
        set_private(&self.tmp);
        std::fs::rename(&self.tmp, &self.target).map_err(|source| CacheError::Io {
            path: self.target.clone(),
            source,
        })?;
        self.committed = true;
        Ok(self.target.clone())
    }
}

impl Drop for AdvisoryBuilder {
    fn drop(&mut self) {
        if !self.committed {
            drop(self.conn.take());
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Delete half-built stores that a killed process left behind (older than a day, so a
/// build still running in another process is never touched).
fn remove_abandoned_builds(dir: &Path, target: &Path) {
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.building-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let stale = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(24 * 3600));
        if stale && e.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Create a directory only the user can read (0700 on Unix).
pub fn private_dir(dir: &Path) -> Result<(), CacheError> {
    std::fs::create_dir_all(dir).map_err(|source| CacheError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

fn set_private(file: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = file;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str) -> AffectedRow {
        AffectedRow {
            ecosystem: "PyPI".into(),
            name: name.into(),
            spec: br#"{"ranges":[]}"#.to_vec(),
        }
    }

    #[test]
    fn builds_swaps_and_keeps_other_sources() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("advisories.db");
        let mut b = AdvisoryBuilder::create(&target).unwrap();
        b.insert("PYSEC-1", "osv:PyPI", "2024-01-01", b"{}", &[row("django")])
            .unwrap();
        b.insert("RUSTSEC-1", "osv:crates.io", "2024-01-01", b"{}", &[])
            .unwrap();
        b.commit().unwrap();
        let s = AdvisoryStore::open(&target).unwrap().unwrap();
        assert_eq!(s.lookup("PyPI", "django").unwrap().len(), 1);
        drop(s);

        // Replace the PyPI source only.
        let mut b = AdvisoryBuilder::create(&target).unwrap();
        b.insert("PYSEC-2", "osv:PyPI", "2024-02-01", b"{}", &[row("flask")])
            .unwrap();
        assert_eq!(b.keep_from(&target, &["osv:PyPI".into()]).unwrap(), 1);
        b.commit().unwrap();
        let s = AdvisoryStore::open(&target).unwrap().unwrap();
        assert!(s.lookup("PyPI", "django").unwrap().is_empty());
        assert_eq!(s.lookup("PyPI", "flask").unwrap()[0].0, "PYSEC-2");
        assert!(s.record("RUSTSEC-1").unwrap().is_some());
        assert_eq!(s.status().unwrap().advisories, 2);
    }

    #[test]
    fn a_record_loaded_twice_keeps_only_its_last_affected_rows() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("advisories.db");
        let mut b = AdvisoryBuilder::create(&target).unwrap();
        b.insert("GHSA-1", "a", "2024-01-01", b"{}", &[row("old-name")])
            .unwrap();
        b.insert("GHSA-2", "a", "2024-01-01", b"{}", &[row("other")])
            .unwrap();
        b.insert("GHSA-1", "b", "2024-02-01", b"{}", &[row("new-name")])
            .unwrap();
        b.insert("GHSA-3", "b", "2024-02-01", b"{}", &[row("third")])
            .unwrap();
        b.commit().unwrap();
        let s = AdvisoryStore::open(&target).unwrap().unwrap();
        assert!(s.lookup("PyPI", "old-name").unwrap().is_empty());
        assert_eq!(s.lookup("PyPI", "new-name").unwrap()[0].0, "GHSA-1");
        assert_eq!(s.lookup("PyPI", "other").unwrap()[0].0, "GHSA-2");
        assert_eq!(s.lookup("PyPI", "third").unwrap()[0].0, "GHSA-3");
        assert_eq!(s.status().unwrap().per_source["b"], 2);
        // The build-time index on ids is not shipped in the store.
        let conn = Connection::open(&target).unwrap();
        let indexes: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'affected'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(indexes, vec!["affected_pkg".to_string()]);
    }

    #[test]
    fn an_abandoned_build_leaves_the_old_store() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("advisories.db");
        let mut b = AdvisoryBuilder::create(&target).unwrap();
        b.insert("A-1", "s", "", b"{}", &[row("x")]).unwrap();
        b.commit().unwrap();
        let mut b = AdvisoryBuilder::create(&target).unwrap();
        b.insert("A-2", "s", "", b"{}", &[row("y")]).unwrap();
        drop(b);
        let s = AdvisoryStore::open(&target).unwrap().unwrap();
        assert_eq!(s.lookup("PyPI", "x").unwrap().len(), 1);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_that_is_not_a_store_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("advisories.db");
        std::fs::write(&p, b"not sqlite at all, just text").unwrap();
        assert!(AdvisoryStore::open(&p).is_err());
    }
}
