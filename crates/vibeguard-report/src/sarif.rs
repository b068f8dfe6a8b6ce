//! SARIF 2.1.0 for code-scanning services: rule metadata (help text from the rule's
//! documentation, CWE tags, security-severity), results with relative locations, partial
//! fingerprints, the finding's own properties (a dependency finding's advisory ids as
//! tags, aliases, score and fixed version) and, where a finding has one, a fix.

use crate::{Report, sanitize::terminal_safe};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use vibeguard_core::pipeline::{SkipReason, SkippedFile};
use vibeguard_core::{Finding, RuleInfo, Severity};

pub const SARIF_SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// GitHub's `security-severity` scale (0.0-10.0) for our severities.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

/// `github-pat` -> `GithubPat`: SARIF's `name` is an identifier-like rule name.
fn pascal_name(id: &str) -> String {
    let slug = id.rsplit('/').next().unwrap_or(id);
    slug.split(['-', '_', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// A relative path as a URI reference: percent-encode everything but unreserved
/// characters and `/`. Absolute paths become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

fn rule_json(r: &RuleInfo) -> Value {
    let mut tags = vec!["security".to_string()];
    tags.extend(r.tags.iter().cloned());
    tags.extend(r.cwe.iter().map(|c| format!("external/cwe/cwe-{c}")));
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| seen.insert(t.clone()));
    let markdown = r.markdown();
    json!({
        "id": r.id,
        "name": pascal_name(&r.id),
        "shortDescription": { "text": r.title },
        "fullDescription": { "text": if r.doc.what.trim().is_empty() { r.message.as_str() } else { r.doc.what.trim() } },
        "help": { "text": markdown, "markdown": markdown },
        "defaultConfiguration": { "level": r.severity.sarif_level() },
        "properties": {
            "tags": tags,
            "precision": precision(r.confidence),
            "security-severity": security_severity(r.severity),
        }
    })
}

fn precision(c: vibeguard_core::Confidence) -> &'static str {
    match c {
        vibeguard_core::Confidence::High => "high",
        vibeguard_core::Confidence::Medium => "medium",
        vibeguard_core::Confidence::Low => "low",
    }
}

/// Metadata for a rule id that no analyzer listed (should not happen; keeps SARIF valid).
fn fallback_rule(f: &Finding) -> RuleInfo {
    RuleInfo {
        id: f.rule_id.clone(),
        title: f.message.clone(),
        cwe: Vec::new(),
        severity: f.severity,
        confidence: f.confidence,
        message: f.message.clone(),
        doc: Default::default(),
        tags: Vec::new(),
    }
}

fn result_json(f: &Finding, rule_index: usize) -> Value {
    let l = &f.location;
    let uri = path_to_uri(&l.path);
    let mut region = json!({
        "startLine": l.line.max(1),
        "startColumn": l.column.max(1),
        "endLine": l.end_line.max(l.line).max(1),
        "endColumn": l.end_column.max(1),
    });
    let snippet = terminal_safe(&f.snippet);
    if !snippet.is_empty() {
        region["snippet"] = json!({ "text": snippet });
    }
    let mut result = json!({
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "level": f.severity.sarif_level(),
        "message": { "text": f.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
                "region": region,
            }
        }],
        "partialFingerprints": { "vibeguard/v1": f.fingerprint },
    });
    let mut props = serde_json::Map::new();
    props.insert("severity".into(), json!(f.severity.as_str()));
    props.insert("confidence".into(), json!(f.confidence.as_str()));
    if let Some(s) = &f.secret {
        props.insert("redactedSecret".into(), json!(s.redacted));
        props.insert("secretSha256".into(), json!(s.sha256));
    }
    if let Some(p) = &f.provenance {
        props.insert("provenance".into(), json!(p));
    }
    for (k, v) in &f.properties.values {
        props.entry(k.clone()).or_insert_with(|| v.clone());
    }
    if !f.properties.tags.is_empty() {
        let mut seen = std::collections::HashSet::new();
        let tags: Vec<&String> = f
            .properties
            .tags
            .iter()
            .filter(|t| seen.insert(*t))
            .collect();
        props.insert("tags".into(), json!(tags));
    }
    result["properties"] = Value::Object(props);
    if !f.flow.is_empty() {
        result["codeFlows"] = code_flows(f);
    }
    if let Some(fix) = &f.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                json!({
                    "deletedRegion": {
                        "byteOffset": e.byte_start,
                        "byteLength": e.byte_end.saturating_sub(e.byte_start),
                    },
                    "insertedContent": { "text": e.replacement },
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": { "text": fix.description },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
                "replacements": replacements,
            }],
        }]);
    }
    result
}

/// A file the scan did not look into, as a notification on that file: code scanning shows
/// it, so a secret in a skipped file is not a surprise. A file too large to scan is a
/// warning (it may well hold code); binaries and symlinks are notes.
fn skipped_notification(f: &SkippedFile) -> Value {
    let size = f.size.map(|n| format!(", {n} bytes")).unwrap_or_default();
    json!({
        "level": if f.reason == SkipReason::TooLarge { "warning" } else { "note" },
        "message": { "text": format!("not scanned ({}{size}): {}", f.reason.as_str(), f.path) },
        "descriptor": { "id": format!("vibeguard/skipped-{}", f.reason.as_str()) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": path_to_uri(&f.path), "uriBaseId": "%SRCROOT%" },
            }
        }],
    })
}

/// A finding's data-flow path as one SARIF code flow: each hop a thread-flow location
/// with its file, line and what happens there.
fn code_flows(f: &Finding) -> Value {
    let locations: Vec<Value> = f
        .flow
        .iter()
        .map(|s| {
            json!({
                "location": {
                    "physicalLocation": {
                        "artifactLocation": { "uri": path_to_uri(&s.path), "uriBaseId": "%SRCROOT%" },
                        "region": { "startLine": s.line.max(1), "startColumn": s.column.max(1) },
                    },
                    "message": { "text": s.note },
                }
            })
        })
        .collect();
    json!([{
        "message": { "text": f.message },
        "threadFlows": [{ "locations": locations }],
    }])
}

/// Render the report as SARIF 2.1.0 (pretty-printed, trailing newline). The driver's
/// rules are the rules that have results, in id order; results refer to them by index.
pub fn render(r: &Report<'_>) -> String {
    let mut used: BTreeMap<&str, RuleInfo> = BTreeMap::new();
    for f in r.findings {
        if !used.contains_key(f.rule_id.as_str()) {
            let info = r
                .rule(&f.rule_id)
                .cloned()
                .unwrap_or_else(|| fallback_rule(f));
            used.insert(&f.rule_id, info);
        }
    }
    let index: BTreeMap<&str, usize> = used.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let rules: Vec<Value> = used.values().map(rule_json).collect();
    let results: Vec<Value> = r
        .findings
        .iter()
        .map(|f| result_json(f, index[f.rule_id.as_str()]))
        .collect();
    let mut notifications: Vec<Value> = r
        .warnings
        .iter()
        .map(|w| json!({ "level": "warning", "message": { "text": w } }))
        .collect();
    notifications.extend(r.stats.skipped.iter().map(skipped_notification));
    let doc = json!({
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "vibeguard",
                    "semanticVersion": r.tool_version,
                    "version": r.tool_version,
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "The scanned root." } } },
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("SARIF serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(pascal_name("secrets/github-pat"), "GithubPat");
        assert_eq!(path_to_uri("src/my file#1.py"), "src/my%20file%231.py");
        assert_eq!(path_to_uri("/tmp/a.py"), "file:///tmp/a.py");
    }
}
