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

impl RuleDoc {
    /// The four sections of a rule's Markdown documentation (a doc comment with the
    /// `## What it does`, `## Why is this bad?`, `## Example`, `## Use instead` headings),
    /// so a rule documented in its doc comment needs no second copy. Code fences are
    /// dropped (the renderer adds its own); unknown headings end the current section.
    pub fn from_markdown(doc: &str) -> RuleDoc {
        let mut d = RuleDoc::default();
        let mut section: Option<&mut String> = None;
        for raw in doc.lines() {
            let line = raw.strip_prefix(' ').unwrap_or(raw);
            if let Some(h) = line.strip_prefix("## ") {
                section = match h.trim() {
                    "What it does" => Some(&mut d.what),
                    "Why is this bad?" => Some(&mut d.why),
                    "Example" => Some(&mut d.example),
                    "Use instead" => Some(&mut d.use_instead),
                    _ => None,
                };
                continue;
            }
            if let Some(s) = section.as_deref_mut() {
                if line.trim_start().starts_with("```") {
                    continue;
                }
                s.push_str(line);
                s.push('\n');
            }
        }
        for s in [&mut d.what, &mut d.why, &mut d.example, &mut d.use_instead] {
            *s = s.trim().to_string();
        }
        d
    }

    /// Whether every one of the four sections has text.
    pub fn is_complete(&self) -> bool {
        [&self.what, &self.why, &self.example, &self.use_instead]
            .iter()
            .all(|s| !s.trim().is_empty())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comment_sections_are_split_by_heading() {
        let d = RuleDoc::from_markdown(
            " ## What it does\n Flags x.\n\n ## Why is this bad?\n Because.\n ## Example\n ```text\n x --now\n ```\n ## Use instead\n y\n",
        );
        assert_eq!(d.what, "Flags x.");
        assert_eq!(d.why, "Because.");
        assert_eq!(d.example, "x --now");
        assert_eq!(d.use_instead, "y");
        assert!(d.is_complete());
        assert!(!RuleDoc::from_markdown("## What it does\nonly this").is_complete());
    }
}
