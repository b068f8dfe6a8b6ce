use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::rules::sinks::{Sink, check_sql, sink as s};
use crate::rules::support::looks_like_sql;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags SQL passed to `database/sql` (`Query`, `QueryRow`, `Exec`, `Prepare` and their
    /// `Context` forms), pgx and go-pg (`conn.Query(ctx, sql)`, `db.QueryOne(model, sql)`,
    /// `db.Query(&model, sql)`),
    /// sqlx and GORM `Raw`/`Exec`/`Where`/`Order`/`Group`/`Having`/`Joins`/`Table`/`Pluck`/
    /// `Distinct` when the statement is built from input
    /// or with `fmt.Sprintf`/`+` from values of unknown origin.
    ///
    /// ## Why is this bad?
    /// A value spliced into SQL text can close the literal and add its own clauses:
    /// `' OR 1=1 --` reads every row (CWE-89).
    ///
    /// ## Example
    /// ```go
    /// rows, err := db.Query(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name))
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// rows, err := db.Query("SELECT * FROM users WHERE name = $1", name)
    /// ```
    GoSqlInjection
}

static META: RuleMeta = RuleMeta {
    id: "go/sql-injection",
    title: "SQL built from input",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "SQL statement built from input or with fmt.Sprintf/+; pass values as query arguments ($1, ?)",
    family: Family::Go,
    keywords: &[
        "Query",
        "Exec",
        "Prepare",
        "Raw",
        "Where",
        "Select",
        ".Get",
        ".Order(",
        ".Group(",
        ".Having(",
        ".Joins(",
        ".Table(",
        ".Pluck(",
        ".Distinct(",
    ],
    calls: &[
        "QueryOneContext",
        "Query",
        "QueryRow",
        "Exec",
        "Prepare",
        "QueryContext",
        "QueryRowContext",
        "ExecContext",
        "PrepareContext",
        "Raw",
        "Where",
        "Select",
        "Order",
        "Group",
        "Having",
        "Joins",
        "Table",
        "Pluck",
        "Distinct",
        "QueryOne",
        "Queryx",
        "QueryRowx",
        "MustExec",
        "NamedExec",
        "NamedQuery",
        "QueryxContext",
        "QueryRowxContext",
        "MustExecContext",
        "Get",
        "GetContext",
        "SelectContext",
    ],
    on: 0,
};

const SINKS: &[Sink] = &[
    s("*.Query", 0),
    s("*.QueryRow", 0),
    s("*.Exec", 0),
    s("*.Prepare", 0),
    s("*.Raw", 0),
    s("*.Where", 0),
    s("*.Select", 0),
    s("*.Order", 0),
    // GORM's other clauses take SQL text too: `Group("name")`, `Having("sum(x) > ?", n)`,
    // `Joins("JOIN ...")`, `Table("users u")`, `Pluck("lower(name)", &out)`, `Distinct`.
    s("*.Group", 0),
    s("*.Having", 0),
    s("*.Joins", 0),
    s("*.Table", 0),
    s("*.Pluck", 0),
    s("*.Distinct", 0),
    s("*.QueryContext", 1),
    s("*.QueryRowContext", 1),
    s("*.ExecContext", 1),
    s("*.PrepareContext", 1),
    // sqlx
    s("*.Queryx", 0),
    s("*.QueryRowx", 0),
    s("*.MustExec", 0),
    s("*.NamedExec", 0),
    s("*.NamedQuery", 0),
    s("*.QueryxContext", 1),
    s("*.QueryRowxContext", 1),
    s("*.MustExecContext", 1),
];

/// Reports the statement argument `i` of a driver call taking it after a context or a
/// model: built text of unknown origin counts only when it reads as SQL.
fn statement_at(cx: &mut Cx<'_, '_>, site: &CallSite<'_>, i: usize) {
    if let Some((_, v)) = site.arg(i)
        && !v.is_trusted()
    {
        let unknown = if looks_like_sql(v) {
            Unknown::Built
        } else {
            Unknown::Skip
        };
        cx.sink(site.span, v, sink::SQL, unknown, None);
    }
}

impl Rule for GoSqlInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_none() || prepared_statement(cx, site) {
            return;
        }
        // pgx (`conn.Query(ctx, sql, args...)`) and go-pg v10 take a context first; go-pg's
        // `QueryOne(model, sql, params...)` a model: the statement is the next argument.
        // go-pg's `Query(model, sql, params...)` (`db.Query(&users, sql)`) and its
        // `Context` forms also take the model, a pointer, before the statement.
        let model = |i: usize| {
            site.arg(i)
                .is_some_and(|(e, _)| matches!(e.kind, ExprKind::Unary(_, _)))
        };
        if matches!(site.name, "QueryContext" | "QueryOneContext")
            && site.arg(0).is_some_and(|(e, _)| is_context(cx, e))
            && model(1)
        {
            statement_at(cx, site, 2);
            return;
        }
        if matches!(site.name, "Query" | "QueryRow" | "Exec" | "QueryOne")
            && (site.name == "QueryOne"
                || site.arg(0).is_some_and(|(e, _)| is_context(cx, e))
                || site.name == "Query" && model(0))
        {
            statement_at(cx, site, 1);
            return;
        }
        // sqlx `db.Get(&dest, sql, args...)` / `db.Select(&dest, sql, args...)` and their
        // `Context` forms: the statement follows the destination. `Get` is a common method
        // name, so the argument must read as SQL.
        let stmt = match site.name {
            "Get" | "Select" => 1,
            "GetContext" | "SelectContext" => 2,
            _ => usize::MAX,
        };
        if stmt != usize::MAX {
            if let Some((_, v)) = site.arg(stmt)
                && !v.is_trusted()
                && looks_like_sql(v)
            {
                cx.sink(site.span, v, sink::SQL, Unknown::Built, None);
                return;
            }
            if site.name != "Select" {
                return;
            }
        }
        check_sql(cx, site, SINKS);
    }
}

/// A `context.Context` value: `context.Background()` and friends, a request's
/// `r.Context()`, a parameter declared `context.Context`, or the conventional name `ctx`.
fn is_context(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    match &e.kind {
        // `context.Background()`, `context.WithTimeout(...)`, `r.Context()`.
        ExprKind::Call(c) => {
            c.callee.dotted().is_some_and(|d| d.starts_with("context."))
                || matches!(c.callee.last_name(), Some("Context" | "UserContext"))
        }
        ExprKind::Name(n) => {
            n == "ctx"
                || cx.module().funcs[cx.func()].params.iter().any(|p| {
                    p.name() == Some(n.as_str())
                        && p.annotation
                            .as_deref()
                            .is_some_and(|a| a.ends_with("context.Context"))
                })
        }
        _ => false,
    }
}

/// A prepared statement's `Query`/`QueryRow`/`Exec` (`stmt, _ := db.Prepare(sql)`,
/// `tx.Stmt(stmt)`): their arguments are the values bound to its placeholders, not SQL.
fn prepared_statement(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    let prepares = |e: &Expr| {
        e.as_call().is_some_and(|c| {
            matches!(
                c.callee.last_name(),
                Some(
                    "Prepare"
                        | "PrepareContext"
                        | "Preparex"
                        | "PreparexContext"
                        | "PrepareNamed"
                        | "PrepareNamedContext"
                        | "Stmt"
                        | "StmtContext"
                )
            )
        })
    };
    let ExprKind::Attr(b, _) = &site.call.callee.kind else {
        return false;
    };
    prepares(b)
        || matches!(&b.kind, ExprKind::Name(n)
            if crate::rules::support::assigned_in_scope(cx, n, prepares))
}
