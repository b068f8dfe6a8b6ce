//! The assignment engine: finds `name <op> value` around a keyword hit without a regex.
//!
//! Keywords like `password`, `token`, `secret` and `key` occur everywhere in code, so the
//! generic rules must reject most hits in a few byte comparisons. From the hit we widen to
//! the identifier, look for an assignment operator right after it (`=`, `:`, `:=`, `=>`,
//! `<-`, a closing XML tag, a CLI flag's space) and read one value: a quoted string, or in
//! config-like files a bare word. Everything else (function calls, attribute lookups,
//! comparisons with variables) is not an assignment of a literal and costs nothing more.

use crate::spec::AssignClass;

/// A literal assigned to a name, as byte ranges into the scanned buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    pub name: (usize, usize),
    pub value: (usize, usize),
    pub quoted: bool,
    /// The name is a URL query parameter (`?key=...`).
    pub query: bool,
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.'
}

fn skip_ws(buf: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && (buf[i] == b' ' || buf[i] == b'\t') {
        i += 1;
    }
    i
}

/// Parse the assignment whose name contains the keyword hit at `hit` (`line` is the hit's
/// line range). `bare_ok`: unquoted values count (config files, shell, env files).
pub fn parse(
    buf: &[u8],
    line: (usize, usize),
    hit: (usize, usize),
    bare_ok: bool,
) -> Option<Assignment> {
    let (ls, le) = line;
    let mut ns = hit.0;
    while ns > ls && is_ident(buf[ns - 1]) {
        ns -= 1;
    }
    let mut ne = hit.1;
    while ne < le && is_ident(buf[ne]) {
        ne += 1;
    }
    // Trailing dots/dashes belong to punctuation, not the name.
    while ne > hit.1 && matches!(buf[ne - 1], b'.' | b'-') {
        ne -= 1;
    }
    if ne - ns > 80 {
        return None;
    }
    let before = if ns > ls { buf[ns - 1] } else { b'\n' };
    // `${DB_PASSWORD:-default}`, `${RABBIT_PASSWORD:guest}`: a reference with a fallback.
    if before == b'{' && ns >= ls + 2 && buf[ns - 2] == b'$' {
        return None;
    }
    // `arn:aws:secretsmanager:...:secret:prod/db`, `urn:x:password:reset`: one segment of
    // a colon-separated identifier names what the identifier points at; what follows is
    // the rest of the identifier, not a value assigned to it.
    if before == b':' && buf.get(ne) == Some(&b':') {
        return None;
    }
    let name_quoted = matches!(before, b'"' | b'\'' | b'`');
    let cli_flag = buf[ns] == b'-';
    // `?api_key=...&` in a URL: a bare value even inside a code string.
    let query_param = matches!(before, b'?' | b'&');
    let mut i = ne;
    // `key = ("..."`: a value in parentheses; `.apiKey("...")`: a builder call.
    let (mut grouped, mut builder) = (false, false);
    // Close the key's quote / bracket: `"password":`, `['password'] =`.
    if name_quoted && i < le && buf[i] == before {
        i += 1;
    }
    if i < le && buf[i] == b']' {
        i += 1;
    } else if i < le && buf[i] == b'[' {
        // C arrays: `static const char API_KEY[] = "..."`, `char token[41] = "..."`.
        let mut j = i + 1;
        while j < le && j - i < 8 && buf[j].is_ascii_digit() {
            j += 1;
        }
        let after = skip_ws(buf, j + 1, le);
        if j < le
            && buf[j] == b']'
            && after < le
            && buf[after] == b'='
            && buf.get(after + 1) != Some(&b'=')
        {
            i = j + 1;
        }
    }
    i = skip_ws(buf, i, le);
    if i >= le {
        return None;
    }
    let mut bare_allowed = bare_ok || cli_flag || query_param;
    // Operators.
    let mut c = buf[i];
    if before == b'<' && c != b'>' && i > ne {
        // <password encoding="base64">value</password>: attributes before the value.
        let mut k = i;
        while k < le && k - i < 200 && !matches!(buf[k], b'>' | b'<' | b'/') {
            k += 1;
        }
        if k < le && buf[k] == b'>' {
            i = k;
            c = b'>';
        }
    }
    if before == b'<' && c == b'>' {
        // <password>value</password>
        let vs = i + 1;
        let mut ve = vs;
        while ve < le && buf[ve] != b'<' {
            ve += 1;
        }
        if ve == vs || ve >= le || buf.get(ve + 1) != Some(&b'/') {
            return None;
        }
        return Some(Assignment {
            name: (ns, ne),
            value: (vs, ve),
            quoted: true,
            query: query_param,
        });
    }
    match c {
        b'=' => {
            i += 1;
            if i < le && buf[i] == b'>' {
                i += 1; // =>
            } else {
                while i < le && buf[i] == b'=' {
                    i += 1; // == / === comparisons with a literal
                }
            }
        }
        b':' => {
            i += 1;
            if i < le && buf[i] == b'=' {
                i += 1;
            } else if i < le && buf[i] == b':' {
                return None; // path::to
            } else {
                // Type annotation `password: str = "..."`, `PWD: &str = "..."`,
                // `val password: String = "..."`: a type, whitespace, then `=`.
                let j = skip_ws(buf, i, le);
                let mut k = j;
                while k < le
                    && k - j < 40
                    && (buf[k].is_ascii_alphanumeric()
                        || matches!(
                            buf[k],
                            b'_' | b'&' | b'<' | b'>' | b'\'' | b'[' | b']' | b'.' | b'?'
                        ))
                {
                    k += 1;
                }
                let k2 = skip_ws(buf, k, le);
                if k > j
                    && k2 > k
                    && k2 < le
                    && buf[k2] == b'='
                    && buf.get(k2 + 1) != Some(&b'=')
                    && (buf[j].is_ascii_alphabetic() || buf[j] == b'&')
                {
                    i = k2 + 1;
                }
            }
        }
        b'<' if buf.get(i + 1) == Some(&b'-') => i += 2,
        b'|' | b'?' if buf.get(i + 1) == Some(&b'=') => i += 2,
        b'|' | b'?' if buf.get(i + 1) == Some(&b'|') && buf.get(i + 2) == Some(&b'=') => i += 3,
        // put("password", "value"), Map.of("password", "value"): a quoted key that is the
        // first argument of a call, not an item of a list.
        b',' if name_quoted && ns >= ls + 2 && {
            let mut p = ns - 1;
            while p > ls && buf[p - 1] == b' ' {
                p -= 1;
            }
            let opener = if p > ls { buf[p - 1] } else { b'\n' };
            // The call must be one that stores a pair (`put`, `setProperty`, `Map.of`,
            // `header`), not any call that takes the name first.
            let mut f = p.saturating_sub(1);
            while f > ls && (buf[f - 1].is_ascii_alphanumeric() || buf[f - 1] == b'_') {
                f -= 1;
            }
            let func = buf[f..p.saturating_sub(1)].to_ascii_lowercase();
            let pair_call = [
                &b"put"[..],
                b"set",
                b"add",
                b"append",
                b"header",
                b"param",
                b"with",
                b"insert",
                b"store",
                b"option",
                b"field",
                b"env",
                b"of",
                b"entry",
                b"pair",
                b"config",
                b"setdefault",
                b"define",
                b"assoc",
                b"hash",
                b"dict",
                b"map",
            ]
            .iter()
            .any(|k| func.starts_with(k))
                || func.is_empty();
            let key_like = buf[ns..ne]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
            let constant = buf[ns..ne]
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_');
            opener == b'(' && pair_call && (key_like || constant) || opener == b',' && constant
        } =>
        {
            i += 1
        }
        b'(' => {
            // setPassword("...") / withToken("...") only: a setter with a literal.
            let full = &buf[ns..ne];
            let name = full.rsplit(|&b| b == b'.').next().unwrap_or(full);
            let lower_starts =
                |p: &[u8]| name.len() > p.len() && name[..p.len()].eq_ignore_ascii_case(p);
            if lower_starts(b"set") || lower_starts(b"with") {
                i += 1;
                bare_allowed = false;
            } else if full.first() == Some(&b'.')
                && matches!(before, b')' | b' ' | b'\t' | b'\n')
                && !full[1..].contains(&b'.')
            {
                // A builder method named after the field (`.apiKey("...")`,
                // `.clientSecret("...")`): the literal must be its only argument.
                i += 1;
                bare_allowed = false;
                builder = true;
            } else {
                return None;
            }
        }
        _ if cli_flag && i > ne => bare_allowed = true, // --password value
        // Dockerfile `ENV API_TOKEN value` (the legacy space-separated form).
        _ if i > ne && dockerfile_env(buf, ls, ns) => bare_allowed = true,
        // C/C++ `#define API_KEY "value"`: a quoted value only.
        b'"' if i > ne && c_define(buf, ls, ns) => {}
        _ => return None,
    }
    i = skip_ws(buf, i, le);
    if i >= le {
        return None;
    }
    // A value split across lines in parentheses (Python's implicit concatenation,
    // `key = ("abc..."` / `"def...")`): the first piece is the value. A tuple
    // (`auth = ("user", "pass")`) is not one value, so a comma after the piece rejects it.
    if buf[i] == b'(' {
        let j = skip_ws(buf, i + 1, le);
        if j < le && matches!(buf[j], b'"' | b'\'') {
            i = j;
            grouped = true;
        }
    }
    // A literal in a wrapper that only carries it: `Some("..")`, `String("..")`,
    // `Optional.of("..")`, `[]byte("..")`, `SecretStr("..")`, `Base64.decode("..")`,
    // MySQL `PASSWORD('..')`.
    if let Some(j) = unwrap_literal_call(buf, i, le).or_else(|| first_array_item(buf, i, le)) {
        i = j;
    }
    // String prefixes: r"..", b'..', f"..", @"..", u"..".
    if matches!(
        buf[i],
        b'r' | b'b' | b'u' | b'f' | b'@' | b'R' | b'B' | b'U' | b'F'
    ) && i + 1 < le
        && matches!(buf[i + 1], b'"' | b'\'')
    {
        i += 1;
    }
    let q = buf[i];
    if matches!(q, b'"' | b'\'' | b'`') {
        let vs = i + 1;
        let mut j = vs;
        while j < le && buf[j] != q {
            if buf[j] == b'\\' {
                j += 1;
            }
            j += 1;
        }
        if j >= le || j == vs {
            return None;
        }
        if builder && buf.get(skip_ws(buf, j + 1, le)) != Some(&b')') {
            return None;
        }
        if grouped {
            let k = skip_ws(buf, j + 1, le);
            if k < le && !matches!(buf[k], b')' | b'"' | b'\'' | b'+' | b'#') {
                return None;
            }
        }
        // "\"value\"": an escaped inner string (Gradle buildConfigField, JSON in JSON).
        let (mut vs, mut ve) = (vs, j);
        if ve - vs > 4 && buf[vs] == b'\\' && buf[ve - 1] == q && buf[ve - 2] == b'\\' {
            vs += 2;
            ve -= 2;
        }
        return Some(Assignment {
            name: (ns, ne),
            value: (vs, ve),
            quoted: true,
            query: query_param,
        });
    }
    if !bare_allowed {
        return None;
    }
    let vs = i;
    let mut j = i;
    if bare_ok && !query_param {
        // Config files: the value runs to whitespace (passwords may hold `(`, `;`, `#`),
        // or to the `&` before the next `name=` of a form-encoded line
        // (`oauth_token=...&oauth_token_secret=...`).
        while j < le
            && !matches!(buf[j], b' ' | b'\t' | b'\r' | b'"' | b'\'' | b'`' | b'<')
            && !(buf[j] == b'&' && next_is_param(buf, j + 1, le))
        {
            j += 1;
        }
        while j > vs && matches!(buf[j - 1], b',' | b';' | b'}' | b']' | b')') {
            j -= 1;
        }
    } else {
        while j < le
            && !matches!(
                buf[j],
                b' ' | b'\t'
                    | b'\r'
                    | b','
                    | b';'
                    | b'"'
                    | b'\''
                    | b'`'
                    | b')'
                    | b'}'
                    | b']'
                    | b'<'
                    | b'&'
                    | b'('
                    | b'['
                    | b'#'
            )
        {
            j += 1;
        }
        if j < le && matches!(buf[j], b'(' | b'[') {
            return None;
        }
    }
    if j == vs || is_ident_path(&buf[vs..j]) || is_call(&buf[vs..j]) {
        return None;
    }
    // YAML anchors, aliases and tags are not values; neither is the next CLI flag.
    if matches!(buf[vs], b'*' | b'&' | b'!') || cli_flag && buf[vs] == b'-' {
        return None;
    }
    // A bare value followed by more code (`= a + b`, `= x if y`) is an expression.
    let rest = skip_ws(buf, j, le);
    if !cli_flag
        && !bare_ok
        && rest < le
        && !matches!(
            buf[rest],
            b'#' | b';' | b',' | b'&' | b'}' | b')' | b']' | b'\r' | b'<' | b'"' | b'\''
        )
    {
        return None;
    }
    Some(Assignment {
        name: (ns, ne),
        value: (vs, j),
        quoted: false,
        query: query_param,
    })
}

