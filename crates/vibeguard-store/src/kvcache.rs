//! A small key-value cache with expiry in its own SQLite file (registry answers, both
//! "exists" and "does not exist"), shared by concurrent vibeguard processes through WAL.

use crate::advisory::{CacheError, private_dir};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub struct KvCache {
    conn: Connection,
    path: PathBuf,
}

/// A cached value and whether it is past its expiry (stale values are still returned:
/// offline mode may use them, with that said).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    pub value: Vec<u8>,
    /// Unix seconds when it was stored.
    pub stored: i64,
    pub expired: bool,
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

impl KvCache {
    /// Open (creating when needed) the cache at `path`.
    pub fn open(path: &Path) -> Result<KvCache, CacheError> {
        if let Some(dir) = path.parent() {
            private_dir(dir)?;
        }
        let e = |source| CacheError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(e)?;
        conn.busy_timeout(Duration::from_millis(200)).map_err(e)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS kv(
                key TEXT PRIMARY KEY, value BLOB NOT NULL,
                stored INTEGER NOT NULL, expires INTEGER NOT NULL)",
        )
        .map_err(e)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        Ok(KvCache {
            conn,
            path: path.to_path_buf(),
        })
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> CacheError + '_ {
        |source| CacheError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    pub fn get(&self, key: &str) -> Result<Option<Cached>, CacheError> {
        let t = now();
        self.conn
            .prepare_cached("SELECT value, stored, expires FROM kv WHERE key = ?1")
            .map_err(self.err())?
            .query_row([key], |r| {
                Ok(Cached {
                    value: r.get(0)?,
                    stored: r.get(1)?,
                    expired: r.get::<_, i64>(2)? <= t,
                })
            })
            .optional()
            .map_err(self.err())
    }

    pub fn put(&self, key: &str, value: &[u8], ttl: Duration) -> Result<(), CacheError> {
        let t = now();
        self.conn
            .prepare_cached(
                "INSERT INTO kv(key, value, stored, expires) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(key) DO UPDATE SET value = ?2, stored = ?3, expires = ?4",
            )
            .map_err(self.err())?
            .execute(params![key, value, t, t + ttl.as_secs() as i64])
            .map(|_| ())
            .map_err(self.err())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_expires() {
        let dir = tempfile::tempdir().unwrap();
        let c = KvCache::open(&dir.path().join("sub/registry.db")).unwrap();
        assert!(c.get("pypi:requests").unwrap().is_none());
        c.put("pypi:requests", b"exists", Duration::from_secs(3600))
            .unwrap();
        c.put("pypi:nope", b"missing", Duration::ZERO).unwrap();
        let hit = c.get("pypi:requests").unwrap().unwrap();
        assert_eq!(hit.value, b"exists");
        assert!(!hit.expired);
        assert!(c.get("pypi:nope").unwrap().unwrap().expired);
        // A second handle (another process) sees the same answers.
        let c2 = KvCache::open(&dir.path().join("sub/registry.db")).unwrap();
        assert_eq!(c2.get("pypi:requests").unwrap().unwrap().value, b"exists");
    }
}
