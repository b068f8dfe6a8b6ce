//! Insecure configuration and infrastructure: privileged containers, Docker socket
//! mounts, host namespaces, world-open ingress, public buckets, and GitHub Actions
//! workflows that run untrusted code or splice untrusted text into scripts.
//!
//! The rules share the lexical rule framework of vibeguard-code (keyword prefilter,
//! comment masking, one rule per file with its documentation in its doc comment).

mod rules;

use vibeguard_code::RuleSetAnalyzer;

/// The configuration analyzer: every built-in configuration rule except the ids in
/// `disabled`.
pub fn config_analyzer(disabled: &[String]) -> RuleSetAnalyzer {
    RuleSetAnalyzer::new("config", rules::all(), disabled)
}
