//! A finding: one rule firing at one place, with everything a reporter needs.

use crate::severity::{Confidence, Severity};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Where a finding is. Lines and columns are 1-based; columns count bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    /// Path relative to the scan root, with `/` separators.
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// Byte range in the file's content.
    pub byte_start: usize,
    pub byte_end: usize,
}

/// The secret a secret rule matched. The raw value is never serialized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretInfo {
    /// Redacted form safe to print (`AKIA****MPLE`).
    pub redacted: String,
    /// Hex SHA-256 of the raw secret: identifies it in baselines without revealing it.
    pub sha256: String,
    /// The raw secret, kept in memory only for `--show-secrets`.
    #[serde(skip)]
    pub raw: String,
}

impl SecretInfo {
    pub fn new(raw: &str) -> SecretInfo {
        SecretInfo {
            redacted: crate::redact::redact(raw),
            sha256: sha256_hex(raw.as_bytes()),
            raw: raw.to_string(),
        }
    }
}

/// Where in history a finding came from (`scan --history`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub commit: String,
    pub author: String,
    pub email: String,
    /// RFC 3339.
    pub date: String,
    pub path: String,
}

/// One replacement of a byte range in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    pub byte_start: usize,
    pub byte_end: usize,
    pub replacement: String,
}

/// A fix a user can apply in one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<TextEdit>,
}

/// One step of a data-flow path, from where input enters to the sink (code findings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    /// File of the step, relative to the scan root (a path may cross modules).
    pub path: String,
    /// 1-based line and byte column.
    pub line: u32,
    pub column: u32,
    pub byte_start: usize,
    pub byte_end: usize,
    /// What happens here (`request.args.get("q")`: request data, assigned to `q`, ...).
    pub note: String,
}

/// Structured facts a rule attaches to a finding for machines rather than people: a
/// dependency finding's advisory ids, aliases, CVSS score and fixed version, which the
/// message also states in words. Reporters emit them as they are (SARIF result
/// `properties`, the JSON report's `properties`); most findings have none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Properties {
    /// Extra tags for this finding (SARIF `properties.tags`), such as the advisory ids,
    /// so code-scanning services can filter and link by them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Named values (`advisoryIds`, `fixedVersion`, ...), in name order.
    #[serde(default, flatten)]
    pub values: std::collections::BTreeMap<String, serde_json::Value>,
}

impl Properties {
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.values.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule_id: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub message: String,
    pub location: Location,
    /// The source line(s) of the finding, with any secret redacted.
    pub snippet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<SecretInfo>,
    /// Stable identity across moves: hash of rule id, path and the matched content.
    pub fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// The source-to-sink path of a data-flow finding, oldest step first (empty for
    /// findings without one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flow: Vec<FlowStep>,
    /// Structured facts for machines (empty for most findings).
    #[serde(default, skip_serializing_if = "Properties::is_empty")]
    pub properties: Properties,
}

impl Finding {
    /// Fingerprint from rule, path and matched content (not the line number, so moving
    /// code keeps the fingerprint; a different secret on the same line changes it).
    pub fn fingerprint_for(rule_id: &str, path: &str, content: &[u8]) -> String {
        let mut h = Sha256::new();
        h.update(rule_id.as_bytes());
        h.update([0]);
        h.update(path.as_bytes());
        h.update([0]);
        h.update(content);
        hex::encode(&h.finalize()[..16])
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_depends_on_content_not_line() {
        let a = Finding::fingerprint_for("secrets/x", "a.py", b"s1");
        let b = Finding::fingerprint_for("secrets/x", "a.py", b"s2");
        assert_ne!(a, b);
        assert_eq!(a, Finding::fingerprint_for("secrets/x", "a.py", b"s1"));
    }

    #[test]
    fn secret_raw_is_never_serialized() {
        let s = SecretInfo::new("ghp_abcdefghijklmnopqrstuvwxyz0123456789");
        let json = serde_json::to_string(&s).unwrap();
        assert!(!json.contains("abcdefghijklmnop"), "{json}");
    }
}
