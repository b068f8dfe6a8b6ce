//! Reporters: compiler-style text, a documented JSON schema, SARIF 2.1.0, Markdown (PR
//! comments, job summaries), GitHub workflow annotations and a self-contained HTML report.
//!
//! Every reporter takes the same [`Report`] and returns a string; the CLI decides where it
//! goes. Raw secrets appear only when the report says `show_secrets`, and untrusted text
//! (snippets, paths, messages) is escaped for its format: control and escape characters
//! are stripped from terminal text, JSON and SARIF escape through serde.

pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sanitize;
pub mod sarif;
pub mod text;

use vibeguard_core::pipeline::ScanStats;
use vibeguard_core::{Finding, RuleInfo, Severity};

/// Everything a reporter needs about one scan.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// Findings in the order to print them (the pipeline sorts them).
    pub findings: &'a [Finding],
    /// Metadata of every rule that may appear (for titles, CWE and SARIF rules).
    pub rules: &'a [RuleInfo],
    pub stats: &'a ScanStats,
    pub warnings: &'a [String],
    /// Print raw secrets (`--show-secrets`).
    pub show_secrets: bool,
    /// The tool's version, e.g. `env!("CARGO_PKG_VERSION")`.
    pub tool_version: &'a str,
}

impl<'a> Report<'a> {
    pub fn rule(&self, id: &str) -> Option<&'a RuleInfo> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Finding counts per severity, most severe first.
    pub fn counts(&self) -> [(Severity, usize); 5] {
        let mut out = [
            (Severity::Critical, 0),
            (Severity::High, 0),
            (Severity::Medium, 0),
            (Severity::Low, 0),
            (Severity::Info, 0),
        ];
        for f in self.findings {
            if let Some(slot) = out.iter_mut().find(|(s, _)| *s == f.severity) {
                slot.1 += 1;
            }
        }
        out
    }
}

/// The snippet as it may be shown: redacted unless `show_secrets`, in which case the
/// redacted secret is put back to its raw value.
pub fn display_snippet(f: &Finding, show_secrets: bool) -> String {
    match &f.secret {
        Some(s) if show_secrets && !s.raw.is_empty() && !s.redacted.is_empty() => {
            f.snippet.replacen(&s.redacted, &s.raw, 1)
        }
        _ => f.snippet.clone(),
    }
}

/// Human size: `512 B`, `4.0 KiB`, `1.2 MiB`, `3.4 GiB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut v = n as f64 / 1024.0;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    format!("{v:.1} {}", UNITS[u])
}

#[cfg(test)]
pub(crate) mod testdata;
