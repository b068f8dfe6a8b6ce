//! The SARIF output validates against the official SARIF 2.1.0 JSON schema (OASIS,
//! sarif-2.1/schema/sarif-schema-2.1.0.json, stored under tests/data).

use std::time::Duration;
use vibeguard_core::pipeline::{ScanStats, SkipReason};
use vibeguard_core::{
    Confidence, Finding, Fix, FlowStep, Location, Properties, Provenance, RuleDoc, RuleInfo,
    SecretInfo, Severity, TextEdit,
};
use vibeguard_report::{Report, sarif};

fn schema() -> jsonschema::Validator {
    let text = include_str!("data/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the official schema compiles")
}

fn rule(id: &str, cwe: u32) -> RuleInfo {
    RuleInfo {
        id: id.into(),
        title: format!("Title of {id}"),
        cwe: vec![cwe],
        severity: Severity::Critical,
        confidence: Confidence::High,
        message: "message".into(),
        doc: RuleDoc {
            what: "What it does.".into(),
            why: "Why it is bad.".into(),
            example: "example".into(),
            use_instead: "use this".into(),
        },
        tags: vec!["secret".into()],
    }
}

fn finding(rule_id: &str, path: &str, line: u32, secret: &str) -> Finding {
    let s = SecretInfo::new(secret);
    Finding {
        rule_id: rule_id.into(),
        severity: Severity::Critical,
        confidence: Confidence::Medium,
        message: "a secret".into(),
        location: Location {
            path: path.into(),
            line,
            column: 5,
            end_line: line,
            end_column: 5 + secret.len() as u32,
            byte_start: 4,
            byte_end: 4 + secret.len(),
        },
        snippet: format!("k = {}", s.redacted),
        secret: Some(s),
        fingerprint: Finding::fingerprint_for(rule_id, path, secret.as_bytes()),
        provenance: None,
        fix: None,
        flow: Vec::new(),
        properties: Default::default(),
    }
}

fn render(findings: &[Finding], rules: &[RuleInfo], warnings: &[String]) -> serde_json::Value {
    let stats = ScanStats {
        wall: Duration::from_millis(5),
        ..ScanStats::default()
    };
    render_with(findings, rules, warnings, &stats)
}

fn render_with(
    findings: &[Finding],
    rules: &[RuleInfo],
    warnings: &[String],
    stats: &ScanStats,
) -> serde_json::Value {
    let r = Report {
        findings,
        rules,
        stats,
        warnings,
        show_secrets: false,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    serde_json::from_str(&sarif::render(&r)).unwrap()
}

fn assert_valid(doc: &serde_json::Value) {
    let v = schema();
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
}

#[test]
fn full_report_validates_and_carries_metadata() {
    let mut with_fix = finding(
        "secrets/b-token",
        "dir with space/ü.py",
        7,
        "bbbbbbbbbbbbbbbbbbbbbb",
    );
    with_fix.fix = Some(Fix {
        description: "use the environment".into(),
        edits: vec![TextEdit {
            byte_start: 4,
            byte_end: 26,
            replacement: "os.environ['B']".into(),
        }],
    });
    with_fix.provenance = Some(Provenance {
        commit: "0123456789abcdef0123456789abcdef01234567".into(),
        author: "Dev".into(),
        email: "dev@example.com".into(),
        date: "2026-01-02T03:04:05Z".into(),
        path: "dir with space/ü.py".into(),
    });
    with_fix.flow = vec![
        FlowStep {
            path: "dir with space/ü.py".into(),
            line: 3,
            column: 9,
            byte_start: 30,
            byte_end: 42,
            note: "`request.args`: request data".into(),
        },
        FlowStep {
            path: "lib/db.py".into(),
            line: 7,
            column: 5,
            byte_start: 80,
            byte_end: 100,
            note: "reaches `cur.execute(q)`".into(),
        },
    ];
    let findings = vec![
        finding("secrets/a-key", "src/a.py", 1, "aaaaaaaaaaaaaaaaaaaaaa"),
        with_fix,
        finding("secrets/unlisted", "b.env", 2, "cccccccccccccccccccccc"),
    ];
    let rules = vec![rule("secrets/a-key", 798), rule("secrets/b-token", 798)];
    let doc = render(&findings, &rules, &["x: cannot read: denied".to_string()]);
    assert_valid(&doc);

    let run = &doc["runs"][0];
    // The data-flow path is one code flow with a location per hop, across files.
    let flow = &run["results"][1]["codeFlows"][0]["threadFlows"][0]["locations"];
    assert_eq!(flow.as_array().unwrap().len(), 2);
    assert_eq!(
        flow[1]["location"]["physicalLocation"]["artifactLocation"]["uri"],
        "lib/db.py"
    );
    assert_eq!(
        flow[0]["location"]["message"]["text"],
        "`request.args`: request data"
    );
    assert!(run["results"][0].get("codeFlows").is_none());
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["rules"].as_array().unwrap().len(), 3);
    let a = &driver["rules"][0];
    assert_eq!(a["id"], "secrets/a-key");
    assert!(
        a["properties"]["tags"]
            .as_array()
            .unwrap()
            .contains(&"external/cwe/cwe-798".into())
    );
    assert_eq!(a["properties"]["security-severity"], "9.5");
    assert!(
        a["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why is this bad?")
    );
    let res = &run["results"][1];
    assert_eq!(res["ruleId"], "secrets/b-token");
    assert_eq!(res["ruleIndex"], 1);
    assert_eq!(res["level"], "error");
    assert_eq!(
        res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "dir%20with%20space/%C3%BC.py"
    );
    assert_eq!(
        res["partialFingerprints"]["vibeguard/v1"],
        findings[1].fingerprint.as_str()
    );
    assert_eq!(
        res["fixes"][0]["description"]["text"],
        "use the environment"
    );
    let text = doc.to_string();
    assert!(
        !text.contains("bbbbbbbbbbbbbbbbbbbbbb"),
        "raw secret in SARIF"
    );
}

