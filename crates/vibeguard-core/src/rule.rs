//! Rule metadata: what `vibeguard rules` lists, `vibeguard explain` prints and SARIF carries.

use crate::severity::{Confidence, Severity};
use serde::{Deserialize, Serialize};

/// The four documentation headings every rule has.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleDoc {
    /// *What it does*
    pub what: String,
    /// *Why is this bad?*
    pub why: String,
    /// *Example*
    pub example: String,
    /// *Use instead*
    pub use_instead: String,
}

/// Metadata of one rule. Owned strings because secret rules are data loaded at start-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInfo {
    /// Stable id `<domain>/<slug>`, e.g. `secrets/aws-access-key`.
    pub id: String,
    /// Short human title, e.g. "AWS access key".
    pub title: String,
    pub cwe: Vec<u32>,
    pub severity: Severity,
    pub confidence: Confidence,
    /// One-line message used for findings.
    pub message: String,
    pub doc: RuleDoc,
    pub tags: Vec<String>,
}

impl RuleInfo {
    /// The domain part of the id (`secrets` in `secrets/aws-access-key`).
    pub fn domain(&self) -> &str {
        self.id.split('/').next().unwrap_or(&self.id)
    }

    /// Markdown documentation with the standard headings; the single source for
    /// `vibeguard explain`, SARIF help text and the generated rules docs.
    pub fn markdown(&self) -> String {
        let cwe = if self.cwe.is_empty() {
            String::new()
        } else {
            let ids: Vec<String> = self.cwe.iter().map(|c| format!("CWE-{c}")).collect();
            format!(" · {}", ids.join(", "))
        };
        format!(
            "# {id}\n\n{title} · severity {sev} · confidence {conf}{cwe}\n\n## What it does\n{what}\n\n## Why is this bad?\n{why}\n\n## Example\n```\n{example}\n```\n\n## Use instead\n{use_instead}\n",
            id = self.id,
            title = self.title,
            sev = self.severity,
            conf = self.confidence,
            what = self.doc.what.trim(),
            why = self.doc.why.trim(),
            example = self.doc.example.trim(),
            use_instead = self.doc.use_instead.trim(),
        )
    }
}
