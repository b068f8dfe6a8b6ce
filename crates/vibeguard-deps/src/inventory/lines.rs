//! Byte offsets to 1-based line numbers, and finding the line of a key in a file whose
//! parser does not keep positions.

pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(memchr_iter(text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// Line of the first occurrence of `needle` at or after byte `from`, with the offset
    /// just past it (so successive look-ups can move forward).
    pub fn find(&self, needle: &str, from: usize) -> Option<(u32, usize)> {
        let from = from.min(self.text.len());
        let at = self.text[from..].find(needle)? + from;
        Some((self.line_of(at), at + needle.len()))
    }

    /// Line of the first occurrence of `needle`, or 1.
    pub fn line_or_first(&self, needle: &str) -> u32 {
        self.find(needle, 0).map(|(l, _)| l).unwrap_or(1)
    }
}

fn memchr_iter(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    b.iter()
        .enumerate()
        .filter(|(_, c)| **c == b'\n')
        .map(|(i, _)| i)
}