/// At `i`, a form or query parameter name followed by `=`.
fn next_is_param(buf: &[u8], i: usize, le: usize) -> bool {
    let mut k = i;
    while k < le && k - i < 64 && (buf[k].is_ascii_alphanumeric() || matches!(buf[k], b'_' | b'.'))
    {
        k += 1;
    }
    k > i && k < le && buf[k] == b'=' && buf[i].is_ascii_alphabetic()
}

/// Calls whose only job is to carry or decode a literal: the literal inside is the value.
const LITERAL_WRAPPERS: &[&str] = &[
    "some",
    "string",
    "str",
    "of",
    "ofnullable",
    "optional",
    "from",
    "bytes",
    "bytearray",
    "byte",
    "secretstr",
    "secretstring",
    "secret",
    "securestring",
    "b64decode",
    "decode",
    "decodestring",
    "frombase64string",
    "frombase64",
    "atob",
    "unhexlify",
    "fromhex",
    "password",
    "text",
    "char",
    "pointer",
    "ptr",
];

/// At `i`, `Wrapper("..."` with a wrapper from `LITERAL_WRAPPERS` (or `new String("..."`):
/// the position of the opening quote.
fn unwrap_literal_call(buf: &[u8], i: usize, le: usize) -> Option<usize> {
    let mut j = i;
    if buf[j..le].starts_with(b"new ") {
        j = skip_ws(buf, j + 4, le);
    }
    let start = j;
    while j < le
        && j - start < 48
        && (buf[j].is_ascii_alphanumeric() || matches!(buf[j], b'_' | b'.' | b'[' | b']' | b':'))
    {
        j += 1;
    }
    if j == start || j >= le || buf[j] != b'(' {
        return None;
    }
    let path = &buf[start..j];
    let last = path
        .rsplit(|&b| b == b'.' || b == b':' || b == b']')
        .next()
        .unwrap_or(path);
    let lower = last.to_ascii_lowercase();
    if !LITERAL_WRAPPERS.contains(&std::str::from_utf8(&lower).unwrap_or("")) {
        return None;
    }
    let q = skip_ws(buf, j + 1, le);
    (q < le && matches!(buf[q], b'"' | b'\'' | b'`')).then_some(q)
}

