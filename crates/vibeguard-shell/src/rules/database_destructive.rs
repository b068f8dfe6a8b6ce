//! gate/database-destructive

use crate::cmd::{Cmd, Out};
use regex::Regex;
use std::sync::OnceLock;
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

fn sql_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?i)\bdrop\s+(database|table|schema|keyspace|collection)\b|\btruncate\s+(table\s+)?\w|\bdelete\s+from\s+[\w.`\x22]+\s*(;|$)").expect("valid regex")
    })
}

fn mongo_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"dropDatabase\s*\(|\.drop\s*\(|deleteMany\s*\(\s*\{\s*\}\s*\)|\.remove\s*\(\s*\{\s*\}\s*\)").expect("valid regex"))
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
            if texts.iter().any(|t| sql_re().is_match(t)) {
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
            if c.strs().any(|a| mongo_re().is_match(a)) || mongo_re().is_match(stdin) {
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
