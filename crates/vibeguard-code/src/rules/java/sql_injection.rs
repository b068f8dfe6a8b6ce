use crate::check::{CallSite, Cx, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::sinks::{Sink, check_sql, sink as s};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags SQL built from input, or by concatenation or `String.format` from values of unknown
    /// origin, that reaches JDBC (`Statement.execute*`, `addBatch`, `prepareStatement`), JPA
    /// (`createQuery`, `createNativeQuery`), Hibernate (`createSQLQuery`) or Spring
    /// `JdbcTemplate` (`query*`, `update`, each statement of `batchUpdate(sql...)`) and
    /// `PreparedStatementCreatorFactory` (`new PreparedStatementCreatorFactory(sql, ...)`,
    /// `newPreparedStatementCreator(sql, params)`), and MyBatis mapper annotations
    /// (`@Select`, `@Update`, `@Insert`, `@Delete`) that paste a parameter with `${...}`.
    /// A call on a variable the file declares with a type that is no database handle
    /// (`MessageDigest md`, `Signature sig`, a class of its own) counts only when it is
    /// handed text that reads as SQL: `md.update(bytes)` is a hash, not a statement.
    ///
    /// ## Why is this bad?
    /// A value spliced into SQL text can close the literal and add its own clauses:
    /// `' OR 1=1 --` reads every row (CWE-89). A `PreparedStatement` built by concatenation is
    /// just as injectable.
    ///
    /// ## Example
    /// ```java
    /// stmt.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
    /// ps.setString(1, name);
    /// ```
    JavaSqlInjection
}

static META: RuleMeta = RuleMeta {
    id: "java/sql-injection",
    title: "SQL built from input",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "SQL statement built from input or by concatenation; use a PreparedStatement with ? parameters",
    family: Family::Java,
    keywords: &[
        "execute",
        "prepareStatement",
        "createQuery",
        "createNativeQuery",
        "query",
        "update",
        "ibatis",
    ],
    calls: &[
        "executeQuery",
        "executeUpdate",
        "execute",
        "addBatch",
        "prepareStatement",
        "prepareCall",
        "createQuery",
        "createNativeQuery",
        "query",
        "queryForObject",
        "queryForList",
        "queryForMap",
        "queryForRowSet",
        "queryForStream",
        "queryForInt",
        "queryForLong",
        "executeLargeUpdate",
        "createSQLQuery",
        "update",
        "batchUpdate",
        "PreparedStatementCreatorFactory",
        "newPreparedStatementCreator",
        "Select",
        "Update",
        "Insert",
        "Delete",
    ],
    on: 0,
};

const SINKS: &[Sink] = &[
    s("*.executeQuery", 0),
    s("*.executeUpdate", 0),
    s("*.execute", 0),
    s("*.addBatch", 0),
    s("*.prepareStatement", 0),
    s("*.prepareCall", 0),
    s("*.createQuery", 0),
    s("*.createNativeQuery", 0),
    s("*.query", 0),
    s("*.queryForObject", 0),
    s("*.queryForList", 0),
    s("*.queryForMap", 0),
    s("*.queryForRowSet", 0),
    s("*.queryForInt", 0),
    s("*.queryForLong", 0),
    s("*.executeLargeUpdate", 0),
    s("*.createSQLQuery", 0),
    s("*.queryForStream", 0),
    s("*.update", 0),
    s("*.batchUpdate", 0),
];

