//! Text helpers the rules share: comment masking that keeps byte offsets, balanced call
//! arguments, and line/column lookup.

use crate::lang::Lang;

/// The file's text with comments replaced by spaces (same length, so byte offsets and
/// line numbers stay valid). Strings are kept: several rules look inside them. The masking
/// is lexical (quotes and escapes are tracked), not a full parse.
pub fn mask_comments(src: &str, lang: Lang) -> String {
    let bytes = src.as_bytes();
    let mut out = bytes.to_vec();
    let hash_comments = lang.line_comment() == "#";
    let slash_comments = !hash_comments || matches!(lang, Lang::Php | Lang::Terraform);
    // In YAML and Dockerfiles quotes are not reliable string delimiters (`it's` in a
    // plain scalar), and `#` starts a comment only after white space.
    let plain_hash = matches!(lang, Lang::Yaml | Lang::Dockerfile);
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == b'\\' {
                i += 2;
                continue;
            }
            if b == q || (b == b'\n' && q != b'`') {
                quote = None;
            }
            i += 1;
            continue;
        }
        if plain_hash {
            if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
                i = blank_until_newline(&mut out, bytes, i);
                continue;
            }
            i += 1;
            continue;
        }
        match b {
            b'"' | b'\'' | b'`' => quote = Some(b),
            b'#' if hash_comments || lang == Lang::Php => {
                i = blank_until_newline(&mut out, bytes, i);
                continue;
            }
            b'/' if slash_comments && bytes.get(i + 1) == Some(&b'/') => {
                i = blank_until_newline(&mut out, bytes, i);
                continue;
            }
            b'/' if slash_comments && bytes.get(i + 1) == Some(&b'*') => {
                let end = find(bytes, i + 2, b"*/").map_or(bytes.len(), |e| e + 2);
                for o in &mut out[i..end] {
                    if *o != b'\n' {
                        *o = b' ';
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII spaces, so the result stays valid UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| src.to_string())
}

fn blank_until_newline(out: &mut [u8], bytes: &[u8], start: usize) -> usize {
    let end = memchr_newline(bytes, start);
    for o in &mut out[start..end] {
        *o = b' ';
    }
    end
}

fn memchr_newline(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| start + p)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Was the source byte at `offset` blanked by [`mask_comments`] (it sits in a comment)?
pub fn starts_in_comment(source: &str, masked: &str, offset: usize) -> bool {
    match (source.as_bytes().get(offset), masked.as_bytes().get(offset)) {
        (Some(&s), Some(&m)) => s != m,
        _ => false,
    }
}

/// The bytes of `bytes` that lie outside string literals, with their offsets. A string
/// literal shows up once, as its opening quote; escapes inside it are skipped. The
/// call-argument helpers below all walk code this way.
fn outside_strings(bytes: &[u8]) -> impl Iterator<Item = (usize, u8)> + '_ {
    let mut i = 0;
    let mut quote: Option<u8> = None;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let (at, b) = (i, bytes[i]);
            i += 1;
            match quote {
                Some(_) if b == b'\\' => i += 1,
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None => {
                    if matches!(b, b'"' | b'\'' | b'`') {
                        quote = Some(b);
                    }
                    return Some((at, b));
                }
            }
        }
        None
    })
}

