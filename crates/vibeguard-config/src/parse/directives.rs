//! Line-oriented `name value...` configuration: redis.conf and sshd_config. Names are
//! case-insensitive in both; arguments may be quoted; `#` starts a comment line. sshd's
//! `Match` blocks are tracked so a global setting is told apart from a conditional one.

use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Directive {
    /// Lower-case name.
    pub name: String,
    pub args: Vec<String>,
    /// The directive's line (without the line break).
    pub span: Range<usize>,
    /// 1-based line.
    pub line: usize,
    /// Inside an sshd `Match` block (the condition as written), `None` when global.
    pub within_match: Option<String>,
}

impl Directive {
    pub fn arg(&self, i: usize) -> Option<&str> {
        self.args.get(i).map(|s| s.as_str())
    }

    /// The first argument, lower-cased.
    pub fn value_lower(&self) -> String {
        self.arg(0).unwrap_or("").to_ascii_lowercase()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DirectiveError {
    pub line: usize,
    pub message: String,
}

/// Parse `name value...` lines; `sshd` enables `Match` block tracking and the
/// `name=value` form sshd also accepts.
pub fn parse(text: &str, sshd: bool) -> Result<Vec<Directive>, DirectiveError> {
    let mut out = Vec::new();
    let mut within: Option<String> = None;
    let mut start = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let line_start = start;
        start += raw.len();
        let l = raw.trim_end_matches(['\n', '\r']);
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let words = split_words(t).map_err(|message| DirectiveError {
            line: n + 1,
            message,
        })?;
        let mut words = words.into_iter();
        let Some(first) = words.next() else { continue };
        let (name, mut args) = match (sshd, first.split_once('=')) {
            (true, Some((k, v))) => (
                k.to_string(),
                if v.is_empty() {
                    vec![]
                } else {
                    vec![v.to_string()]
                },
            ),
            _ => (first, Vec::new()),
        };
        args.extend(words);
        let name = name.to_ascii_lowercase();
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        {
            return Err(DirectiveError {
                line: n + 1,
                message: format!("`{name}` is not a directive name"),
            });
        }
        if sshd && name == "match" {
            let cond = args.join(" ");
            within = if cond.eq_ignore_ascii_case("all") {
                None
            } else {
                Some(cond)
            };
            continue;
        }
        out.push(Directive {
            name,
            args,
            span: line_start..line_start + l.len(),
            line: n + 1,
            within_match: within.clone(),
        });
    }
    Ok(out)
}

fn split_words(t: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = t.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&c) = chars.peek() else { break };
        if c == '#' && !out.is_empty() {
            break;
        }
        let mut w = String::new();
        if c == '"' || c == '\'' {
            chars.next();
            let mut closed = false;
            while let Some(ch) = chars.next() {
                if ch == '\\' {
                    if let Some(n) = chars.next() {
                        w.push(n);
                    }
                    continue;
                }
                if ch == c {
                    closed = true;
                    break;
                }
                w.push(ch);
            }
            if !closed {
                return Err("unterminated quoted argument".to_string());
            }
        } else {
            while let Some(&ch) = chars.peek() {
                if ch.is_whitespace() {
                    break;
                }
                w.push(ch);
                chars.next();
            }
        }
        out.push(w);
    }
    Ok(out)
}

/// The last global (outside any `Match`) setting of `name`, or the first for sshd where
/// the first value wins. `first_wins` picks sshd's rule.
pub fn effective<'a>(dirs: &'a [Directive], name: &str, first_wins: bool) -> Option<&'a Directive> {
    let mut it = dirs
        .iter()
        .filter(|d| d.name == name && d.within_match.is_none());
    if first_wins {
        it.next()
    } else {
        it.next_back()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redis_lines() {
        let t = "# comment\nbind 0.0.0.0 ::1\nrequirepass \"a b\"\nrename-command CONFIG \"\"\n";
        let d = parse(t, false).unwrap();
        assert_eq!(d[0].args, vec!["0.0.0.0", "::1"]);
        assert_eq!(d[1].args, vec!["a b"]);
        assert_eq!(d[2].args, vec!["CONFIG", ""]);
        assert_eq!(d[0].line, 2);
        assert_eq!(&t[d[0].span.clone()], "bind 0.0.0.0 ::1");
        assert!(parse("bind \"x\n", false).is_err());
    }

    #[test]
    fn sshd_match_blocks_and_first_wins() {
        let t = "PermitRootLogin no\nPasswordAuthentication=yes\nMatch User ci\n  PermitRootLogin yes\nMatch all\nPermitRootLogin yes\n";
        let d = parse(t, true).unwrap();
        assert_eq!(d[1].name, "passwordauthentication");
        assert_eq!(d[1].args, vec!["yes"]);
        assert_eq!(d[2].within_match.as_deref(), Some("User ci"));
        assert_eq!(
            effective(&d, "permitrootlogin", true)
                .unwrap()
                .value_lower(),
            "no"
        );
        assert_eq!(d[3].within_match, None);
    }
}
