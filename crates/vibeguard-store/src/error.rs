//! Errors of the audit store.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot access {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("audit database {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("audit database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error(
        "audit database {path} has schema version {found}; this vibeguard understands up to {supported}"
    )]
    SchemaVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("invalid time {value:?}: {message}")]
    InvalidTime { value: String, message: String },
    #[error("corrupt audit row {id}: {message}")]
    Corrupt { id: i64, message: String },
}