/// At `i`, a list literal whose first item is a string: `["..."`, `{"..."`,
/// `[]string{"..."`, `new String[] {"..."`, `%w(`: the position of the first item's quote.
fn first_array_item(buf: &[u8], i: usize, le: usize) -> Option<usize> {
    let mut j = i;
    if buf[j..le].starts_with(b"new ") {
        j += 4;
    }
    // A type in front: `[]string`, `String[]`, `Array<string>`; a bare `[` opens the list.
    let t = j;
    if buf[j] == b'[' && buf.get(j + 1) != Some(&b']') {
        let q = skip_ws(buf, j + 1, le);
        return (q < le && matches!(buf[q], b'"' | b'\'')).then_some(q);
    }
    while j < le
        && j - t < 32
        && (buf[j].is_ascii_alphanumeric() || matches!(buf[j], b'[' | b']' | b'<' | b'>' | b'_'))
    {
        j += 1;
    }
    let j = skip_ws(buf, j, le);
    let open = if j < le && matches!(buf[j], b'[' | b'{') {
        j
    } else if j > t && buf[j - 1] == b'[' {
        j - 1
    } else {
        return None;
    };
    let q = skip_ws(buf, open + 1, le);
    (q < le && matches!(buf[q], b'"' | b'\'')).then_some(q)
}

