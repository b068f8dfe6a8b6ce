use crate::check::{Cx, Report, Rule, RuleMeta, on};
use crate::ir::Span;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Symfony `Regex` validation constraints (`#[Assert\Regex('/.../')]`,
    /// `#[Assert\Regex(pattern: '/.../')]`, the `@Assert\Regex(...)` annotation and
    /// `new Assert\Regex(...)`) whose pattern is not anchored at both ends (`^` or `\A`
    /// first, `$` or `\z` last), or anchors lines only (the `m` flag). A constraint with
    /// `match: false` (the value must not match) is left alone.
    ///
    /// ## Why is this bad?
    /// An unanchored pattern passes any value that contains one match: `/[a-z0-9]+/`
    /// accepts `abc<script>...`, and with `m` a second line gets through. The
    /// validation lets in the data it was written to keep out (CWE-625, CWE-185).
    ///
    /// ## Example
    /// ```php
    /// #[Assert\Regex('/[a-z0-9_]+/')]
    /// public string $username;
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// #[Assert\Regex('/^[a-z0-9_]+$/D')]
    /// public string $username;
    /// ```
    PhpUnanchoredValidation
}

static META: RuleMeta = RuleMeta {
    id: "php/unanchored-validation",
    title: "Validation pattern not anchored",
    cwe: &[625, 185],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "validation pattern matches anywhere in the value; anchor it with ^...$ (and the D flag) or \\A...\\z",
    family: Family::Php,
    keywords: &["Regex("],
    calls: &[],
    on: on::MODULE,
};

impl Rule for PhpUnanchoredValidation {
    crate::rule_meta!(META);
    /// Constraints live in attributes and docblock annotations, which the IR does not
    /// keep: they are read from the source text.
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let text = cx.whole_text();
        let mut spans = Vec::new();
        let mut from = 0;
        while let Some(i) = text[from..].find("Regex(") {
            let at = from + i;
            from = at + "Regex(".len();
            if !is_constraint(&text[..at]) {
                continue;
            }
            let Some(args) = call_args(&text[from..]) else {
                continue;
            };
            if match_false(args) {
                continue;
            }
            if pattern_of(args).is_some_and(|p| !anchored(&p)) {
                spans.push(Span::new(at, from + args.len() + 1));
            }
        }
        for s in spans {
            cx.report(Report::at(s));
        }
    }
}

/// `Regex(` is Symfony's constraint: named through `Assert\` / `Constraints\`, or bare
/// right after `#[`, `@` or `new`.
fn is_constraint(before: &str) -> bool {
    let b = before.trim_end_matches(['\\']);
    b.ends_with("Assert")
        || b.ends_with("Constraints")
        || b.ends_with("#[")
        || b.ends_with('@')
        || b.trim_end().ends_with("new")
}

/// The text between the parentheses of the call whose `(` was just read, quotes and
/// nesting respected.
fn call_args(s: &str) -> Option<&str> {
    let (mut depth, mut quote, mut escaped) = (0usize, None, false);
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => quote = Some(c),
                '(' | '[' => depth += 1,
                ')' if depth == 0 => return Some(&s[..i]),
                ')' | ']' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
    }
    None
}

/// `match: false`, `match=false`, `'match' => false`.
fn match_false(args: &str) -> bool {
    let compact: String = args.chars().filter(|c| !c.is_whitespace()).collect();
    [
        "match:false",
        "match=false",
        "'match'=>false",
        "\"match\"=>false",
    ]
    .iter()
    .any(|m| compact.contains(m))
}

/// The pattern: the string after `pattern`, or the first string argument.
fn pattern_of(args: &str) -> Option<String> {
    let Some(i) = args.find("pattern") else {
        return first_string(args);
    };
    // `'pattern' => '...'`: step over the key's closing quote.
    let rest = &args[i + "pattern".len()..];
    first_string(rest.strip_prefix(['\'', '"']).unwrap_or(rest))
}

/// The first quoted string, unescaped as PHP reads it (`\\` and the quote).
fn first_string(s: &str) -> Option<String> {
    let (i, q) = s.char_indices().find(|&(_, c)| c == '\'' || c == '"')?;
    let mut out = String::new();
    let mut chars = s[i + 1..].chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                n if n == q || n == '\\' => out.push(n),
                n => {
                    out.push('\\');
                    out.push(n);
                }
            }
        } else if c == q {
            return Some(out);
        } else {
            out.push(c);
        }
    }
    None
}

/// `/^...$/` or `/\A...\z/` with no `m` flag (PCRE delimiters and flags read off).
fn anchored(pattern: &str) -> bool {
    let Some(d) = pattern.chars().next() else {
        return true;
    };
    let close = match d {
        '(' => ')',
        '{' => '}',
        '[' => ']',
        '<' => '>',
        c if !c.is_alphanumeric() && !c.is_whitespace() && c != '\\' => c,
        _ => return true, // not a delimited PCRE pattern: not judged
    };
    let Some(end) = pattern.rfind(close).filter(|&e| e > 0) else {
        return true;
    };
    let (body, flags) = (&pattern[1..end], &pattern[end + 1..]);
    let starts = body.starts_with('^') || body.starts_with("\\A");
    let line_anchors = body.starts_with('^') || body.ends_with('$');
    let ends = (body.ends_with('$') && !body.ends_with("\\$"))
        || body.ends_with("\\z")
        || body.ends_with("\\Z");
    starts && ends && !(flags.contains('m') && line_anchors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors() {
        assert!(anchored("/^[a-z]+$/"));
        assert!(anchored(r"#\A\d+\z#u"));
        assert!(!anchored("/[a-z]+/"));
        assert!(!anchored("/^[a-z]+/"));
        assert!(!anchored("/^[a-z]+$/m"));
        assert!(!anchored(r"/^[a-z]+\$/"));
    }

    #[test]
    fn args() {
        assert_eq!(
            call_args("'/a)/', match: false)]"),
            Some("'/a)/', match: false")
        );
        assert_eq!(
            pattern_of("message: 'x', pattern: '/[a-z]/'").as_deref(),
            Some("/[a-z]/")
        );
        assert_eq!(
            pattern_of("['pattern' => '/[a-z]+/']").as_deref(),
            Some("/[a-z]+/")
        );
        assert!(match_false("pattern: '/x/', match: false"));
    }
}
