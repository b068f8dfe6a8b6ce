//! Content claims: "this line of this file was written by X at time T", from sources
//! whose line numbers cannot be joined to the current blame directly (Agent Trace
//! records, which number the lines of an uncommitted working tree; git-ai notes left on
//! commits that a rebase or squash replaced).
//!
//! A claim is a line's text. It attributes a current line of the same file with the same
//! text once (a claim of three `}` lines attributes at most three), and only a line that
//! was committed at or after the claim's time (or is not committed yet): an older line
//! with the same text was there before the agent wrote anything.

use std::collections::HashMap;

/// Clock skew allowed between a claim's time and the commit that holds the line.
pub const SLACK_SECONDS: i64 = 600;

#[derive(Debug, Clone)]
struct Claim {
    attribution: u32,
    time: i64,
    used: bool,
}

/// The claims of one file, by line text.
#[derive(Debug, Clone, Default)]
pub struct Claims {
    by_text: HashMap<String, Vec<Claim>>,
}

/// A line as claims compare it: trailing whitespace (and a CR) does not count.
pub fn key(line: &str) -> &str {
    line.trim_end()
}

impl Claims {
    pub fn add(&mut self, text: &str, attribution: u32, time: i64) {
        self.by_text
            .entry(key(text).to_string())
            .or_default()
            .push(Claim {
                attribution,
                time,
                used: false,
            });
    }

    /// Use up a claim on `text` for a line committed at `commit_time` (`None`: not
    /// committed yet); the earliest eligible claim is taken.
    pub fn take(&mut self, text: &str, commit_time: Option<i64>) -> Option<u32> {
        let list = self.by_text.get_mut(key(text))?;
        let eligible =
            |c: &Claim| !c.used && commit_time.is_none_or(|t| t + SLACK_SECONDS >= c.time);
        let best = list
            .iter_mut()
            .filter(|c| eligible(c))
            .min_by_key(|c| c.time)?;
        best.used = true;
        Some(best.attribution)
    }
}

/// A range a source claims, before its lines are known.
#[derive(Debug, Clone)]
pub struct RangeClaim {
    pub start: u32,
    pub end: u32,
    /// `sha256:<hex>` of the range's lines (each followed by a newline), when given in a
    /// form that can be checked.
    pub hash: Option<String>,
    pub time: i64,
    /// The commit the record names.
    pub revision: Option<String>,
    pub attribution: u32,
}

/// One version of a file the claimed lines may be in.
#[derive(Debug, Clone)]
pub struct Version {
    /// The commit (`None`: the working tree).
    pub commit: Option<String>,
    /// Committer time of that commit.
    pub time: Option<i64>,
    pub lines: Vec<String>,
}

fn window_hash(lines: &[String]) -> String {
    super::agent_trace::range_hash(lines)
}

/// The lines of a claimed range: with a checkable hash, the first version (in the given
/// order) holding lines with that hash, at the recorded place or anywhere else; without
/// one, the lines at the recorded place in the version the record most likely numbers
/// (see [`version_without_hash`]).
pub fn resolve(range: &RangeClaim, versions: &[Version]) -> Option<Vec<String>> {
    if range.end < range.start || range.start == 0 {
        return None;
    }
    let len = (range.end - range.start + 1) as usize;
    if let Some(want) = &range.hash {
        for v in versions {
            if v.lines.len() < len {
                continue;
            }
            let at = range.start as usize - 1;
            if at + len <= v.lines.len() && &window_hash(&v.lines[at..at + len]) == want {
                return Some(v.lines[at..at + len].to_vec());
            }
            for s in 0..=v.lines.len() - len {
                if s != at && &window_hash(&v.lines[s..s + len]) == want {
                    return Some(v.lines[s..s + len].to_vec());
                }
            }
        }
        return None;
    }
    let v = version_without_hash(range, versions)?;
    let at = range.start as usize - 1;
    let end = (at + len).min(v.lines.len());
    (at < end).then(|| v.lines[at..end].to_vec())
}

/// Without a hash the line numbers are taken at: the recorded revision when it was
/// committed after the record (a tool that records after committing), else the first
/// commit after the record that holds the file (the commit the edit went into), else the
/// working tree.
fn version_without_hash<'a>(range: &RangeClaim, versions: &'a [Version]) -> Option<&'a Version> {
    let after = |v: &&Version| v.time.is_some_and(|t| t + SLACK_SECONDS >= range.time);
    if let Some(rev) = &range.revision
        && let Some(v) = versions
            .iter()
            .find(|v| v.commit.as_deref() == Some(rev.as_str()))
        && after(&v)
    {
        return Some(v);
    }
    versions
        .iter()
        .filter(|v| v.commit.is_some())
        .filter(after)
        .min_by_key(|v| v.time)
        .or_else(|| versions.iter().find(|v| v.commit.is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn claims_are_used_once_and_only_by_lines_not_older_than_them() {
        let mut c = Claims::default();
        c.add("}", 1, 1000);
        c.add("return x  ", 1, 1000);
        assert_eq!(
            c.take("return x", Some(5000)),
            Some(1),
            "trailing spaces ignored"
        );
        assert_eq!(c.take("return x", Some(5000)), None, "used up");
        assert_eq!(
            c.take("}", Some(10)),
            None,
            "committed long before the claim"
        );
        assert_eq!(c.take("}", None), Some(1), "uncommitted lines are eligible");
        assert_eq!(c.take("}", None), None);
    }

    #[test]
    fn hashed_ranges_are_found_where_they_moved() {
        let wanted = lines("fn a() {\n    1\n}");
        let hash = super::super::agent_trace::range_hash(&wanted);
        let range = RangeClaim {
            start: 1,
            end: 3,
            hash: Some(hash),
            time: 0,
            revision: None,
            attribution: 1,
        };
        let moved = Version {
            commit: None,
            time: None,
            lines: lines("// header\n\nfn a() {\n    1\n}\n"),
        };
        assert_eq!(resolve(&range, &[moved]), Some(wanted));
        let edited = Version {
            commit: None,
            time: None,
            lines: lines("fn a() {\n    2\n}"),
        };
        assert_eq!(
            resolve(&range, &[edited]),
            None,
            "a hash never matches other lines"
        );
    }

    #[test]
    fn unhashed_ranges_use_the_commit_after_the_record() {
        let range = RangeClaim {
            start: 2,
            end: 2,
            hash: None,
            time: 1000,
            revision: Some("old".into()),
            attribution: 1,
        };
        let versions = vec![
            Version {
                commit: None,
                time: None,
                lines: lines("a\nworktree\n"),
            },
            Version {
                commit: Some("old".into()),
                time: Some(10),
                lines: lines("a\nbefore\n"),
            },
            Version {
                commit: Some("next".into()),
                time: Some(2000),
                lines: lines("a\nagent line\n"),
            },
        ];
        assert_eq!(resolve(&range, &versions), Some(lines("agent line")));
    }
}
