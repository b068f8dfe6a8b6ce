use crate::calls::sql_calls;
use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `query`, `execute`, `raw`, `$queryRawUnsafe` and `$executeRawUnsafe` calls whose
    /// SQL is a template literal with `${...}` or a concatenation.
    ///
    /// ## Why is this bad?
    /// Interpolated values become SQL syntax: a crafted value reads or changes any row
    /// (CWE-89).
    ///
    /// ## Example
    /// ```text
    /// db.query(`SELECT * FROM users WHERE id = ${req.params.id}`);
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// db.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
    /// ```
    JsSqlInjection
}

static META: Meta = Meta {
    id: "js/sql-injection",
    title: "SQL built from values",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "SQL statement built from run-time values; use placeholders and pass the values separately",
    langs: &[Lang::JavaScript],
    keywords: &[
        ".query(",
        ".execute(",
        ".raw(",
        "queryrawunsafe",
        "executerawunsafe",
    ],
};

impl CodeRule for JsSqlInjection {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(r"\.(?:query|execute|raw|\$queryRawUnsafe|\$executeRawUnsafe)\s*\(");
        sql_calls(re, file.text, out);
    }
}