#[test]
fn skipped_files_are_notifications_on_their_files() {
    let mut stats = ScanStats::default();
    stats.skip("big dump.sql", SkipReason::TooLarge, Some(20_000_000));
    stats.skip("logo.png", SkipReason::Binary, Some(29));
    stats.skip("link", SkipReason::Symlink, None);
    let doc = render_with(&[], &[], &["x: cannot read: denied".to_string()], &stats);
    assert_valid(&doc);
    let notes = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 4, "{notes:?}");
    let big = &notes[1];
    assert_eq!(big["level"], "warning");
    assert_eq!(big["descriptor"]["id"], "vibeguard/skipped-too-large");
    assert_eq!(
        big["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "big%20dump.sql"
    );
    assert!(
        big["message"]["text"]
            .as_str()
            .unwrap()
            .contains("not scanned (too-large, 20000000 bytes): big dump.sql")
    );
    assert_eq!(notes[2]["level"], "note");
    assert_eq!(notes[3]["descriptor"]["id"], "vibeguard/skipped-symlink");
}

#[test]
fn empty_report_validates() {
    assert_valid(&render(&[], &[], &[]));
}

#[test]
fn the_validator_rejects_broken_sarif() {
    // Guards against a validator that accepts anything.
    let mut doc = render(
        &[finding(
            "secrets/a-key",
            "a.py",
            1,
            "aaaaaaaaaaaaaaaaaaaaaa",
        )],
        &[],
        &[],
    );
    doc["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema().is_valid(&doc));
    let mut doc2 = render(&[], &[], &[]);
    doc2["version"] = "2.0".into();
    assert!(!schema().is_valid(&doc2));
}

#[test]
fn finding_properties_become_result_properties_and_tags() {
    let mut f = finding(
        "deps/vulnerable",
        "requirements.txt",
        1,
        "dddddddddddddddddddddd",
    );
    f.secret = None;
    let mut values = std::collections::BTreeMap::new();
    values.insert(
        "advisoryIds".into(),
        serde_json::json!(["GHSA-xxxx-yyyy-zzzz"]),
    );
    values.insert("aliases".into(), serde_json::json!(["CVE-2022-34265"]));
    values.insert("cvssScore".into(), serde_json::json!(9.8));
    values.insert("fixedVersion".into(), serde_json::json!("3.2.14"));
    // A property may not replace what the reporter itself states.
    values.insert("severity".into(), serde_json::json!("none"));
    f.properties = Properties {
        // A repeated tag is emitted once (the schema wants unique tags).
        tags: vec![
            "GHSA-xxxx-yyyy-zzzz".into(),
            "CVE-2022-34265".into(),
            "CVE-2022-34265".into(),
        ],
        values,
    };
    let plain = finding("secrets/a-key", "src/a.py", 1, "aaaaaaaaaaaaaaaaaaaaaa");
    let doc = render(&[f, plain], &[rule("secrets/a-key", 798)], &[]);
    assert_valid(&doc);
    let results = &doc["runs"][0]["results"];
    let dep = results
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "deps/vulnerable")
        .unwrap();
    let p = &dep["properties"];
    assert_eq!(p["advisoryIds"], serde_json::json!(["GHSA-xxxx-yyyy-zzzz"]));
    assert_eq!(p["aliases"], serde_json::json!(["CVE-2022-34265"]));
    assert_eq!(p["cvssScore"], serde_json::json!(9.8));
    assert_eq!(p["fixedVersion"], "3.2.14");
    assert_eq!(p["severity"], "critical");
    assert_eq!(
        p["tags"],
        serde_json::json!(["GHSA-xxxx-yyyy-zzzz", "CVE-2022-34265"])
    );
    let other = results
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "secrets/a-key")
        .unwrap();
    assert!(other["properties"].get("tags").is_none(), "{other}");
}
