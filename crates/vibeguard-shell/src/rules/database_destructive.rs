//! gate/database-destructive

use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags destructive statements sent through database CLIs: `DROP DATABASE/TABLE/
    /// SCHEMA`, `TRUNCATE`, `DELETE FROM` without `WHERE` (psql, mysql, mariadb, sqlite3,
    /// sqlcmd, clickhouse-client, cockroach sql), `redis-cli FLUSHALL/FLUSHDB`,
    /// `mongosh --eval` with `dropDatabase()`/`drop()`/`deleteMany({})`, and `dropdb`.
    ///
    /// ## Why is this bad?
    /// These delete data, often in a database the agent cannot tell is production, and
    /// only a backup restore brings it back.
    ///
    /// ## Example
    /// ```text
    /// psql "$DATABASE_URL" -c "DROP TABLE users;"
    /// redis-cli FLUSHALL
    /// ```
    ///
    /// ## Use instead
    /// Write a migration that can be reviewed and rolled back, or run the statement
    /// against a local database you created.
    DatabaseDestructive {
        id: "gate/database-destructive",
        title: "Destructive database statement",
        tier: High,
        cwe: [],
    }
}

/// SQL that drops, truncates or deletes without a filter. Hand-written (no regex to
/// compile in the hook process).
fn destructive_sql(text: &str) -> bool {
    let norm: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase();
    let drops = [
        "DROP DATABASE",
        "DROP TABLE",
        "DROP SCHEMA",
        "DROP KEYSPACE",
        "DROP COLLECTION",
    ];
    if drops.iter().any(|d| norm.contains(d)) || norm.contains("TRUNCATE ") {
        return true;
    }
    norm.split(';').any(|stmt| {
        stmt.find("DELETE FROM ")
            .is_some_and(|at| !stmt[at..].contains(" WHERE "))
    })
}

/// MongoDB shell code that drops or empties collections.
fn destructive_mongo(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    ["dropDatabase(", ".drop(", "deleteMany({})", ".remove({})"]
        .iter()
        .any(|p| compact.contains(p))
}

pub fn check(c: &Cmd, out: &mut Out) {
    let n = c.name;
    let what: Option<&str> = match n {
        "psql" | "mysql" | "mariadb" | "sqlite3" | "sqlcmd" | "clickhouse-client" | "cockroach"
        | "duckdb" | "snowsql" | "bq" | "cqlsh" => {
            let mut texts: Vec<&str> = c.strs().collect();
            if let Some(t) = c.stdin.text.as_deref() {
                texts.push(t);
            }
            if texts.iter().any(|t| destructive_sql(t)) {
                Some("a DROP, TRUNCATE or unfiltered DELETE")
            } else {
                None
            }
        }
        "redis-cli" | "valkey-cli" | "keydb-cli" => {
            let stdin_flush = c.stdin.text.as_deref().is_some_and(|t| {
                let u = t.to_ascii_uppercase();
                u.contains("FLUSHALL") || u.contains("FLUSHDB")
            });
            if stdin_flush
                || c.strs().any(|a| {
                    a.eq_ignore_ascii_case("flushall") || a.eq_ignore_ascii_case("flushdb")
                })
            {
                Some("FLUSHALL/FLUSHDB")
            } else {
                None
            }
        }
        "mongosh" | "mongo" => {
            let stdin = c.stdin.text.as_deref().unwrap_or("");
            if c.strs().any(destructive_mongo) || destructive_mongo(stdin) {
                Some("a drop or unfiltered delete")
            } else {
                None
            }
        }
        "dropdb" | "mysqladmin" if n == "dropdb" || c.strs().any(|a| a == "drop") => {
            Some("a database drop")
        }
        _ => None,
    };
    if let Some(w) = what {
        out.add(
            DatabaseDestructive::ID,
            Tier::High,
            format!("{n} runs {w}, deleting data"),
            "write a reviewed migration, or run it against a local database you created",
        );
    }
}
