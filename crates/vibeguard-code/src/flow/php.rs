//! What PHP's own functions do to data, where the answer depends on their flags or on
//! where the result is spliced: `filter_var` by its filter, `htmlspecialchars` by its
//! quote flags, the SQL escapers that are safe only inside a quoted literal, `sprintf`
//! by its conversions, `preg_replace` by the characters its pattern leaves.

use super::engine::Engine;
use super::interp::{concat_all, splice_facts};
use super::value::SourceKind;
use super::value::{Val, class, join_taint, neutralize};
use crate::ir::{Call, Expr, ExprKind, Span};

/// Constant names in a flags argument (`ENT_QUOTES | ENT_HTML5`).
fn flag_names(e: &Expr) -> Vec<&str> {
    let mut out = Vec::new();
    collect_names(e, &mut out);
    out
}

fn collect_names<'e>(e: &'e Expr, out: &mut Vec<&'e str>) {
    match &e.kind {
        ExprKind::Name(n) => out.push(n.as_str()),
        ExprKind::Binary(_, a, b) => {
            collect_names(a, out);
            collect_names(b, out);
        }
        ExprKind::Other(xs) => xs.iter().for_each(|x| collect_names(x, out)),
        _ => {}
    }
}

/// A sanitizer's result: the input's labels made safe for `bits`. Input of unknown
/// origin passed through an escaper that covers a whole sink class (`bits` without the
/// quote facts) is no longer a value an attacker could have shaped for it.
fn sanitized(base: &Val, bits: u32) -> Val {
    let taint = base.all_taint();
    Val {
        built_safe: if taint.is_none() && !base.is_trusted() {
            bits
        } else {
            0
        },
        trusted: base.is_trusted(),
        taint: neutralize(&taint, bits),
        ..Val::default()
    }
}

/// Sink classes a string made only of `allowed` characters cannot break out of, plus the
/// quote facts.
fn safe_classes(allowed: &dyn Fn(char) -> bool) -> u32 {
    let none = |set: &str| !set.chars().any(allowed);
    let mut bits = 0;
    if none("'") {
        bits |= class::NO_SQUOTE;
    }
    if none("\"") {
        bits |= class::NO_DQUOTE;
    }
    let all_printable = (' '..='~').chain(['\n', '\r', '\t', '\0']);
    let meta = |extra: &str| -> String {
        all_printable
            .clone()
            .filter(|c| !c.is_ascii_alphanumeric() && *c != '_' && !extra.contains(*c))
            .collect()
    };
    // Shell: letters, digits, `_`, `-`, `.`, `,`, `@`, `/`, `:`, `+`, `=`, `%`, `~`
    // (at most a home folder's path) and spaces start no command.
    if none(&meta(" -.,@/:+=%~")) {
        bits |= class::SHELL;
    }
    // SQL and XPath: words and digits only.
    if none(&meta("")) {
        bits |= class::SQL | class::XPATH | class::PATH;
    }
    if none("()*\\\0|&!=<>~") {
        bits |= class::LDAP;
    }
    if none("<>&'\"") {
        bits |= class::HTML | class::XML;
    }
    if none("\r\n") {
        bits |= class::LOG | class::HEADER;
    }
    if none("/\\.") {
        bits |= class::PATH;
    }
    bits
}

