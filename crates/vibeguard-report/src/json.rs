//! The JSON report: a stable, versioned schema documented in docs/json-schema.md.
//!
//! The shape is defined here by its own structs (not by serializing `Finding`), so a
//! change inside the core cannot silently change what users' scripts read. Additive
//! changes keep `version`; anything else bumps it.

use crate::{Report, display_snippet};
use serde::Serialize;
use std::collections::BTreeMap;
use vibeguard_core::{Finding, Fix, FlowStep, Properties, Provenance};

/// Version of the JSON report schema.
pub const JSON_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool<'a>,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
    warnings: &'a [String],
    /// Files not scanned (binary, too large, symlinks), so what was not checked is known.
    skipped: Vec<JsonSkipped<'a>>,
}

#[derive(Serialize)]
struct JsonSkipped<'a> {
    path: &'a str,
    reason: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<u64>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule_id: &'a str,
    title: Option<&'a str>,
    severity: &'static str,
    confidence: &'static str,
    message: &'a str,
    cwe: Vec<String>,
    location: JsonLocation<'a>,
    snippet: String,
    fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<JsonSecret<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<&'a Provenance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a Fix>,
    /// Data-flow path of a code finding, from where input enters to the sink.
    #[serde(skip_serializing_if = "<[FlowStep]>::is_empty")]
    flow: &'a [FlowStep],
    /// Structured facts (a dependency finding's advisory ids, aliases, score, fixed
    /// version); absent when the finding has none.
    #[serde(skip_serializing_if = "Properties::is_empty")]
    properties: &'a Properties,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    byte_start: usize,
    byte_end: usize,
}

#[derive(Serialize)]
struct JsonSecret<'a> {
    redacted: &'a str,
    sha256: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    raw: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    findings: usize,
    by_severity: BTreeMap<&'static str, usize>,
    files_scanned: u64,
    bytes_scanned: u64,
    skipped_binary: u64,
    skipped_large: u64,
    skipped_symlinks: u64,
    unreadable: u64,
    suppressed_inline: u64,
    suppressed_baseline: u64,
    duration_ms: u64,
}

fn finding<'a>(r: &Report<'a>, f: &'a Finding) -> JsonFinding<'a> {
    let rule = r.rule(&f.rule_id);
    let l = &f.location;
    JsonFinding {
        rule_id: &f.rule_id,
        title: rule.map(|r| r.title.as_str()),
        severity: f.severity.as_str(),
        confidence: f.confidence.as_str(),
        message: &f.message,
        cwe: rule
            .map(|r| r.cwe.iter().map(|c| format!("CWE-{c}")).collect())
            .unwrap_or_default(),
        location: JsonLocation {
            path: &l.path,
            line: l.line,
            column: l.column,
            end_line: l.end_line,
            end_column: l.end_column,
            byte_start: l.byte_start,
            byte_end: l.byte_end,
        },
        snippet: display_snippet(f, r.show_secrets),
        fingerprint: &f.fingerprint,
        secret: f.secret.as_ref().map(|s| JsonSecret {
            redacted: &s.redacted,
            sha256: &s.sha256,
            raw: r.show_secrets.then_some(s.raw.as_str()),
        }),
        provenance: f.provenance.as_ref(),
        fix: f.fix.as_ref(),
        flow: &f.flow,
        properties: &f.properties,
    }
}

/// Render the report as pretty-printed JSON (with a trailing newline).
pub fn render(r: &Report<'_>) -> String {
    let st = r.stats;
    let doc = Doc {
        version: JSON_SCHEMA_VERSION,
        tool: Tool {
            name: "vibeguard",
            version: r.tool_version,
        },
        findings: r.findings.iter().map(|f| finding(r, f)).collect(),
        summary: Summary {
            findings: r.findings.len(),
            by_severity: r.counts().iter().map(|(s, n)| (s.as_str(), *n)).collect(),
            files_scanned: st.files_scanned,
            bytes_scanned: st.bytes_scanned,
            skipped_binary: st.skipped_binary,
            skipped_large: st.skipped_large,
            skipped_symlinks: st.skipped_symlinks,
            unreadable: st.unreadable,
            suppressed_inline: st.suppressed_inline,
            suppressed_baseline: st.suppressed_baseline,
            duration_ms: st.wall.as_millis() as u64,
        },
        warnings: r.warnings,
        skipped: st
            .skipped
            .iter()
            .map(|f| JsonSkipped {
                path: &f.path,
                reason: f.reason.as_str(),
                size: f.size,
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("report serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{finding as mk, rule, with_extras};
    use vibeguard_core::pipeline::{ScanStats, SkipReason};

    #[test]
    fn documented_fields_and_no_raw_secret_by_default() {
        let secret = crate::testdata::TOKEN;
        let fs = [with_extras(mk("a.py", 2, secret))];
        let rules = [rule()];
        let mut st = ScanStats::default();
        st.skip("logo.png", SkipReason::Binary, Some(29));
        st.skip("link", SkipReason::Symlink, None);
        let mut r = Report {
            findings: &fs,
            rules: &rules,
            stats: &st,
            warnings: &[],
            show_secrets: false,
            tool_version: "1.2.3",
        };
        let text = render(&r);
        assert!(!text.contains(secret));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["tool"]["version"], "1.2.3");
        let f = &v["findings"][0];
        assert_eq!(f["rule_id"], "secrets/test-token");
        assert_eq!(f["cwe"][0], "CWE-798");
        assert_eq!(f["location"]["line"], 2);
        assert_eq!(f["provenance"]["commit"].as_str().unwrap().len(), 40);
        assert!(f["secret"].get("raw").is_none());
        assert_eq!(v["summary"]["by_severity"]["high"], 1);
        assert_eq!(
            v["skipped"],
            serde_json::json!([
                {"path": "logo.png", "reason": "binary", "size": 29},
                {"path": "link", "reason": "symlink"},
            ])
        );
        assert_eq!(v["summary"]["skipped_binary"], 1);
        r.show_secrets = true;
        let shown: serde_json::Value = serde_json::from_str(&render(&r)).unwrap();
        assert_eq!(shown["findings"][0]["secret"]["raw"], secret);
    }
}
