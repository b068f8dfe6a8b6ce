//! The rules the gate engine itself reports (as opposed to the shell analysis's `gate/*`
//! rules in vibeguard-shell): what happens when an action cannot be judged, tools outside
//! the shell, MCP calls and changes to the agent's own settings. One file per rule, its
//! documentation in the doc comment; [`all`] is what `vibeguard rules` lists and
//! `vibeguard explain` prints.

use vibeguard_core::{Confidence, RuleDoc, RuleInfo, Severity, Tier};

/// Static description of one engine rule.
pub struct RuleMeta {
    pub id: &'static str,
    pub title: &'static str,
    /// The usual tier; a finding may carry another (an MCP decision sets its own).
    pub tier: Tier,
    pub cwe: &'static [u32],
    /// The doc comment: Markdown with the four standard headings.
    pub doc: &'static str,
}

/// Declare a rule marker type whose doc comment is also its runtime documentation.
macro_rules! engine_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            title: $title:literal,
            tier: $tier:ident,
            cwe: [$($cwe:literal),*] $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;
        impl $name {
            pub const ID: &'static str = $id;
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                title: $title,
                tier: vibeguard_core::Tier::$tier,
                cwe: &[$($cwe),*],
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

pub mod analyzer_unavailable;
pub mod cwd_unavailable;
pub mod edit_unverifiable;
pub mod fail_closed;
pub mod guard_config_unreadable;
pub mod guard_disabled;
pub mod guard_removed;
pub mod mcp_call;
pub mod mcp_destructive_tool;
pub mod mcp_policy;
pub mod patch_unparsed;
pub mod shell_unparsed;
pub mod unknown_tool;
pub mod unverified_package;
pub mod write_outside_scope;

/// Every engine rule, in a stable order.
pub fn all() -> Vec<&'static RuleMeta> {
    vec![
        &fail_closed::FailClosed::META,
        &analyzer_unavailable::AnalyzerUnavailable::META,
        &shell_unparsed::ShellUnparsed::META,
        &cwd_unavailable::CwdUnavailable::META,
        &write_outside_scope::WriteOutsideScope::META,
        &edit_unverifiable::EditUnverifiable::META,
        &patch_unparsed::PatchUnparsed::META,
        &mcp_policy::McpPolicy::META,
        &mcp_call::McpCall::META,
        &mcp_destructive_tool::McpDestructiveTool::META,
        &unknown_tool::UnknownTool::META,
        &guard_disabled::GuardDisabled::META,
        &guard_config_unreadable::GuardConfigUnreadable::META,
        &guard_removed::GuardRemoved::META,
        &unverified_package::UnverifiedPackage::META,
    ]
}

/// The rule as `vibeguard rules` and `vibeguard explain` show it.
pub fn info(m: &RuleMeta) -> RuleInfo {
    RuleInfo {
        id: m.id.to_string(),
        title: m.title.to_string(),
        cwe: m.cwe.to_vec(),
        severity: match m.tier {
            Tier::Low => Severity::Low,
            Tier::Medium => Severity::Medium,
            Tier::High => Severity::High,
        },
        confidence: Confidence::High,
        message: m.title.to_string(),
        doc: RuleDoc::from_markdown(m.doc),
        tags: vec!["gate".to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_engine_rule_is_documented_once() {
        let mut ids = std::collections::HashSet::new();
        for m in all() {
            // The package check's verdict sits with the dependency rules it complements.
            let package_rule = m.id == unverified_package::UnverifiedPackage::ID;
            assert!(m.id.starts_with("gate/") || package_rule, "{}", m.id);
            assert!(ids.insert(m.id), "{} listed twice", m.id);
            assert!(info(m).doc.is_complete(), "{} lacks a doc section", m.id);
        }
        let full: Vec<String> = crate::rules().into_iter().map(|r| r.id).collect();
        assert_eq!(
            crate::rule_ids(),
            full,
            "the cheap id list and the catalogue agree"
        );
        let shell: Vec<String> = vibeguard_shell::rules().into_iter().map(|r| r.id).collect();
        for id in &ids {
            assert!(!shell.iter().any(|s| s == id), "{id} is also a shell rule");
        }
    }
}
