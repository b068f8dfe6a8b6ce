//! The hash chain: how a row's hash is computed and how a record is appended.

use crate::{AuditRecord, StoreError};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};

/// `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Fixed-width UTC time format, so that text order is time order.
pub const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6fZ";

/// `SHA-256(prev_hash "\n" canonical)`, where `canonical` is the JSON array of the id and
/// every record field in a fixed order (JSON gives an unambiguous encoding of strings).
pub fn row_hash(prev_hash: &str, id: i64, r: &AuditRecord) -> String {
    let canonical = serde_json::json!([
        id,
        r.time,
        r.agent,
        r.session,
        r.tool,
        r.input_digest,
        r.input_sha256,
        r.rules,
        r.tier,
        r.decision,
        r.reason,
        r.latency_us,
    ]);
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(b"\n");
    h.update(canonical.to_string().as_bytes());
    hex::encode(h.finalize())
}

/// Parses any RFC 3339 time and renders it in [`TIME_FORMAT`].
pub fn normalize_time(value: &str) -> Result<String, StoreError> {
    let ts: jiff::Timestamp = value
        .parse()
        .map_err(|e: jiff::Error| StoreError::InvalidTime {
            value: value.to_string(),
            message: e.to_string(),
        })?;
    Ok(format_time(ts))
}

pub fn format_time(ts: jiff::Timestamp) -> String {
    ts.strftime(TIME_FORMAT).to_string()
}

/// The last id and hash: from the head record, or from the last row if the head is
/// missing (verify reports that), or the genesis values for an empty log.
fn current_head(tx: &Connection) -> Result<(i64, String), StoreError> {
    let head = tx
        .query_row(
            "SELECT last_id, last_hash FROM head WHERE singleton = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some(h) = head {
        return Ok(h);
    }
    let last = tx
        .query_row(
            "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(last.unwrap_or((0, GENESIS.to_string())))
}

pub fn append(conn: &mut Connection, r: &AuditRecord) -> Result<i64, StoreError> {
    let mut rec = r.clone();
    rec.time = if rec.time.is_empty() {
        format_time(jiff::Timestamp::now())
    } else {
        normalize_time(&rec.time)?
    };
    let rules = serde_json::to_string(&rec.rules).expect("a list of strings always serialises");
    let latency = i64::try_from(rec.latency_us).unwrap_or(i64::MAX);
    rec.latency_us = latency as u64;

    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (last_id, last_hash) = current_head(&tx)?;
    let id = last_id + 1;
    let hash = row_hash(&last_hash, id, &rec);
    tx.prepare_cached(
        "INSERT INTO audit (id, time, agent, session, tool, input_digest, input_sha256, rules,
                            tier, decision, reason, latency_us, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        id,
        rec.time,
        rec.agent,
        rec.session,
        rec.tool,
        rec.input_digest,
        rec.input_sha256,
        rules,
        rec.tier,
        rec.decision,
        rec.reason,
        latency,
        last_hash,
        hash,
    ])?;
    // A plain UPDATE (an INSERT only for the first row) compiles to a much shorter
    // program than an upsert, and every hook process compiles it afresh.
    let updated = tx
        .prepare_cached("UPDATE head SET last_id = ?1, last_hash = ?2 WHERE singleton = 1")?
        .execute(params![id, hash])?;
    if updated == 0 {
        tx.prepare_cached("INSERT INTO head (singleton, last_id, last_hash) VALUES (1, ?1, ?2)")?
            .execute(params![id, hash])?;
    }
    tx.commit()?;
    Ok(id)
}
