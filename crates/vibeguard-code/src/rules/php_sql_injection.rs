use crate::calls::sql_calls;
use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `mysqli_query`, `->query`, `->exec` and `pg_query` with SQL that interpolates
    /// a variable (`"... $id"`, `"... {$id}"`) or concatenates one (`"..." . $id`).
    ///
    /// ## Why is this bad?
    /// Request values spliced into SQL become SQL syntax (CWE-89).
    ///
    /// ## Example
    /// ```text
    /// $db->query("SELECT * FROM users WHERE id = " . $_GET['id']);
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $st = $db->prepare("SELECT * FROM users WHERE id = ?"); $st->execute([$_GET['id']]);
    /// ```
    PhpSqlInjection
}

static META: Meta = Meta {
    id: "php/sql-injection",
    title: "SQL built from values",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "SQL statement built from variables; use a prepared statement with bound parameters",
    langs: &[Lang::Php],
    keywords: &["query(", "->exec("],
};

impl CodeRule for PhpSqlInjection {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(r"(?:\bmysqli_query|\bpg_query|->query|->exec)\s*\(");
        sql_calls(re, file.text, out);
        // mysqli_query($conn, "...") has the SQL second.
        let re2 = lazy_regex!(r"\b(?:mysqli_query|pg_query)\s*\(");
        for (start, open, args) in crate::calls::calls(re2, file.text) {
            if let Some((_, rest)) = args.split_once(',')
                && (crate::calls::is_dynamic_sql(crate::text::first_arg(rest))
                    || php_interpolates(crate::text::first_arg(rest)))
            {
                out.push(crate::calls::hit(start, open, args));
            }
        }
        let re3 = lazy_regex!(r"->(?:query|exec)\s*\(");
        for (start, open, args) in crate::calls::calls(re3, file.text) {
            let a = crate::text::first_arg(args);
            if php_interpolates(a) && !crate::calls::is_dynamic_sql(a) {
                out.push(crate::calls::hit(start, open, args));
            }
        }
    }
}

/// `"SELECT ... $id"` — PHP interpolates variables inside double quotes.
fn php_interpolates(arg: &str) -> bool {
    let lower = arg.to_ascii_lowercase();
    arg.starts_with('"')
        && arg.contains('$')
        && ["select ", "insert ", "update ", "delete ", " where "]
            .iter()
            .any(|k| lower.contains(k))
}
