//! Byte offsets to 1-based line numbers, and finding the line of a key in a file whose
//! parser does not keep positions.

pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    keys: std::cell::OnceCell<std::collections::HashMap<&'a str, Vec<u32>>>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(memchr_iter(text.as_bytes()).map(|i| i + 1));
        LineIndex {
            text,
            starts,
            keys: std::cell::OnceCell::new(),
        }
    }

    /// Line of the first line that starts (after indentation) with the object key `key`,
    /// as JSON (`"key":`) or YAML (`key:`, `'key':`, `"key":`) writes it. Built once per
    /// file in one pass, so lockfiles whose parsed maps lose the file order still get
    /// their lines in linear time.
    pub fn key_line(&self, key: &str) -> Option<u32> {
        self.key_line_from(key, 0)
    }

    /// [`key_line`](Self::key_line), for the first such line at or after `from`.
    pub fn key_line_from(&self, key: &str, from: u32) -> Option<u32> {
        let keys = self.keys.get_or_init(|| {
            let mut m = std::collections::HashMap::new();
            for (i, line) in self.text.lines().enumerate() {
                let t = line.trim_start();
                let k = match t.as_bytes().first() {
                    Some(q @ (b'"' | b'\'')) => {
                        let q = *q as char;
                        t[1..].find(q).map(|e| &t[1..1 + e]).filter(|_| true)
                    }
                    Some(_) => t.find(':').map(|e| &t[..e]).filter(|k| !k.contains(' ')),
                    None => None,
                };
                if let Some(k) = k {
                    m.entry(k).or_insert_with(Vec::new).push(i as u32 + 1);
                }
            }
            m
        });
        let lines = keys.get(key)?;
        let i = lines.partition_point(|l| *l < from);
        lines.get(i).copied()
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
