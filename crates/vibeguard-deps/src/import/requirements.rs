//! Version requirements as RustSec (`patched = [">= 1.2.3", "^1.1.5"]`) and RubySec
//! (`patched_versions: ["~> 5.2.8, >= 5.2.8.15"]`) write them. Those databases list the
//! versions that are *not* affected; a version is affected when it matches none of the
//! requirements. Converted records keep the requirements in
//! `affected[].database_specific` and the matcher evaluates them with the ecosystem's
//! own ordering, exactly as cargo-audit and bundler-audit do.

use crate::ecosystem::Ecosystem;
use crate::version::Version;
use std::cmp::Ordering;

/// One requirement: comparators that must all hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    clauses: Vec<(String, String)>,
}

impl Requirement {
    pub fn parse(s: &str) -> Option<Requirement> {
        let mut clauses = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let op_end = part
                .find(|c: char| c.is_ascii_alphanumeric() || c == '*')
                .unwrap_or(part.len());
            let (op, v) = part.split_at(op_end);
            let op = op.trim();
            let op = if op.is_empty() { "=" } else { op };
            if !matches!(
                op,
                "=" | "==" | "!=" | ">" | ">=" | "<" | "<=" | "~>" | "~" | "^"
            ) {
                return None;
            }
            clauses.push((op.to_string(), v.trim().to_string()));
        }
        (!clauses.is_empty()).then_some(Requirement { clauses })
    }

    /// The lowest version this requirement admits, when it names one (`>= x`, `~> x`,
    /// `^x`, `= x`): the candidate upgrade it stands for.
    pub fn floor(&self) -> Option<&str> {
        self.clauses
            .iter()
            .filter(|(op, _)| matches!(op.as_str(), ">=" | "~>" | "~" | "^" | "=" | "=="))
            .map(|(_, v)| v.as_str())
            .next()
    }

    pub fn matches(&self, eco: Ecosystem, version: &Version) -> bool {
        self.clauses
            .iter()
            .all(|(op, v)| clause(eco, op, v, version))
    }
}

/// The next boundary of a pessimistic or caret requirement, as a version string.
fn bump(v: &str, op: &str) -> Option<String> {
    let nums: Vec<u64> = v
        .split(['.', '-'])
        .map_while(|p| p.parse::<u64>().ok())
        .collect();
    if nums.is_empty() {
        return None;
    }
    match op {
        // ~> 5.2.8 -> < 5.3 ; ~> 5.2 -> < 6 ; ~> 5 -> < 6
        "~>" => {
            if nums.len() == 1 {
                Some(format!("{}", nums[0] + 1))
            } else {
                let keep = &nums[..nums.len() - 1];
                let mut out: Vec<u64> = keep.to_vec();
                let last = out.len() - 1;
                out[last] += 1;
                Some(out.iter().map(u64::to_string).collect::<Vec<_>>().join("."))
            }
        }
        // Cargo tilde: ~1.2.3 / ~1.2 -> < 1.3.0 ; ~1 -> < 2.0.0
        "~" => Some(if nums.len() >= 2 {
            format!("{}.{}.0", nums[0], nums[1] + 1)
        } else {
            format!("{}.0.0", nums[0] + 1)
        }),
        // Cargo caret: first non-zero component is fixed.
        "^" => {
            let (a, b, c) = (nums[0], nums.get(1).copied(), nums.get(2).copied());
            Some(if a > 0 || b.is_none() {
                format!("{}.0.0", a + 1)
            } else if b.unwrap_or(0) > 0 || c.is_none() {
                format!("0.{}.0", b.unwrap_or(0) + 1)
            } else {
                format!("0.0.{}", c.unwrap_or(0) + 1)
            })
        }
        _ => None,
    }
}

fn clause(eco: Ecosystem, op: &str, bound: &str, version: &Version) -> bool {
    let Some(b) = Version::parse(eco, bound) else {
        return false;
    };
    let Some(ord) = version.partial_cmp(&b) else {
        return false;
    };
    match op {
        "=" | "==" => ord == Ordering::Equal,
        "!=" => ord != Ordering::Equal,
        ">" => ord == Ordering::Greater,
        ">=" => ord != Ordering::Less,
        "<" => ord == Ordering::Less,
        "<=" => ord != Ordering::Greater,
        "~>" | "~" | "^" => {
            let Some(upper) = bump(bound, op).and_then(|u| Version::parse(eco, &u)) else {
                return false;
            };
            ord != Ordering::Less && version.partial_cmp(&upper) == Some(Ordering::Less)
        }
        _ => false,
    }
}

/// Whether `version` matches any of the requirement strings (an unparsable requirement
/// matches nothing, so the version stays affected: fail towards reporting).
pub fn matches_any(eco: Ecosystem, version: &Version, reqs: &[String]) -> bool {
    reqs.iter()
        .filter_map(|r| Requirement::parse(r))
        .any(|r| r.matches(eco, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(eco: Ecosystem, req: &str, v: &str) -> bool {
        Requirement::parse(req)
            .unwrap()
            .matches(eco, &Version::parse(eco, v).unwrap())
    }

    #[test]
    fn cargo_requirements() {
        let c = Ecosystem::CratesIo;
        assert!(m(c, ">= 1.2.3", "1.2.3"));
        assert!(m(c, "^1.1.5", "1.9.0"));
        assert!(!m(c, "^1.1.5", "2.0.0"));
        assert!(m(c, "^0.2.3", "0.2.9"));
        assert!(!m(c, "^0.2.3", "0.3.0"));
        assert!(m(c, "~1.2.3", "1.2.9"));
        assert!(!m(c, "~1.2.3", "1.3.0"));
        assert!(m(c, "< 0.2", "0.1.9"));
        assert!(m(c, ">= 1.0, < 1.5", "1.4.0"));
    }

    #[test]
    fn gem_requirements() {
        let g = Ecosystem::RubyGems;
        assert!(m(g, "~> 5.2.8, >= 5.2.8.15", "5.2.8.15"));
        assert!(!m(g, "~> 5.2.8, >= 5.2.8.15", "5.2.8.14"));
        assert!(!m(g, "~> 5.2.8, >= 5.2.8.15", "5.3.0"));
        assert!(m(g, "~> 2.0", "2.9"));
        assert!(!m(g, "~> 2.0", "3.0"));
        assert_eq!(
            Requirement::parse(">= 7.0.4.1").unwrap().floor(),
            Some("7.0.4.1")
        );
    }
}
