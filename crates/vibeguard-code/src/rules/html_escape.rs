//! Hand-rolled HTML escaping, shared by the `manual-html-escape` rules of every language:
//! string replacements that swap HTML's special characters for their entities
//! (`s.replace("<", "&lt;")`, `str_replace("&", "&amp;", $s)`, `s.gsub(/</, "&lt;")`).
//! A chain of them (`s.replace(..).replace(..)`, PHP's nested calls) is judged whole,
//! and one that escapes `&`, `<` and both quotes is a complete escaper, not reported.

use crate::check::{Cx, Report};
use crate::ir::{Call, DictKey, Expr, ExprKind};
use crate::rules::support::walk_stmt_exprs;
use std::collections::HashSet;

/// The characters an HTML escaper replaces, in mask bit order.
const SPECIAL: [char; 5] = ['&', '<', '>', '"', '\''];

/// `&`, `<`, `"` and `'`: escaping these makes text safe in element content and in
/// quoted attributes (`>` is optional).
const COMPLETE: u8 = 0b11011;

/// One replacement step of an escape: the characters it escapes and the expression it
/// escapes them in when that is the previous step (`x` in `x.replace(..)`, the subject of
/// `str_replace`).
pub struct Step<'a> {
    pub chars: u8,
    pub inner: Option<&'a Expr>,
}

/// Reports, once per file, every chain of replacement steps (`step` recognises one in a
/// call) that escapes some HTML characters but not all of `&`, `<` and the quotes, at
/// the chain's outermost call.
pub fn report_partial_escapes(
    cx: &mut Cx<'_, '_>,
    step: &dyn for<'a> Fn(&'a Call) -> Option<Step<'a>>,
) {
    let mut calls: Vec<&Expr> = Vec::new();
    for f in &cx.module().funcs {
        for s in &f.body {
            walk_stmt_exprs(s, &mut |e| {
                if e.as_call().is_some_and(|c| step(c).is_some()) {
                    calls.push(e);
                }
            });
        }
    }
    // A step that is the inner part of another belongs to that one's chain.
    let inner: HashSet<(u32, u32)> = calls
        .iter()
        .filter_map(|e| step(e.as_call()?)?.inner)
        .map(|e| (e.span.start, e.span.end))
        .collect();
    let mut spans = Vec::new();
    for e in calls {
        if inner.contains(&(e.span.start, e.span.end)) {
            continue;
        }
        if chain_chars(e, step) & COMPLETE != COMPLETE {
            spans.push(e.span);
        }
    }
    for span in spans {
        cx.report(Report::at(span));
    }
}

/// The characters a chain escapes, from its outermost step inwards.
fn chain_chars(mut e: &Expr, step: &dyn for<'a> Fn(&'a Call) -> Option<Step<'a>>) -> u8 {
    let mut chars = 0;
    while let Some(s) = e.as_call().and_then(step) {
        chars |= s.chars;
        match s.inner {
            Some(i) => e = i,
            None => break,
        }
    }
    chars
}

/// `recv.name(pattern, replacement)` for one of the string methods `names` (`replace`,
/// `gsub`...), with an escape's arguments: a step whose inner part is the receiver.
pub fn method_step<'a>(call: &'a Call, names: &[&str]) -> Option<Step<'a>> {
    let ExprKind::Attr(recv, m) = &call.callee.kind else {
        return None;
    };
    if !names.contains(&m.as_str()) {
        return None;
    }
    let pattern = call.arg(0)?;
    let escapes = match call.arg(1) {
        Some(r) => is_entities(r),
        None => entity_map_args(call),
    };
    let chars = special_chars(pattern).filter(|_| escapes)?;
    Some(Step {
        chars,
        inner: Some(recv),
    })
}

/// `pattern` and `replacement` of a function-style replace (`str_replace`, `re.sub`):
/// the characters escaped, if the pair is an escape.
pub fn escaped_chars(pattern: &Expr, replacement: &Expr) -> Option<u8> {
    special_chars(pattern).filter(|_| is_entities(replacement))
}

