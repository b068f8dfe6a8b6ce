//! Recomputing the hash chain.

use crate::{StoreError, chain, query};
use rusqlite::{Connection, OptionalExtension};
use std::fmt;

/// One way the log differs from an untouched chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The row's fields no longer hash to its stored hash: it was edited.
    EditedRow { id: i64 },
    /// Ids `from..=to` are missing between two present rows: deleted.
    DeletedRows { from: i64, to: i64 },
    /// The row's `prev_hash` does not link to the row before it.
    BrokenLink { id: i64 },
    /// The head names `head_id` but the last row is `last_id`: rows cut off the end.
    TruncatedTail { last_id: i64, head_id: i64 },
    /// The last row's hash differs from the hash the head remembers.
    HeadMismatch { id: i64 },
    /// Rows exist after the id the head remembers (written without updating the head).
    RowsAfterHead { head_id: i64, last_id: i64 },
    /// Rows exist but the head record is gone.
    HeadMissing,
    /// A row could not be read at all.
    Unreadable { id: i64, message: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::EditedRow { id } => write!(
                f,
                "row {id} was edited (its hash does not match its contents)"
            ),
            Problem::DeletedRows { from, to } if from == to => write!(f, "row {from} was deleted"),
            Problem::DeletedRows { from, to } => write!(f, "rows {from}..{to} were deleted"),
            Problem::BrokenLink { id } => write!(
                f,
                "row {id} does not link to the row before it (chain broken)"
            ),
            Problem::TruncatedTail { last_id, head_id } => write!(
                f,
                "log truncated: the last row is {last_id} but {head_id} rows were written"
            ),
            Problem::HeadMismatch { id } => {
                write!(f, "the last row {id} differs from the recorded head")
            }
            Problem::RowsAfterHead { head_id, last_id } => write!(
                f,
                "rows {}..{last_id} were added outside vibeguard (head is {head_id})",
                head_id + 1
            ),
            Problem::HeadMissing => write!(f, "the head record is missing"),
            Problem::Unreadable { id, message } => write!(f, "row {id} cannot be read: {message}"),
        }
    }
}

/// Result of [`crate::AuditLog::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifyReport {
    /// Rows present.
    pub rows: u64,
    /// Last id and hash as the head remembers them.
    pub head: Option<(i64, String)>,
    /// Every problem found, in row order; empty when the chain is intact.
    pub problems: Vec<Problem>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

pub fn verify(conn: &Connection) -> Result<VerifyReport, StoreError> {
    // One read transaction: the head and the rows come from the same snapshot even while
    // hooks keep appending.
    let tx = conn.unchecked_transaction()?;
    let report = verify_snapshot(&tx)?;
    tx.finish()?;
    Ok(report)
}

fn verify_snapshot(conn: &Connection) -> Result<VerifyReport, StoreError> {
    let mut report = VerifyReport {
        head: conn
            .query_row(
                "SELECT last_id, last_hash FROM head WHERE singleton = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?,
        ..VerifyReport::default()
    };
    let mut stmt = conn.prepare(&format!("SELECT {} FROM audit ORDER BY id", query::COLUMNS))?;
    let mut rows = stmt.query([])?;
    let mut expected_id = 1i64;
    let mut prev_hash = chain::GENESIS.to_string();
    let mut last: Option<(i64, String)> = None;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        report.rows += 1;
        let stored = match query::from_row(row) {
            Ok(s) => s,
            Err(e) => {
                report.problems.push(Problem::Unreadable {
                    id,
                    message: e.to_string(),
                });
                let hash: String = row.get(13).unwrap_or_default();
                prev_hash = hash.clone();
                expected_id = id + 1;
                last = Some((id, hash));
                continue;
            }
        };
        if id > expected_id {
            report.problems.push(Problem::DeletedRows {
                from: expected_id,
                to: id - 1,
            });
        } else if stored.prev_hash != prev_hash {
            report.problems.push(Problem::BrokenLink { id });
        }
        if chain::row_hash(&stored.prev_hash, id, &stored.record) != stored.hash {
            report.problems.push(Problem::EditedRow { id });
        }
        prev_hash = stored.hash.clone();
        expected_id = id + 1;
        last = Some((id, stored.hash));
    }
    match (&report.head, &last) {
        (None, Some(_)) => report.problems.push(Problem::HeadMissing),
        (Some((head_id, _)), None) if *head_id > 0 => {
            report.problems.push(Problem::TruncatedTail {
                last_id: 0,
                head_id: *head_id,
            })
        }
        (Some((head_id, head_hash)), Some((last_id, last_hash))) => {
            if last_id < head_id {
                report.problems.push(Problem::TruncatedTail {
                    last_id: *last_id,
                    head_id: *head_id,
                });
            } else if last_id > head_id {
                report.problems.push(Problem::RowsAfterHead {
                    head_id: *head_id,
                    last_id: *last_id,
                });
            } else if last_hash != head_hash {
                report.problems.push(Problem::HeadMismatch { id: *last_id });
            }
        }
        _ => {}
    }
    Ok(report)
}
