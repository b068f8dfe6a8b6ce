//! The shape of a code rule: static metadata, documentation taken from the rule's own doc
//! comment, and a check over one file.

use crate::lang::Lang;
use vibeguard_core::{Confidence, Fix, RuleDoc, RuleInfo, Severity};

/// Static metadata of a code rule.
pub struct Meta {
    pub id: &'static str,
    pub title: &'static str,
    pub cwe: &'static [u32],
    pub severity: Severity,
    pub confidence: Confidence,
    pub message: &'static str,
    pub langs: &'static [Lang],
    /// Words that must appear in the file for the rule to run (cheap prefilter).
    pub keywords: &'static [&'static str],
}

/// One file as a rule sees it. Hits that start inside a comment are dropped afterwards,
/// so rules match on the source text as it is.
pub struct CodeFile<'a> {
    pub lang: Lang,
    /// Path relative to the scan root (config rules look at where a file lives).
    pub path: &'a str,
    pub text: &'a str,
}

/// One match: the byte range to report and an optional fix.
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub fix: Option<Fix>,
}

pub trait CodeRule: Send + Sync {
    fn meta(&self) -> &'static Meta;
    /// The rule's documentation (its doc comment, with the four standard headings).
    fn doc(&self) -> &'static str;
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>);

    fn info(&self) -> RuleInfo {
        let m = self.meta();
        RuleInfo {
            id: m.id.to_string(),
            title: m.title.to_string(),
            cwe: m.cwe.to_vec(),
            severity: m.severity,
            confidence: m.confidence,
            message: m.message.to_string(),
            doc: parse_doc(self.doc()),
            tags: vec![
                self.meta()
                    .id
                    .split('/')
                    .next()
                    .unwrap_or("code")
                    .to_string(),
            ],
        }
    }
}

/// Declare a rule struct whose doc comment is also its runtime documentation, so the
/// text is written once.
#[macro_export]
macro_rules! code_rule {
    ($(#[doc = $doc:literal])* $name:ident) => {
        $(#[doc = $doc])*
        pub struct $name;
        impl $name {
            pub const DOC: &'static str = concat!($($doc, "\n"),*);
        }
    };
}

/// Split a doc comment into the four headings.
pub fn parse_doc(doc: &str) -> RuleDoc {
    let mut d = RuleDoc::default();
    let mut current: Option<&mut String> = None;
    for line in doc.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        match line.trim() {
            "## What it does" => current = Some(&mut d.what),
            "## Why is this bad?" => current = Some(&mut d.why),
            "## Example" => current = Some(&mut d.example),
            "## Use instead" => current = Some(&mut d.use_instead),
            _ => {
                if let Some(buf) = current.as_deref_mut() {
                    if line.trim_start().starts_with("```") {
                        continue;
                    }
                    buf.push_str(line);
                    buf.push('\n');
                }
            }
        }
    }
    for s in [&mut d.what, &mut d.why, &mut d.example, &mut d.use_instead] {
        *s = s.trim().to_string();
    }
    d
}