/// Ruby's `gsub(/[<>]/, "<" => "&lt;", ">" => "&gt;")`: the map of replacements is
/// passed as trailing keyword-style arguments.
fn entity_map_args(call: &Call) -> bool {
    let named: Vec<_> = call.args.iter().filter(|a| a.name.is_some()).collect();
    !named.is_empty() && named.iter().all(|a| is_entities(&a.value))
}

/// `"<"`, `/</g` (`RegExp("<")`), `/[<>]/`, PHP's `"/</"`, or `["<", ">"]`: the
/// characters named, when they are all HTML-special.
fn special_chars(e: &Expr) -> Option<u8> {
    match &e.kind {
        ExprKind::Str(s) => special_pattern(s),
        ExprKind::List(xs) if !xs.is_empty() => xs
            .iter()
            .try_fold(0, |acc, x| special_chars(x).map(|m| acc | m)),
        ExprKind::Call(c) if is_regex_ctor(&c.callee) => c.arg(0).and_then(special_chars),
        _ => None,
    }
}

/// `RegExp(...)` (JS regex literals lower to it) or `Regexp.new(...)` (Ruby's do).
fn is_regex_ctor(callee: &Expr) -> bool {
    match &callee.kind {
        ExprKind::Name(n) => n == "RegExp",
        ExprKind::Attr(b, m) => m == "new" && b.as_name() == Some("Regexp"),
        _ => false,
    }
}

/// The text of a pattern: one special character, a bracket class of them (`[<>]`), or
/// either wrapped in PCRE delimiters with flags (`/</`, `#[<>]#u`); the mask of them.
fn special_pattern(s: &str) -> Option<u8> {
    let body = strip_delimiters(s).unwrap_or(s);
    let body = body
        .strip_prefix('[')
        .and_then(|b| b.strip_suffix(']'))
        .unwrap_or(body);
    // A regex may escape the quote it names (`[\\"']`).
    body.chars()
        .filter(|&c| c != '\\')
        .try_fold(0u8, |acc, c| {
            let i = SPECIAL.iter().position(|&x| x == c)?;
            Some(acc | 1 << i)
        })
        .filter(|&m| m != 0)
}

/// `/</i` -> `<`: PHP's preg patterns carry a delimiter and trailing flags.
fn strip_delimiters(s: &str) -> Option<&str> {
    let d = s
        .chars()
        .next()
        .filter(|c| matches!(c, '/' | '#' | '~' | '!' | '@'))?;
    let end = s.rfind(d).filter(|&i| i > 0)?;
    s[end + 1..]
        .chars()
        .all(|c| c.is_ascii_alphabetic())
        .then(|| &s[1..end])
}

/// `"&lt;"`, `"&#39;"`, `"&#x27;"`, or a list or map (Ruby's `gsub(/[<>]/, "<" =>
/// "&lt;")`) of them.
fn is_entities(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Str(s) => is_entity(s),
        ExprKind::List(xs) => !xs.is_empty() && xs.iter().all(is_entities),
        ExprKind::Dict(kv) => {
            !kv.is_empty()
                && kv
                    .iter()
                    .all(|(k, v)| matches!(k, DictKey::Const(_)) && is_entities(v))
        }
        _ => false,
    }
}

/// A character reference: `&` then a name or `#` number, then `;`.
fn is_entity(s: &str) -> bool {
    let Some(body) = s.strip_prefix('&').and_then(|b| b.strip_suffix(';')) else {
        return false;
    };
    let body = body.strip_prefix('#').unwrap_or(body);
    (1..=6).contains(&body.len()) && body.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(special_pattern("<").is_some());
        assert_eq!(special_pattern("[<>]"), Some(0b110));
        assert!(special_pattern("/&/u").is_some());
        assert!(special_pattern(r#"[\"']"#).is_some());
        assert!(special_pattern("a").is_none());
        assert!(special_pattern("/<script/").is_none());
        assert!(special_pattern("").is_none());
    }

    #[test]
    fn entities() {
        assert!(is_entity("&lt;"));
        assert!(is_entity("&#39;"));
        assert!(is_entity("&#x27;"));
        assert!(!is_entity("&"));
        assert!(!is_entity("lt;"));
        assert!(!is_entity("& b;"));
    }
}