/// In documentation, a bare (unquoted) value counts only on lines shaped like
/// configuration or a command line: the name starts the line (after list markers, `$`,
/// a code span) or follows a flag or `export`, and nothing but the end of the line, a
/// comment, a line continuation, a quote or the next flag follows the value.
pub fn docs_bare_ok(buf: &[u8], (ls, le): (usize, usize), a: &Assignment) -> bool {
    // A URL query parameter or a command-line flag: the value's end is the syntax's own.
    if a.query || buf[a.name.0] == b'-' {
        return true;
    }
    let rest = skip_ws(buf, a.value.1, le);
    if rest < le
        && !matches!(
            buf[rest],
            b'\\' | b'#' | b'`' | b'"' | b'\'' | b'-' | b'|' | b')' | b',' | b';' | b'&' | b'\r'
        )
    {
        return false;
    }
    let mut p = a.name.0;
    while p > ls && matches!(buf[p - 1], b' ' | b'\t') {
        p -= 1;
    }
    if p == ls {
        return true;
    }
    let prev = buf[p - 1];
    if matches!(
        prev,
        b'-' | b'*' | b'>' | b'|' | b'`' | b'$' | b'(' | b'[' | b'{' | b',' | b';' | b'"' | b'\''
    ) {
        return true;
    }
    // The word before: a flag (`-e`, `--env`) or `export` / `set` / `env`.
    let mut w = p;
    while w > ls && !matches!(buf[w - 1], b' ' | b'\t') {
        w -= 1;
    }
    let word = &buf[w..p];
    word.first() == Some(&b'-')
        || ["export", "set", "env", "setx"]
            .iter()
            .any(|k| word.eq_ignore_ascii_case(k.as_bytes()))
}

