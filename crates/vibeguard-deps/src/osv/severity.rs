//! Severity from an OSV record: the CVSS v4, v3 or v2 base score computed from the
//! vector (the `cvss` crate of the RustSec project), else the source's own rating
//! (GitHub's `database_specific.severity`), else medium.

use super::Record;
use std::str::FromStr;
use vibeguard_core::Severity;

/// The base score of one CVSS vector, when it parses.
pub fn cvss_score(kind: &str, vector: &str) -> Option<f64> {
    match kind {
        "CVSS_V4" => cvss::v4::Vector::from_str(vector)
            .ok()
            .map(|v| v.score().value()),
        "CVSS_V3" => cvss::v3::Vector::from_str(vector)
            .ok()
            .map(|b| b.score().value()),
        "CVSS_V2" => cvss::v2::Vector::from_str(vector)
            .ok()
            .map(|b| b.score().value()),
        _ => None,
    }
}

/// CVSS qualitative rating of a base score.
pub fn of_score(score: f64) -> Severity {
    match score {
        s if s >= 9.0 => Severity::Critical,
        s if s >= 7.0 => Severity::High,
        s if s >= 4.0 => Severity::Medium,
        s if s > 0.0 => Severity::Low,
        _ => Severity::Info,
    }
}

/// The record's severity and, when computed from a vector, the score.
pub fn of_record(r: &Record) -> (Severity, Option<f64>) {
    if r.is_malicious() {
        return (Severity::Critical, None);
    }
    let entries = r
        .severity
        .iter()
        .chain(r.affected.iter().flat_map(|a| a.severity.iter()));
    // Prefer the newest CVSS version present.
    let mut best: Option<(u8, f64)> = None;
    for e in entries {
        let rank = match e.kind.as_str() {
            "CVSS_V4" => 3,
            "CVSS_V3" => 2,
            "CVSS_V2" => 1,
            _ => continue,
        };
        if let Some(s) = cvss_score(&e.kind, &e.score)
            && best.is_none_or(|(r0, s0)| rank > r0 || (rank == r0 && s > s0))
        {
            best = Some((rank, s));
        }
    }
    if let Some((_, s)) = best {
        return (of_score(s), Some(s));
    }
    if let Some(score) = r
        .database_specific
        .as_ref()
        .and_then(|d| d.get("cvss_score"))
        .and_then(|s| s.as_f64())
    {
        return (of_score(score), Some(score));
    }
    let word = r
        .database_specific
        .as_ref()
        .and_then(|d| d.get("severity"))
        .and_then(|s| s.as_str())
        .and_then(|s| s.parse::<Severity>().ok());
    (word.unwrap_or(Severity::Medium), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_scores_from_vectors() {
        let s = cvss_score("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").unwrap();
        assert!((s - 9.8).abs() < 1e-9, "{s}");
        let s = cvss_score("CVSS_V3", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N").unwrap();
        assert!((s - 3.1).abs() < 1e-9, "{s}");
        let s = cvss_score(
            "CVSS_V4",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        )
        .unwrap();
        assert!((s - 9.3).abs() < 1e-9, "{s}");
        assert_eq!(cvss_score("CVSS_V3", "garbage"), None);
    }

    #[test]
    fn falls_back_to_the_source_rating() {
        let r: Record =
            serde_json::from_str(r#"{"id":"GHSA-x","database_specific":{"severity":"MODERATE"}}"#)
                .unwrap();
        assert_eq!(of_record(&r).0, Severity::Medium);
        let r: Record = serde_json::from_str(
            r#"{"id":"GHSA-y","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}"#,
        )
        .unwrap();
        assert_eq!(of_record(&r), (Severity::Critical, Some(9.8)));
    }
}
