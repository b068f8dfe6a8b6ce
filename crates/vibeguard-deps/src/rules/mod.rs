//! The dependency rules, one per file, each documented in its doc comment (the text
//! `vibeguard explain` prints and SARIF carries).

mod hallucinated_package;
mod lockfile_error;
mod malicious;
mod new_release;
mod typosquat;
mod vulnerable;

use vibeguard_core::{Confidence, RuleDoc, RuleInfo, Severity};

/// Declare a rule whose doc comment is also its runtime documentation.
macro_rules! deps_rule {
    ($(#[doc = $doc:literal])* $name:ident) => {
        $(#[doc = $doc])*
        pub struct $name;
        impl $name {
            pub const DOC: &'static str = concat!($($doc, "\n"),*);
        }
    };
}
pub(crate) use deps_rule;

/// Static metadata of one rule.
pub struct Meta {
    pub id: &'static str,
    pub title: &'static str,
    pub cwe: &'static [u32],
    pub severity: Severity,
    pub confidence: Confidence,
    pub message: &'static str,
}

impl Meta {
    pub fn info(&self, doc: &str) -> RuleInfo {
        RuleInfo {
            id: self.id.to_string(),
            title: self.title.to_string(),
            cwe: self.cwe.to_vec(),
            severity: self.severity,
            confidence: self.confidence,
            message: self.message.to_string(),
            doc: parse_doc(doc),
            tags: vec!["deps".to_string(), "supply-chain".to_string()],
        }
    }
}

/// Split a doc comment into the four standard headings.
fn parse_doc(doc: &str) -> RuleDoc {
    let mut d = RuleDoc::default();
    let mut cur: Option<&mut String> = None;
    for line in doc.lines() {
        let l = line.strip_prefix(' ').unwrap_or(line);
        match l.trim() {
            "## What it does" => cur = Some(&mut d.what),
            "## Why is this bad?" => cur = Some(&mut d.why),
            "## Example" => cur = Some(&mut d.example),
            "## Use instead" => cur = Some(&mut d.use_instead),
            _ => {
                if let Some(s) = cur.as_deref_mut() {
                    if l.trim_start().starts_with("```") {
                        continue;
                    }
                    s.push_str(l);
                    s.push('\n');
                }
            }
        }
    }
    for s in [&mut d.what, &mut d.why, &mut d.example, &mut d.use_instead] {
        *s = s.trim().to_string();
    }
    d
}

pub use hallucinated_package::META as HALLUCINATED;
pub use lockfile_error::META as LOCKFILE_ERROR;
pub use malicious::META as MALICIOUS;
pub use new_release::META as NEW_RELEASE;
pub use typosquat::META as TYPOSQUAT;
pub use vulnerable::META as VULNERABLE;

/// Every dependency rule.
pub fn all() -> Vec<RuleInfo> {
    vec![
        vulnerable::META.info(vulnerable::Vulnerable::DOC),
        malicious::META.info(malicious::Malicious::DOC),
        hallucinated_package::META.info(hallucinated_package::HallucinatedPackage::DOC),
        typosquat::META.info(typosquat::Typosquat::DOC),
        new_release::META.info(new_release::NewRelease::DOC),
        lockfile_error::META.info(lockfile_error::LockfileError::DOC),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_has_all_four_headings() {
        for r in super::all() {
            assert!(r.id.starts_with("deps/"), "{}", r.id);
            for (h, t) in [
                ("what", &r.doc.what),
                ("why", &r.doc.why),
                ("example", &r.doc.example),
                ("use instead", &r.doc.use_instead),
            ] {
                assert!(!t.is_empty(), "{} has no {h}", r.id);
            }
        }
    }
}
