use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::{ObjKind, Shape};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `re.MatchString(s)` / `re.Match(b)` / `regexp.MatchString(p, s)` whose
    /// pattern has no anchors and is a single character class, escape or group that may
    /// repeat zero times (`[a-zA-Z0-9]*`, `\w*`, `(\d{3})?`): it matches the empty string,
    /// so it matches every input.
    ///
    /// ## Why is this bad?
    /// The check is always true: a value with any characters at all, `../`, quotes or
    /// markup included, passes the validation it was meant to fail (CWE-625, CWE-185).
    ///
    /// ## Example
    /// ```go
    /// var name = regexp.MustCompile("[a-zA-Z0-9]*")
    /// if !name.MatchString(input) { return errBadName }
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// var name = regexp.MustCompile(`^[a-zA-Z0-9]+$`)
    /// ```
    GoVacuousRegexCheck
}

static META: RuleMeta = RuleMeta {
    id: "go/vacuous-regex-check",
    title: "Validation regex that matches every string",
    cwe: &[625, 185],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "this unanchored pattern matches the empty string, so it matches every input; anchor it with ^...$ and require at least one character",
    family: Family::Go,
    keywords: &["regexp"],
    calls: &["MatchString", "Match", "MatchReader"],
    on: 0,
};

impl Rule for GoVacuousRegexCheck {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let pattern = match site.path {
            Some("regexp.MatchString" | "regexp.Match" | "regexp.MatchReader") => site
                .arg(0)
                .and_then(|(_, v)| v.const_str())
                .map(str::to_string),
            _ => site.recv.and_then(|r| match &r.shape {
                Shape::Obj(ObjKind::Regex(p)) => Some(p.to_string()),
                _ => None,
            }),
        };
        if pattern.as_deref().is_some_and(matches_everything) {
            cx.report(Report::at(site.span));
        }
    }
}

/// An unanchored pattern that is one atom repeated zero or more times (`[..]*`, `\w?`,
/// `(..){0,3}`, `.*`).
fn matches_everything(p: &str) -> bool {
    let p = p.trim_start_matches("(?i)").trim_start_matches("(?s)");
    let Some(rest) = one_atom(p) else {
        return false;
    };
    matches!(rest, "*" | "?" | "*?" | "??")
        || rest.starts_with("{0") && rest.ends_with('}') && !rest[1..].contains('{')
}

/// What follows the first atom of `p`: a character class, an escape, a group or a single
/// character; `None` when `p` starts with an anchor or the atom is unterminated.
fn one_atom(p: &str) -> Option<&str> {
    let first = p.chars().next()?;
    match first {
        '^' | '$' => None,
        '\\' => {
            let mut it = p.char_indices().skip(1);
            let (i, c) = it.next()?;
            // `\A`, `\z`, `\b` anchor; `\pL` / `\p{Greek}` take a name.
            if matches!(c, 'A' | 'z' | 'b' | 'B') {
                return None;
            }
            if c == 'p' || c == 'P' {
                let after = &p[i + 1..];
                return if after.starts_with('{') {
                    after.find('}').map(|j| &after[j + 1..])
                } else {
                    after.get(1..)
                };
            }
            Some(&p[i + c.len_utf8()..])
        }
        '[' => {
            // `[]a]` / `[^]a]`: a leading `]` is a member.
            let body = &p[1..];
            let skip = usize::from(body.starts_with('^'));
            let skip = skip + usize::from(body[skip..].starts_with(']'));
            let mut escaped = false;
            for (i, c) in body[skip..].char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    ']' => return Some(&body[skip + i + 1..]),
                    _ => {}
                }
            }
            None
        }
        '(' => {
            let mut depth = 0usize;
            let mut escaped = false;
            for (i, c) in p.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            let inner = &p[1..i];
                            // an anchor inside the group still anchors
                            if inner.contains('^') && !inner.starts_with("?:")
                                || inner.contains('$')
                            {
                                return None;
                            }
                            return Some(&p[i + 1..]);
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        _ => Some(&p[first.len_utf8()..]),
    }
}

#[cfg(test)]
mod tests {
    use super::matches_everything;

    #[test]
    fn empty_matching_atoms() {
        for p in [
            "[a-zA-Z0-9]*",
            "\\w*",
            ".*",
            "(\\d{3})?",
            "[^]x]*",
            "\\p{L}*", // a Go pattern with a property class, read as text, never compiled
            "a{0,4}",
        ] {
            assert!(matches_everything(p), "{p}");
        }
        for p in [
            "^[a-z]*$", "[a-z]+", "[a-z]*@x", "\\A\\w*", "\\d{1,3}", "(^a)*", "[a-z]*$", "",
        ] {
            assert!(!matches_everything(p), "{p}");
        }
    }
}
