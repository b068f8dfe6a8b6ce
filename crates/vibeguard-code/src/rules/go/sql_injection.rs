use crate::check::{CallSite, Cx, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::sinks::{Sink, check_sql, sink as s};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags SQL passed to `database/sql` (`Query`, `QueryRow`, `Exec`, `Prepare` and their
    /// `Context` forms), sqlx and GORM `Raw`/`Where` when the statement is built from input
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
    keywords: &["Query", "Exec", "Prepare", "Raw", "Where"],
    calls: &[
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
    s("*.QueryContext", 1),
    s("*.QueryRowContext", 1),
    s("*.ExecContext", 1),
    s("*.PrepareContext", 1),
];

impl Rule for GoSqlInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_none() {
            return;
        }
        check_sql(cx, site, SINKS);
    }
}
