use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::rules::support::{js_sql_fix, looks_like_sql};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags SQL built from input, or with template literals and `+` from values of
    /// unknown origin, that reaches a database call: `query`/`execute` of mysql, mysql2,
    /// pg and sqlite clients, `knex.raw` and knex's raw fragments (`whereRaw`,
    /// `orderByRaw`, `havingRaw`, ...), `sequelize.query`, Prisma `$queryRawUnsafe` /
    /// `$executeRawUnsafe`. Tagged templates (`` sql`...` ``, `` Prisma.sql`...` ``,
    /// `` $queryRaw`...` ``) are parameterised and not flagged. An options object is
    /// judged by its statement (`{ sql }`, pg's `{ text }`); one without a statement
    /// (DynamoDB's `query({ TableName, KeyConditionExpression, ... })`) is not SQL.
    ///
    /// ## Why is this bad?
    /// A value spliced into SQL text can close the literal and add its own clauses:
    /// `' OR 1=1 --` reads every row (CWE-89).
    ///
    /// ## Example
    /// ```js
    /// db.query(`SELECT * FROM users WHERE id = ${req.params.id}`);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// db.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
    /// ```
    JsSqlInjection
}

static META: RuleMeta = RuleMeta {
    id: "js/sql-injection",
    title: "SQL built from input",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "SQL statement built from input; pass values as query parameters instead",
    family: Family::Js,
    keywords: &[
        "query",
        "execute",
        "raw",
        "Unsafe",
        "exec",
        "prepare",
        "run",
        "all",
        "literal",
        "pg-promise",
        "createquerybuilder",
    ],
    calls: &[
        "query",
        "execute",
        "raw",
        "$queryRawUnsafe",
        "$executeRawUnsafe",
        "exec",
        "prepare",
        "run",
        "all",
        "get",
        "each",
        "unsafe",
        "whereRaw",
        "orWhereRaw",
        "andWhereRaw",
        "havingRaw",
        "orHavingRaw",
        "orderByRaw",
        "groupByRaw",
        "joinRaw",
        "fromRaw",
        "literal",
        "any",
        "one",
        "oneOrNone",
        "many",
        "manyOrNone",
        "none",
        "where",
        "andWhere",
        "orWhere",
        "having",
        "andHaving",
        "orHaving",
    ],
    on: 0,
};

impl Rule for JsSqlInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // Sequelize's `literal(x)` / `sequelize.literal(x)`: SQL text placed verbatim in
        // the query it is used in (an `order`, a `where`, an attribute).
        if site.name == "literal" {
            // (`models.sequelize.literal(x)`, `db.sequelize.literal(x)`: the instance a
            // project's models module exports, used where sequelize is not imported.)
            let instance = matches!(&site.call.callee.kind,
                ExprKind::Attr(b, _) if b.last_name().is_some_and(|n| n.eq_ignore_ascii_case("sequelize")));
            let sequelize = instance
                || site
                    .path
                    .map_or(site.recv.is_some(), |p| p.starts_with("sequelize."))
                    && cx.imports("sequelize");
            if sequelize && let Some((_, val)) = site.arg(0) {
                cx.flow(site.span, val, sink::SQL, accept::INPUT);
            }
            return;
        }
        // DynamoDB's `query` / `scan` take request objects, not SQL (js/nosql-injection);
        // JSON query languages (`jp.query(doc, "$..id")`, jmespath) query a document.
        if site.recv.is_none()
            || site.path.is_some_and(|p| {
                ["aws-sdk.DynamoDB", "jsonpath", "jmespath", "jsonata"]
                    .iter()
                    .any(|m| p.starts_with(m))
            })
            || site
                .call
                .args
                .iter()
                .any(|a| a.name.as_deref() == Some("<template>"))
        {
            return;
        }
        let Some((expr, val)) = site.arg(0) else {
            return;
        };
        // TypeORM's query builder: `createQueryBuilder("u").where(\`u.name = '${x}'\`)`
        // takes a condition in SQL (values belong in the parameters object).
        if matches!(
            site.name,
            "where" | "andWhere" | "orWhere" | "having" | "andHaving" | "orHaving"
        ) {
            if query_builder_chain(cx, &site.call.callee, 0) {
                cx.flow(site.span, val, sink::SQL, accept::INPUT);
            }
            return;
        }
        // pg-promise's `db.any(sql, values)`, `db.one(...)`, `db.none(...)`: taken as
        // SQL when it reads as SQL.
        if matches!(
            site.name,
            "any" | "one" | "oneOrNone" | "many" | "manyOrNone" | "none"
        ) {
            if looks_like_sql(val) {
                cx.flow_or_built(site.span, val, sink::SQL, None);
            }
            return;
        }
        // knex's raw fragments (`whereRaw("email = '" + x + "'")`): SQL text that need
        // not look like a whole statement.
        if site.name.ends_with("Raw") && site.name != "raw" {
            cx.flow(site.span, val, sink::SQL, accept::INPUT);
            return;
        }
        // An options object (`conn.query({ sql, values })`, pg's `{ text, values }`): the
        // statement is its `sql`/`text`; an object without one is not SQL (DynamoDB's
        // `query({ TableName, KeyConditionExpression, ExpressionAttributeValues })`).
        let field;
        let val = if matches!(val.shape, crate::flow::value::Shape::Map(_)) {
            match val.field("sql").or_else(|| val.field("text")) {
                Some(v) => {
                    field = v;
                    &field
                }
                None => return,
            }
        } else {
            val
        };
        if val.is_trusted() {
            return;
        }
        // The sqlite/better-sqlite3 style methods take SQL only when it looks like SQL.
        let generic = matches!(
            site.name,
            "get" | "all" | "run" | "each" | "exec" | "prepare"
        );
        if looks_like_sql(val) {
            let fix = if site.positional() == 1 {
                js_sql_fix(cx, expr)
            } else {
                None
            };
            cx.flow_or_built(site.span, val, sink::SQL, fix);
        } else if !generic {
            cx.flow(site.span, val, sink::SQL, accept::INPUT);
        }
    }
}

/// A method called on a chain that starts with `createQueryBuilder(...)` (TypeORM), or
/// on a local variable assigned one.
fn query_builder_chain(cx: &Cx<'_, '_>, callee: &crate::ir::Expr, depth: u32) -> bool {
    let mut cur = callee;
    loop {
        match &cur.kind {
            crate::ir::ExprKind::Attr(b, _) => cur = b,
            crate::ir::ExprKind::Call(c) => {
                if c.callee.last_name() == Some("createQueryBuilder") {
                    return true;
                }
                cur = &c.callee;
            }
            crate::ir::ExprKind::Name(n) if depth < 2 => {
                return crate::rules::support::assigned_in_scope(cx, n, |v| {
                    query_builder_chain(cx, v, depth + 1)
                });
            }
            _ => return false,
        }
    }
}
