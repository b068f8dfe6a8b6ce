//! HAML and Slim views read as Ruby, line by line: each template line becomes the Ruby it
//! runs on the same line (line breaks kept, so findings keep the template's line numbers;
//! the text of a line is not kept at its columns).
//!
//! - `- code` runs `code` (a block opener's `do |x|` and the keyword of `if`/`unless`/
//!   `while` are dropped: the condition stays, the structure does not);
//! - `= expr` (HAML `&=`, `~`; Slim `=`) prints `expr` escaped;
//! - `!= expr` (HAML) and `== expr` (Slim) print it unescaped: `raw expr`;
//! - text lines print their `#{...}` interpolations escaped, HAML `! text` and Slim
//!   `#{{...}}` unescaped;
//! - tags (`%p`, `.cls`, `#id`, Slim `p`, `h2.title`) are followed by any of these;
//! - comments (`-#`, `/`) and filter blocks (`:javascript`, `javascript:`) are blanked.

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Haml,
    Slim,
}

/// `src` as Ruby, one line for each line of the template.
pub fn ruby_of(src: &str, dialect: Dialect) -> String {
    let mut out = String::with_capacity(src.len() + 64);
    // Lines more indented than this belong to a comment or filter block.
    let mut skip_deeper: Option<usize> = None;
    for (i, line) in src.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        let indent = line.len() - body.len();
        if let Some(d) = skip_deeper {
            if body.is_empty() || indent > d {
                continue;
            }
            skip_deeper = None;
        }
        if body.is_empty() {
            continue;
        }
        let (code, opens_skip) = match dialect {
            Dialect::Haml => haml_line(body),
            Dialect::Slim => slim_line(body),
        };
        if opens_skip {
            skip_deeper = Some(indent);
        }
        if !code.is_empty() {
            out.push_str(&line[..indent]);
            out.push_str(&code);
        }
    }
    out
}

/// The Ruby of one HAML line, and whether it opens a block to blank (comment, filter).
fn haml_line(body: &str) -> (String, bool) {
    if body.starts_with("-#") || body.starts_with('/') {
        return (String::new(), true);
    }
    if let Some(rest) = body.strip_prefix('-') {
        return (silent(rest), false);
    }
    if body.starts_with(':') {
        return (String::new(), true);
    }
    if body.starts_with('%')
        || body.starts_with('.')
        || body.starts_with('#') && !body.starts_with("#{")
    {
        let rest = skip_tag(body, true);
        return (after_tag(rest, Dialect::Haml), false);
    }
    (after_tag(body, Dialect::Haml), false)
}

/// The Ruby of one Slim line, and whether it opens a block to blank.
fn slim_line(body: &str) -> (String, bool) {
    if body.starts_with('/') {
        return (String::new(), true);
    }
    if let Some(rest) = body.strip_prefix('-') {
        return (silent(rest), false);
    }
    if body.starts_with('=') {
        return (output(body), false);
    }
    if let Some(rest) = body.strip_prefix('|').or_else(|| body.strip_prefix('\'')) {
        return (text(rest, false, Dialect::Slim), true);
    }
    if body.starts_with('<') {
        return (text(body, false, Dialect::Slim), false);
    }
    let word: String = body
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':'))
        .collect();
    if word.ends_with(':') && word.len() > 1 {
        // `javascript:`, `css:`, `markdown:`: an embedded engine's block.
        return (String::new(), true);
    }
    if word == "doctype" {
        return (String::new(), false);
    }
    let rest = skip_tag(body, false);
    (after_tag(rest, Dialect::Slim), false)
}

/// Past a tag and its class/id shortcuts and attribute groups.
fn skip_tag(s: &str, haml: bool) -> &str {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        // `%div`, `.cls`, `#id`, or Slim's bare tag name at the start.
        if i < b.len() && (matches!(b[i], b'%' | b'.' | b'#') || i == 0 && !haml) {
            if matches!(b[i], b'%' | b'.' | b'#') {
                if b[i] == b'#' && b.get(i + 1) == Some(&b'{') {
                    break;
                }
                i += 1;
            }
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b'_' | b':'))
            {
                i += 1;
            }
            if i == start && !(i < b.len() && matches!(b[i], b'.' | b'#')) {
                break;
            }
            continue;
        }
        // `{ ruby hash }`, `(html attrs)`, `[object ref]`
        if i < b.len() && matches!(b[i], b'{' | b'(' | b'[') {
            let (open, close) = match b[i] {
                b'{' => (b'{', b'}'),
                b'(' => (b'(', b')'),
                _ => (b'[', b']'),
            };
            let mut depth = 0;
            while i < b.len() {
                if b[i] == open {
                    depth += 1;
                } else if b[i] == close {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                i += 1;
            }
            continue;
        }
        break;
    }
    // Whitespace-removal and self-closing markers.
    while i < b.len() && matches!(b[i], b'<' | b'>' | b'/') {
        i += 1;
    }
    &s[i..]
}