/// The argument text of a call whose `(` is at `open`: up to the matching `)`, skipping
/// parentheses inside strings. Capped so a runaway file cannot cost much.
pub fn call_args(text: &str, open: usize) -> &str {
    const CAP: usize = 4000;
    if text.as_bytes().get(open) != Some(&b'(') {
        return "";
    }
    let end_cap = floor_char_boundary(text, (open + CAP).min(text.len()));
    let mut depth = 0usize;
    for (i, b) in outside_strings(&text.as_bytes()[open..end_cap]) {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &text[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    &text[open + 1..end_cap]
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first top-level argument of an argument list.
pub fn first_arg(args: &str) -> &str {
    let mut depth = 0usize;
    for (i, b) in outside_strings(args.as_bytes()) {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => return args[..i].trim(),
            _ => {}
        }
    }
    args.trim()
}

/// Is `expr` one constant string literal (no interpolation, no concatenation)?
pub fn is_plain_literal(expr: &str) -> bool {
    let e = expr.trim();
    let Some(first) = e.chars().next() else {
        return false;
    };
    if !matches!(first, '"' | '\'') {
        return false;
    }
    if e.len() < 2 || !e.ends_with(first) {
        return false;
    }
    let inner = &e[1..e.len() - 1];
    !inner.contains(first) || inner.contains(&format!("\\{first}"))
}

/// Does `expr` build a string from values at run time (f-string, template literal with
/// `${`, `+` concatenation, `%` or `.format` formatting, `Sprintf`, interpolation)?
pub fn is_dynamic_string(expr: &str) -> bool {
    let e = expr.trim();
    let lower = e.to_ascii_lowercase();
    (lower.starts_with("f\"") || lower.starts_with("f'"))
        || lower.starts_with("rf\"")
        || lower.starts_with("fr\"")
        || (e.contains('`') && e.contains("${"))
        || has_concat(e)
        || e.contains("\" %")
        || e.contains("' %")
        || e.contains(".format(")
        || e.contains("Sprintf(")
        || e.contains("String.format(")
        || (e.starts_with('"') && e.contains("#{"))
        || (e.starts_with('"') && e.contains('$') && !e.contains("${") && lower.contains("$_"))
}

/// `"..." + x` or `x + "..."` at the top level of an expression (and PHP's `"..." . $x`).
fn has_concat(e: &str) -> bool {
    let bytes = e.as_bytes();
    let mut saw_string = false;
    let mut saw_plus = false;
    for (i, b) in outside_strings(bytes) {
        let next = bytes.get(i + 1).copied();
        match b {
            b'"' | b'\'' => saw_string = true,
            b'+' if next != Some(b'+') && next != Some(b'=') => saw_plus = true,
            b'.' if next == Some(b' ') || next == Some(b'$') => saw_plus = true,
            _ => {}
        }
    }
    saw_string && saw_plus
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line as u32, (offset - line_start + 1) as u32)
}

/// The full line containing `offset`.
pub fn line_at(text: &str, offset: usize) -> &str {
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |p| p + 1);
    let end = text[start..].find('\n').map_or(text.len(), |p| start + p);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_comments_but_keeps_strings_and_offsets() {
        let src = "x = 1  # eval(y)\ns = '# not a comment'\n";
        let m = mask_comments(src, Lang::Python);
        assert_eq!(m.len(), src.len());
        assert!(!m.contains("eval"));
        assert!(m.contains("'# not a comment'"));
        let js = "a(); /* exec(x) */ b('//keep')\n";
        let m = mask_comments(js, Lang::JavaScript);
        assert!(!m.contains("exec"));
        assert!(m.contains("'//keep'"));
    }

    #[test]
    fn extracts_balanced_call_args() {
        let t = "run(f(a, b), 'x)', shell=True) + 1";
        assert_eq!(call_args(t, 3), "f(a, b), 'x)', shell=True");
        assert_eq!(first_arg("f(a, b), 'x)'"), "f(a, b)");
    }

    #[test]
    fn tells_literals_from_dynamic_strings() {
        assert!(is_plain_literal("'ls -l'"));
        assert!(!is_plain_literal("cmd"));
        assert!(is_dynamic_string("f\"SELECT * FROM t WHERE id={uid}\""));
        assert!(is_dynamic_string("\"SELECT \" + uid"));
        assert!(is_dynamic_string("`rm ${path}`"));
        assert!(is_dynamic_string("\"SELECT %s\" % uid"));
        assert!(!is_dynamic_string("\"SELECT 1\""));
    }

    #[test]
    fn computes_line_and_column() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_at("ab\ncd\nef", 4), "cd");
    }
}
