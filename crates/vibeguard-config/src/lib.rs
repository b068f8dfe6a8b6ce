//! Insecure configuration and infrastructure: privileged containers, Docker socket
//! mounts, host namespaces, world-open ingress, public buckets, and GitHub Actions
//! workflows that run untrusted code or splice untrusted text into scripts.
//!
//! The rules share the lexical rule framework of vibeguard-code (keyword prefilter,
//! comment masking, one rule per file with its documentation in its doc comment).

mod rules;

use vibeguard_code::RuleSetAnalyzer;
use vibeguard_core::{AnalyzeContext, Analyzer, RuleInfo, SourceFile};

/// Every built-in configuration rule.
pub struct ConfigAnalyzer(RuleSetAnalyzer);

impl Default for ConfigAnalyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl ConfigAnalyzer {
    pub fn new() -> ConfigAnalyzer {
        Self::with_disabled(&[])
    }

    pub fn with_disabled(disabled: &[String]) -> ConfigAnalyzer {
        ConfigAnalyzer(RuleSetAnalyzer::new("config", rules::all(), disabled))
    }
}

impl Analyzer for ConfigAnalyzer {
    fn name(&self) -> &'static str {
        self.0.name()
    }
    fn rules(&self) -> Vec<RuleInfo> {
        self.0.rules()
    }
    fn wants(&self, path: &str) -> bool {
        self.0.wants(path)
    }
    fn analyze(&self, file: &SourceFile<'_>, cx: &mut AnalyzeContext) {
        self.0.analyze(file, cx)
    }
}
