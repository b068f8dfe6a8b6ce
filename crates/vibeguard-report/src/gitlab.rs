//! GitLab's SAST security report (`artifacts:reports:sast`), schema version 15.
//!
//! GitLab does not read SARIF into its security dashboards and merge-request widgets; it
//! reads its own report format. Every finding becomes one vulnerability with the rule id
//! as its primary identifier, CWE identifiers after it, the file and line range, and the
//! fix's description as the solution. Secrets stay redacted (the message and the rule
//! documentation never hold the raw value). Timestamps are UTC without a zone suffix,
//! as the schema's pattern requires.

use crate::Report;
use serde::Serialize;
use vibeguard_core::{Finding, Severity};

/// The schema version written; GitLab 16 and later accept 15.0.x reports.
pub const GITLAB_SCHEMA_VERSION: &str = "15.0.6";

#[derive(Serialize)]
struct Doc<'a> {
    version: &'static str,
    scan: Scan<'a>,
    vulnerabilities: Vec<Vulnerability<'a>>,
}

#[derive(Serialize)]
struct Scan<'a> {
    analyzer: Tool<'a>,
    scanner: Tool<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
    start_time: String,
    end_time: String,
    status: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    id: &'static str,
    name: &'static str,
    version: &'a str,
    vendor: Vendor,
}

#[derive(Serialize)]
struct Vendor {
    name: &'static str,
}

#[derive(Serialize)]
struct Vulnerability<'a> {
    id: &'a str,
    name: String,
    description: String,
    severity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    solution: Option<&'a str>,
    location: Location<'a>,
    identifiers: Vec<Identifier>,
}

#[derive(Serialize)]
struct Location<'a> {
    file: &'a str,
    start_line: u32,
    end_line: u32,
}

#[derive(Serialize)]
struct Identifier {
    #[serde(rename = "type")]
    kind: String,
    name: String,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::Info => "Info",
    }
}

/// GitLab's names are at most 255 characters.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

fn vulnerability<'a>(r: &Report<'a>, f: &'a Finding) -> Vulnerability<'a> {
    let rule = r.rule(&f.rule_id);
    let title = rule.map(|i| i.title.as_str()).unwrap_or(f.rule_id.as_str());
    let mut description = f.message.clone();
    if let Some(info) = rule {
        for part in [&info.doc.why, &info.doc.use_instead] {
            if !part.is_empty() {
                description.push_str("\n\n");
                description.push_str(part);
            }
        }
    }
    let mut identifiers = vec![Identifier {
        kind: "vibeguard_rule_id".into(),
        name: format!("vibeguard {}", f.rule_id),
        value: f.rule_id.clone(),
        url: None,
    }];
    for cwe in rule.map(|i| i.cwe.as_slice()).unwrap_or_default() {
        identifiers.push(Identifier {
            kind: "cwe".into(),
            name: format!("CWE-{cwe}"),
            value: cwe.to_string(),
            url: Some(format!("https://cwe.mitre.org/data/definitions/{cwe}.html")),
        });
    }
    identifiers.extend(
        f.properties
            .tags
            .iter()
            .filter_map(|id| advisory_identifier(id)),
    );
    Vulnerability {
        id: &f.fingerprint,
        name: clip(title, 255),
        description: clip(&description, 1_048_576),
        severity: severity(f.severity),
        solution: f.fix.as_ref().map(|x| x.description.as_str()),
        location: Location {
            file: &f.location.path,
            start_line: f.location.line.max(1),
            end_line: f.location.end_line.max(f.location.line).max(1),
        },
        identifiers,
    }
}

/// An advisory id a dependency finding carries (`CVE-...`, `GHSA-...`, `RUSTSEC-...`) as a
/// GitLab identifier with its public page, so GitLab links and deduplicates by it.
fn advisory_identifier(id: &str) -> Option<Identifier> {
    let (prefix, _) = id.split_once('-')?;
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let url = match prefix {
        "CVE" => format!("https://www.cve.org/CVERecord?id={id}"),
        "GHSA" => format!("https://github.com/advisories/{id}"),
        _ => format!("https://osv.dev/vulnerability/{id}"),
    };
    Some(Identifier {
        kind: prefix.to_ascii_lowercase(),
        name: id.to_string(),
        value: id.to_string(),
        url: Some(url),
    })
}

