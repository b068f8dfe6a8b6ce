use crate::calls::sql_calls;
use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags JDBC `executeQuery`, `executeUpdate`, `execute`, `prepareStatement` and JPA
    /// `createQuery`/`createNativeQuery` with SQL built by concatenation or `String.format`.
    ///
    /// ## Why is this bad?
    /// Concatenated values become SQL syntax (CWE-89); a prepared statement built from a
    /// concatenated string is just as injectable.
    ///
    /// ## Example
    /// ```text
    /// stmt.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
    /// ps.setString(1, name);
    /// ```
    JavaSqlInjection
}

static META: Meta = Meta {
    id: "java/sql-injection",
    title: "SQL built from values",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "SQL statement built by concatenation; use a PreparedStatement with ? placeholders",
    langs: &[Lang::Java],
    keywords: &[
        "execute",
        "preparestatement",
        "createquery",
        "createnativequery",
    ],
};

impl CodeRule for JavaSqlInjection {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(
            r"\.(?:executeQuery|executeUpdate|execute|addBatch|prepareStatement|createQuery|createNativeQuery)\s*\("
        );
        sql_calls(re, file.text, out);
    }
}
