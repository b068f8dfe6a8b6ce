//! The lock that lines up hook processes before they open SQLite exclusively.
//!
//! A connection in SQLite's exclusive locking mode first takes a shared lock on the
//! database and then upgrades it; two processes doing that at once each hold what the
//! other waits for, and both time out. Taking this file lock first means only one hook at
//! a time opens the database that way. Waiting polls with short sleeps (a hook holds the
//! lock for well under a millisecond) and gives up after a deadline, so a stuck process
//! can cost a hook its log entry (with a warning) but never hang it.

use std::fs::{File, OpenOptions, TryLockError};
#[cfg(unix)]
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

/// Name of the lock file next to the database.
pub const LOCK_FILE: &str = "audit.lock";

/// Holds the lock until dropped (the OS also releases it when the process dies).
pub struct WriterLock {
    _file: File,
}

/// Takes the writer lock in `state_dir`, waiting at most `timeout`.
pub fn acquire(state_dir: &Path, timeout: Duration) -> std::io::Result<WriterLock> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    options.mode(0o600);
    let file = options.open(state_dir.join(LOCK_FILE))?;
    let start = Instant::now();
    let mut pause = Duration::from_micros(50);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(WriterLock { _file: file }),
            Err(TryLockError::Error(e)) => return Err(e),
            Err(TryLockError::WouldBlock) if start.elapsed() >= timeout => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!(
                        "another process held {LOCK_FILE} for more than {} ms",
                        timeout.as_millis()
                    ),
                ));
            }
            Err(TryLockError::WouldBlock) => {
                std::thread::sleep(pause);
                // Short pauses: the holder is done within a millisecond, and a waiter
                // that slept long would keep missing its turn among many hooks.
                pause = (pause * 2).min(Duration::from_millis(1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_then_times_out_with_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path(), Duration::from_millis(10)).unwrap();
        let err = acquire(dir.path(), Duration::from_millis(20))
            .err()
            .expect("the lock is held");
        assert_eq!(err.kind(), std::io::ErrorKind::TimedOut);
        assert!(err.to_string().contains("audit.lock"), "{err}");
        drop(first);
        acquire(dir.path(), Duration::from_millis(10)).expect("free again");
    }
}
