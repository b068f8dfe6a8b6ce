use crate::check::{CallSite, Cx, Rule, RuleMeta, sink};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::{looks_like_sql, python_sql_fix};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags SQL statements that reach a database call (DB-API `execute`, `executemany`,
    /// `executescript`, SQLAlchemy `text()`/`literal_column()`, Django `raw()`/`extra()`/
    /// `RawSQL()`, pandas `read_sql`, peewee `execute_sql`/`SQL()`, asyncpg
    /// `fetch*`/`prepare`/`cursor`, pg8000 `run`, Tortoise `execute_query`,
    /// records/dataset `query`, Pony `select`, `databases` `fetch_*`,
    /// and legacy SQLAlchemy `Query.filter/order_by/group_by/having/distinct` given SQL
    /// text formatted in place, on a chain from `.query(...)` or `Model.query`)
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
    keywords: &[
        "execute",
        "exec_driver_sql",
        "raw(",
        "text(",
        "extra(",
        "read_sql",
        "mogrify",
        "query",
        "RawSQL",
        "literal_column",
        "peewee",
        "asyncpg",
        "fetchrow",
        "fetchval",
        "pg8000",
        "databases",
        "tortoise",
        "records",
        "dataset",
        "pony",
    ],
    calls: &[
        "execute",
        "executemany",
        "executescript",
        "exec_driver_sql",
        "mogrify",
        "raw",
        "text",
        "extra",
        "filter",
        "order_by",
        "group_by",
        "having",
        "distinct",
        "read_sql",
        "read_sql_query",
        "RawSQL",
        "literal_column",
        "SQL",
        "execute_sql",
        "fetch",
        "fetchrow",
        "fetchval",
        "fetch_all",
        "fetch_one",
        "fetch_val",
        "prepare",
        "cursor",
        "copy_from_query",
        "run",
        "execute_query",
        "execute_query_dict",
        "execute_script",
        "query",
        "select",
        "get",
        "exists",
    ],
    on: 0,
};

/// A string built by formatting: `"..{}".format(x)`, `"..%s" % x`, `".." + x`, f-strings.
fn formats_text(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Template(_) => true,
        ExprKind::Binary(_, l, r) => {
            l.as_str().is_some() || r.as_str().is_some() || formats_text(l)
        }
        ExprKind::Call(c) => {
            matches!(&c.callee.kind, ExprKind::Attr(b, m) if m == "format" && b.as_str().is_some())
        }
        _ => false,
    }
}

/// The method is called on a SQLAlchemy query: the chain starts at a `.query(...)` call
/// or a `Model.query` attribute, directly or through a local assigned from one.
fn on_query(cx: &Cx<'_, '_>, callee: &Expr) -> bool {
    fn chain_has_query(e: &Expr) -> bool {
        let mut cur = e;
        loop {
            match &cur.kind {
                ExprKind::Attr(b, m) => {
                    if m == "query" {
                        return true;
                    }
                    cur = b;
                }
                ExprKind::Call(c) => cur = &c.callee,
                _ => return false,
            }
        }
    }
    fn root(e: &Expr) -> &Expr {
        match &e.kind {
            ExprKind::Attr(b, _) => root(b),
            ExprKind::Call(c) => root(&c.callee),
            _ => e,
        }
    }
    let ExprKind::Attr(recv, _) = &callee.kind else {
        return false;
    };
    if chain_has_query(recv) {
        return true;
    }
    let Some(name) = root(recv).as_name() else {
        return false;
    };
    let mut query = false;
    crate::ir::find_assignments(&cx.module().funcs[cx.func()].body, name, &mut |v| {
        query |= chain_has_query(v);
    });
    query
}

impl Rule for PythonSqlInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let query = match site.name {
            // (SQLAlchemy's `conn.exec_driver_sql(sql)` hands the text to the driver.)
            "execute" | "executemany" | "executescript" | "exec_driver_sql" | "mogrify" | "raw"
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
            // SQLAlchemy's literal_column("...") is SQL text as is.
            "literal_column"
                if site.is(&[
                    "sqlalchemy.literal_column",
                    "sqlalchemy.sql.literal_column",
                    "sqlalchemy.sql.expression.literal_column",
                ]) =>
            {
                site.arg(0)
            }
            // peewee's `SQL("...", params)` fragment (`.where(SQL(...))`, `.order_by(...)`):
            // its text goes into the query as is.
            "SQL" if site.is(&["peewee.SQL", "playhouse.shortcuts.SQL"]) => {
                site.arg(0).or_else(|| site.kwarg("sql"))
            }
            // peewee's `db.execute_sql(sql, params)`.
            "execute_sql" if site.recv.is_some() => site.arg(0).or_else(|| site.kwarg("sql")),
            // asyncpg connections and pools (`await conn.fetch(sql, *args)`) and the
            // `databases` package (`await database.fetch_all(query=sql)`).
            "fetch" | "fetchrow" | "fetchval" | "prepare" | "cursor" | "copy_from_query"
                if site.recv.is_some() && cx.imports("asyncpg") && site.positional() >= 1 =>
            {
                site.arg(0).or_else(|| site.kwarg("query"))
            }
            // asyncpg's own method names, on a connection or pool the module got from
            // elsewhere (`request.app["pool"]`, a `Depends`), so without the import.
            "fetchrow" | "fetchval" | "copy_from_query" if site.recv.is_some() => {
                site.arg(0).or_else(|| site.kwarg("query"))
            }
            // Tortoise ORM connections: `await conn.execute_query(sql, values)`.
            "execute_query" | "execute_query_dict" | "execute_script"
                if site.recv.is_some() && cx.imports("tortoise") =>
            {
                site.arg(0).or_else(|| site.kwarg("query"))
            }
            // records / dataset `db.query(sql)`, Pony `db.select(sql)` / `db.execute(sql)`.
            "query" | "select" | "get" | "exists"
                if site.is(&[
                    "records.Database.query",
                    "dataset.Database.query",
                    "pony.orm.Database.select",
                    "pony.orm.Database.get",
                    "pony.orm.Database.exists",
                ]) =>
            {
                site.arg(0)
                    .or_else(|| site.kwarg("query"))
                    .or_else(|| site.kwarg("sql"))
            }
            // pg8000's native API: `con.run(sql, **params)`, `con.prepare(sql)`.
            "run" | "prepare" if site.path.is_some_and(|p| p.starts_with("pg8000.")) => {
                site.arg(0).or_else(|| site.kwarg("sql"))
            }
            "fetch_all" | "fetch_one" | "fetch_val"
                if site.recv.is_some() && cx.imports("databases") =>
            {
                site.arg(0).or_else(|| site.kwarg("query"))
            }
            // Django's RawSQL(sql, params) expression: the text goes into the query as is.
            "RawSQL"
                if site.is(&[
                    "django.db.models.expressions.RawSQL",
                    "django.db.models.RawSQL",
                ]) =>
            {
                site.arg(0).or_else(|| site.kwarg("sql"))
            }
            "extra" if site.recv.is_some() => site.kwarg("where").or_else(|| site.kwarg("select")),
            // Legacy SQLAlchemy Query methods take raw SQL text:
            // query.filter("name = '{}'".format(x)), .order_by/.group_by/.having/.distinct.
            "filter" | "order_by" | "group_by" | "having" | "distinct"
                if site.arg(0).is_some_and(|(e, _)| formats_text(e))
                    && on_query(cx, &site.call.callee) =>
            {
                site.arg(0)
            }
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
