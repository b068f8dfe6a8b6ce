//! Byte offsets to 1-based lines and columns, and small text helpers shared by parsers.

/// Line starts of one file, for turning byte offsets into line and column.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and 1-based byte column of `offset`.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let col = offset - self.starts[line - 1] + 1;
        (line as u32, col as u32)
    }

    /// Byte offset where 1-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
}

/// Character index to byte offset, for parsers (the YAML one) that count characters.
pub enum CharOffsets {
    /// ASCII text: a character index is a byte offset.
    Ascii,
    /// Byte offset of every character, plus the text length at the end.
    Table(Vec<usize>),
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        if text.is_ascii() {
            CharOffsets::Ascii
        } else {
            let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            v.push(text.len());
            CharOffsets::Table(v)
        }
    }

    pub fn byte(&self, char_index: usize) -> usize {
        match self {
            CharOffsets::Ascii => char_index,
            CharOffsets::Table(v) => v
                .get(char_index)
                .copied()
                .unwrap_or_else(|| *v.last().unwrap_or(&0)),
        }
    }
}

/// The range of the first occurrence of `needle` inside `text[within]`, so a rule can
/// point at the exact words inside a larger node (a line of a `run:` block, a command in
/// a `RUN` instruction); the whole range when it is not there.
pub fn locate(text: &str, within: std::ops::Range<usize>, needle: &str) -> std::ops::Range<usize> {
    let end = within.end.min(text.len());
    let start = within.start.min(end);
    match text.get(start..end).and_then(|s| s.find(needle)) {
        Some(i) if !needle.is_empty() => start + i..start + i + needle.len(),
        _ => start..end,
    }
}

/// The range of the line holding `offset`, without its line break.
pub fn line_range(text: &str, offset: usize) -> std::ops::Range<usize> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let idx = LineIndex::new("ab\ncd\n\nx");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(4), (2, 2));
        assert_eq!(idx.position(7), (4, 1));
        assert_eq!(idx.line_start(2), Some(3));
    }

    #[test]
    fn char_offsets_handle_multibyte() {
        let t = "é: x";
        let c = CharOffsets::new(t);
        assert_eq!(c.byte(1), 2);
        assert_eq!(c.byte(3), 4);
    }

    #[test]
    fn locate_finds_inside_a_range() {
        let t = "run: |\n  echo hi\n  curl x | sh\n";
        let r = locate(t, 0..t.len(), "curl");
        assert_eq!(&t[r], "curl");
        assert_eq!(line_range(t, 20), 17..30);
    }
}
