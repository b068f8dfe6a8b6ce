//! RubyGems version ordering (`Gem::Version`): a version is a list of segments, runs of
//! digits or of letters; any letter segment makes it a pre-release. Trailing zero
//! segments of the release part do not count (`1.0` == `1`), missing segments compare as
//! 0, and a letter segment sorts before a number.

use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Num(u64),
    Str(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GemVersion {
    segs: Vec<Seg>,
}

impl GemVersion {
    pub fn parse(s: &str) -> Option<GemVersion> {
        let s = s.trim();
        // Platform suffixes in lockfiles (`1.13.8-x86_64-linux`, `1.0-java`) are not part of
        // the version.
        let s = match s.find('-') {
            Some(i)
                if s[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic()) =>
            {
                &s[..i]
            }
            // RubyGems reads "1.0-1" as the pre-release "1.0.pre.1".
            Some(i) => return GemVersion::parse(&format!("{}.pre.{}", &s[..i], &s[i + 1..])),
            None => s,
        };
        if s.is_empty() || !s.chars().next()?.is_ascii_digit() {
            return None;
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
            return None;
        }
        let mut segs = Vec::new();
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'.' {
                i += 1;
                continue;
            }
            let start = i;
            if b[i].is_ascii_digit() {
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                segs.push(Seg::Num(s[start..i].parse().ok()?));
            } else {
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                segs.push(Seg::Str(s[start..i].to_string()));
            }
        }
        // Canonical form: drop zeros at the end of the release part and just before the
        // first letter segment.
        let first_str = segs
            .iter()
            .position(|x| matches!(x, Seg::Str(_)))
            .unwrap_or(segs.len());
        let mut release: Vec<Seg> = segs[..first_str].to_vec();
        while release.len() > 1 && release.last() == Some(&Seg::Num(0)) {
            release.pop();
        }
        release.extend_from_slice(&segs[first_str..]);
        Some(GemVersion { segs: release })
    }
}

impl Ord for GemVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.segs.len().max(other.segs.len());
        let zero = Seg::Num(0);
        for i in 0..n {
            let a = self.segs.get(i).unwrap_or(&zero);
            let b = other.segs.get(i).unwrap_or(&zero);
            let o = match (a, b) {
                (Seg::Num(x), Seg::Num(y)) => x.cmp(y),
                (Seg::Str(x), Seg::Str(y)) => x.cmp(y),
                (Seg::Str(_), Seg::Num(_)) => Ordering::Less,
                (Seg::Num(_), Seg::Str(_)) => Ordering::Greater,
            };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    }
}

impl PartialOrd for GemVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