/// A time as GitLab's schema wants it: UTC, `YYYY-MM-DDTHH:MM:SS`.
fn utc(t: jiff::Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

/// The report as GitLab's `gl-sast-report.json`: the scan ended now and started its
/// wall-clock time ago.
pub fn render(r: &Report<'_>) -> String {
    let end = jiff::Timestamp::now();
    let start = jiff::SignedDuration::try_from(r.stats.wall)
        .ok()
        .and_then(|d| end.checked_sub(d).ok())
        .unwrap_or(end);
    render_at(r, &utc(start), &utc(end))
}

fn render_at(r: &Report<'_>, start: &str, end: &str) -> String {
    let tool = || Tool {
        id: "vibeguard",
        name: "vibeguard",
        version: r.tool_version,
        vendor: Vendor { name: "vibeguard" },
    };
    let doc = Doc {
        version: GITLAB_SCHEMA_VERSION,
        scan: Scan {
            analyzer: tool(),
            scanner: tool(),
            kind: "sast",
            start_time: start.to_string(),
            end_time: end.to_string(),
            status: "success",
        },
        vulnerabilities: r.findings.iter().map(|f| vulnerability(r, f)).collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("report serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{TOKEN, finding, rule};
    use vibeguard_core::pipeline::ScanStats;

    /// The parts of GitLab's published SAST schema (v15) that an import checks first:
    /// required keys, enums, the timestamp pattern and minimum lengths.
    fn schema() -> serde_json::Value {
        let named = serde_json::json!({"type": "string", "minLength": 1});
        let tool = serde_json::json!({
            "type": "object",
            "required": ["id", "name", "version", "vendor"],
            "properties": {
                "id": named, "name": named, "version": named,
                "vendor": {"type": "object", "required": ["name"], "properties": {"name": named}}
            }
        });
        let time = serde_json::json!({
            "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$"
        });
        serde_json::json!({
            "type": "object",
            "required": ["version", "scan", "vulnerabilities"],
            "properties": {
                "version": {"type": "string", "pattern": "^15\\.\\d+\\.\\d+$"},
                "scan": {
                    "type": "object",
                    "required": ["analyzer", "scanner", "type", "start_time", "end_time", "status"],
                    "properties": {
                        "analyzer": tool, "scanner": tool,
                        "type": {"const": "sast"},
                        "start_time": time, "end_time": time,
                        "status": {"enum": ["success", "failure"]}
                    }
                },
                "vulnerabilities": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "identifiers", "location", "severity"],
                        "properties": {
                            "id": named,
                            "name": {"type": "string", "maxLength": 255},
                            "severity": {"enum": ["Info", "Unknown", "Low", "Medium", "High", "Critical"]},
                            "location": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": named,
                                    "start_line": {"type": "integer", "minimum": 1},
                                    "end_line": {"type": "integer", "minimum": 1}
                                }
                            },
                            "identifiers": {
                                "type": "array", "minItems": 1,
                                "items": {
                                    "type": "object",
                                    "required": ["type", "name", "value"],
                                    "properties": {"type": named, "name": named, "value": named}
                                }
                            }
                        }
                    }
                }
            }
        })
    }

    #[test]
    fn a_report_matches_the_gitlab_sast_schema_and_keeps_the_secret_out() {
        let rules = [rule()];
        let findings = [finding("app/config.py", 3, TOKEN)];
        let stats = ScanStats::default();
        let report = Report {
            findings: &findings,
            rules: &rules,
            stats: &stats,
            warnings: &[],
            show_secrets: false,
            tool_version: "0.1.0",
        };
        let text = render(&report);
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let validator = jsonschema::validator_for(&schema()).unwrap();
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        let v = &doc["vulnerabilities"][0];
        assert_eq!(v["severity"], "High");
        assert_eq!(v["location"]["file"], "app/config.py");
        assert_eq!(v["location"]["start_line"], 3);
        assert_eq!(v["identifiers"][0]["value"], "secrets/test-token");
        assert_eq!(v["identifiers"][1]["name"], "CWE-798");
        assert!(!text.contains(TOKEN), "raw secret in the report");
    }

    #[test]
    fn advisory_ids_become_identifiers_with_their_pages() {
        let mut f = finding("requirements.txt", 2, TOKEN);
        f.secret = None;
        f.properties.tags = vec!["GHSA-2gwj-7jmv-h26r".into(), "CVE-2022-34265".into()];
        let findings = [f];
        let stats = ScanStats::default();
        let report = Report {
            findings: &findings,
            rules: &[],
            stats: &stats,
            warnings: &[],
            show_secrets: false,
            tool_version: "0.1.0",
        };
        let doc: serde_json::Value = serde_json::from_str(&render(&report)).unwrap();
        let validator = jsonschema::validator_for(&schema()).unwrap();
        assert!(validator.is_valid(&doc));
        let ids = &doc["vulnerabilities"][0]["identifiers"];
        assert_eq!(ids[1]["type"], "ghsa", "{ids}");
        assert_eq!(
            ids[1]["url"],
            "https://github.com/advisories/GHSA-2gwj-7jmv-h26r"
        );
        assert_eq!(ids[2]["type"], "cve", "{ids}");
        assert_eq!(ids[2]["value"], "CVE-2022-34265");
    }

    #[test]
    fn the_scan_starts_its_wall_clock_time_before_it_ends() {
        let stats = ScanStats {
            wall: std::time::Duration::from_secs(90),
            ..ScanStats::default()
        };
        let report = Report {
            findings: &[],
            rules: &[],
            stats: &stats,
            warnings: &[],
            show_secrets: false,
            tool_version: "0.1.0",
        };
        let doc: serde_json::Value = serde_json::from_str(&render(&report)).unwrap();
        let at = |k: &str| {
            let t: jiff::civil::DateTime = doc["scan"][k].as_str().unwrap().parse().unwrap();
            t.to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp()
        };
        let took = at("end_time").as_second() - at("start_time").as_second();
        assert!((89..=91).contains(&took), "{took} s");
    }

    #[test]
    fn an_empty_scan_is_still_a_valid_report() {
        let stats = ScanStats::default();
        let report = Report {
            findings: &[],
            rules: &[],
            stats: &stats,
            warnings: &[],
            show_secrets: false,
            tool_version: "0.1.0",
        };
        let doc: serde_json::Value = serde_json::from_str(&render_at(
            &report,
            "2026-12-07T03:00:00",
            "2026-12-07T03:00:02",
        ))
        .unwrap();
        assert_eq!(doc["vulnerabilities"], serde_json::json!([]));
        assert_eq!(doc["scan"]["start_time"], "2026-12-07T03:00:00");
        assert_eq!(doc["scan"]["end_time"], "2026-12-07T03:00:02");
        let validator = jsonschema::validator_for(&schema()).unwrap();
        assert!(validator.is_valid(&doc));
    }
}
