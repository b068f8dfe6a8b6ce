//! nginx configuration: directives with arguments and nested blocks, quoted strings,
//! escapes, comments, and `*_by_lua_block` bodies kept opaque.

use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Directive {
    pub name: String,
    pub args: Vec<String>,
    /// From the name to the `;` or the closing `}`.
    pub span: Range<usize>,
    pub name_span: Range<usize>,
    /// Children of a block directive (`server { ... }`); `None` for a simple one.
    pub block: Option<Vec<Directive>>,
}

impl Directive {
    pub fn children(&self) -> &[Directive] {
        self.block.as_deref().unwrap_or(&[])
    }

    pub fn arg(&self, i: usize) -> Option<&str> {
        self.args.get(i).map(|s| s.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NginxError {
    pub offset: usize,
    pub message: String,
}

pub fn parse(text: &str) -> Result<Vec<Directive>, NginxError> {
    let mut p = P {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    let out = p.block(0)?;
    if p.i < p.s.len() {
        return Err(p.err("unexpected `}`"));
    }
    Ok(out)
}

struct P<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

enum Tok {
    Word(String),
    Open,
    Semi,
    Close,
    Eof,
}

impl P<'_> {
    fn err(&self, m: &str) -> NginxError {
        NginxError {
            offset: self.i.min(self.s.len()),
            message: m.to_string(),
        }
    }

    fn skip_ws(&mut self) {
        while self.i < self.s.len() {
            match self.s[self.i] {
                b' ' | b'\t' | b'\r' | b'\n' => self.i += 1,
                b'#' => {
                    while self.i < self.s.len() && self.s[self.i] != b'\n' {
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
    }

    fn token(&mut self) -> Result<(Tok, usize), NginxError> {
        self.skip_ws();
        let start = self.i;
        let Some(&c) = self.s.get(self.i) else {
            return Ok((Tok::Eof, start));
        };
        match c {
            b'{' => {
                self.i += 1;
                Ok((Tok::Open, start))
            }
            b'}' => {
                self.i += 1;
                Ok((Tok::Close, start))
            }
            b';' => {
                self.i += 1;
                Ok((Tok::Semi, start))
            }
            b'"' | b'\'' => {
                self.i += 1;
                let mut out = String::new();
                while let Some(&b) = self.s.get(self.i) {
                    if b == c {
                        self.i += 1;
                        return Ok((Tok::Word(out), start));
                    }
                    if b == b'\\' && self.i + 1 < self.s.len() {
                        let n = self.s[self.i + 1];
                        if n == c || n == b'\\' {
                            out.push(n as char);
                            self.i += 2;
                            continue;
                        }
                    }
                    let ch = self.text[self.i..].chars().next().unwrap_or(' ');
                    out.push(ch);
                    self.i += ch.len_utf8();
                }
                self.i = start;
                Err(self.err("unterminated quoted string"))
            }
            _ => {
                let mut depth = 0i32;
                while let Some(&b) = self.s.get(self.i) {
                    match b {
                        b'\\' => {
                            self.i += 2;
                            continue;
                        }
                        // `${var}` stays inside the word (regexes with braces must be
                        // quoted in nginx).
                        b'{' if self.i > start && self.s[self.i - 1] == b'$' => depth += 1,
                        b'{' => break,
                        b'}' if depth > 0 => depth -= 1,
                        b'}' | b';' | b' ' | b'\t' | b'\r' | b'\n' if depth == 0 => break,
                        _ => {}
                    }
                    self.i += 1;
                }
                let end = self.i.min(self.s.len());
                Ok((Tok::Word(self.text[start..end].to_string()), start))
            }
        }
    }

    fn block(&mut self, depth: usize) -> Result<Vec<Directive>, NginxError> {
        if depth > 64 {
            return Err(self.err("nesting too deep"));
        }
        let mut out = Vec::new();
        loop {
            let (tok, start) = self.token()?;
            let name = match tok {
                Tok::Eof if depth == 0 => return Ok(out),
                Tok::Eof => return Err(self.err("missing `}`")),
                Tok::Close if depth > 0 => return Ok(out),
                Tok::Close => {
                    self.i = start;
                    return Err(self.err("unexpected `}`"));
                }
                Tok::Semi => continue,
                Tok::Open => {
                    self.i = start;
                    return Err(self.err("block without a directive name"));
                }
                Tok::Word(w) => w,
            };
            let name_span = start..start + name.len();
            let mut args = Vec::new();
            loop {
                let (tok, at) = self.token()?;
                match tok {
                    Tok::Word(w) => args.push(w),
                    Tok::Semi => {
                        out.push(Directive {
                            name,
                            args,
                            span: start..self.i,
                            name_span,
                            block: None,
                        });
                        break;
                    }
                    Tok::Open if name.ends_with("_by_lua_block") => {
                        self.skip_balanced()?;
                        out.push(Directive {
                            name,
                            args,
                            span: start..self.i,
                            name_span,
                            block: Some(Vec::new()),
                        });
                        break;
                    }
                    Tok::Open => {
                        let children = self.block(depth + 1)?;
                        out.push(Directive {
                            name,
                            args,
                            span: start..self.i,
                            name_span,
                            block: Some(children),
                        });
                        break;
                    }
                    Tok::Close | Tok::Eof => {
                        self.i = at;
                        return Err(
                            self.err(&format!("directive `{name}` is not terminated by `;`"))
                        );
                    }
                }
            }
        }
    }

    fn skip_balanced(&mut self) -> Result<(), NginxError> {
        let mut depth = 1;
        let mut quote: Option<u8> = None;
        while let Some(&b) = self.s.get(self.i) {
            self.i += 1;
            if let Some(q) = quote {
                if b == b'\\' {
                    self.i += 1;
                } else if b == q {
                    quote = None;
                }
                continue;
            }
            match b {
                b'"' | b'\'' => quote = Some(b),
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(self.err("unterminated lua block"))
    }
}

/// Every directive, depth first, with the chain of enclosing blocks (outermost first).
pub fn walk<'a>(dirs: &'a [Directive], f: &mut dyn FnMut(&'a Directive, &[&'a Directive])) {
    fn go<'a>(
        dirs: &'a [Directive],
        parents: &mut Vec<&'a Directive>,
        f: &mut dyn FnMut(&'a Directive, &[&'a Directive]),
    ) {
        for d in dirs {
            f(d, parents);
            if let Some(children) = &d.block {
                parents.push(d);
                go(children, parents, f);
                parents.pop();
            }
        }
    }
    go(dirs, &mut Vec::new(), f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_quotes_and_regexes() {
        let t = "http {\n  server_tokens on; # c\n  server {\n    listen 443 ssl;\n    add_header X-Frame-Options \"DENY\" always;\n    location ~ \"^/a{1,3}$\" { return 301 https://$host$request_uri; }\n    content_by_lua_block { ngx.say(\"{\") }\n  }\n}\n";
        let d = parse(t).unwrap();
        assert_eq!(d[0].name, "http");
        let http = d[0].children();
        assert_eq!(http[0].args, vec!["on"]);
        let server = http[1].children();
        assert_eq!(server[1].args, vec!["X-Frame-Options", "DENY", "always"]);
        assert_eq!(server[2].args, vec!["~", "^/a{1,3}$"]);
        assert_eq!(server[2].children()[0].name, "return");
        assert_eq!(&t[server[0].span.clone()], "listen 443 ssl;");
        assert_eq!(parse("set $a ${b}c;").unwrap()[0].args, vec!["$a", "${b}c"]);
        let mut n = 0;
        walk(&d, &mut |_, _| n += 1);
        assert_eq!(n, 8);
    }

    #[test]
    fn errors() {
        assert!(parse("server { listen 80 }").is_err());
        assert!(parse("server { listen 80;").is_err());
        assert!(parse("}").is_err());
        assert!(parse("a \"x;").is_err());
    }
}
