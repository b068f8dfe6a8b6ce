use crate::calls::sql_calls;
use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags SQL passed to `execute`, `executemany`, `executescript`, `raw` or SQLAlchemy
    /// `text` when the statement is built with an f-string, `%`, `.format` or `+`.
    ///
    /// ## Why is this bad?
    /// A value spliced into SQL text can close the literal and add its own clauses:
    /// `' OR 1=1 --` reads every row, `'; DROP TABLE users; --` destroys data (CWE-89).
    ///
    /// ## Example
    /// ```text
    /// cur.execute(f"SELECT * FROM users WHERE name = '{name}'")
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// cur.execute("SELECT * FROM users WHERE name = %s", (name,))
    /// ```
    PythonSqlInjection
}

static META: Meta = Meta {
    id: "python/sql-injection",
    title: "SQL built from values",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "SQL statement built from run-time values; pass them as query parameters instead",
    langs: &[Lang::Python],
    keywords: &[".execute", ".raw(", "text("],
};

impl CodeRule for PythonSqlInjection {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(
            r"\.(?:execute|executemany|executescript|raw)\s*\(|\b(?:sqlalchemy\.)?text\s*\("
        );
        sql_calls(re, file.text, out);
    }
}
