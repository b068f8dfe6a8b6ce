use crate::check::{CallSite, Cx, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::sinks::{Sink, check_sql, sink as s};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags SQL built from input (`$_GET`, `$_POST`, `$request->input()`), or by
    /// concatenation or interpolation from values of unknown origin, that reaches `mysqli`,
    /// `mysql_*`, `pg_query`, PDO `query`/`exec`/`prepare`, and Laravel `DB::select/
    /// statement` and `*Raw` builders; and input naming a column in Laravel's query builder
    /// (`DB::table('users')->orderBy($_GET['sort'])`, `where`, `pluck`, `groupBy`, `max`,
    /// ...), which binds values but splices identifiers; Doctrine QueryBuilder fragments
    /// from input (`$qb->where("u.name = '" . $name . "'")`, `andWhere`, `orderBy`, ...),
    /// CakePHP's `$connection->execute($sql)` and Yii's `createCommand($sql)`.
    ///
    /// ## Why is this bad?
    /// A value spliced into SQL text can close the literal and add its own clauses:
    /// `' OR 1=1 --` reads every row (CWE-89).
    ///
    /// ## Example
    /// ```php
    /// $db->query("SELECT * FROM users WHERE id = " . $_GET['id']);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $st = $db->prepare("SELECT * FROM users WHERE id = ?");
    /// $st->execute([$_GET['id']]);
    /// ```
    PhpSqlInjection
}

static META: RuleMeta = RuleMeta {
    id: "php/sql-injection",
    title: "SQL built from input",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "SQL statement built from input or by concatenation/interpolation; use prepared statements with bound parameters",
    family: Family::Php,
    keywords: &[
        "query",
        "mysqli",
        "mysql_",
        "pg_",
        "exec",
        "prepare",
        "DB::",
        "Raw",
        "oci_",
        "sqlsrv_",
        "fetch",
        "execute",
        "createQuery",
        "createNativeQuery",
        "get_",
    ],
    calls: &[
        "query",
        "exec",
        "prepare",
        "mysqli_query",
        "mysql_query",
        "pg_query",
        "pg_send_query",
        "pg_prepare",
        "mysqli_real_query",
        "sqlsrv_query",
        "sqlsrv_prepare",
        "odbc_exec",
        "odbc_prepare",
        "oci_parse",
        "db2_exec",
        "mssql_query",
        "mysqli_multi_query",
        "mysqli_prepare",
        "select",
        "statement",
        "unprepared",
        "whereRaw",
        "selectRaw",
        "orderByRaw",
        "havingRaw",
        "raw",
        "where",
        "orWhere",
        "pluck",
        "orderBy",
        "orderByDesc",
        "groupBy",
        "max",
        "min",
        "sum",
        "avg",
        "addSelect",
        "having",
        "whereIn",
        "whereNull",
        "executeQuery",
        "executeStatement",
        "executeUpdate",
        "fetchAllAssociative",
        "fetchAssociative",
        "fetchAllNumeric",
        "fetchNumeric",
        "fetchOne",
        "fetchFirstColumn",
        "fetchAllKeyValue",
        "iterateAssociative",
        "createNativeQuery",
        "createQuery",
        "andWhere",
        "andHaving",
        "orHaving",
        "addOrderBy",
        "addGroupBy",
        "selectOne",
        "createCommand",
        "execute",
        "get_results",
        "get_row",
        "get_var",
        "get_col",
        "insert",
        "update",
        "delete",
    ],
    on: 0,
};

const SINKS: &[Sink] = &[
    s("mysqli_query", 1),
    s("mysqli_multi_query", 1),
    s("mysqli_prepare", 1),
    s("mysql_query", 0),
    s("pg_query", 1),
    s("pg_send_query", 1),
    s("pg_prepare", 2),
    s("mysqli_real_query", 1),
    s("sqlsrv_query", 1),
    s("sqlsrv_prepare", 1),
    s("odbc_exec", 1),
    s("odbc_prepare", 1),
    s("oci_parse", 1),
    s("db2_exec", 1),
    s("mssql_query", 0),
    s("*.query", 0),
    s("*.exec", 0),
    s("*.prepare", 0),
    s("*.select", 0),
    s("*.statement", 0),
    s("*.unprepared", 0),
    s("*.whereRaw", 0),
    s("*.selectRaw", 0),
    s("*.orderByRaw", 0),
    s("*.havingRaw", 0),
    s("*.raw", 0),
    // Doctrine DBAL's connection and ORM's entity manager
    s("*.executeQuery", 0),
    s("*.executeStatement", 0),
    s("*.executeUpdate", 0),
    s("*.fetchAllAssociative", 0),
    s("*.fetchAssociative", 0),
    s("*.fetchAllNumeric", 0),
    s("*.fetchNumeric", 0),
    s("*.fetchOne", 0),
    s("*.fetchFirstColumn", 0),
    s("*.fetchAllKeyValue", 0),
    s("*.iterateAssociative", 0),
    s("*.createNativeQuery", 0),
    s("*.createQuery", 0),
    s("*.selectOne", 0),
    // Yii's `Yii::$app->db->createCommand($sql)`
    s("*.createCommand", 0),
    // WordPress's $wpdb
    s("*.get_results", 0),
    s("*.get_row", 0),
    s("*.get_var", 0),
    s("*.get_col", 0),
];

/// Laravel's `DB::insert/update/delete(sql, bindings)`: names too common to be sinks on
/// any receiver, so only on the `DB` facade.
const DB_FACADE_SINKS: &[Sink] = &[s("*.insert", 0), s("*.update", 0), s("*.delete", 0)];

