//! Brace expansion of a raw word (`{/etc,/usr}`, `/srv/x{1..3}`), done before the other
//! expansions exactly as bash does, so `rm -rf {/etc,/usr}` is checked as `rm -rf /etc
//! /usr`. Only unquoted braces expand; `${...}`, `$(...)` and a lone `{}` (as in
//! `find -exec ... {} +`) are left alone. The result is capped: a word that would grow
//! past [`MAX_WORDS`] keeps its first alternatives only, which is enough for the path
//! checks and keeps hostile input (`{1..99999999}`) cheap.

/// Most words one raw word may expand into.
pub const MAX_WORDS: usize = 64;
/// Most members a `{a..b}` sequence produces.
const MAX_RANGE: i64 = 32;

/// The raw words `raw` brace-expands into, or `None` when it has no brace expression.
pub fn expand(raw: &str) -> Option<Vec<String>> {
    if !raw.contains('{') {
        return None;
    }
    let mut out = Vec::new();
    expand_into(raw, &mut out, 0);
    (out.len() > 1 || out.first().is_some_and(|w| w != raw)).then_some(out)
}

fn expand_into(raw: &str, out: &mut Vec<String>, depth: usize) {
    if out.len() >= MAX_WORDS {
        return;
    }
    let found = if depth < 8 { find_brace(raw) } else { None };
    let Some((open, close, alts)) = found else {
        out.push(raw.to_string());
        return;
    };
    let (pre, post) = (&raw[..open], &raw[close + 1..]);
    for alt in alts {
        if out.len() >= MAX_WORDS {
            return;
        }
        expand_into(&format!("{pre}{alt}{post}"), out, depth + 1);
    }
}

/// The first expandable `{...}`: its byte offsets and its alternatives.
fn find_brace(raw: &str) -> Option<(usize, usize, Vec<String>)> {
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\'' => i = skip_to(b, i + 1, b'\'')?,
            b'"' => i = skip_double(b, i + 1)?,
            b'$' if matches!(b.get(i + 1), Some(b'{') | Some(b'(')) => {
                i = skip_group(b, i + 1)?;
            }
            b'`' => i = skip_to(b, i + 1, b'`')?,
            b'{' => {
                let close = skip_group(b, i).map(|e| e - 1);
                if let Some((close, alts)) =
                    close.and_then(|c| alternatives(&raw[i + 1..c]).map(|a| (c, a)))
                {
                    return Some((i, close, alts));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// Index just past the closing `quote`.
fn skip_to(b: &[u8], mut i: usize, quote: u8) -> Option<usize> {
    while i < b.len() {
        if b[i] == b'\\' && quote != b'\'' {
            i += 2;
            continue;
        }
        if b[i] == quote {
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

fn skip_double(b: &[u8], i: usize) -> Option<usize> {
    skip_to(b, i, b'"')
}

/// `b[start]` is `{` or `(`; index just past its matching closer (quotes respected).
fn skip_group(b: &[u8], start: usize) -> Option<usize> {
    let (open, close) = if b[start] == b'(' {
        (b'(', b')')
    } else {
        (b'{', b'}')
    };
    let mut depth = 0usize;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                i += 2;
                continue;
            }
            b'\'' => {
                i = skip_to(b, i + 1, b'\'')?;
                continue;
            }
            b'"' => {
                i = skip_double(b, i + 1)?;
                continue;
            }
            c if c == open => depth += 1,
            c if c == close => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// `a,b,c` (top-level commas) or a `x..y` sequence; `None` for anything else.
fn alternatives(inner: &str) -> Option<Vec<String>> {
    let b = inner.as_bytes();
    let mut parts = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'\'' => i = skip_to(b, i + 1, b'\'')? - 1,
            b'"' => i = skip_double(b, i + 1)? - 1,
            b'{' | b'(' => i = skip_group(b, i)? - 1,
            b',' => {
                parts.push(inner[start..i].to_string());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if !parts.is_empty() {
        parts.push(inner[start..].to_string());
        return Some(parts);
    }
    sequence(inner)
}

/// `1..3`, `03..1`, `a..e`, with an optional `..step`.
fn sequence(inner: &str) -> Option<Vec<String>> {
    let mut it = inner.split("..");
    let (from, to) = (it.next()?, it.next()?);
    let step: i64 = match it.next() {
        Some(s) => s.parse::<i64>().ok()?.checked_abs()?.max(1),
        None => 1,
    };
    if it.next().is_some() {
        return None;
    }
    if let (Ok(a), Ok(z)) = (from.parse::<i64>(), to.parse::<i64>()) {
        let width = if from.starts_with('0') || to.starts_with('0') {
            from.len().max(to.len())
        } else {
            0
        };
        let dir = if z >= a { 1 } else { -1 };
        let mut v = Vec::new();
        let mut n = a;
        while (dir > 0 && n <= z) || (dir < 0 && n >= z) {
            if v.len() as i64 >= MAX_RANGE {
                break;
            }
            v.push(format!("{n:0width$}"));
            n = n.checked_add(dir * step)?;
        }
        return Some(v);
    }
    let (a, z) = (single_letter(from)?, single_letter(to)?);
    let dir: i32 = if z >= a { 1 } else { -1 };
    let mut v = Vec::new();
    let mut n = a as i32;
    while (dir > 0 && n <= z as i32) || (dir < 0 && n >= z as i32) {
        if v.len() as i64 >= MAX_RANGE {
            break;
        }
        v.push(char::from(n as u8).to_string());
        n += dir * step.min(64) as i32;
    }
    Some(v)
}

fn single_letter(s: &str) -> Option<u8> {
    match s.as_bytes() {
        [c] if c.is_ascii_alphabetic() => Some(*c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::expand;

    fn ex(s: &str) -> Vec<String> {
        expand(s).unwrap_or_else(|| vec![s.to_string()])
    }

    #[test]
    fn lists_ranges_and_nesting() {
        assert_eq!(ex("{/etc,/usr}"), ["/etc", "/usr"]);
        assert_eq!(ex("/srv/{a,b}/x"), ["/srv/a/x", "/srv/b/x"]);
        assert_eq!(ex("x{1..3}"), ["x1", "x2", "x3"]);
        assert_eq!(ex("{a..c}"), ["a", "b", "c"]);
        assert_eq!(ex("{01..03}"), ["01", "02", "03"]);
        assert_eq!(ex("{3..1}"), ["3", "2", "1"]);
        assert_eq!(ex("{a,b{1,2}}"), ["a", "b1", "b2"]);
        assert_eq!(ex("{a,b}{c,d}"), ["ac", "ad", "bc", "bd"]);
    }

    #[test]
    fn leaves_non_expansions_alone() {
        for s in [
            "{}",
            "{x}",
            "'{a,b}'",
            "\"{a,b}\"",
            "\\{a,b}",
            "${HOME}",
            "${x:-a,b}",
            "$(echo {a,b})",
            "plain",
            "{a,b",
            "{1..}",
        ] {
            assert_eq!(expand(s), None, "{s}");
        }
    }

    #[test]
    fn huge_expansions_are_capped() {
        assert_eq!(ex("{1..99999999999}").len(), 32);
        assert!(ex("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}").len() <= super::MAX_WORDS);
        assert!(ex(&"{a,b}".repeat(200)).len() <= super::MAX_WORDS);
    }
}
