//! Database reads: the calls of the SQL drivers and ORMs whose result is rows the
//! database holds. What a query returns is stored data (some earlier request may have
//! written it), never the text or the parameters the query was given: an id bound into
//! `SELECT name FROM t WHERE id = ?`, or quoted into its text, does not come back as the
//! name. The engine gives such results [`super::value::SourceKind::Stored`], which only
//! the stored-input sinks (stored XSS) take.

use super::value::{ObjKind, Origin, Shape, SourceKind, Val};
use crate::syntax::Family;

/// PHP's procedural drivers: the functions that run a query or read a row of its result
/// (mysqli, the old mysql extension, PostgreSQL, SQL Server, ODBC, Oracle, SQLite, DB2).
const PHP_FUNCTIONS: &[&str] = &[
    "mysqli_query",
    "mysqli_real_query",
    "mysqli_multi_query",
    "mysqli_store_result",
    "mysqli_use_result",
    "mysqli_stmt_get_result",
    "mysqli_fetch_assoc",
    "mysqli_fetch_array",
    "mysqli_fetch_row",
    "mysqli_fetch_object",
    "mysqli_fetch_all",
    "mysqli_fetch_column",
    "mysql_query",
    "mysql_unbuffered_query",
    "mysql_db_query",
    "mysql_fetch_assoc",
    "mysql_fetch_array",
    "mysql_fetch_row",
    "mysql_fetch_object",
    "mysql_result",
    "pg_query",
    "pg_query_params",
    "pg_execute",
    "pg_get_result",
    "pg_fetch_assoc",
    "pg_fetch_array",
    "pg_fetch_row",
    "pg_fetch_object",
    "pg_fetch_all",
    "pg_fetch_all_columns",
    "pg_fetch_result",
    "sqlsrv_query",
    "sqlsrv_fetch_array",
    "sqlsrv_fetch_object",
    "sqlsrv_get_field",
    "odbc_exec",
    "odbc_execute",
    "odbc_fetch_array",
    "odbc_fetch_object",
    "odbc_result",
    "oci_fetch_array",
    "oci_fetch_assoc",
    "oci_fetch_row",
    "oci_fetch_object",
    "oci_fetch_all",
    "oci_result",
    "sqlite_query",
    "sqlite_fetch_array",
    "db2_exec",
    "db2_fetch_assoc",
    "db2_fetch_array",
    "db2_fetch_row",
    "db2_fetch_object",
    "db2_result",
    "mssql_query",
    "mssql_fetch_assoc",
    "mssql_fetch_array",
    "mssql_fetch_row",
    "mssql_fetch_object",
];

/// PHP's object drivers: PDO and PDOStatement, mysqli and mysqli_result/mysqli_stmt,
/// SQLite3 and its result, Doctrine DBAL's connection and statement result.
const PHP_METHODS: &[&str] = &[
    "query",
    "prepare",
    "execute",
    "executeQuery",
    "fetch",
    "fetchAll",
    "fetchColumn",
    "fetchObject",
    "fetch_assoc",
    "fetch_array",
    "fetch_row",
    "fetch_object",
    "fetch_all",
    "fetch_column",
    "fetchArray",
    "get_result",
    "store_result",
    "use_result",
    "querySingle",
    "fetchAssociative",
    "fetchAllAssociative",
    "fetchNumeric",
    "fetchAllNumeric",
    "fetchOne",
    "fetchFirstColumn",
    "fetchAllKeyValue",
    "fetchAssoc",
];

/// Node's SQL drivers and query builders: mysql/mysql2 and pg (`query`, `execute`),
/// pg-promise's result-shaped methods, Prisma's raw reads, and the ORMs' lookups by a
/// key or a filter (Sequelize, TypeORM, Prisma, Mongoose).
const JS_METHODS: &[&str] = &[
    "query",
    "execute",
    "many",
    "manyOrNone",
    "oneOrNone",
    "$queryRaw",
    "$queryRawUnsafe",
    "findById",
    "findOne",
    "findByPk",
    "findAll",
    "findUnique",
    "findUniqueOrThrow",
    "findFirst",
    "findFirstOrThrow",
    "findMany",
    "findOneBy",
    "findOneByOrFail",
    "findOneOrFail",
    "findBy",
    "findAndCount",
];

/// Whether `name` (called on `recv`, or bare) reads from a database in `family`: its
/// result is stored rows. Not on an HTTP request or context (Laravel's
/// `$request->query('id')` is input), nor on a value that carries request input
/// (which the program, not a driver, built).
pub(crate) fn reads_rows(family: Family, name: &str, recv: Option<&Val>) -> bool {
    let listed = match (family, recv) {
        (Family::Php, None) => PHP_FUNCTIONS.contains(&name),
        (Family::Php, Some(_)) => PHP_METHODS.contains(&name),
        (Family::Js, Some(_)) => JS_METHODS.contains(&name),
        _ => false,
    };
    listed && recv.is_none_or(|r| !carries_request(r))
}

fn carries_request(r: &Val) -> bool {
    matches!(
        r.shape,
        Shape::Obj(ObjKind::Request(_) | ObjKind::WebContext | ObjKind::Response)
    ) || r.all_taint().is_some_and(|t| {
        t.iter().any(|l| {
            matches!(
                l.origin,
                Origin::Source(
                    SourceKind::Request | SourceKind::Dom | SourceKind::Network | SourceKind::Cli
                )
            )
        })
    })
}