impl Rule for JavaSqlInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // new PreparedStatementCreatorFactory(sql, types...): the statement's text.
        if site.call.is_new && site.name == "PreparedStatementCreatorFactory" {
            if let Some(v) = site.arg_val(0) {
                sql_text(cx, site, v);
            }
            return;
        }
        if site.recv.is_none() {
            mybatis_substitution(cx, site);
            return;
        }
        // `rest.execute(url, GET, ..)` of a Spring `RestTemplate` is a request, not SQL
        // (`execute` is the one name the two templates share; the declaration is looked up
        // in the file's text, so only for that name).
        if site.name == "execute"
            && crate::rules::support::java_receiver_declared(cx, site, super::ssrf::REST_CLIENTS)
        {
            return;
        }
        // `jdbc.batchUpdate(sql1, sql2, ...)` runs every statement given as text (not
        // `batchUpdate(sql, batchArgs)`, whose later arguments are values);
        // `factory.newPreparedStatementCreator(sql, params)`.
        if matches!(site.name, "batchUpdate" | "newPreparedStatementCreator") {
            let first = if site.name == "batchUpdate" { 1 } else { 0 };
            let mut i = first;
            while let Some(v) = site.arg_val(i) {
                if (v.const_str().is_some() || v.prefix.is_some() || v.built)
                    && sql_text(cx, site, v)
                {
                    return;
                }
                i += 1;
                if site.name == "newPreparedStatementCreator" {
                    break;
                }
            }
        }
        // `client.execute(new HttpGet(url))`, `executor.execute(new Task(..))`: an object
        // handed to an executor, not a statement's text.
        if site.arg(0).is_some_and(|(e, _)| {
            let body = &cx.module().funcs[cx.func()].body;
            let built = |e: &crate::ir::Expr| {
                e.as_call().is_some_and(|c| {
                    c.is_new && !matches!(c.callee.last_name(), Some("String" | "StringBuilder"))
                })
            };
            built(e)
                || e.as_name().is_some_and(|n| {
                    let mut all = true;
                    let mut any = false;
                    crate::ir::for_each_nested_stmt(body, &mut |s| {
                        if let crate::ir::StmtKind::Assign {
                            target: crate::ir::Pattern::Name(t, _),
                            value,
                        } = &s.kind
                            && t == n
                        {
                            any = true;
                            all &= built(value);
                        }
                    });
                    any && all
                })
        }) {
            return;
        }
        // `md5.update(bytes)`, `sig.update(data)`, `executor.execute(task)`: a receiver
        // the file declares with a type that is no database handle runs no SQL (unless
        // what it is handed reads as SQL: a project's own wrapper, `helper.execute("DELETE
        // FROM t WHERE id=" + id)`).
        if crate::rules::sinks::matched(site, SINKS)
            .is_some_and(|v| !crate::rules::support::looks_like_sql(v))
            && crate::rules::support::java_receiver_types(cx, site)
                .is_some_and(|types| !types.iter().any(|t| runs_sql(t)))
        {
            return;
        }
        check_sql(cx, site, SINKS);
    }
}

/// Whether a declared type can run SQL text: JDBC (`Statement`, `Connection`), Spring
/// (`JdbcTemplate`, `JdbcClient`, `NamedParameterJdbcOperations`), JPA (`EntityManager`,
/// `Query`), Hibernate (`Session`, `StatelessSession`), MyBatis (`SqlSession`), jOOQ
/// (`DSLContext`), JDBI (`Handle`), commons-dbutils (`QueryRunner`), and the wrappers
/// projects name after them (`UserDao`, `DbHelper`, `SqlRunner`, `OrderRepository`).
fn runs_sql(ty: &str) -> bool {
    const PARTS: &[&str] = &[
        "Statement",
        "Connection",
        "Jdbc",
        "JDBC",
        "Template",
        "Operations",
        "EntityManager",
        "Session",
        "Query",
        "Sql",
        "SQL",
        "DSL",
        "Dao",
        "DAO",
        "Repository",
        "Database",
        "Db",
        "DB",
        "Handle",
        "Runner",
        "Jdbi",
        "Client",
        "Context",
        "Source",
        "Mapper",
        "Store",
    ];
    matches!(ty, "Object" | "T") || PARTS.iter().any(|p| ty.contains(p))
}

/// Report SQL text `v` of this call when it carries input (or, looking like SQL, was
/// built from values of unknown origin).
fn sql_text(cx: &mut Cx<'_, '_>, site: &CallSite<'_>, v: &crate::flow::value::Val) -> bool {
    if v.is_trusted() {
        return false;
    }
    let unknown = if crate::rules::support::looks_like_sql(v) {
        crate::check::Unknown::Built
    } else {
        crate::check::Unknown::Skip
    };
    cx.sink(site.span, v, crate::check::sink::SQL, unknown, None)
}

/// MyBatis mapper annotations (`@Select`, `@Update`, `@Insert`, `@Delete`, the lowering
/// reads them as calls): `${name}` pastes the parameter's text into the statement, where
/// `#{name}` binds it.
fn mybatis_substitution(cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
    if !matches!(site.name, "Select" | "Update" | "Insert" | "Delete")
        || !cx
            .module()
            .imports
            .iter()
            .any(|i| i.path.starts_with("org.apache.ibatis"))
    {
        return;
    }
    let mut pasted = None;
    for a in &site.call.args {
        a.value.walk(&mut |x| {
            if pasted.is_none() && x.as_str().is_some_and(|t| t.contains("${")) {
                pasted = Some(x.span);
            }
        });
    }
    if let Some(span) = pasted {
        cx.report(crate::check::Report::at(span));
    }
}
