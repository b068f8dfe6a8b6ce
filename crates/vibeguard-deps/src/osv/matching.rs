//! Is a version affected? The OSV specification's evaluation, to the letter:
//!
//! - a version is affected when it is listed in `versions` or included in any range;
//! - `GIT` ranges need a commit graph and are skipped (lockfiles pin releases);
//! - `SEMVER` ranges order by SemVer 2.0, `ECOSYSTEM` ranges by the ecosystem's own
//!   rules (see [`crate::version`]);
//! - in a range, events are sorted by version (`introduced: "0"` first) and walked:
//!   `introduced` at or below the version turns "vulnerable" on, `fixed` at or below
//!   turns it off, `last_affected` strictly below turns it off;
//! - when a range has `limit` events, only versions below one of the limits count.

use super::{Affected, Range};
use crate::ecosystem::Ecosystem;
use crate::version::Version;
use std::cmp::Ordering;

/// The ordering a range uses for an ecosystem's versions.
fn range_version(eco: Ecosystem, kind: &str, s: &str) -> Option<Version> {
    if kind == "SEMVER" && !matches!(eco, Ecosystem::Npm | Ecosystem::CratesIo | Ecosystem::Go) {
        return Version::parse(Ecosystem::Npm, s);
    }
    if s == "0" {
        return Some(Version::zero(eco));
    }
    Version::parse(eco, s)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Introduced,
    Fixed,
    LastAffected,
}

/// Whether `version` (as written in the lockfile) is affected by this entry.
pub fn is_affected(eco: Ecosystem, version: &str, entry: &Affected) -> bool {
    let version = version.trim();
    if entry.versions.iter().any(|v| v == version) {
        return true;
    }
    let parsed = Version::parse(eco, version);
    if let Some(p) = &parsed
        && entry.versions.iter().any(|v| {
            Version::parse(eco, v).is_some_and(|lv| lv.partial_cmp(p) == Some(Ordering::Equal))
        })
    {
        return true;
    }
    if let Some(reqs) = unaffected_requirements(entry) {
        return parsed.is_some_and(|v| !crate::import::matches_any(eco, &v, &reqs));
    }
    entry.ranges.iter().any(|r| in_range(eco, version, r))
}

/// The safe-version requirements of a record converted from RustSec or RubySec (see
/// [`crate::import`]); `None` for native OSV entries.
pub fn unaffected_requirements(entry: &Affected) -> Option<Vec<String>> {
    let list = entry
        .database_specific
        .as_ref()?
        .get("unaffected_requirements")?
        .as_array()?;
    Some(
        list.iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
    )
}

/// The lowest versions of the patched requirements of a converted record.
fn patched_floors(entry: &Affected) -> Vec<String> {
    let Some(list) = entry
        .database_specific
        .as_ref()
        .and_then(|d| d.get("patched"))
        .and_then(|p| p.as_array())
    else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|v| v.as_str())
        .filter_map(crate::import::Requirement::parse)
        .filter_map(|r| r.floor().map(str::to_string))
        .collect()
}

/// Whether `version` falls in one `SEMVER` or `ECOSYSTEM` range.
pub fn in_range(eco: Ecosystem, version: &str, range: &Range) -> bool {
    if range.kind != "SEMVER" && range.kind != "ECOSYSTEM" {
        return false;
    }
    let Some(v) = range_version(eco, &range.kind, version) else {
        return false;
    };
    let limits: Vec<Version> = range
        .events
        .iter()
        .filter_map(|e| e.limit.as_deref())
        .filter(|l| *l != "*")
        .filter_map(|l| range_version(eco, &range.kind, l))
        .collect();
    if !limits.is_empty()
        && !limits
            .iter()
            .any(|l| v.partial_cmp(l) == Some(Ordering::Less))
    {
        return false;
    }
    let mut events: Vec<(Version, Kind)> = Vec::with_capacity(range.events.len());
    for e in &range.events {
        let (s, k) = if let Some(s) = &e.introduced {
            (s, Kind::Introduced)
        } else if let Some(s) = &e.fixed {
            (s, Kind::Fixed)
        } else if let Some(s) = &e.last_affected {
            (s, Kind::LastAffected)
        } else {
            continue;
        };
        if let Some(ev) = range_version(eco, &range.kind, s) {
            events.push((ev, k));
        }
    }
    // Stable sort by version; at equal versions `introduced` comes first so that
    // `introduced: X, fixed: X` (an empty range) leaves X unaffected.
    events.sort_by(|a, b| {
        a.0.partial_cmp(&b.0)
            .unwrap_or(Ordering::Equal)
            .then_with(|| (a.1 != Kind::Introduced).cmp(&(b.1 != Kind::Introduced)))
    });
    let mut vulnerable = false;
    for (ev, kind) in &events {
        let Some(ord) = v.partial_cmp(ev) else {
            continue;
        };
        match kind {
            Kind::Introduced if ord != Ordering::Less => vulnerable = true,
            Kind::Fixed if ord != Ordering::Less => vulnerable = false,
            Kind::LastAffected if ord == Ordering::Greater => vulnerable = false,
            _ => {}
        }
    }
    vulnerable
}

