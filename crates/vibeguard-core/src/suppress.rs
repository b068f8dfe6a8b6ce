//! Inline suppressions: `vibeguard: ignore[rule-id] reason` in a comment.
//!
//! The marker silences findings on its own line or on the line below it (so it can sit
//! above a long line). `ignore[a,b]` names rules; a bare `vibeguard: ignore` silences every
//! rule. The marker must follow a comment opener on that line (`#`, `//`, `/*`, `--`, `;`,
//! `<!--`, `%`, `*`, `{-`, `(*`, `REM`), so a string that merely contains the words does
//! not silence anything, whatever the language.

use memchr::memmem;

const MARKER: &[u8] = b"vibeguard:";

/// What one marker silences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suppression {
    /// Bare `vibeguard: ignore`: every rule.
    All,
    /// `vibeguard: ignore[a,b]`: these rule ids.
    Rules(Vec<String>),
}

impl Suppression {
    pub fn covers(&self, rule_id: &str) -> bool {
        match self {
            Suppression::All => true,
            Suppression::Rules(ids) => ids.iter().any(|id| id == rule_id),
        }
    }
}

/// Parse the suppression on one line, if the line has one inside a comment.
pub fn parse_line(line: &[u8]) -> Option<Suppression> {
    let at = memmem::find(line, MARKER)?;
    if !has_comment_opener(&line[..at]) {
        return None;
    }
    let rest = trim_start(&line[at + MARKER.len()..]);
    let rest = rest.strip_prefix(b"ignore")?;
    match rest.first() {
        Some(b'[') => {
            let close = rest.iter().position(|&b| b == b']')?;
            let inner = std::str::from_utf8(&rest[1..close]).ok()?;
            let ids: Vec<String> = inner
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if ids.is_empty() {
                None
            } else {
                Some(Suppression::Rules(ids))
            }
        }
        // `ignore` followed by the end of the line, a space (a reason) or a comment closer.
        None | Some(b' ' | b'\t' | b'\r' | b'*' | b'-' | b':') => Some(Suppression::All),
        Some(_) => None,
    }
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn has_comment_opener(before: &[u8]) -> bool {
    const OPENERS: [&[u8]; 10] = [
        b"#", b"//", b"/*", b"--", b";", b"<!--", b"%", b"*", b"{-", b"(*",
    ];
    OPENERS.iter().any(|o| memmem::find(before, o).is_some()) || {
        let upper = before.to_ascii_uppercase();
        memmem::find(&upper, b"REM ").is_some()
    }
}

/// Line lookup over one file's bytes, built lazily: most files have no findings, so
/// nothing here runs for them.
pub struct Lines<'a> {
    bytes: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(bytes: &'a [u8]) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        Lines { bytes, starts }
    }

    /// The 1-based line `n` without its newline; `None` past the end.
    pub fn get(&self, n: u32) -> Option<&'a [u8]> {
        let i = (n as usize).checked_sub(1)?;
        let start = *self.starts.get(i)?;
        if start > self.bytes.len() {
            return None;
        }
        let end = self
            .starts
            .get(i + 1)
            .map(|s| s - 1)
            .unwrap_or(self.bytes.len());
        Some(&self.bytes[start..end])
    }
}

/// Is a finding of `rule_id` on `line` silenced by a marker on that line or the one above?
pub fn is_suppressed(lines: &Lines<'_>, line: u32, rule_id: &str) -> bool {
    let on = |n: u32| {
        lines
            .get(n)
            .and_then(parse_line)
            .is_some_and(|s| s.covers(rule_id))
    };
    on(line) || (line > 1 && on(line - 1))
}

/// Quick test: can this file contain any marker at all?
pub fn may_have_markers(bytes: &[u8]) -> bool {
    memmem::find(bytes, MARKER).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rule_lists_and_bare_markers() {
        assert_eq!(
            parse_line(b"x = 1  # vibeguard: ignore[secrets/a, secrets/b] test key"),
            Some(Suppression::Rules(vec![
                "secrets/a".into(),
                "secrets/b".into()
            ]))
        );
        assert_eq!(
            parse_line(b"// vibeguard: ignore fixture"),
            Some(Suppression::All)
        );
        assert_eq!(
            parse_line(b"<!-- vibeguard:ignore -->"),
            Some(Suppression::All)
        );
        assert_eq!(
            parse_line(b"/* vibeguard: ignore[secrets/x] */"),
            Some(Suppression::Rules(vec!["secrets/x".into()]))
        );
        assert_eq!(
            parse_line(b"-- vibeguard: ignore[sql/x]"),
            Some(Suppression::Rules(vec!["sql/x".into()]))
        );
    }

    #[test]
    fn marker_outside_a_comment_or_malformed_is_ignored() {
        assert_eq!(parse_line(b"msg = \"vibeguard: ignore\""), None);
        assert_eq!(parse_line(b"# vibeguard: ignored"), None);
        assert_eq!(parse_line(b"# vibeguard: ignore[]"), None);
        assert_eq!(parse_line(b"# vibeguard: ignore[unclosed"), None);
        assert_eq!(parse_line(b"# vibeguard is great"), None);
    }

    #[test]
    fn applies_to_same_line_and_line_below_only() {
        let text = b"a\n# vibeguard: ignore[secrets/x] fake\nkey = 1\nkey = 2\nz = 3 # vibeguard: ignore\n";
        let lines = Lines::new(text);
        assert!(is_suppressed(&lines, 2, "secrets/x"));
        assert!(is_suppressed(&lines, 3, "secrets/x"));
        assert!(!is_suppressed(&lines, 3, "secrets/y"));
        assert!(!is_suppressed(&lines, 4, "secrets/x"));
        assert!(is_suppressed(&lines, 5, "anything/else"));
        assert!(!is_suppressed(&lines, 99, "secrets/x"));
    }

    #[test]
    fn lines_are_one_based_and_strip_newlines() {
        let lines = Lines::new(b"one\ntwo\n");
        assert_eq!(lines.get(1), Some(&b"one"[..]));
        assert_eq!(lines.get(2), Some(&b"two"[..]));
        assert_eq!(lines.get(3), Some(&b""[..]));
        assert_eq!(lines.get(4), None);
        assert_eq!(lines.get(0), None);
    }
}
