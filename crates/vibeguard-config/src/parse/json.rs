//! JSON into [`Node`] trees with byte spans. Accepts what editors write in settings
//! files (JSONC): `//` and `/* */` comments and trailing commas, as VS Code's and
//! Cursor's `mcp.json` allow.

use crate::tree::{Entry, Node, Value};

const MAX_DEPTH: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    /// Byte offset of the problem.
    pub offset: usize,
    pub message: String,
}

pub fn parse(text: &str) -> Result<Node, JsonError> {
    let mut p = P {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    p.ws()?;
    let v = p.value(0)?;
    p.ws()?;
    if p.i < p.s.len() {
        return Err(p.err("unexpected text after the JSON value"));
    }
    Ok(v)
}

struct P<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl P<'_> {
    fn err(&self, m: &str) -> JsonError {
        JsonError {
            offset: self.i.min(self.s.len()),
            message: m.to_string(),
        }
    }

    fn ws(&mut self) -> Result<(), JsonError> {
        while self.i < self.s.len() {
            match self.s[self.i] {
                b' ' | b'\t' | b'\n' | b'\r' => self.i += 1,
                0xEF if self.s[self.i..].starts_with(&[0xEF, 0xBB, 0xBF]) => self.i += 3,
                b'/' if self.s.get(self.i + 1) == Some(&b'/') => {
                    while self.i < self.s.len() && self.s[self.i] != b'\n' {
                        self.i += 1;
                    }
                }
                b'/' if self.s.get(self.i + 1) == Some(&b'*') => {
                    let start = self.i;
                    self.i += 2;
                    loop {
                        if self.i + 1 >= self.s.len() {
                            self.i = start;
                            return Err(self.err("unterminated comment"));
                        }
                        if self.s[self.i] == b'*' && self.s[self.i + 1] == b'/' {
                            self.i += 2;
                            break;
                        }
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Node, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.err("nesting too deep"));
        }
        let start = self.i;
        match self.s.get(self.i) {
            None => Err(self.err("unexpected end of input")),
            Some(b'{') => {
                self.i += 1;
                let mut entries = Vec::new();
                loop {
                    self.ws()?;
                    if self.s.get(self.i) == Some(&b'}') {
                        self.i += 1;
                        break;
                    }
                    if self.s.get(self.i) != Some(&b'"') {
                        return Err(self.err("expected a string key"));
                    }
                    let ks = self.i;
                    let key = self.string()?;
                    let key_span = ks..self.i;
                    self.ws()?;
                    if self.s.get(self.i) != Some(&b':') {
                        return Err(self.err("expected `:`"));
                    }
                    self.i += 1;
                    self.ws()?;
                    let value = self.value(depth + 1)?;
                    entries.push(Entry {
                        key,
                        key_span,
                        value,
                    });
                    self.ws()?;
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {}
                        _ => return Err(self.err("expected `,` or `}`")),
                    }
                }
                Ok(Node::new(start..self.i, Value::Map(entries)))
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws()?;
                    if self.s.get(self.i) == Some(&b']') {
                        self.i += 1;
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    self.ws()?;
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {}
                        _ => return Err(self.err("expected `,` or `]`")),
                    }
                }
                Ok(Node::new(start..self.i, Value::Seq(items)))
            }
            Some(b'"') => {
                let s = self.string()?;
                Ok(Node::new(start..self.i, Value::Str(s)))
            }
            Some(b't') if self.s[self.i..].starts_with(b"true") => {
                self.i += 4;
                Ok(Node::new(start..self.i, Value::Bool(true)))
            }
            Some(b'f') if self.s[self.i..].starts_with(b"false") => {
                self.i += 5;
                Ok(Node::new(start..self.i, Value::Bool(false)))
            }
            Some(b'n') if self.s[self.i..].starts_with(b"null") => {
                self.i += 4;
                Ok(Node::new(start..self.i, Value::Null))
            }
            Some(b'-' | b'0'..=b'9') => {
                while self.i < self.s.len()
                    && matches!(
                        self.s[self.i],
                        b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                    )
                {
                    self.i += 1;
                }
                Ok(Node::new(
                    start..self.i,
                    Value::Num(self.text[start..self.i].to_string()),
                ))
            }
            Some(_) => Err(self.err("unexpected character")),
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        let mut run = self.i;
        loop {
            match self.s.get(self.i) {
                None | Some(b'\n') => {
                    self.i = start;
                    return Err(self.err("unterminated string"));
                }
                Some(b'"') => {
                    out.push_str(&self.text[run..self.i]);
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[run..self.i]);
                    let c = *self
                        .s
                        .get(self.i + 1)
                        .ok_or_else(|| self.err("bad escape"))?;
                    self.i += 2;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let cp = self.hex4()?;
                            let ch = if (0xD800..0xDC00).contains(&cp)
                                && self.s[self.i..].starts_with(b"\\u")
                            {
                                self.i += 2;
                                let lo = self.hex4()?;
                                char::from_u32(
                                    0x10000
                                        + ((cp - 0xD800) << 10)
                                        + (lo.wrapping_sub(0xDC00) & 0x3FF),
                                )
                            } else {
                                char::from_u32(cp)
                            };
                            out.push(ch.unwrap_or('\u{FFFD}'));
                        }
                        _ => return Err(self.err("bad escape")),
                    }
                    run = self.i;
                }
                Some(_) => self.i += 1,
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let h = self
            .text
            .get(self.i..self.i + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.err("bad \\u escape"))?;
        self.i += 4;
        Ok(h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_spans_comments_and_trailing_commas() {
        let t = "{\n  // servers\n  \"servers\": {\"a\": {\"command\": \"npx\", \"args\": [\"-y\", \"x\",],},},\n  \"n\": -1.5e3, \"b\": true, \"z\": null /* c */\n}";
        let n = parse(t).unwrap();
        let cmd = n.path(&["servers", "a", "command"]).unwrap();
        assert_eq!(&t[cmd.span.clone()], "\"npx\"");
        assert_eq!(cmd.text(), Some("npx"));
        assert_eq!(n.get("n").unwrap().text(), Some("-1.5e3"));
        assert_eq!(n.path(&["servers", "a", "args"]).unwrap().items().len(), 2);
    }

    #[test]
    fn escapes_and_errors() {
        let n = parse(r#"{"a": "x\"y\u00e9\n"}"#).unwrap();
        assert_eq!(n.get("a").unwrap().text(), Some("x\"yé\n"));
        let e = parse("{\"a\": 1,\n \"b\" 2}").unwrap_err();
        assert_eq!(e.offset, 14);
        assert!(parse("{\"a\": \"open").is_err());
        assert!(parse("[1] x").is_err());
        assert!(parse(&"[".repeat(500)).is_err());
    }
}