/// Every `fixed` version an entry names, for choosing the upgrade.
pub fn fixed_versions(entry: &Affected) -> impl Iterator<Item = &str> {
    entry
        .ranges
        .iter()
        .filter(|r| r.kind == "SEMVER" || r.kind == "ECOSYSTEM")
        .flat_map(|r| r.events.iter().filter_map(|e| e.fixed.as_deref()))
}

/// The smallest version above `current` that none of `entries` affects, among the fixed
/// versions they name: the one upgrade that resolves them all. `None` when there is no
/// such fix (no fix published, or every fix is affected by another advisory).
pub fn smallest_fix(eco: Ecosystem, current: &str, entries: &[&Affected]) -> Option<String> {
    let cur = Version::parse(eco, current)?;
    let floors: Vec<String> = entries.iter().flat_map(|e| patched_floors(e)).collect();
    let mut candidates: Vec<(Version, &str)> = entries
        .iter()
        .flat_map(|e| fixed_versions(e))
        .chain(floors.iter().map(String::as_str))
        .filter_map(|f| Some((Version::parse(eco, f)?, f)))
        .filter(|(v, _)| v.partial_cmp(&cur) == Some(Ordering::Greater))
        .collect();
    candidates.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(Ordering::Equal));
    candidates.dedup_by(|a, b| a.1 == b.1);
    candidates
        .into_iter()
        .find(|(_, f)| entries.iter().all(|e| !is_affected(eco, f, e)))
        .map(|(_, f)| f.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::osv::Record;

    fn entry(json: &str) -> Affected {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn introduced_fixed_and_versions() {
        let a = entry(
            r#"{"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.2.28"},{"introduced":"3.0"},{"fixed":"3.2.13"}]}],"versions":["9.9"]}"#,
        );
        let e = Ecosystem::PyPI;
        assert!(is_affected(e, "2.2.27", &a));
        assert!(!is_affected(e, "2.2.28", &a));
        assert!(!is_affected(e, "2.5", &a));
        assert!(is_affected(e, "3.0", &a));
        assert!(is_affected(e, "3.2.12", &a));
        assert!(!is_affected(e, "3.2.13", &a));
        assert!(is_affected(e, "9.9", &a));
        assert!(
            is_affected(e, "3.2.13rc1", &a),
            "pre-release of the fix is before it"
        );
    }

    #[test]
    fn last_affected_is_inclusive_and_limit_bounds() {
        let a = entry(
            r#"{"ranges":[{"type":"SEMVER","events":[{"introduced":"1.0.0"},{"last_affected":"1.4.2"}]}]}"#,
        );
        assert!(is_affected(Ecosystem::Npm, "1.4.2", &a));
        assert!(!is_affected(Ecosystem::Npm, "1.4.3", &a));
        assert!(!is_affected(Ecosystem::Npm, "0.9.0", &a));
        let a = entry(
            r#"{"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"limit":"2.0.0"}]}]}"#,
        );
        assert!(is_affected(Ecosystem::Npm, "1.9.0", &a));
        assert!(!is_affected(Ecosystem::Npm, "2.0.0", &a));
    }

    #[test]
    fn git_ranges_are_skipped_and_prereleases_order() {
        let a = entry(
            r#"{"ranges":[{"type":"GIT","repo":"x","events":[{"introduced":"0"}]},{"type":"SEMVER","events":[{"introduced":"1.0.0-alpha"},{"fixed":"1.0.0"}]}]}"#,
        );
        assert!(is_affected(Ecosystem::CratesIo, "1.0.0-beta.2", &a));
        assert!(!is_affected(Ecosystem::CratesIo, "1.0.0", &a));
        assert!(!is_affected(Ecosystem::CratesIo, "0.9.0", &a));
    }

    #[test]
    fn the_fix_resolves_every_advisory() {
        let r: Record = serde_json::from_str(
            r#"{"id":"X","affected":[
              {"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.5"}]}]},
              {"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"1.5"},{"fixed":"1.7"}]}]}]}"#,
        )
        .unwrap();
        let entries: Vec<&Affected> = r.affected.iter().collect();
        assert_eq!(
            smallest_fix(Ecosystem::PyPI, "1.2", &entries).as_deref(),
            Some("1.7")
        );
        assert_eq!(smallest_fix(Ecosystem::PyPI, "1.8", &entries), None);
    }
}
