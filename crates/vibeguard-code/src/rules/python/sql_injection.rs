use crate::check::{CallSite, Cx, Rule, RuleMeta, sink};
use crate::rule_doc;
use crate::rules::support::{looks_like_sql, python_sql_fix};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags SQL statements that reach a database call (DB-API `execute`, `executemany`,
    /// `executescript`, SQLAlchemy `text()`, Django `raw()`/`extra()`, pandas `read_sql`)
    /// with request data or other input spliced into the text, and statements built with
    /// an f-string, `%`, `.format` or `+` from values of unknown origin.
    ///
    /// ## Why is this bad?
    /// A value spliced into SQL text can close the literal and add its own clauses:
    /// `' OR 1=1 --` reads every row, `'; DROP TABLE users; --` destroys data (CWE-89).
    ///
    /// ## Example
    /// ```python
    /// name = request.args["name"]
    /// cur.execute(f"SELECT * FROM users WHERE name = '{name}'")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// cur.execute("SELECT * FROM users WHERE name = %s", (name,))
    /// ```
    PythonSqlInjection
}

static META: RuleMeta = RuleMeta {
    id: "python/sql-injection",
    title: "SQL built from input",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "SQL statement built from input; pass values as query parameters instead",
    family: Family::Python,
    keywords: &["execute", "raw(", "text(", "extra(", "read_sql", "mogrify"],
    calls: &[
        "execute",
        "executemany",
        "executescript",
        "mogrify",
        "raw",
        "text",
        "extra",
        "read_sql",
        "read_sql_query",
    ],
    on: 0,
};

impl Rule for PythonSqlInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let query = match site.name {
            "execute" | "executemany" | "executescript" | "mogrify" | "raw"
                if site.recv.is_some() =>
            {
                site.arg(0)
                    .or_else(|| site.kwarg("sql"))
                    .or_else(|| site.kwarg("operation"))
                    .or_else(|| site.kwarg("query"))
            }
            "text"
                if site.is(&[
                    "sqlalchemy.text",
                    "sqlalchemy.sql.text",
                    "sqlalchemy.sql.expression.text",
                ]) =>
            {
                site.arg(0)
            }
            "read_sql" | "read_sql_query" => site.arg(0).or_else(|| site.kwarg("sql")),
            "extra" if site.recv.is_some() => site.kwarg("where").or_else(|| site.kwarg("select")),
            _ => None,
        };
        let Some((expr, val)) = query else { return };
        if val.is_trusted() {
            return;
        }
        let fix = if site.name == "execute" && site.positional() == 1 {
            python_sql_fix(cx, site, expr)
        } else {
            None
        };
        if looks_like_sql(val) {
            cx.flow_or_built(site.span, val, sink::SQL, fix);
        } else {
            cx.flow(site.span, val, sink::SQL, crate::check::accept::INPUT);
        }
    }
}