/// The characters of a character class body (`a-zA-Z0-9_\- `), as a predicate.
fn class_members(body: &str) -> Option<Vec<(char, char)>> {
    let cs: Vec<char> = body.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = match cs[i] {
            '\\' => {
                let e = *cs.get(i + 1)?;
                i += 2;
                match e {
                    'w' => {
                        out.extend([('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]);
                        continue;
                    }
                    'd' => {
                        out.push(('0', '9'));
                        continue;
                    }
                    's' => {
                        out.extend([(' ', ' '), ('\t', '\r')]);
                        continue;
                    }
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    c if c.is_ascii_alphanumeric() => return None,
                    c => c,
                }
            }
            c => {
                i += 1;
                c
            }
        };
        if cs.get(i) == Some(&'-') && i + 1 < cs.len() && cs[i + 1] != '\\' {
            out.push((c, cs[i + 1]));
            i += 2;
        } else {
            out.push((c, c));
        }
    }
    Some(out)
}

/// What `preg_replace(pattern, "", x)` leaves in `x`: the sink classes and quote facts
/// of the characters that survive, when the pattern removes every character outside a
/// class (`/[^a-z0-9]/`, `/\W/`) or removes quote characters (`/'/`, `/["']/`).
fn replace_facts(raw: &str) -> u32 {
    let Some(body) = super::guards::php_regex_body(raw) else {
        return 0;
    };
    let body = body.trim_end_matches(['+', '*']);
    // Everything but word characters removed.
    if body == "\\W" {
        return safe_classes(&|c| c.is_ascii_alphanumeric() || c == '_');
    }
    if let Some(inner) = body.strip_prefix("[^").and_then(|b| b.strip_suffix(']'))
        && let Some(ranges) = class_members(inner)
    {
        return safe_classes(&|c| ranges.iter().any(|(a, b)| (*a..=*b).contains(&c)));
    }
    // Removing the quote characters themselves.
    let removed: Option<Vec<(char, char)>> =
        match body.strip_prefix('[').and_then(|b| b.strip_suffix(']')) {
            Some(inner) => class_members(inner),
            None => class_members(body).filter(|r| r.len() == 1),
        };
    let Some(removed) = removed else {
        return 0;
    };
    let gone = |q: char| removed.iter().any(|(a, b)| (*a..=*b).contains(&q));
    let mut bits = 0;
    if gone('\'') {
        bits |= class::NO_SQUOTE;
    }
    if gone('"') {
        bits |= class::NO_DQUOTE;
    }
    bits
}

/// `sprintf(fmt, ...)`: the text with each conversion's argument spliced in; numeric
/// conversions (`%d`, `%u`, `%f`, `%x`, ...) print a number whatever the argument was.
pub(crate) fn sprintf(fmt: &str, args: &[Val]) -> Val {
    let mut parts: Vec<Val> = Vec::new();
    let mut lit = String::new();
    let mut next = 0usize;
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            lit.push('%');
            continue;
        }
        // %[argnum$][flags][width][.precision]specifier
        let mut spec = String::new();
        let mut conv = None;
        while let Some(&d) = chars.peek() {
            chars.next();
            if d.is_ascii_alphabetic() {
                conv = Some(d);
                break;
            }
            spec.push(d);
            if d == '\'' {
                // a custom padding character
                if let Some(p) = chars.next() {
                    spec.push(p);
                }
            }
        }
        let Some(conv) = conv else { break };
        let idx = match spec.split_once('$') {
            Some((n, _)) => n.parse::<usize>().ok().and_then(|n| n.checked_sub(1)),
            None => {
                next += 1;
                Some(next - 1)
            }
        };
        let arg = idx.and_then(|i| args.get(i)).cloned().unwrap_or_default();
        parts.push(Val::str(&std::mem::take(&mut lit)));
        parts.push(match conv {
            's' | 'c' => arg,
            _ if arg.all_taint().is_none() && arg.is_const() => arg,
            _ => Val::trusted(),
        });
    }
    parts.push(Val::str(&lit));
    splice_facts(&mut parts);
    concat_all(&parts)
}

