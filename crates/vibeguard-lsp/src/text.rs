//! Positions: findings count lines from 1 and columns in bytes; LSP counts both from 0 and
//! columns in UTF-16 code units (the default encoding every client supports).

use tower_lsp_server::ls_types::{Position, Range};

/// Byte offset of the start of each line.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The LSP position of a byte offset (clamped to the text, and to a char boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = text[start..offset].encode_utf16().count() as u32;
        Position::new(line as u32, character)
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(
            self.position(text, start),
            self.position(text, end.max(start)),
        )
    }

    /// Byte offset of the start of a 0-based line (the text's end past the last line).
    pub fn line_start(&self, text: &str, line: u32) -> usize {
        self.starts
            .get(line as usize)
            .copied()
            .unwrap_or(text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_utf16_units() {
        let text = "a = \"é😀\"\nx = 1\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(text, x), Position::new(1, 0));
        let quote_end = text.rfind('"').unwrap();
        // `é` is one UTF-16 unit, the emoji two.
        assert_eq!(idx.position(text, quote_end), Position::new(0, 8));
        assert_eq!(idx.line_start(text, 1), x);
    }
}
