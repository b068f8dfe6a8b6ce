//! Reading records back with filters.

use crate::{AuditRecord, StoreError, StoredRecord, chain};
use rusqlite::{Connection, Row, types::Value};

/// Which records to list. Every field narrows the result; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// `allow`, `ask` or `deny`.
    pub decision: Option<String>,
    /// A rule id that must be among the record's rules.
    pub rule: Option<String>,
    pub agent: Option<String>,
    /// RFC 3339 time; records at or after it.
    pub since: Option<String>,
    /// Only the newest `limit` matches (still returned oldest first).
    pub limit: Option<usize>,
}

pub const COLUMNS: &str = "id, time, agent, session, tool, input_digest, input_sha256, rules, \
                           tier, decision, reason, latency_us, prev_hash, hash";

/// Builds a [`StoredRecord`] from a row selected with [`COLUMNS`].
pub fn from_row(row: &Row<'_>) -> Result<StoredRecord, rusqlite::Error> {
    let id: i64 = row.get(0)?;
    let rules_text: String = row.get(7)?;
    let rules: Vec<String> = serde_json::from_str(&rules_text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let latency: i64 = row.get(11)?;
    Ok(StoredRecord {
        id,
        record: AuditRecord {
            time: row.get(1)?,
            agent: row.get(2)?,
            session: row.get(3)?,
            tool: row.get(4)?,
            input_digest: row.get(5)?,
            input_sha256: row.get(6)?,
            rules,
            tier: row.get(8)?,
            decision: row.get(9)?,
            reason: row.get(10)?,
            latency_us: u64::try_from(latency).unwrap_or(0),
        },
        prev_hash: row.get(12)?,
        hash: row.get(13)?,
    })
}

pub fn query(conn: &Connection, f: &AuditFilter) -> Result<Vec<StoredRecord>, StoreError> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if let Some(d) = &f.decision {
        clauses.push("decision = ?");
        args.push(Value::Text(d.clone()));
    }
    if let Some(a) = &f.agent {
        clauses.push("agent = ?");
        args.push(Value::Text(a.clone()));
    }
    if let Some(rule) = &f.rule {
        clauses.push("EXISTS (SELECT 1 FROM json_each(audit.rules) WHERE json_each.value = ?)");
        args.push(Value::Text(rule.clone()));
    }
    if let Some(since) = &f.since {
        clauses.push("time >= ?");
        args.push(Value::Text(chain::normalize_time(since)?));
    }
    let mut sql = format!("SELECT {COLUMNS} FROM audit");
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY id DESC");
    if let Some(limit) = f.limit {
        sql.push_str(&format!(" LIMIT {}", limit.min(i64::MAX as usize)));
    }
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), from_row)?;
    let mut out = rows.collect::<Result<Vec<_>, _>>()?;
    out.reverse();
    Ok(out)
}
