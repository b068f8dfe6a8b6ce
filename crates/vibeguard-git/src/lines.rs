//! Line sets and the line diff that produces them.

use gix::diff::blob::{Algorithm, InternedInput, diff_with_slider_heuristics};
use std::collections::BTreeMap;

/// Sorted, merged inclusive ranges of 1-based line numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineSet {
    pub ranges: Vec<(u32, u32)>,
}

impl LineSet {
    pub fn contains(&self, line: u32) -> bool {
        let i = self.ranges.partition_point(|&(_, end)| end < line);
        self.ranges.get(i).is_some_and(|&(start, _)| start <= line)
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// How many lines the set holds.
    pub fn line_count(&self) -> u64 {
        self.ranges.iter().map(|&(s, e)| u64::from(e - s) + 1).sum()
    }

    /// Every line of `bytes` (a new file: all of it is added).
    pub fn all_lines_of(bytes: &[u8]) -> LineSet {
        let n = line_count(bytes);
        LineSet {
            ranges: if n == 0 { Vec::new() } else { vec![(1, n)] },
        }
    }

    /// Appends `start..=end`; ranges must come in ascending order. Touching or
    /// overlapping ranges are merged so `ranges` stays minimal.
    pub(crate) fn push(&mut self, start: u32, end: u32) {
        if let Some(last) = self.ranges.last_mut()
            && start <= last.1.saturating_add(1)
        {
            last.1 = last.1.max(end);
            return;
        }
        self.ranges.push((start, end));
    }
}

/// Files changed since a revision, each with the lines that were added (paths relative to
/// the repository root, `/`-separated).
pub type AddedLines = BTreeMap<String, LineSet>;

/// Number of lines as an editor counts them: a final line without a newline still counts.
pub(crate) fn line_count(bytes: &[u8]) -> u32 {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    let unterminated = usize::from(bytes.last().is_some_and(|&b| b != b'\n'));
    u32::try_from(newlines + unterminated).unwrap_or(u32::MAX)
}

/// Lines of `new` that a line diff against `old` marks as added (histogram diff with git's
/// slider heuristics, so hunks land where `git diff` puts them).
pub(crate) fn added_lines(old: &[u8], new: &[u8]) -> LineSet {
    let input = InternedInput::new(old, new);
    let diff = diff_with_slider_heuristics(Algorithm::Histogram, &input);
    let mut set = LineSet::default();
    for hunk in diff.hunks() {
        if !hunk.after.is_empty() {
            set.push(hunk.after.start + 1, hunk.after.end);
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_with_and_without_final_newline() {
        assert_eq!(line_count(b""), 0);
        assert_eq!(line_count(b"a"), 1);
        assert_eq!(line_count(b"a\n"), 1);
        assert_eq!(line_count(b"a\nb"), 2);
        assert_eq!(line_count(b"\n\n"), 2);
    }

    #[test]
    fn added_lines_are_the_inserted_and_replaced_ones() {
        let old = b"one\ntwo\nthree\nfour\n";
        let new = b"zero\none\nTWO\nthree\nfour\nfive\nsix\n";
        assert_eq!(added_lines(old, new).ranges, vec![(1, 1), (3, 3), (6, 7)]);
        assert!(added_lines(old, old).is_empty());
        assert!(added_lines(old, b"one\nfour\n").is_empty());
    }

    #[test]
    fn a_changed_final_newline_marks_the_last_line() {
        assert_eq!(added_lines(b"a\nb", b"a\nb\n").ranges, vec![(2, 2)]);
    }

    #[test]
    fn contains_and_merging() {
        let mut s = LineSet::default();
        s.push(1, 2);
        s.push(3, 3);
        s.push(7, 9);
        assert_eq!(s.ranges, vec![(1, 3), (7, 9)]);
        assert!(s.contains(1) && s.contains(3) && s.contains(8));
        assert!(!s.contains(0) && !s.contains(4) && !s.contains(10));
        assert_eq!(s.line_count(), 6);
        assert_eq!(LineSet::all_lines_of(b"x\ny").ranges, vec![(1, 2)]);
        assert!(LineSet::all_lines_of(b"").is_empty());
    }
}
