//! OSV records: the schema fields vibeguard reads, version matching exactly as the OSV
//! specification's evaluation rules describe, and severity from CVSS vectors.

pub mod matching;
pub mod severity;

use serde::{Deserialize, Serialize};

/// One OSV record (fields vibeguard does not use are dropped at import).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub aliases: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub related: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub severity: Vec<SeverityEntry>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub affected: Vec<Affected>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub references: Vec<Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_specific: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SeverityEntry {
    #[serde(rename = "type")]
    pub kind: String,
    pub score: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Package {
    #[serde(default)]
    pub ecosystem: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purl: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Affected {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<Package>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub ranges: Vec<Range>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub versions: Vec<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub severity: Vec<SeverityEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_specific: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecosystem_specific: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Range {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_specific: Option<serde_json::Value>,
}

/// One range event; exactly one field is set in valid records.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_affected: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
}

fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

impl Record {
    /// Parse one OSV record from JSON.
    pub fn from_json(bytes: &[u8]) -> Result<Record, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }

    /// A known-malicious package rather than a vulnerability: OpenSSF `MAL-` records (or
    /// any record that aliases one), and records whose source marks them malicious in
    /// its own fields (RustSec's `categories`/`informational`, GitHub's malware type).
    pub fn is_malicious(&self) -> bool {
        if self.id.starts_with("MAL-") || self.aliases.iter().any(|a| a.starts_with("MAL-")) {
            return true;
        }
        let marks = |v: &serde_json::Value| -> bool {
            let s = v.to_string().to_ascii_lowercase();
            s.contains("\"malicious\"") || s.contains("\"malware\"")
        };
        if self.database_specific.as_ref().is_some_and(marks) {
            return true;
        }
        self.affected.iter().any(|a| {
            a.database_specific.as_ref().is_some_and(marks)
                || a.ecosystem_specific.as_ref().is_some_and(marks)
        })
    }

    /// Every id this record is known by (its own first).
    pub fn all_ids(&self) -> Vec<&str> {
        std::iter::once(self.id.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nulls_and_spots_malicious_records() {
        let r = Record::from_json(
            br#"{"id":"MAL-2024-1","aliases":null,"affected":[{"package":{"ecosystem":"npm","name":"x"},"versions":["1.0.0"]}]}"#,
        )
        .unwrap();
        assert!(r.is_malicious());
        let r = Record::from_json(
            br#"{"id":"RUSTSEC-2022-0042","affected":[{"package":{"ecosystem":"crates.io","name":"rustdecimal"},"database_specific":{"categories":["malicious"]}}]}"#,
        )
        .unwrap();
        assert!(r.is_malicious());
        let r = Record::from_json(br#"{"id":"GHSA-1","summary":"XSS"}"#).unwrap();
        assert!(!r.is_malicious());
    }
}