impl Rule for PhpSqlInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // DB::select(DB::raw("...")): the inner raw() is the sink checked on its own;
        // its bindings are not SQL text.
        if site
            .arg(0)
            .is_some_and(|(e, _)| matches!(&e.kind, crate::ir::ExprKind::Call(c) if c.callee.last_name() == Some("raw")))
        {
            return;
        }
        // DOMXPath::query is php/xpath-injection's; a bare `exec(...)` runs a shell
        // command (php/command-injection's), only `$pdo->exec(...)` runs SQL.
        if site.recv.and_then(|r| r.ref_path()) == Some("DOMXPath")
            || site.recv.is_none()
                && !SINKS.iter().any(|k| k.path == site.name)
                && !matches!(site.name, "pg_query" | "pg_send_query")
        {
            return;
        }
        if check_sql(cx, site, SINKS) {
            return;
        }
        // CakePHP's `$connection->execute($sql)`, Laminas' `$statement->execute()`: SQL
        // text as the first argument (a PDO statement's `execute($params)` takes the
        // values bound to its placeholders: an array, no text).
        if site.name == "execute"
            && site.recv.is_some()
            && site
                .arg_val(0)
                .is_some_and(|v| v.const_str().is_some() || v.prefix.is_some() || v.built)
            && check_sql(cx, site, &[s("*.execute", 0)])
        {
            return;
        }
        if matches!(&site.call.callee.kind, crate::ir::ExprKind::Attr(b, _) if b.last_name() == Some("DB"))
            && check_sql(cx, site, DB_FACADE_SINKS)
        {
            return;
        }
        // pg_query($sql) / pg_send_query($sql): the connection argument is optional.
        if site.recv.is_none()
            && site.call.args.len() == 1
            && check_sql(cx, site, &[s("pg_query", 0), s("pg_send_query", 0)])
        {
            return;
        }
        // Doctrine's QueryBuilder: the DQL/SQL fragments of `where`, `andWhere`,
        // `orderBy`, ... are text (values belong in `setParameter`).
        if DOCTRINE_FRAGMENTS.contains(&site.name)
            && doctrine_builder(cx, &site.call.callee)
            && let Some((_, v)) = site.arg(0)
            && cx.flow(
                site.span,
                v,
                crate::check::sink::SQL,
                crate::check::accept::REQUEST,
            )
        {
            return;
        }
        // Laravel's query builder quotes values but not identifiers: a column name from
        // input (`DB::table('users')->orderBy($_GET['sort'])`) is spliced into the SQL.
        if COLUMN_METHODS.contains(&site.name)
            && site.recv.is_some()
            && query_builder(cx, site)
            && let Some((_, v)) = site.arg(0)
        {
            cx.flow(
                site.span,
                v,
                crate::check::sink::SQL,
                crate::check::accept::REQUEST,
            );
        }
    }
}

/// Laravel query builder methods whose first argument is a column name.
/// The methods of Doctrine's QueryBuilder that take a DQL/SQL fragment as text.
const DOCTRINE_FRAGMENTS: &[&str] = &[
    "where",
    "andWhere",
    "orWhere",
    "having",
    "andHaving",
    "orHaving",
    "orderBy",
    "addOrderBy",
    "groupBy",
    "addGroupBy",
    "select",
    "addSelect",
];

/// The receiver of `callee` is a Doctrine QueryBuilder: a chain that starts at
/// `createQueryBuilder(...)`, directly or through a local assigned one in this function.
fn doctrine_builder(cx: &Cx<'_, '_>, callee: &crate::ir::Expr) -> bool {
    use crate::ir::ExprKind;
    fn chain(cx: &Cx<'_, '_>, e: &crate::ir::Expr, depth: u8) -> bool {
        match &e.kind {
            ExprKind::Attr(b, _) => chain(cx, b, depth),
            ExprKind::Call(c) => {
                c.callee.last_name() == Some("createQueryBuilder") || chain(cx, &c.callee, depth)
            }
            ExprKind::Name(n) if depth < 2 => {
                let mut found = false;
                crate::ir::find_assignments(&cx.module().funcs[cx.func()].body, n, &mut |v| {
                    found = found || chain(cx, v, depth + 1);
                });
                found
            }
            _ => false,
        }
    }
    match &callee.kind {
        ExprKind::Attr(b, _) => chain(cx, b, 0),
        _ => false,
    }
}

const COLUMN_METHODS: &[&str] = &[
    "where",
    "orWhere",
    "pluck",
    "orderBy",
    "orderByDesc",
    "groupBy",
    "max",
    "min",
    "sum",
    "avg",
    "select",
    "addSelect",
    "having",
    "whereIn",
    "whereNull",
];

/// The call is on a Laravel query builder: its chain starts at `DB::table(...)`,
/// `DB::connection(...)` or `Model::query()`.
fn query_builder(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    // `User::orderBy(...)`: a static query on an Eloquent model of the application.
    if let crate::ir::ExprKind::Attr(b, _) = &site.call.callee.kind
        && let Some(cls) = b.as_name()
        && cx
            .module()
            .imports
            .iter()
            .any(|i| i.alias == cls && i.path.contains(".Models."))
    {
        return true;
    }
    let text = cx.text(site.span);
    text.starts_with("DB::table(")
        || text.starts_with("DB::connection(")
        || text.contains("::query()->")
}
