//! The lines a new version of a file introduced over its previous versions: what a
//! history scan hands over for each blob after the first version of a path.

use crate::lines::LineSet;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// The lines of `new` that `old` did not have, and `new` rewritten into `masked` with
/// every other line emptied (its newline kept, so line numbers and the columns of the kept
/// lines do not move).
///
/// This is what a history scan needs from a blob that replaced an older version of the
/// same file: a line that was already there was scanned in the version that brought it,
/// so scanning it again only repeats old findings under a younger commit.
///
/// Lines in the common prefix and suffix are old; each line in between is old when the
/// changed part of `old` has it too (a set test, so a line moved within the change is not
/// new). Trimming first keeps this near memcmp speed for the usual small edit of a large
/// file. A line that moved into the change from the unchanged part counts as new: it is
/// scanned again, never missed.
pub(crate) fn introduced_lines(old: &[u8], new: &[u8], masked: &mut Vec<u8>) -> LineSet {
    let prefix = common_prefix_lines(old, new);
    let suffix = common_suffix_lines(&old[prefix..], &new[prefix..]);
    let old_mid = &old[prefix..old.len() - suffix];
    let new_mid = &new[prefix..new.len() - suffix];

    masked.clear();
    masked.reserve(new.len());
    let prefix_lines = count_newlines(&new[..prefix]);
    masked.resize(prefix_lines, b'\n');
    let known: HashSet<&[u8], BuildHasherDefault<LineHasher>> = split_lines(old_mid).collect();
    let mut set = LineSet::default();
    for (i, line) in split_lines(new_mid).enumerate() {
        if known.contains(line) {
            if line.ends_with(b"\n") {
                masked.push(b'\n');
            }
        } else {
            masked.extend_from_slice(line);
            let n = u32::try_from(prefix_lines + i + 1).unwrap_or(u32::MAX);
            set.push(n, n);
        }
    }
    let suffix_lines = count_newlines(&new[new.len() - suffix..]);
    masked.resize(masked.len() + suffix_lines, b'\n');
    set
}

/// Length of the longest common prefix of whole lines.
fn common_prefix_lines(a: &[u8], b: &[u8]) -> usize {
    let same = mismatch(a.iter(), b.iter(), a.chunks_exact(32), b.chunks_exact(32));
    if same == a.len() && same == b.len() {
        return same;
    }
    // Back to just after the last newline inside the common part.
    a[..same]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1)
}

/// Length of the longest common suffix of whole lines (starting at a line start in both).
fn common_suffix_lines(a: &[u8], b: &[u8]) -> usize {
    let same = mismatch(
        a.iter().rev(),
        b.iter().rev(),
        a.rchunks_exact(32),
        b.rchunks_exact(32),
    );
    let at_line_start = |s: &[u8], len: usize| len == s.len() || s[s.len() - len - 1] == b'\n';
    if at_line_start(a, same) && at_line_start(b, same) {
        return same;
    }
    // Forward to just after the first newline inside the common part.
    let tail = &a[a.len() - same..];
    tail.iter()
        .position(|&c| c == b'\n')
        .map_or(0, |i| same - i - 1)
}

/// How many leading items of two byte sequences are equal: whole 32-byte chunks first
/// (compared as slices, which is memcmp), then byte by byte from the first unequal chunk.
fn mismatch<'a>(
    a: impl Iterator<Item = &'a u8>,
    b: impl Iterator<Item = &'a u8>,
    a_chunks: impl Iterator<Item = &'a [u8]>,
    b_chunks: impl Iterator<Item = &'a [u8]>,
) -> usize {
    let chunks = a_chunks.zip(b_chunks).take_while(|(x, y)| x == y).count();
    let skip = chunks * 32;
    skip + a
        .skip(skip)
        .zip(b.skip(skip))
        .take_while(|(x, y)| x == y)
        .count()
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&c| c == b'\n').count()
}

/// Lines with their terminator (the last one may have none).
fn split_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.split_inclusive(|&b| b == b'\n')
}

/// A small multiplicative hash for line contents: the set above is rebuilt for every blob,
/// and SipHash's DoS resistance buys nothing when equality is checked on the bytes anyway.
#[derive(Default)]
struct LineHasher(u64);

impl Hasher for LineHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes(c.try_into().unwrap_or_default());
            h = (h.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::line_count;

    #[test]
    fn introduced_lines_blank_what_the_old_version_had() {
        let mut masked = Vec::new();
        let old = b"a = 1\nkey = OLD\nc = 3\n";
        let new = b"a = 1\nkey = NEW\nc = 3\nkey = OLD\nd";
        let set = introduced_lines(old, new, &mut masked);
        assert_eq!(set.ranges, vec![(2, 2), (5, 5)]);
        assert_eq!(masked, b"\nkey = NEW\n\n\nd");
        assert_eq!(line_count(&masked), line_count(new));
        assert!(introduced_lines(new, new, &mut masked).is_empty());
        assert_eq!(masked, b"\n\n\n\n");
        assert_eq!(
            introduced_lines(b"", b"x\n", &mut masked).ranges,
            vec![(1, 1)]
        );
    }

    #[test]
    fn introduced_lines_trim_whole_lines_only() {
        let mut masked = Vec::new();
        // Same bytes up to "ab" but the lines differ: nothing of line 1 is old.
        let set = introduced_lines(b"abc\nz\n", b"abd\nz\n", &mut masked);
        assert_eq!(set.ranges, vec![(1, 1)]);
        assert_eq!(masked, b"abd\n\n");
        // Same tail bytes "c\n" inside a longer line.
        let set = introduced_lines(b"a\nxc\n", b"a\nyc\n", &mut masked);
        assert_eq!(set.ranges, vec![(2, 2)]);
        assert_eq!(masked, b"\nyc\n");
        // A final line that gains a newline, then a new line.
        let set = introduced_lines(b"a\nb", b"a\nb\nc", &mut masked);
        assert_eq!(set.ranges, vec![(2, 3)]);
        assert_eq!(masked, b"\nb\nc");
        assert!(introduced_lines(b"a\nb\n", b"a\nb\n", &mut masked).is_empty());
        assert_eq!(masked, b"\n\n");
        // Many lines around a small edit: only the edit is kept, numbers hold.
        let old: String = (0..50).map(|i| format!("line {i}\n")).collect();
        let new = old.replace("line 20\n", "line 20\nsecret = 1\n");
        let set = introduced_lines(old.as_bytes(), new.as_bytes(), &mut masked);
        assert_eq!(set.ranges, vec![(22, 22)]);
        assert_eq!(line_count(&masked), 51);
        assert_eq!(String::from_utf8_lossy(&masked).trim(), "secret = 1");
    }

    #[test]
    fn mismatch_counts_equal_leading_and_trailing_bytes() {
        let a: Vec<u8> = (0..100u8).collect();
        for at in [0usize, 1, 31, 32, 33, 64, 99] {
            let mut b = a.clone();
            b[at] = 255;
            let front = mismatch(a.iter(), b.iter(), a.chunks_exact(32), b.chunks_exact(32));
            assert_eq!(front, at);
            let back = mismatch(
                a.iter().rev(),
                b.iter().rev(),
                a.rchunks_exact(32),
                b.rchunks_exact(32),
            );
            assert_eq!(back, 99 - at);
        }
        let short = &a[..40];
        let n = mismatch(
            a.iter(),
            short.iter(),
            a.chunks_exact(32),
            short.chunks_exact(32),
        );
        assert_eq!(n, 40);
    }
}
