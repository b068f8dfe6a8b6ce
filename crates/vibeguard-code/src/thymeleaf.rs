//! Thymeleaf templates: which model attributes a template prints without HTML escaping
//! (`th:text` and `[[${...}]]` escape; `th:utext` and the inlined `[(${...})]` do not),
//! and which ones start a link or form address (`th:href="${next}"`).
//! The controller that fills the model is analysed as Java (see the rule
//! `java/thymeleaf-unescaped`); this module only reads the template's markup.

/// The model attributes (the root variable of each `${...}` expression) printed
/// unescaped, each with the line of its first such use.
pub fn unescaped_names(text: &str) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    let aliases = loop_aliases(text);
    // `th:utext="..."` / `data-th-utext='...'`
    for (start, value) in attr_values(text, "utext") {
        add_roots(text, &aliases, start, value, &mut out);
    }
    // `[(${...})]`: inlined text, not escaped.
    let mut from = 0;
    while let Some(at) = text[from..].find("[(").map(|i| i + from) {
        let start = at + 2;
        let Some(len) = text[start..].find(")]") else {
            break;
        };
        add_roots(text, &aliases, start, &text[start..start + len], &mut out);
        from = start + len;
    }
    out
}

/// The model attributes a link or form address starts with (`th:href="${next}"`,
/// `th:href="@{${next}}"`, `th:action="|${base}/save|"`): they decide the URL's scheme,
/// so a `javascript:` value runs script. An address with a fixed start
/// (`@{/users/{id}(id=${id})}`, `@{/search(q=${q})}`) is left out.
pub fn url_names(text: &str) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    let aliases = loop_aliases(text);
    for attr in ["href", "action", "formaction"] {
        for (start, value) in attr_values(text, attr) {
            let v = value.trim();
            let v = v.strip_prefix("@{").unwrap_or(v).trim_start();
            let v = v.strip_prefix('|').unwrap_or(v);
            let Some(first) = v.strip_prefix("${") else {
                continue;
            };
            let end = first.find('}').map_or(first.len(), |i| i);
            let expr = format!("${{{}}}", &first[..end]);
            add_roots(text, &aliases, start, &expr, &mut out);
        }
    }
    out
}

/// Add the variables `expr` reads (a loop variable standing for its collection too),
/// with the line of `start`.
fn add_roots(
    text: &str,
    aliases: &[(String, Vec<String>)],
    start: usize,
    expr: &str,
    out: &mut Vec<(String, u32)>,
) {
    let line = 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..start]).count() as u32;
    let mut names = variable_roots(expr);
    // `th:each="row : ${rows}"`: printing `row` prints an element of `rows`.
    for (alias, roots) in aliases {
        if names.contains(alias) {
            names.extend(roots.iter().cloned());
        }
    }
    for name in names {
        if !out.iter().any(|(n, _)| n == &name) {
            out.push((name, line));
        }
    }
}

/// The values of the Thymeleaf attribute `th:<name>` (or `data-th-<name>`), each with
/// its start offset.
fn attr_values<'t>(text: &'t str, name: &str) -> Vec<(usize, &'t str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(name).map(|i| i + from) {
        from = at + name.len();
        if !(text[..at].ends_with("th:") || text[..at].ends_with("data-th-")) {
            continue;
        }
        let rest = text[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let start = text.len() - rest.len() + 1;
        let Some(len) = text[start..].find(q) else {
            break;
        };
        out.push((start, &text[start..start + len]));
        from = start + len;
    }
    out
}

/// The loop variables of `th:each="row : ${rows}"` (and `row, stat : ${rows}`), each
/// with the variables its collection is read from.
fn loop_aliases(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for (_, value) in attr_values(text, "each") {
        let Some((vars, coll)) = value.split_once(':') else {
            continue;
        };
        let Some(alias) = vars.split(',').next().map(str::trim) else {
            continue;
        };
        let roots = variable_roots(coll);
        if !alias.is_empty() && !roots.is_empty() {
            out.push((alias.to_string(), roots));
        }
    }
    out
}

/// Words that are operators or literals of the Thymeleaf (Spring EL) expression
/// language, not variables.
const KEYWORDS: &[&str] = &[
    "and",
    "or",
    "not",
    "true",
    "false",
    "null",
    "eq",
    "ne",
    "lt",
    "gt",
    "le",
    "ge",
    "div",
    "mod",
    "instanceof",
    "new",
    "T",
];

/// The variables the `${...}` expressions of `s` start from (`${user.bio}` -> `user`,
/// `${#strings.abbreviate(desc, 10)}` -> `desc`); names after `.`, `#` or `@` and
/// quoted text are left out.
fn variable_roots(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = s[from..].find("${").map(|i| i + from) {
        let body_start = at + 2;
        // The matching `}` (expressions may hold map literals `{...}`).
        let mut depth = 1;
        let mut end = s.len();
        for (i, c) in s[body_start..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = body_start + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let body = &s[body_start..end];
        let mut prev = ' ';
        let mut quote: Option<char> = None;
        let mut word = String::new();
        let mut word_prev = ' ';
        for c in body.chars().chain(std::iter::once(' ')) {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                prev = c;
                continue;
            }
            if c.is_ascii_alphanumeric() || c == '_' || c == '$' {
                if word.is_empty() {
                    word_prev = prev;
                }
                word.push(c);
            } else {
                if !word.is_empty() {
                    let first = word.chars().next().unwrap_or('0');
                    if !first.is_ascii_digit()
                        && !matches!(word_prev, '.' | '#' | '@')
                        && !KEYWORDS.contains(&word.as_str())
                        && !out.contains(&word)
                    {
                        out.push(std::mem::take(&mut word));
                    }
                    word.clear();
                }
                if c == '\'' || c == '"' {
                    quote = Some(c);
                }
            }
            if !c.is_whitespace() {
                prev = c;
            }
        }
        from = end.min(s.len());
        if end == s.len() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_unescaped_attributes_and_inlined_text() {
        let t = "<p th:text=\"${safe}\"></p>\n<div th:utext=\"${user.bio}\"></div>\n\
                 <span data-th-utext='|Hi ${#strings.trim(nick)}|'></span>\n<p>[(${note})] [[${esc}]]</p>";
        let got = unescaped_names(t);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["user", "nick", "note"]);
        assert_eq!(got[0].1, 2);
        assert_eq!(got[2].1, 4);
        let each = "<li th:each=\"c, st : ${post.comments}\"><p th:utext=\"${c.body}\"></p></li>";
        let names: Vec<String> = unescaped_names(each).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["c", "post"]);
        let links = "<a th:href=\"${next}\">a</a><a th:href=\"@{/u/{id}(id=${uid})}\">b</a>\
                     <form th:action=\"@{${target}}\"></form><a th:href=\"@{/s(q=${q})}\">c</a>";
        let names: Vec<String> = url_names(links).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["next", "target"]);
    }
}
