//! Findings and rules shared by the reporter tests.

use vibeguard_core::{
    Confidence, Finding, Fix, Location, Provenance, RuleDoc, RuleInfo, SecretInfo, Severity,
    TextEdit,
};

/// The fake token the reporter tests redact.
pub const TOKEN: &str = "tt_9fQ2xLm4Zr7Kp1Vw"; // vibeguard: ignore[secrets/generic-token] fake value for tests

pub fn rule() -> RuleInfo {
    RuleInfo {
        id: "secrets/test-token".into(),
        title: "Test token".into(),
        cwe: vec![798],
        severity: Severity::High,
        confidence: Confidence::High,
        message: "test token in source".into(),
        doc: RuleDoc {
            what: "Flags test tokens.".into(),
            why: "Anyone who reads the code can use them (CWE-798).".into(),
            example: "token = \"tt_...\"".into(),
            use_instead: "Read the token from the environment.".into(),
        },
        tags: vec!["secret".into()],
    }
}

pub fn finding(path: &str, line: u32, secret: &str) -> Finding {
    let info = SecretInfo::new(secret);
    let col = 10;
    Finding {
        rule_id: "secrets/test-token".into(),
        severity: Severity::High,
        confidence: Confidence::High,
        message: "test token in source".into(),
        location: Location {
            path: path.into(),
            line,
            column: col,
            end_line: line,
            end_column: col + secret.len() as u32,
            byte_start: 100,
            byte_end: 100 + secret.len(),
        },
        snippet: format!("token = \"{}\"", info.redacted),
        secret: Some(info),
        fingerprint: Finding::fingerprint_for("secrets/test-token", path, secret.as_bytes()),
        provenance: None,
        fix: None,
        flow: Vec::new(),
        properties: Default::default(),
    }
}

pub fn with_extras(mut f: Finding) -> Finding {
    f.provenance = Some(Provenance {
        commit: "0123456789abcdef0123456789abcdef01234567".into(),
        author: "Dev \x1b[31mEvil".into(),
        email: "dev@example.com".into(),
        date: "2026-01-02T03:04:05Z".into(),
        path: f.location.path.clone(),
    });
    f.fix = Some(Fix {
        description: "read the token from TOKEN".into(),
        edits: vec![TextEdit {
            byte_start: f.location.byte_start - 1,
            byte_end: f.location.byte_end + 1,
            replacement: "os.environ[\"TOKEN\"]".into(),
        }],
    });
    f
}