impl<'m> Engine<'m> {
    /// The result of a PHP library call whose effect depends on its flags or on how its
    /// result is used, or `None` for the general models.
    pub(crate) fn php_call_model(
        &self,
        call: &Call,
        span: Span,
        path: Option<&str>,
        name: &str,
        recv: Option<&Val>,
        args: &[Val],
    ) -> Option<Val> {
        let first = args.first().cloned().unwrap_or_default();
        if let Some(r) = recv {
            return match name {
                // mysqli::real_escape_string / SQLite3::escapeString: quoted literals only.
                "real_escape_string" | "escape_string" | "escapeString" => {
                    Some(sanitized(&first, class::SQL_QUOTED))
                }
                // PDO::quote (and Doctrine DBAL's `Connection::quote`) adds the quotes
                // itself; the connection may be a global the file never assigns (`$pdo`
                // from an included bootstrap), but not a class (`Str::quote`).
                "quote"
                    if args.len() <= 2
                        && !matches!(&r.shape, super::value::Shape::Ref(p)
                            if p.starts_with(|c: char| c.is_ascii_uppercase())) =>
                {
                    Some(sanitized(&first, class::SQL))
                }
                _ => None,
            };
        }
        let p = path?;
        let flags = |i: usize| call.arg(i).map(flag_names).unwrap_or_default();
        let request = || self.source_label(SourceKind::Request, true, span, "request data");
        let numeric_filter = |f: &[&str]| {
            f.iter().any(|n| {
                matches!(
                    *n,
                    "FILTER_VALIDATE_INT"
                        | "FILTER_VALIDATE_FLOAT"
                        | "FILTER_VALIDATE_BOOLEAN"
                        | "FILTER_VALIDATE_BOOL"
                        | "FILTER_SANITIZE_NUMBER_INT"
                        | "FILTER_SANITIZE_NUMBER_FLOAT"
                        | "FILTER_VALIDATE_IP"
                        | "FILTER_VALIDATE_MAC"
                )
            })
        };
        match p {
            // Request data read through functions: the filter extension's inputs, the
            // request headers, the raw body, CGI header variables.
            "filter_input" | "filter_input_array" => {
                let from = flags(0);
                let key = args.get(1).and_then(|k| k.const_str());
                if from.contains(&"INPUT_ENV")
                    || from.contains(&"INPUT_SERVER")
                        && key.is_some_and(super::sources::php_server_chosen)
                    || p == "filter_input" && numeric_filter(&flags(2))
                {
                    return Some(Val::trusted());
                }
                // `filter_input(INPUT_GET, 'q', FILTER_SANITIZE_SPECIAL_CHARS)`: the input
                // HTML-encoded, as `filter_var` with that filter gives it.
                let f = flags(2);
                if p == "filter_input"
                    && (f.contains(&"FILTER_SANITIZE_SPECIAL_CHARS")
                        || f.contains(&"FILTER_SANITIZE_FULL_SPECIAL_CHARS"))
                {
                    return Some(sanitized(
                        &request(),
                        class::HTML | class::XML | class::NO_SQUOTE | class::NO_DQUOTE,
                    ));
                }
                return Some(request());
            }
            "getallheaders" | "apache_request_headers" => return Some(request()),
            // `$$name`: the value of one of the script's variables, not the name that
            // picked it (the code-injection rule reports the choice itself).
            crate::lower::VARIABLE_VARIABLE => return Some(Val::unknown()),
            // `array_fill(0, count($ids), '?')`, `str_repeat('?,', n)`: copies of a value
            // (placeholders), whatever the count.
            "array_fill" if args.get(2).is_some_and(Val::is_const) => return Some(Val::trusted()),
            "str_repeat" if first.is_const() => return Some(Val::trusted()),
            // Laravel's helpers: `request()` is the current request, `request('q')` one
            // of its inputs, `old('q')` the input flashed from the previous request.
            "request" if args.is_empty() => {
                return Some(Val::obj(super::value::ObjKind::Request(true)));
            }
            "request" | "old" if first.const_str().is_some() => return Some(request()),
            "file_get_contents" | "fopen" | "file"
                if first
                    .const_str()
                    .is_some_and(|f| f.eq_ignore_ascii_case("php://input")) =>
            {
                return Some(request());
            }
            "getenv"
                if first.const_str().is_some_and(|k| {
                    k.starts_with("HTTP_") || k == "QUERY_STRING" || k == "REQUEST_URI"
                }) =>
            {
                return Some(request());
            }
            _ => {}
        }
        match p {
            "filter_var" => {
                let f = flags(1);
                let has = |n: &str| f.contains(&n);
                if numeric_filter(&f) {
                    return Some(Val::trusted());
                }
                if has("FILTER_SANITIZE_SPECIAL_CHARS") || has("FILTER_SANITIZE_FULL_SPECIAL_CHARS")
                {
                    return Some(sanitized(
                        &first,
                        class::HTML | class::XML | class::NO_SQUOTE | class::NO_DQUOTE,
                    ));
                }
                if has("FILTER_SANITIZE_ENCODED") {
                    return Some(sanitized(
                        &first,
                        class::PATH | class::HTML | class::HEADER | class::LOG,
                    ));
                }
                if has("FILTER_SANITIZE_MAGIC_QUOTES") || has("FILTER_SANITIZE_ADD_SLASHES") {
                    return Some(sanitized(&first, class::SQL_QUOTED));
                }
                // Other filters (email, URL, regexp, the default) keep what matters.
                Some(Val::tainted(first.all_taint()))
            }
            // htmlspecialchars/htmlentities encode `"` unless ENT_NOQUOTES, and `'` only
            // with ENT_QUOTES (named here; PHP 8.1 made it the default, older versions
            // did not).
            "htmlspecialchars" | "htmlentities" => {
                let f = flags(1);
                let mut bits = class::HTML | class::XML;
                if !f.contains(&"ENT_NOQUOTES") {
                    bits |= class::NO_DQUOTE;
                }
                if f.contains(&"ENT_QUOTES") {
                    bits |= class::NO_SQUOTE;
                }
                Some(sanitized(&first, bits))
            }
            // Backslash escapers: safe for SQL only inside a quoted literal
            // (class::SQL_QUOTED); a number compared unquoted needs no quote to escape.
            "addslashes" | "mysql_real_escape_string" | "mysql_escape_string"
            | "mysqli_real_escape_string" | "mysqli_escape_string" | "pg_escape_string"
            | "sqlite_escape_string" | "SQLite3.escapeString" => {
                let v = if p.starts_with("mysqli") || p == "pg_escape_string" {
                    args.get(1).or(args.first()).cloned().unwrap_or_default()
                } else {
                    first
                };
                Some(sanitized(&v, class::SQL_QUOTED))
            }
            // pg_escape_literal quotes the value itself; identifiers are double-quoted.
            "pg_escape_literal" | "pg_escape_identifier" => {
                let v = args.get(1).or(args.first()).cloned().unwrap_or_default();
                Some(sanitized(&v, class::SQL))
            }
            "ldap_escape" => Some(sanitized(&first, class::LDAP)),
            // escapeshellcmd() escapes the characters that start another command but
            // leaves paired quotes and spaces: the input still adds arguments (`-exec`,
            // `--output=...`, CWE-88), so it is no guard for a shell sink.
            "escapeshellcmd" => Some(Val {
                taint: first.all_taint(),
                built: first.built,
                ..Val::default()
            }),
            // Digests, checksums and hex text: fixed alphabets of letters and digits.
            "md5" | "sha1" | "crc32" | "hash" | "hash_hmac" | "bin2hex" | "dechex" | "decbin"
            | "decoct" | "number_format" | "uniqid" | "random_int" | "mt_rand" | "rand"
            | "ord" | "sizeof" | "array_sum" | "max" | "min" => Some(Val::trusted()),
            // The keys or values of an array literal, in order.
            "array_keys" | "array_values"
                if let super::value::Shape::Map(items) = &first.shape
                    && first.taint.is_none() =>
            {
                let items: Vec<Val> = items
                    .iter()
                    .map(|(k, v)| if p == "array_keys" { Val::str(k) } else { v.clone() })
                    .collect();
                Some(Val {
                    shape: super::value::Shape::Seq(std::sync::Arc::new(items)),
                    ..Val::default()
                })
            }
            // String functions computed from their arguments alone: values the program
            // chose in, a value it chose out.
            "implode" | "join" | "trim" | "ltrim" | "rtrim" | "strtolower" | "strtoupper"
            | "ucfirst" | "lcfirst" | "ucwords" | "substr" | "str_pad" | "str_repeat"
            | "strrev" | "array_unique"
                if !args.is_empty() && args.iter().all(Val::is_trusted) =>
            {
                Some(Val::trusted())
            }
            // base64 text: letters, digits, `+`, `/` and `=`.
            "base64_encode" => Some(sanitized(
                &first,
                safe_classes(&|c| c.is_ascii_alphanumeric() || "+/=".contains(c)),
            )),
            // URL-encoded text: letters, digits, `-`, `_`, `.`, `%` and `+` (urlencode) or
            // `~` (rawurlencode). No quote is left, so inside a quoted shell word or SQL
            // literal it cannot end it; the path, header and log classes the generic
            // model gives stay.
            "urlencode" | "rawurlencode" => {
                let extra = if p == "urlencode" { "-_.%+" } else { "-_.%~" };
                Some(sanitized(
                    &first,
                    safe_classes(&|c| c.is_ascii_alphanumeric() || extra.contains(c))
                        | class::PATH
                        | class::HEADER
                        | class::LOG,
                ))
            }
            // http_build_query URL-encodes every key and value it is given; the `&` and
            // `=` between them are the program's own (`~` stays with PHP_QUERY_RFC3986).
            "http_build_query" => Some(sanitized(
                &first,
                safe_classes(&|c| c.is_ascii_alphanumeric() || "-_.%+~".contains(c)),
            )),
            // array_map('intval', $ids): every element converted to a number.
            "array_map"
                if call.arg(0).is_some_and(|f| {
                    matches!(&f.kind, ExprKind::Str(n) if matches!(n.as_str(), "intval" | "floatval" | "abs" | "boolval"))
                }) =>
            {
                Some(Val::trusted())
            }
            "escapeshellarg" => Some(sanitized(&first, class::SHELL | class::PATH)),
            "preg_replace" => {
                let (pat, with, subject) = (args.first()?, args.get(1)?, args.get(2)?);
                let mut bits = 0;
                if let Some(raw) = pat.const_str().filter(|_| pat.is_const())
                    && with.is_const()
                {
                    bits = replace_facts(raw);
                    // The replacement's own characters survive too.
                    if let Some(w) = with.const_str().filter(|w| !w.is_empty()) {
                        bits &= safe_classes(&|c| w.contains(c));
                    }
                }
                if bits == 0 {
                    return None;
                }
                let mut v = sanitized(subject, bits);
                v.taint = join_taint(&v.taint, &with.all_taint());
                Some(v)
            }
            "sprintf" | "vsprintf" => {
                let fmt = args.first()?;
                let text = fmt.const_str().filter(|_| fmt.is_const())?;
                let rest: Vec<Val> = if p == "vsprintf" {
                    match &args.get(1)?.shape {
                        super::value::Shape::Seq(items) => items.as_ref().clone(),
                        _ => return None,
                    }
                } else {
                    args[1..].to_vec()
                };
                Some(sprintf(text, &rest))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_patterns() {
        let all = replace_facts("/[^a-zA-Z0-9_\\ -]/");
        assert!(all & class::LDAP != 0 && all & class::SHELL != 0);
        assert!(all & class::SQL == 0);
        let w = replace_facts("/\\W/si");
        assert!(w & class::SQL != 0 && w & class::SHELL != 0);
        let q = replace_facts("/'/");
        assert_eq!(q, class::NO_SQUOTE);
        assert_eq!(
            replace_facts("/[\"']/"),
            class::NO_SQUOTE | class::NO_DQUOTE
        );
        assert_eq!(replace_facts("/a+/"), 0);
        assert_eq!(replace_facts("/[^a-z;]/") & class::SHELL, 0);
    }

    #[test]
    fn escaped_values_are_safe_inside_quotes_only() {
        let esc = Val::tainted(Some(std::sync::Arc::new(vec![
            super::super::value::Label {
                origin: super::super::value::Origin::Param(0),
                neutral: class::SQL_QUOTED,
                trace: None,
                strong: true,
            },
        ])));
        let live = |v: &Val| {
            v.all_taint()
                .unwrap()
                .iter()
                .any(|l| l.live_for(class::SQL))
        };
        let both = [esc.clone(), esc.clone()];
        assert!(!live(&sprintf("a = '%s' AND b = '%s'", &both)));
        assert!(live(&sprintf("a = '%s' AND b = %s", &both)));
        assert!(live(&sprintf("a = %s", std::slice::from_ref(&esc))));
        // A quote closed before the value: outside again.
        assert!(live(&sprintf(
            "a = 'x' AND b = %s",
            std::slice::from_ref(&esc)
        )));
    }

    #[test]
    fn numeric_conversions_print_numbers() {
        let t = Val::tainted(Some(std::sync::Arc::new(vec![
            super::super::value::Label {
                origin: super::super::value::Origin::Param(0),
                neutral: 0,
                trace: None,
                strong: true,
            },
        ])));
        assert!(
            sprintf("id=%d", std::slice::from_ref(&t))
                .all_taint()
                .is_none()
        );
        assert!(
            sprintf("name='%s'", std::slice::from_ref(&t))
                .all_taint()
                .is_some()
        );
        assert!(
            sprintf("%2$s %1$u", &[Val::str("a"), t.clone()])
                .all_taint()
                .is_some()
        );
        assert!(sprintf("%1$u", &[t]).all_taint().is_none());
    }
}