/// Words that make a `*_key` name something other than key material.
const KEY_NOT_SECRET: &[&str] = &[
    "public",
    "primary",
    "foreign",
    "sort",
    "partition",
    "cache",
    "map",
    "hash",
    "dedup",
    "dedupe",
    "lookup",
    "route",
    "object",
    "storage",
    "column",
    "field",
    "index",
    "table",
    "row",
    "i18n",
    "translation",
    "message",
    "label",
    "event",
    "item",
    "list",
    "dict",
    "registry",
    "config",
    "setting",
    "settings",
    "s3",
    "bucket",
    "file",
    "path",
    "env",
    "name",
    "type",
    "cursor",
    "query",
    "search",
    "group",
    "host",
    "node",
    "shard",
    "region",
    "unique",
    "composite",
    "compound",
    "range",
    "redis",
    "state",
    "store",
    "local",
    "global",
    "react",
    "vue",
    "component",
    "prop",
    "props",
    "attr",
    "attribute",
    "data",
    "meta",
    "metadata",
    "context",
    "request",
    "response",
    "header",
    "param",
    "form",
    "input",
    "output",
    "sign",
    "gpg",
    "pgp",
    "ssh",
    "host",
    "known",
    "trusted",
    "cert",
    "certificate",
    "ca",
    "x509",
    "pub",
    "verify",
    "verification",
    "id",
];

/// A name whose last word is `key`, `salt` or `seed` without a word that makes it an
/// identifier (`cache_key`, `sortKey`, `publicKey`). Its values need `strictly_random`.
pub fn key_like(name: &[u8]) -> bool {
    let w = words(name);
    let Some(last) = w.last() else {
        return false;
    };
    matches!(
        last.as_str(),
        "key" | "salt" | "seed" | "secretkey" | "appkey" | "masterkey"
    ) && !w
        .iter()
        .any(|x| KEY_NOT_SECRET.contains(&x.as_str()) || NON_SECRET_WORDS.contains(&x.as_str()))
}

/// Random enough to be key material without a telling name: long, mixed case and digits
/// (or base64 punctuation), high entropy, and no shape of an identifier.
pub fn strictly_random(v: &[u8]) -> bool {
    use crate::filters;
    if v.len() < 16 || v.len() > 1024 || v.iter().any(|&b| b == b' ' || b.is_ascii_control()) {
        return false;
    }
    let c = crate::entropy::Classes::of(v);
    let base64ish = v
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'));
    let punct = v.iter().any(|&b| matches!(b, b'+' | b'/'));
    (c.lower && c.upper && c.digit || base64ish && punct && c.lower && c.upper && v.len() >= 24)
        && crate::entropy::shannon(v) >= 3.7
        && !filters::is_placeholder(v)
        && !filters::looks_like_non_secret(v)
}

/// The name is the macro name of a C preprocessor `#define`.
fn c_define(buf: &[u8], ls: usize, ns: usize) -> bool {
    let line = &buf[ls..ns];
    let trimmed: Vec<u8> = line
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    trimmed == b"#define"
}

/// The name is the first word after a Dockerfile `ENV` instruction.
fn dockerfile_env(buf: &[u8], ls: usize, ns: usize) -> bool {
    let mut p = ls;
    while p < ns && matches!(buf[p], b' ' | b'\t') {
        p += 1;
    }
    ns >= p + 4
        && buf[p..p + 3].eq_ignore_ascii_case(b"ENV")
        && buf[p + 3..ns].iter().all(|&b| b == b' ')
}

/// `get_password()`, `$(cat file)`: a call, not a literal.
fn is_call(v: &[u8]) -> bool {
    let Some(open) = v.iter().position(|&b| b == b'(' || b == b'[') else {
        return false;
    };
    open == 0
        || (v[0].is_ascii_alphabetic() || v[0] == b'_' || v[0] == b'$')
            && v[..open]
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'$' | b':'))
}

