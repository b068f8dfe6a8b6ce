//! `.env` files: `KEY=value` lines with optional `export`, quotes and comments.

use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Var {
    pub key: String,
    pub value: String,
    /// The value as written (quotes included).
    pub value_span: Range<usize>,
    pub line_span: Range<usize>,
}

/// Variables of a `.env` file; lines that are not assignments are skipped (dotenv
/// loaders ignore them too).
pub fn parse(text: &str) -> Vec<Var> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let ls = start;
        start += raw.len();
        let l = raw.trim_end_matches(['\n', '\r']);
        let t = l.trim_start();
        let lead = l.len() - t.len();
        if t.starts_with('#') {
            continue;
        }
        let body = t.strip_prefix("export ").map(str::trim_start).unwrap_or(t);
        let skipped = t.len() - body.len();
        let Some(eq) = body.find('=') else { continue };
        let key = body[..eq].trim();
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-')
        {
            continue;
        }
        let vraw = &body[eq + 1..];
        let vtrim = vraw.trim_start();
        let vstart = ls + lead + skipped + eq + 1 + (vraw.len() - vtrim.len());
        let (value, vlen) = match vtrim.chars().next() {
            Some(q @ ('"' | '\'')) => match vtrim[1..].find(q) {
                Some(e) => (vtrim[1..1 + e].to_string(), e + 2),
                None => (vtrim[1..].to_string(), vtrim.len()),
            },
            _ => {
                let v = match vtrim.find(" #") {
                    Some(c) => &vtrim[..c],
                    None => vtrim,
                };
                (v.trim_end().to_string(), v.trim_end().len())
            }
        };
        out.push(Var {
            key: key.to_string(),
            value,
            value_span: vstart..vstart + vlen,
            line_span: ls..ls + l.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_assignments() {
        let t = "# c\nexport A=1\nB = \"two words\" # x\nC='q'\nD=plain # note\nnot a line\n";
        let v = parse(t);
        assert_eq!(v.len(), 4);
        assert_eq!(v[0].key, "A");
        assert_eq!(v[1].value, "two words");
        assert_eq!(&t[v[1].value_span.clone()], "\"two words\"");
        assert_eq!(v[2].value, "q");
        assert_eq!(v[3].value, "plain");
    }
}