/// What follows a tag: an output, or text.
fn after_tag(rest: &str, d: Dialect) -> String {
    let r = rest.trim_start();
    match d {
        Dialect::Haml => {
            if r.starts_with("!=")
                || r.starts_with("&=")
                || r.starts_with('=')
                || r.starts_with('~')
            {
                return output(r);
            }
            if let Some(t) = r.strip_prefix("! ") {
                return text(t, true, d);
            }
            text(r, false, d)
        }
        Dialect::Slim => {
            if r.starts_with('=') {
                return output(r);
            }
            text(r, false, d)
        }
    }
}

/// `= expr` / `&= expr` / `~ expr` (escaped), `!= expr` / `== expr` (raw).
fn output(s: &str) -> String {
    let (raw, expr) = if let Some(e) = s.strip_prefix("!=").or_else(|| s.strip_prefix("==")) {
        (true, e)
    } else {
        let e = s
            .strip_prefix("&=")
            .or_else(|| s.strip_prefix('='))
            .or_else(|| s.strip_prefix('~'))
            .unwrap_or(s);
        (false, e)
    };
    // Slim's `=>`/`=<` add white space around the output.
    let expr = expr.trim_start_matches(['<', '>', '\'']).trim();
    let (expr, block) = strip_block(expr);
    // (`raw expr`, not `raw(expr)`: the line may end with a Ruby comment.)
    if raw && !block && !expr.is_empty() {
        format!("raw {expr}")
    } else {
        expr.to_string()
    }
}

/// `- code`: the code, without a block opener or the keyword of a control line.
fn silent(code: &str) -> String {
    let code = code.trim();
    let (code, _) = strip_block(code);
    let first = code.split_whitespace().next().unwrap_or("");
    match first {
        "if" | "unless" | "elsif" | "while" | "until" | "case" => {
            code[first.len()..].trim().to_string()
        }
        "else" | "end" | "ensure" | "rescue" | "when" | "begin" | "then" => String::new(),
        _ => code.to_string(),
    }
}

/// Drop a trailing block opener (`do`, `do |x|`, `{ |x|`): the template's indentation
/// closes it, the Ruby here cannot.
fn strip_block(code: &str) -> (&str, bool) {
    let mut c = code.trim_end();
    if c.ends_with('|')
        && let Some(open) = c[..c.len() - 1].rfind('|')
    {
        c = c[..open].trim_end();
    }
    if let Some(head) = c.strip_suffix(" do").or_else(|| (c == "do").then_some("")) {
        return (head.trim_end(), true);
    }
    if let Some(head) = c.strip_suffix('{') {
        return (head.trim_end(), true);
    }
    (code.trim_end(), false)
}

/// The interpolations of a text: each `#{expr}` (escaped) as a statement; with `raw`, or
/// Slim's `#{{expr}}`, wrapped in `raw(...)`.
fn text(t: &str, raw: bool, d: Dialect) -> String {
    let b = t.as_bytes();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(k) = t[i..].find("#{") {
        let start = i + k + 2;
        let double = d == Dialect::Slim && b.get(start) == Some(&b'{');
        let from = if double { start + 1 } else { start };
        let mut depth = 1;
        let mut j = from;
        while j < b.len() {
            match b[j] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        let expr = t[from..j.min(b.len())].trim().trim_end_matches('}').trim();
        if !expr.is_empty() {
            out.push(if raw || double {
                format!("raw({expr})")
            } else {
                expr.to_string()
            });
        }
        i = (j + if double { 2 } else { 1 }).min(b.len());
    }
    out.join("; ")
}

#[cfg(test)]
mod tests {
    use super::{Dialect, ruby_of};

    #[test]
    fn haml_lines() {
        let src = "%h1= raw params[:y]\n-# note\n  hidden\n!= @bio\n- if x\n  %p Hi #{name}\n- items.each do |i|\n  = i";
        assert_eq!(
            ruby_of(src, Dialect::Haml),
            "raw params[:y]\n\n\nraw @bio\nx\n  name\nitems.each\n  i"
        );
    }

    #[test]
    fn slim_lines() {
        let src = "p== @user.name\nh2 Search: #{{@q}}\n== params[:x]\n= link_to 'a', b\njavascript:\n  alert(#{x})";
        assert_eq!(
            ruby_of(src, Dialect::Slim),
            "raw @user.name\nraw(@q)\nraw params[:x]\nlink_to 'a', b\n\n"
        );
    }
}