/// `config.password`, `settings.DB.PASSWORD`: an attribute path, not a literal.
fn is_ident_path(v: &[u8]) -> bool {
    v.contains(&b'.')
        && v.split(|&b| b == b'.').all(|part| {
            !part.is_empty()
                && (part[0].is_ascii_alphabetic() || part[0] == b'_')
                && part.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

/// Split an identifier into lowercase words: `dbPassword` -> [db, password],
/// `AWS_SECRET_ACCESS_KEY` -> [aws, secret, access, key], `x-api-key` -> [x, api, key].
pub fn words(name: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for &b in name {
        if !b.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if b.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = b.is_ascii_lowercase() || b.is_ascii_digit();
        cur.push(b.to_ascii_lowercase() as char);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Last words that make a secret-like name describe something else (`password_file`,
/// `token_url`, `secretName`, `api_key_header`).
const NON_SECRET_TAILS: &[&str] = &[
    "file",
    "files",
    "path",
    "dir",
    "url",
    "uri",
    "endpoint",
    "env",
    "var",
    "name",
    "names",
    "id",
    "ids",
    "length",
    "len",
    "size",
    "min",
    "max",
    "field",
    "fields",
    "label",
    "placeholder",
    "prompt",
    "policy",
    "regex",
    "pattern",
    "type",
    "hint",
    "expires",
    "expiry",
    "expiration",
    "ttl",
    "timeout",
    "count",
    "header",
    "required",
    "enabled",
    "enable",
    "disabled",
    "hash",
    "hashed",
    "digest",
    "sha",
    "checksum",
    "validation",
    "validator",
    "validators",
    "rule",
    "rules",
    "reset",
    "input",
    "column",
    "format",
    "version",
    "provider",
    "method",
    "mode",
    "kind",
    "store",
    "manager",
    "service",
    "class",
    "generator",
    "strength",
    "error",
    "errors",
    "message",
    "msg",
    "text",
    "title",
    "description",
    "key",
    "keys",
    "prefix",
    "suffix",
    "param",
    "params",
    "location",
    "source",
    "ref",
    "arn",
    "index",
    "position",
    "visible",
    "visibility",
    "toggle",
    "icon",
    "button",
    "btn",
    "form",
    "dialog",
    "modal",
    "changed",
    "change",
    "updated",
    "update",
    "created",
    "at",
    "date",
    "time",
    "timestamp",
    "used",
    "usage",
    "exists",
    "valid",
    "invalid",
    "check",
    "verify",
    "verified",
    "confirm",
    "match",
    "matches",
    "mismatch",
    "reuse",
    "history",
    "age",
    "lifetime",
    "rotation",
    "scope",
    "scopes",
    "audience",
    "issuer",
    "algorithm",
    "alg",
    "encoding",
    "charset",
    "bytes",
    "bits",
    "command",
    "cmd",
    "helper",
    "callback",
    "handler",
    "fn",
    "func",
    "function",
    "list",
    "map",
    "dict",
    "set",
    "cache",
    "storage",
    "table",
    "repo",
    "repository",
    "model",
    "schema",
    "spec",
    "test",
    "tests",
    "mock",
    "stub",
    "fixture",
    "example",
    "sample",
    "template",
    "doc",
    "docs",
    "help",
    "info",
    "status",
    "state",
    "limit",
    "limits",
    "count",
    "number",
    "num",
    "usage",
    "flag",
    "option",
    "options",
    "config",
    "settings",
    "setting",
    "level",
    "source",
    "transform",
    "parser",
    "serializer",
    "lookup",
    "request",
    "response",
    "req",
    "res",
    "result",
    "secretref",
    "selector",
    "maps",
    "passwords",
    "encryption",
    "hashing",
    "hasher",
    "attrs",
    "attributes",
];

/// Words that make any secret-like name describe something public: pagination and
/// continuation tokens, lexer tokens, design tokens, CSRF nonces, error labels.
const NON_SECRET_WORDS: &[&str] = &[
    "output",
    "input",
    "nopasswd",
    "sha2",
    "sha3",
    "hashed",
    "truncation",
    "marker",
    "existing",
    "verifier",
    "mgr",
    "challenge",
    "sha1",
    "sha256",
    "sha384",
    "sha512",
    "md5",
    "fingerprint",
    "crc32",
    "amz",
    "duration",
    "seconds",
    "minutes",
    "hours",
    "days",
    "ms",
    "millis",
    "interval",
    "attempts",
    "retries",
    "continuation",
    "pagination",
    "page",
    "cursor",
    "next",
    "csrf",
    "xsrf",
    "idempotency",
    "trace",
    "correlation",
    "lexer",
    "parser",
    "syntax",
    "sym",
    "tokenizer",
    "tokenize",
    "design",
    "color",
    "colour",
    "theme",
    "spacing",
    "font",
    "i18n",
    "translation",
    "label",
    "error",
    "errors",
    "exception",
    "invalid",
    "missing",
    "expired",
    "placeholder",
    "example",
    "sample",
    "dummy",
    "fake",
    "mock",
    "public",
    "publishable",
    "pub",
    "sitekey",
    "site",
    "recaptcha",
    "hint",
    "forgot",
    "reset",
    "policy",
    "strength",
    "min",
    "max",
    "length",
];

/// Which generic class an identifier belongs to, if any.
pub fn classify(name: &[u8]) -> Option<AssignClass> {
    // `scope.userMock.password`, `config.db.password`: the member assigned is what counts;
    // `app.secret.key`: when the member alone says nothing, the whole path does.
    let last = name.rsplit(|&b| b == b'.').next().unwrap_or(name);
    if last.len() < name.len()
        && let Some(c) = classify_words(last)
    {
        return Some(c);
    }
    classify_words(name)
}

fn classify_words(name: &[u8]) -> Option<AssignClass> {
    let w = words(name);
    let last = w.last()?;
    if w.iter().any(|x| NON_SECRET_WORDS.contains(&x.as_str())) {
        return None;
    }
    // `passwordSecret`, `tokenSecret`: the name of a Kubernetes/Vault secret holding it.
    if last == "secret"
        && w.len() >= 2
        && w[..w.len() - 1]
            .iter()
            .any(|x| x.contains("password") || x == "token" || x == "credentials" || x == "key")
    {
        return None;
    }
    let has = |s: &str| w.iter().any(|x| x == s);
    let any_contains = |s: &str| w.iter().any(|x| x.contains(s));
    // `*_key` names: decide before the tail check (which lists `key`).
    if last == "key" {
        if has("secret") {
            return Some(AssignClass::Secret);
        }
        if w.len() >= 2 {
            let prev = &w[w.len() - 2];
            return match prev.as_str() {
                "private" | "signing" | "encryption" | "master" | "hmac" | "crypto" | "cipher"
                | "aes" | "jwt" | "session" | "cookie" | "decryption" => {
                    Some(AssignClass::PrivateKey)
                }
                "secret" => Some(AssignClass::Secret),
                "api" | "access" | "app" | "application" | "subscription" | "license"
                | "licence" | "consumer" | "client" | "service" | "auth" | "account" | "admin"
                | "developer" | "dev" | "server" | "write" | "read" | "ingest" | "ingestion"
                | "webhook" | "partner" | "merchant" | "rest" | "sdk" => Some(AssignClass::ApiKey),
                _ => None,
            };
        }
        return None;
    }
    if NON_SECRET_TAILS.contains(&last.as_str()) {
        return None;
    }
    if has("requirepass")
        || has("masterauth")
        || any_contains("password")
        || any_contains("passwd")
        || w.iter().any(|x| x.ends_with("pwd") || x.starts_with("pwd"))
        // `LDAP_BIND_PW`, `DB_PW`: the abbreviation as the last word of a longer name.
        || last == "pw" && w.len() >= 2
        || has("pass") && w.len() >= 2
        || has("passphrase")
        || has("passcode")
        || last.ends_with("pass")
            && last.len() <= 10
            && !last.ends_with("bypass")
            && !last.ends_with("compass")
    {
        return Some(AssignClass::Password);
    }
    if any_contains("apikey") || has("api") && has("key") {
        return Some(AssignClass::ApiKey);
    }
    if w.iter()
        .any(|x| x == "secret" || x.ends_with("secret") && x.len() <= 14 || x == "secretkey")
    {
        return Some(AssignClass::Secret);
    }
    if w.iter()
        .any(|x| x == "token" || x == "tokens" || x.ends_with("token") && x.len() <= 14)
        || has("bearer")
        || has("pat")
    {
        return Some(AssignClass::Token);
    }
    if last == "authorization" || last == "auth" && w.len() == 2 && w[0] == "x" {
        return Some(AssignClass::Token);
    }
    if has("credential") || has("credentials") || has("creds") || last == "auth" {
        return Some(AssignClass::Credential);
    }
    if any_contains("privatekey") || has("private") && has("key") {
        return Some(AssignClass::PrivateKey);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_of_a_colon_separated_identifier_is_not_an_assignment() {
        for line in [
            "aws secretsmanager describe-secret --secret-id arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db",
            "resource = \"arn:aws:secretsmanager:eu-west-1:1:secret:app-token-AbCdEf\"",
        ] {
            assert_eq!(first(line, "secret:", true), None, "{line}");
        }
        // Assignments with a colon still are.
        assert_eq!(
            first("password: hunter2xy", "password", true),
            Some(("password".into(), "hunter2xy".into()))
        );
        assert!(first("{user:admin,password:hunter2xy}", "password", true).is_some());
    }

    fn first(line: &str, kw: &str, bare: bool) -> Option<(String, String)> {
        let b = line.as_bytes();
        let lower = line.to_ascii_lowercase();
        let p = lower.find(kw)?;
        parse(b, (0, b.len()), (p, p + kw.len()), bare).map(|a| {
            (
                line[a.name.0..a.name.1].to_string(),
                line[a.value.0..a.value.1].to_string(),
            )
        })
    }

    #[test]
    fn parses_common_syntaxes() {
        let v = |l: &str, kw: &str, bare: bool| first(l, kw, bare).map(|x| x.1);
        assert_eq!(
            v(r#"db_password = "%v4lue%""#, "password", false).unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v(r#""apiKey": "%v4lue%","#, "key", false).unwrap(),
            "%v4lue%"
        );
        assert_eq!(v("PASSWORD=%v4lue%", "password", true).unwrap(), "%v4lue%");
        assert_eq!(
            v("password: %v4lue% # prod", "password", true).unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v("<password>%v4lue%</password>", "password", false).unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v(r#"<Pass encoding="base64">%v4lue%</Pass>"#, "pass", false).unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v(r#"token := "%v4lue%""#, "token", false).unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v(r#"'secret' => '%v4lue%',"#, "secret", false).unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v("--password=%v4lue%", "password", false).unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v("mysql --password %v4lue% db", "password", false).unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v(r#"password: str = "%v4lue%""#, "password", false).unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v(r#"client.setPassword("%v4lue%");"#, "password", false).unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v(r#"props.put("password", "%v4lue%");"#, "password", false).unwrap(),
            "%v4lue%"
        );
        // A value split across lines in parentheses: the first piece; a tuple is not one.
        assert_eq!(
            v(r#"private_key = ("%v4lue%""#, "key", false).unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v(r#"SECRET = ( '%v4lue%' 'more' )"#, "secret", false).unwrap(),
            "%v4lue%"
        );
        assert!(v(r#"auth = ("deploy", "%v4lue%")"#, "auth", false).is_none());
        // A builder method named after the field, with the literal as its only argument.
        assert_eq!(
            v(
                r#"Client.builder().apiKey("%v4lue%").build();"#,
                "key",
                false
            )
            .unwrap(),
            "%v4lue%"
        );
        assert_eq!(
            v(r#"    .clientSecret("%v4lue%")"#, "secret", false).unwrap(),
            "%v4lue%"
        );
        assert!(v(r#"form.password("%v4lue%", 12)"#, "password", false).is_none());
        assert!(v(r#"apiKey("%v4lue%")"#, "key", false).is_none());
        assert!(v("password = get_password()", "password", true).is_none());
        assert!(v("password = os.environ['X']", "password", false).is_none());
        assert!(v("password = request.form.password", "password", false).is_none());
        assert!(v("if not password:", "password", true).is_none());
        assert!(v(r#"getPassword("key")"#, "password", false).is_none());
    }

    #[test]
    fn classifies_names() {
        use AssignClass::*;
        assert_eq!(classify(b"DB_PASSWORD"), Some(Password));
        assert_eq!(classify(b"dbPass"), Some(Password));
        assert_eq!(classify(b"api_key"), Some(ApiKey));
        assert_eq!(classify(b"X-Api-Key"), Some(ApiKey));
        assert_eq!(classify(b"client_secret"), Some(Secret));
        assert_eq!(classify(b"AWS_SECRET_ACCESS_KEY"), Some(Secret));
        assert_eq!(classify(b"authToken"), Some(Token));
        assert_eq!(classify(b"private_key"), Some(PrivateKey));
        assert_eq!(classify(b"password_file"), None);
        assert_eq!(classify(b"tokenUrl"), None);
        assert_eq!(classify(b"secretName"), None);
        assert_eq!(classify(b"monkey"), None);
        assert_eq!(classify(b"bypass"), None);
        assert_eq!(classify(b"key"), None);
    }
}
