//! Applying fixes: every analyzer's fixes are text edits (byte ranges of one file and
//! their replacement). `vibeguard fix` and the editor apply them through this one
//! function: whole fixes or nothing, never two that overlap, bottom-up so earlier
//! offsets stay valid.

use crate::finding::Fix;

/// What happened to a file's fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The text with the accepted fixes applied.
    pub text: String,
    /// Fixes applied.
    pub applied: usize,
    /// Fixes left out: they overlapped an earlier fix, or an edit did not fit the text
    /// (out of range, not on a character boundary, reversed).
    pub skipped: usize,
}

/// The span a fix touches (from its first edit's start to its last edit's end).
fn extent(fix: &Fix) -> Option<(usize, usize)> {
    let start = fix.edits.iter().map(|e| e.byte_start).min()?;
    let end = fix.edits.iter().map(|e| e.byte_end).max()?;
    Some((start, end))
}

fn fits(src: &str, fix: &Fix) -> bool {
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| e.byte_start);
    let ordered = edits.windows(2).all(|w| w[0].byte_end <= w[1].byte_start);
    ordered
        && !edits.is_empty()
        && edits.iter().all(|e| {
            e.byte_start <= e.byte_end
                && e.byte_end <= src.len()
                && src.is_char_boundary(e.byte_start)
                && src.is_char_boundary(e.byte_end)
        })
}

/// Apply `fixes` to `src`. Fixes are taken in order of position (the same fix twice, as
/// when two findings share one, counts once); one that overlaps a fix already taken is
/// skipped, so the result never depends on edits stepping on each other.
pub fn apply_fixes(src: &str, fixes: &[&Fix]) -> Applied {
    let mut order: Vec<&Fix> = fixes.to_vec();
    order.sort_by_key(|f| extent(f).unwrap_or((usize::MAX, usize::MAX)));
    order.dedup_by(|a, b| a == b);
    let mut taken: Vec<(usize, usize, &Fix)> = Vec::new();
    let mut skipped = 0;
    for fix in order {
        let Some((start, end)) = extent(fix).filter(|_| fits(src, fix)) else {
            skipped += 1;
            continue;
        };
        // Two insertions at the same point, or any shared byte, overlap.
        let overlaps = taken
            .iter()
            .any(|(s, e, _)| start < *e && *s < end || start == *s && (start == end || *s == *e));
        if overlaps {
            skipped += 1;
            continue;
        }
        taken.push((start, end, fix));
    }
    let mut edits: Vec<_> = taken.iter().flat_map(|(_, _, f)| f.edits.iter()).collect();
    // Bottom-up: later edits first, so the offsets of earlier ones stay valid.
    edits.sort_by(|a, b| {
        b.byte_start
            .cmp(&a.byte_start)
            .then(b.byte_end.cmp(&a.byte_end))
    });
    let mut text = src.to_string();
    for e in edits {
        text.replace_range(e.byte_start..e.byte_end, &e.replacement);
    }
    Applied {
        text,
        applied: taken.len(),
        skipped,
    }
}

/// A unified diff of one file (`--- a/PATH`, `+++ b/PATH`, three lines of context).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::TextEdit;

    fn fix(edits: &[(usize, usize, &str)]) -> Fix {
        Fix {
            description: "t".into(),
            edits: edits
                .iter()
                .map(|(s, e, r)| TextEdit {
                    byte_start: *s,
                    byte_end: *e,
                    replacement: r.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn applies_bottom_up_and_keeps_offsets() {
        let src = "aaa bbb ccc";
        let f1 = fix(&[(0, 3, "X")]);
        let f2 = fix(&[(8, 11, "ZZZZ")]);
        let out = apply_fixes(src, &[&f2, &f1]);
        assert_eq!(out.text, "X bbb ZZZZ");
        assert_eq!((out.applied, out.skipped), (2, 0));
    }

    #[test]
    fn a_fix_applies_whole_or_not_at_all_and_never_overlaps() {
        let src = "aaa bbb ccc";
        let multi = fix(&[(0, 3, "X"), (8, 11, "Y")]);
        let overlapping = fix(&[(2, 5, "Q")]);
        let out = apply_fixes(src, &[&multi, &overlapping]);
        assert_eq!(out.text, "X bbb Y");
        assert_eq!((out.applied, out.skipped), (1, 1));
    }

    #[test]
    fn duplicates_count_once_and_broken_edits_are_skipped() {
        let src = "héllo";
        let a = fix(&[(0, 1, "J")]);
        let inside_char = fix(&[(2, 3, "x")]);
        let out_of_range = fix(&[(4, 99, "x")]);
        let out = apply_fixes(src, &[&a, &a.clone(), &inside_char, &out_of_range]);
        assert_eq!(out.text, "Jéllo");
        assert_eq!((out.applied, out.skipped), (1, 2));
    }

    #[test]
    fn diff_has_headers_and_changed_lines() {
        let d = unified_diff("app.py", "a\nb\nc\n", "a\nB\nc\n");
        assert!(d.starts_with("--- a/app.py\n+++ b/app.py\n"), "{d}");
        assert!(d.contains("-b\n+B\n"), "{d}");
    }
}
