use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `Query`, `QueryRow`, `Exec` (and their `Context` forms) whose SQL is built
    /// with `fmt.Sprintf` or `+`.
    ///
    /// ## Why is this bad?
    /// Values formatted into SQL text become SQL syntax (CWE-89).
    ///
    /// ## Example
    /// ```text
    /// rows, err := db.Query(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name))
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// rows, err := db.Query("SELECT * FROM users WHERE name = $1", name)
    /// ```
    GoSqlInjection
}

static META: Meta = Meta {
    id: "go/sql-injection",
    title: "SQL built from values",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "SQL statement built with Sprintf or concatenation; use placeholders and pass the values as arguments",
    langs: &[Lang::Go],
    keywords: &[".query", ".exec"],
};

impl CodeRule for GoSqlInjection {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re =
            lazy_regex!(r"\.(?:Query|QueryRow|Exec|QueryContext|QueryRowContext|ExecContext)\s*\(");
        // The Context forms take ctx first; look at every argument for dynamic SQL.
        for (start, open, args) in crate::calls::calls(re, file.text) {
            let name = &file.text[start..open];
            let sql = if name.contains("Context") {
                args.split_once(',').map_or(args, |(_, rest)| rest)
            } else {
                args
            };
            if crate::calls::is_dynamic_sql(crate::text::first_arg(sql)) {
                out.push(crate::calls::hit(start, open, args));
            }
        }
    }
}
