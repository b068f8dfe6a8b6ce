//! Helpers several rules share: recognising SQL text, building the parameterised-query
//! fix, and reading names that say a value is a secret.

use crate::check::{CallSite, CompareSite, Cx, replace};
use crate::flow::value::{Shape, Val};
use crate::ir::{BinOp, CmpOp, Expr, ExprKind, TemplatePart};
use vibeguard_core::Fix;

const SQL_WORDS: &[&str] = &[
    "select ",
    "insert ",
    "update ",
    "delete ",
    "drop ",
    "alter ",
    " where ",
    "create ",
    "replace ",
    "truncate ",
    " from ",
    "exec ",
    "merge ",
    " values",
    " set ",
    "order by",
    "union ",
];

/// Does a value's known text look like SQL?
pub fn looks_like_sql(v: &Val) -> bool {
    let text = v.const_str().or(v.prefix.as_deref()).unwrap_or("");
    is_sql_text(text)
}

pub fn is_sql_text(text: &str) -> bool {
    let lower = format!(
        " {} ",
        text.to_ascii_lowercase().replace(['\n', '\t', '('], " ")
    );
    SQL_WORDS.iter().any(|w| lower.contains(w))
}

/// A statement split around its one interpolated value: literal before, the value's
/// expression, literal after.
pub struct OneValue<'a> {
    pub before: String,
    pub value: &'a Expr,
    pub after: String,
}

/// `f"... {x} ..."`, `"..." + x + "..."`, `"... %s ..." % x`, `"... {} ...".format(x)`,
/// `` `... ${x} ...` ``: exactly one value spliced into literal text.
pub fn one_value(e: &Expr) -> Option<OneValue<'_>> {
    match &e.kind {
        ExprKind::Template(parts) => {
            let exprs: Vec<&Expr> = parts
                .iter()
                .filter_map(|p| match p {
                    TemplatePart::Expr(x) => Some(x),
                    _ => None,
                })
                .collect();
            if exprs.len() != 1 {
                return None;
            }
            let mut before = String::new();
            let mut after = String::new();
            let mut seen = false;
            for p in parts {
                match p {
                    TemplatePart::Lit(s) if seen => after.push_str(s),
                    TemplatePart::Lit(s) => before.push_str(s),
                    TemplatePart::Expr(_) => seen = true,
                }
            }
            Some(OneValue {
                before,
                value: exprs[0],
                after,
            })
        }
        ExprKind::Binary(BinOp::Add, l, r) => {
            // ("a" + x) + "b"  or  "a" + x
            if let Some(after) = r.as_str()
                && let ExprKind::Binary(BinOp::Add, ll, lr) = &l.kind
                && let Some(before) = ll.as_str()
                && lr.as_str().is_none()
            {
                return Some(OneValue {
                    before: before.to_string(),
                    value: lr,
                    after: after.to_string(),
                });
            }
            if let Some(before) = l.as_str()
                && r.as_str().is_none()
                && !matches!(r.kind, ExprKind::Binary(..))
            {
                return Some(OneValue {
                    before: before.to_string(),
                    value: r,
                    after: String::new(),
                });
            }
            None
        }
        ExprKind::Binary(BinOp::Mod, l, r) => {
            let fmt = l.as_str()?;
            let value: &Expr = match &r.kind {
                ExprKind::List(items) if items.len() == 1 => &items[0],
                ExprKind::List(_) | ExprKind::Dict(_) => return None,
                _ => r,
            };
            let mut pieces = fmt.splitn(2, "%s");
            let before = pieces.next()?.to_string();
            let after = pieces.next()?.to_string();
            if before.contains('%') || after.contains('%') {
                return None;
            }
            Some(OneValue {
                before: before.replace("%%", "%"),
                value,
                after: after.replace("%%", "%"),
            })
        }
        ExprKind::Call(c) => {
            let ExprKind::Attr(recv, m) = &c.callee.kind else {
                return None;
            };
            let fmt = recv.as_str()?;
            if m != "format" || c.args.len() != 1 || c.args[0].name.is_some() {
                return None;
            }
            let mut pieces = fmt.splitn(2, "{}");
            let before = pieces.next()?.to_string();
            let after = pieces.next()?.to_string();
            if before.contains('{') || after.contains('{') {
                return None;
            }
            Some(OneValue {
                before,
                value: &c.args[0].value,
                after,
            })
        }
        _ => None,
    }
}

/// The placeholder of the Python database driver the file imports, if one is known.
fn python_placeholder(cx: &Cx<'_, '_>) -> Option<&'static str> {
    if cx.imports("sqlite3") {
        return Some("?");
    }
    for m in [
        "psycopg2",
        "psycopg",
        "pymysql",
        "MySQLdb",
        "mysql.connector",
        "pgdb",
        "mysql",
    ] {
        if cx.imports(m) {
            return Some("%s");
        }
    }
    None
}

/// Remove the quotes a value was wrapped in (`'{name}'`), since a parameter is quoted
/// by the driver.
fn unquote(before: &str, after: &str) -> (String, String) {
    for q in ['\'', '"'] {
        if before.ends_with(q) && after.starts_with(q) {
            return (
                before[..before.len() - 1].to_string(),
                after[1..].to_string(),
            );
        }
    }
    (before.to_string(), after.to_string())
}

/// A double-quoted Python/JS string literal for `s`.
pub fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `cur.execute(f"... '{x}'")` -> `cur.execute("... %s", (x,))` when the driver's
/// placeholder style is known and exactly one value is spliced in.
pub fn python_sql_fix(cx: &Cx<'_, '_>, site: &CallSite<'_>, query: &Expr) -> Option<Fix> {
    let ph = python_placeholder(cx)?;
    let one = one_value(query)?;
    let (before, after) = unquote(&one.before, &one.after);
    if before.contains(ph)
        || after.contains(ph)
        || (ph == "%s" && (before.contains('%') || after.contains('%')))
    {
        return None;
    }
    let _ = site;
    let value = cx.text(one.value.span);
    if value.contains('\n') {
        return None;
    }
    let sql = format!("{before}{ph}{after}");
    Some(replace(
        query.span,
        format!("{}, ({value},)", quoted(&sql)),
        "pass the value as a query parameter",
    ))
}

/// A constant boolean (`True`, `true`).
pub fn const_bool(v: &Val) -> Option<bool> {
    match v.as_const()? {
        crate::flow::value::Const::Bool(b) => Some(*b),
        _ => None,
    }
}

/// A constant number.
pub fn const_num(v: &Val) -> Option<f64> {
    match v.as_const()? {
        crate::flow::value::Const::Num(n) => Some(*n),
        _ => None,
    }
}

/// Does a URL value start with a scheme and host the program fixed
/// (`"https://api.example.com/" + path`)? Such a request cannot be sent elsewhere.
pub fn host_is_fixed(v: &Val) -> bool {
    v.prefix
        .as_deref()
        .is_some_and(crate::flow::guards_fixes_host)
}

/// The source text of a shell command template's literal parts has no characters the
/// shell treats specially, so splitting it into words is exact.
pub fn plain_words(s: &str) -> bool {
    !s.chars().any(|c| {
        matches!(
            c,
            '\'' | '"'
                | '`'
                | '$'
                | '|'
                | '&'
                | ';'
                | '<'
                | '>'
                | '('
                | ')'
                | '*'
                | '?'
                | '['
                | ']'
                | '{'
                | '}'
                | '~'
                | '\\'
                | '#'
                | '!'
                | '\n'
        )
    })
}

/// Literal text and spliced values of a string expression, in order.
pub enum Piece<'a> {
    Lit(String),
    Value(&'a Expr),
}

/// The pieces of an f-string, a template literal or a `+` chain of strings and values.
pub fn string_pieces(e: &Expr) -> Option<Vec<Piece<'_>>> {
    match &e.kind {
        ExprKind::Str(s) => Some(vec![Piece::Lit(s.clone())]),
        ExprKind::Template(parts) => Some(
            parts
                .iter()
                .map(|p| match p {
                    TemplatePart::Lit(s) => Piece::Lit(s.clone()),
                    TemplatePart::Expr(x) => Piece::Value(x),
                })
                .collect(),
        ),
        ExprKind::Binary(BinOp::Add, l, r) => {
            let mut out = string_pieces(l).unwrap_or_else(|| vec![Piece::Value(l)]);
            match string_pieces(r) {
                Some(more) => out.extend(more),
                None => out.push(Piece::Value(r)),
            }
            Some(out)
        }
        _ => None,
    }
}

/// `subprocess.run(f"convert {src} out.png", shell=True)` ->
/// `subprocess.run(["convert", src, "out.png"])`: only when the literal text has no shell
/// syntax and every value is a whole word, so the argument list runs the same program
/// with the same words.
pub fn shell_args_fix(cx: &Cx<'_, '_>, site: &CallSite<'_>, cmd: &Expr) -> Option<Fix> {
    let pieces = string_pieces(cmd)?;
    let mut words: Vec<String> = Vec::new();
    let mut glued = false;
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Lit(s) => {
                if !plain_words(s) {
                    return None;
                }
                if glued && !s.starts_with(char::is_whitespace) && !s.is_empty() {
                    return None;
                }
                let next_is_value = matches!(pieces.get(i + 1), Some(Piece::Value(_)));
                if next_is_value && !s.is_empty() && !s.ends_with(char::is_whitespace) {
                    return None;
                }
                words.extend(s.split_whitespace().map(quoted));
                glued = false;
            }
            Piece::Value(v) => {
                let text = cx.text(v.span);
                if text.contains('\n') || glued {
                    return None;
                }
                words.push(text.to_string());
                glued = true;
            }
        }
    }
    if words.is_empty() {
        return None;
    }
    // Remove `, shell=True` (the keyword and the comma before it).
    let (shell_expr, _) = site.kwarg("shell")?;
    let src = cx.whole_text();
    let before = &src[..shell_expr.span.start as usize];
    let kw = before.rfind("shell")?;
    let comma = before[..kw].rfind(',')?;
    if !before[comma + 1..kw].trim().is_empty() {
        return None;
    }
    let mut edits = vec![
        vibeguard_core::TextEdit {
            byte_start: cmd.span.start as usize,
            byte_end: cmd.span.end as usize,
            replacement: format!("[{}]", words.join(", ")),
        },
        vibeguard_core::TextEdit {
            byte_start: comma,
            byte_end: shell_expr.span.end as usize,
            replacement: String::new(),
        },
    ];
    edits.sort_by_key(|e| e.byte_start);
    Some(Fix {
        description: "pass the command as an argument list without a shell".into(),
        edits,
    })
}

/// A CORS setup call (flask-cors `CORS`/`cross_origin`, Starlette `CORSMiddleware`):
/// does it allow any origin, and does it allow credentials? `None` when the call is not
/// one.
pub fn cors_origins_any(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> Option<(bool, bool)> {
    use crate::flow::value::Shape;
    let star = |v: &Val| -> bool {
        match &v.shape {
            Shape::Seq(items) => items.iter().any(|i| i.const_str() == Some("*")),
            _ => v.const_str().is_some_and(|s| s == "*" || s == ".*"),
        }
    };
    let truthy = |v: &Val| const_bool(v) == Some(true);
    if site.is(&["flask_cors.CORS", "flask_cors.cross_origin"]) {
        let creds = site
            .kwarg("supports_credentials")
            .is_some_and(|(_, v)| truthy(v));
        let origins = site.kwarg("origins").or_else(|| site.kwarg("origin"));
        let any = match origins {
            Some((_, v)) => star(v),
            None => match site.kwarg("resources") {
                Some((_, r)) => match &r.shape {
                    Shape::Map(items) => items
                        .iter()
                        .any(|(_, opts)| opts.field("origins").is_none_or(|o| star(&o))),
                    _ => false,
                },
                None => true,
            },
        };
        return Some((any, creds));
    }
    let middleware = site.is(&[
        "starlette.middleware.cors.CORSMiddleware",
        "fastapi.middleware.cors.CORSMiddleware",
    ]) || site.name == "add_middleware"
        && site
            .arg(0)
            .is_some_and(|(e, _)| e.last_name() == Some("CORSMiddleware"))
        || site.name == "Middleware"
            && site
                .arg(0)
                .is_some_and(|(e, _)| e.last_name() == Some("CORSMiddleware"));
    if middleware {
        let _ = cx;
        let creds = site
            .kwarg("allow_credentials")
            .is_some_and(|(_, v)| truthy(v));
        let any = site.kwarg("allow_origins").is_some_and(|(_, v)| star(v))
            || site.kwarg("allow_origin_regex").is_some_and(|(_, v)| {
                v.const_str()
                    .is_some_and(|s| s == ".*" || s == "*" || s == "^.*$")
            });
        return Some((any, creds));
    }
    None
}

/// The span of a top-level `NAME = True` for one of `names`.
pub fn module_flag(cx: &Cx<'_, '_>, names: &[&str]) -> Option<crate::ir::Span> {
    use crate::ir::{Pattern, StmtKind};
    let module = cx.module();
    let body = &module.funcs.first()?.body;
    for s in body {
        if let StmtKind::Assign {
            target: Pattern::Name(n, _),
            value,
        } = &s.kind
            && names.contains(&n.as_str())
            && value.is_true()
        {
            return Some(s.span);
        }
    }
    None
}

/// The text of the line a span starts on, up to the span (`token = ` in
/// `token = random.choice(...)`), plus the enclosing function's name: what the value is
/// for.
pub fn use_context(cx: &Cx<'_, '_>, span: crate::ir::Span) -> String {
    let src = cx.whole_text();
    let start = (span.start as usize).min(src.len());
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut out = src[line_start..start].to_string();
    // `return "s-" + random...` / a bare call: what the value is for is the function's name.
    let trimmed = out.trim();
    let returned = trimmed.starts_with("return");
    let target = trimmed.trim_start_matches("return").trim();
    if returned || target.is_empty() || !target.contains(['=', ':', '(']) {
        // An anonymous callback (`Array.from({ length: 32 }, () => ...)`) is for what the
        // function it is written in is for.
        let funcs = &cx.module().funcs;
        let mut f = cx.func();
        loop {
            // `exports.sessionToken = () => ...`, `const makeKey = function () {...}`: an
            // unnamed function is named by what it is assigned to.
            let named = if funcs[f].name.is_empty() || funcs[f].name.starts_with('<') {
                funcs[f]
                    .parent
                    .and_then(|p| assigned_name(&funcs[p].body, f))
            } else {
                None
            };
            if let Some(n) = named {
                out.push(' ');
                out.push_str(n);
                break;
            }
            match funcs[f].parent {
                Some(p) if funcs[f].name.starts_with('<') || funcs[f].name.is_empty() && p != 0 => {
                    f = p
                }
                _ => {
                    out.push(' ');
                    out.push_str(&funcs[f].name);
                    break;
                }
            }
        }
    }
    out
}

/// The name a function expression is assigned to in `body` (`x = () => ...`,
/// `exports.x = function () {...}`).
fn assigned_name(body: &[crate::ir::Stmt], id: crate::ir::FuncId) -> Option<&str> {
    body.iter().find_map(|st| match &st.kind {
        crate::ir::StmtKind::Assign {
            target: crate::ir::Pattern::Name(n, _) | crate::ir::Pattern::Attr(_, n, _),
            value,
        } if matches!(value.kind, ExprKind::Func(v) if v == id) => Some(n.as_str()),
        _ => None,
    })
}

/// [`use_context`], plus the lines of the enclosing function that use the name the value
/// is assigned to (`const code = Math.random()...` then `res.json({ inviteCode: code })`):
/// what a value is for is often said only where it goes.
pub fn purpose_context(cx: &Cx<'_, '_>, span: crate::ir::Span) -> String {
    let mut out = use_context(cx, span);
    let target = out
        .trim()
        .trim_start_matches("const ")
        .trim_start_matches("let ")
        .trim_start_matches("var ");
    let Some((name, _)) = target.split_once('=') else {
        return out;
    };
    let name = name
        .trim()
        .trim_end_matches(|c: char| c == ':' || c.is_whitespace())
        .to_string();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return out;
    }
    let f = &cx.module().funcs[cx.func()];
    let src = cx.whole_text();
    let (start, end) = (span.end as usize, (f.span.end as usize).min(src.len()));
    if start >= end || !src.is_char_boundary(start) || !src.is_char_boundary(end) {
        return out;
    }
    for line in src[start..end].lines().skip(1).take(40) {
        for key in keys_given(line, &name) {
            out.push(' ');
            out.push_str(key);
        }
    }
    out
}

/// The keys or names `name` is given to on a line: `inviteCode` in `{ inviteCode: code }`
/// and `user.resetToken = code`; not the neighbours of a list (`[sessionToken, dice]`).
fn keys_given<'l>(line: &'l str, name: &str) -> Vec<&'l str> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = line[from..].find(name).map(|i| i + from) {
        from = i + name.len();
        let before_ok = !line[..i].ends_with(is_word);
        let after_ok = !line[from..].starts_with(is_word);
        if !(before_ok && after_ok) {
            continue;
        }
        let lead = line[..i].trim_end();
        let Some(lead) = lead.strip_suffix(':').or_else(|| {
            lead.strip_suffix('=')
                .filter(|l| !l.ends_with(['=', '!', '<', '>']))
        }) else {
            continue;
        };
        let lead = lead.trim_end();
        // `store[cookie_name] = code` / `session["sid"] = code`: the container and the key
        // both say what the value is for.
        if lead.ends_with(']') {
            if let Some(open) = lead.find('[') {
                let start = lead[..open]
                    .rfind(|c: char| !(is_word(c) || c == '.'))
                    .map_or(0, |k| k + 1);
                if start < open {
                    out.push(&lead[start..open]);
                }
                // The key, unless it is a generic loop or lookup name (`d[key] = ...`).
                let key = lead[open + 1..lead.len() - 1].trim();
                if !matches!(key, "key" | "k" | "i" | "j" | "idx" | "index" | "name") {
                    out.push(key);
                }
            }
            continue;
        }
        let start = lead
            .rfind(|c: char| !(is_word(c) || c == '.' || c == '"' || c == '\''))
            .map_or(0, |k| k + 1);
        if start < lead.len() {
            out.push(&lead[start..]);
        }
    }
    out
}

/// A digest named for addressing content, not for security: a cache key, an ETag, a
/// checksum or fingerprint of the data.
pub fn content_address(ctx: &str) -> bool {
    ctx.split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(split_camel)
        .any(|w| {
            matches!(
                w.as_str(),
                "cache" | "etag" | "checksum" | "fingerprint" | "dedupe"
            )
        })
}

/// Words that say a value protects something (tokens, keys, passwords, sessions).
pub fn security_purpose(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(split_camel)
        .any(|w| {
            matches!(
                w.as_str(),
                "token"
                    | "tokens"
                    | "secret"
                    | "password"
                    | "passwd"
                    | "pwd"
                    | "key"
                    | "apikey"
                    | "session"
                    | "sessionid"
                    | "sid"
                    | "nonce"
                    | "salt"
                    | "otp"
                    | "csrf"
                    | "reset"
                    | "auth"
                    | "verification"
                    | "verify"
                    | "code2fa"
                    | "pin"
                    | "iv"
                    | "uuid"
                    | "guid"
                    | "cookie"
                    | "jwt"
                    | "signature"
                    | "passphrase"
                    | "credential"
                    | "credentials"
                    | "invite"
                    | "invitation"
                    | "activation"
            )
        })
}

/// `sessionToken` / `session_token` -> `session`, `token`.
pub fn split_camel(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in w.split('_') {
        let mut cur = String::new();
        for c in part.chars() {
            if c.is_ascii_uppercase()
                && !cur.is_empty()
                && !cur.ends_with(|x: char| x.is_ascii_uppercase())
            {
                out.push(cur.to_ascii_lowercase());
                cur = String::new();
            }
            cur.push(c);
        }
        if !cur.is_empty() {
            out.push(cur.to_ascii_lowercase());
        }
    }
    out
}

/// Does a field or variable name name a secret (`apiKey`, `db_password`, `authToken`)?
pub fn secret_word(n: &str) -> bool {
    secret_name(n) || n.eq_ignore_ascii_case("apiKey")
}

/// A name one of whose words is a secret's (`db_password`, `authToken`, `api_key`).
fn secret_name(n: &str) -> bool {
    split_camel(n).iter().any(|p| {
        matches!(
            p.as_str(),
            "password"
                | "passwd"
                | "pwd"
                | "secret"
                | "token"
                | "apikey"
                | "passphrase"
                | "credentials"
                | "credential"
                | "authorization"
        )
    }) || n.eq_ignore_ascii_case("api_key")
        || n.to_ascii_lowercase().contains("password")
}

/// Identifiers in an expression's code (not in its string literals) that name a secret.
pub fn names_secret(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    // Parts that only test the value (`token ? "set" : "missing"`, `key === undefined`,
    // `!secret`, `secret.length`) do not write it.
    let mut tested: Vec<crate::ir::Span> = Vec::new();
    e.walk(&mut |x| match &x.kind {
        ExprKind::Cond(c, _, _) => tested.push(c.span),
        ExprKind::Compare(..) | ExprKind::Unary(crate::ir::UnOp::Not, _) => tested.push(x.span),
        ExprKind::Attr(_, a) if a == "length" => tested.push(x.span),
        ExprKind::Call(c) if matches!(c.callee.as_name(), Some("Boolean" | "bool" | "len")) => {
            tested.push(x.span)
        }
        // A few characters of it, as masked secrets are shown (`token[-4:]`,
        // `token.slice(-4)`): not the credential.
        ExprKind::Slice(_) => tested.push(x.span),
        ExprKind::Call(c)
            if matches!(&c.callee.kind, ExprKind::Attr(_, m) if m == "slice")
                && c.args.len() == 1
                && matches!(c.arg(0).map(|a| &a.kind), Some(ExprKind::Unary(_, n))
                    if matches!(n.kind, ExprKind::Num(k) if k <= 6.0)) =>
        {
            tested.push(x.span)
        }
        _ => {}
    });
    let mut found = false;
    e.walk(&mut |x| {
        if found
            || tested
                .iter()
                .any(|t| t.start <= x.span.start && x.span.end <= t.end)
        {
            return;
        }
        let name = match &x.kind {
            ExprKind::Name(n) => Some(n.as_str()),
            ExprKind::Attr(_, a) => Some(a.as_str()),
            ExprKind::Index(_, k) => k.as_str(),
            _ => None,
        };
        if let Some(n) = name {
            found = secret_name(n);
            let _ = cx;
        }
    });
    found
}

/// `db.query(`... ${x}`)` -> `db.query("... $1", [x])` (pg) or `?` (mysql, sqlite) when
/// the driver is known from the imports and exactly one value is spliced in.
pub fn js_sql_fix(cx: &Cx<'_, '_>, query: &Expr) -> Option<Fix> {
    let ph = if cx.imports("pg") || cx.imports("postgres") || cx.imports("pg-promise") {
        "$1"
    } else if [
        "mysql",
        "mysql2",
        "sqlite3",
        "better-sqlite3",
        "mysql2/promise",
    ]
    .iter()
    .any(|m| cx.imports(m))
    {
        "?"
    } else {
        return None;
    };
    let one = one_value(query)?;
    let (before, after) = unquote(&one.before, &one.after);
    if before.contains(ph) || after.contains(ph) || before.contains('?') || after.contains('?') {
        return None;
    }
    let value = cx.text(one.value.span);
    if value.contains('\n') {
        return None;
    }
    Some(replace(
        query.span,
        format!("{}, [{value}]", quoted(&format!("{before}{ph}{after}"))),
        "pass the value as a query parameter",
    ))
}

/// The words of an identifier: `update_password`, `passwordExpireMax` and
/// `X-Api-Key` split into lower-case words.
pub fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// Words that turn a credential name into the name of a setting about credentials
/// (`update_password == "always"`, `password_expire_max`, `token_type`): the value
/// is a policy or a label, not the secret.
const SETTING_WORDS: &[&str] = &[
    "update",
    "updated",
    "change",
    "changed",
    "expire",
    "expires",
    "expiry",
    "expiration",
    "max",
    "min",
    "length",
    "len",
    "policy",
    "prompt",
    "field",
    "fields",
    "required",
    "require",
    "enabled",
    "enable",
    "mode",
    "age",
    "hint",
    "label",
    "type",
    "name",
    "count",
    "rule",
    "rules",
    "reset",
    "show",
    "hide",
    "store",
    "file",
    "path",
    "url",
    "header",
    "strength",
    "complexity",
    "history",
    "format",
    "placeholder",
    "regex",
    "pattern",
    "option",
    "options",
    "flag",
    "lifetime",
    "ttl",
    "method",
    "kind",
    "source",
    "lock",
    "locked",
    "encrypted",
    "encryption",
    "id",
    "endpoint",
    "location",
    "prefix",
    "suffix",
    "version",
    "status",
    "state",
    "set",
    "exists",
    "provided",
    "mask",
];

/// Does a credential-looking name actually name a setting about the credential?
pub fn names_a_setting(name: &str) -> bool {
    name_words(name)
        .iter()
        .any(|w| SETTING_WORDS.contains(&w.as_str()))
}

/// Visit every expression of a statement and of the statements nested in it (not into
/// nested functions): what a rule reads when it asks whether a function ever calls
/// something (a hardening setter, a flag setter).
pub fn walk_stmt_exprs<'a>(s: &'a crate::ir::Stmt, f: &mut dyn FnMut(&'a Expr)) {
    use crate::ir::StmtKind;
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) | StmtKind::Raise(Some(e)) => e.walk(f),
        StmtKind::Assign { value, .. } | StmtKind::AugAssign { value, .. } => value.walk(f),
        StmtKind::If { cond, then, els } => {
            cond.walk(f);
            then.iter().chain(els).for_each(|s| walk_stmt_exprs(s, f));
        }
        StmtKind::Block(b) => b.iter().for_each(|s| walk_stmt_exprs(s, f)),
        StmtKind::Try {
            body,
            handlers,
            finally,
        } => {
            body.iter()
                .chain(finally)
                .for_each(|s| walk_stmt_exprs(s, f));
            for h in handlers {
                h.body.iter().for_each(|s| walk_stmt_exprs(s, f));
            }
        }
        StmtKind::While { cond, body } => {
            cond.walk(f);
            body.iter().for_each(|s| walk_stmt_exprs(s, f));
        }
        StmtKind::For { iter, body, .. } => {
            iter.walk(f);
            body.iter().for_each(|s| walk_stmt_exprs(s, f));
        }
        StmtKind::With { items, body } => {
            items.iter().for_each(|(e, _)| e.walk(f));
            body.iter().for_each(|s| walk_stmt_exprs(s, f));
        }
        StmtKind::Switch { subject, cases } => {
            subject.walk(f);
            for (vals, b) in cases {
                vals.iter().for_each(|v| v.walk(f));
                b.iter().for_each(|s| walk_stmt_exprs(s, f));
            }
        }
        _ => {}
    }
}

/// `a == b` with one of `ops` where an operand is read by a secret-like name (a variable
/// without its `$`/`@` sigil, a field, a constant key) and neither operand is a literal or
/// `nil` (a check for emptiness or a kind reveals nothing): a secret compared in variable
/// time. The Go, PHP and Ruby timing rules share it; they differ only in their operators.
pub fn secret_compared_in_variable_time(site: &CompareSite<'_>, ops: &[CmpOp]) -> bool {
    fn literal(e: &Expr) -> bool {
        matches!(
            e.kind,
            ExprKind::Str(_) | ExprKind::Num(_) | ExprKind::Bool(_) | ExprKind::Null
        ) || e.as_name() == Some("nil")
    }
    fn operand_name(e: &Expr) -> Option<&str> {
        match &e.kind {
            ExprKind::Name(n) => Some(n.trim_start_matches(['$', '@'])),
            ExprKind::Attr(_, a) => Some(a),
            ExprKind::Index(_, k) => k.as_str(),
            _ => None,
        }
    }
    ops.contains(&site.op)
        && !literal(site.left)
        && !literal(site.right)
        && [site.left, site.right]
            .iter()
            .any(|o| operand_name(o).is_some_and(secret_like_name))
}

/// A variable or field name that holds a secret compared against input: tokens,
/// signatures, digests, HMACs, API keys, passwords (not their types, names, lengths or
/// settings).
pub fn secret_like_name(name: &str) -> bool {
    if names_a_setting(name) {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    if [
        "type",
        "name",
        "length",
        "count",
        "header",
        "url",
        "expir",
        "algorithm",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return false;
    }
    [
        "token",
        "signature",
        "digest",
        "hmac",
        "secret",
        "apikey",
        "api_key",
        "password",
        "passwd",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || lower == "sig"
        || lower.ends_with("_sig")
        || lower.ends_with("sig") && lower.len() <= 8
        || lower.ends_with("mac")
}

/// Is the value made at `span` for a secret (token, key, session id, password, code)?
/// Read from the name it is assigned to, the enclosing function's name and its class's
/// name (`ResetToken.generate`, a `new Random()` field of `SessionIdGenerator`).
pub fn made_for_a_secret(cx: &Cx<'_, '_>, span: crate::ir::Span) -> bool {
    let mut ctx = use_context(cx, span);
    let f = &cx.module().funcs[cx.func()];
    ctx.push(' ');
    ctx.push_str(&f.name);
    // (a field initialiser runs outside any method: the innermost class around it)
    let class = f.class.as_deref().or_else(|| {
        cx.module()
            .classes
            .iter()
            .filter(|c| c.span.start <= span.start && span.end <= c.span.end)
            .min_by_key(|c| c.span.end - c.span.start)
            .map(|c| c.name.as_str())
    });
    if let Some(class) = class {
        ctx.push(' ');
        ctx.push_str(class);
    }
    security_purpose(&ctx)
}

/// Does the hashed expression, or the function hashing it, mention a password?
pub fn hashes_a_password(cx: &Cx<'_, '_>, data: Option<&Expr>) -> bool {
    use crate::rules::python::mentions_password;
    let text = data.map(|e| cx.text(e.span)).unwrap_or("");
    let func = &cx.module().funcs[cx.func()].name;
    mentions_password(text)
        || mentions_password(func)
        // `data := []byte(user.Password)` then `md5.Sum(data)`: the local holds one.
        || data.and_then(|e| e.as_name()).is_some_and(|n| {
            assigned_in_scope(cx, n, |v| mentions_password(cx.text(v.span)))
        })
}

/// Where to report a finding about a whole function: its name, else the function.
pub fn func_name_span(f: &crate::ir::Func) -> crate::ir::Span {
    if f.name_span != crate::ir::Span::default() {
        f.name_span
    } else {
        f.span
    }
}

/// Is `e` a whole request body (the text of one of `bodies`), directly, through one
/// serialising call (`JSON.stringify(req.body)`, `json.dumps(data)`), or through a local
/// variable of the enclosing function assigned from one (`data = request.get_json()`)?
pub fn logs_whole_body(cx: &Cx<'_, '_>, e: &crate::ir::Expr, bodies: &[&str]) -> bool {
    use crate::ir::ExprKind;
    let mut e = e;
    if let ExprKind::Call(c) = &e.kind
        && matches!(
            cx.text(c.callee.span),
            "JSON.stringify" | "json.dumps" | "str" | "repr" | "util.inspect" | "dict"
        )
        && let Some(a) = c.args.first()
    {
        e = &a.value;
    }
    let text = cx.text(e.span);
    let is_body = |t: &str| {
        let t = t.trim().trim_end_matches(';').trim();
        let t = t.strip_prefix("await ").unwrap_or(t);
        bodies.contains(&t)
    };
    if is_body(text) {
        return true;
    }
    let ExprKind::Name(name) = &e.kind else {
        return false;
    };
    let f = &cx.module().funcs[cx.func()];
    let src = cx.whole_text();
    let (start, end) = (
        f.span.start as usize,
        (e.span.start as usize).min(src.len()),
    );
    if start >= end || !src.is_char_boundary(start) || !src.is_char_boundary(end) {
        return false;
    }
    src[start..end].lines().any(|line| {
        let l = line.trim();
        let l = ["const ", "let ", "var "]
            .iter()
            .find_map(|k| l.strip_prefix(k))
            .unwrap_or(l);
        l.split_once('=').is_some_and(|(lhs, rhs)| {
            lhs.trim() == name.as_str() && !rhs.starts_with('=') && is_body(rhs)
        })
    })
}

/// The right-hand side text of the last assignment to `name` in the enclosing function
/// before `before` (`const expected = "sha256=" + createHmac(..)..` -> its right side).
pub fn assigned_text<'a>(cx: &Cx<'_, 'a>, name: &str, before: crate::ir::Span) -> Option<&'a str> {
    let f = &cx.module().funcs[cx.func()];
    let src: &'a str = cx.whole_text();
    let (start, end) = (
        f.span.start as usize,
        (before.start as usize).min(src.len()),
    );
    if start >= end || !src.is_char_boundary(start) || !src.is_char_boundary(end) {
        return None;
    }
    src[start..end].lines().rev().find_map(|line| {
        let l = line.trim();
        let l = ["const ", "let ", "var "]
            .iter()
            .find_map(|k| l.strip_prefix(k))
            .unwrap_or(l);
        let (lhs, rhs) = l.split_once('=')?;
        let lhs = lhs.trim();
        let lhs = lhs.split(':').next().unwrap_or(lhs).trim();
        (lhs == name && !rhs.starts_with('=')).then_some(rhs)
    })
}

/// The value `name` is assigned in the current function's top-level statements (or,
/// failing that, at module level), when it is assigned exactly once there: where a
/// rule needs the expression behind a variable (`h := md5.New()`, `key := []byte("s")`).
pub fn single_def<'m>(cx: &crate::check::Cx<'_, 'm>, name: &str) -> Option<&'m crate::ir::Expr> {
    use crate::ir::{Pattern, StmtKind};
    let module = cx.module();
    let decl = |body: &'m [crate::ir::Stmt]| {
        let mut found = body.iter().filter_map(|s| match &s.kind {
            StmtKind::Assign {
                target: Pattern::Name(n, _),
                value,
            } if n == name => Some(value),
            _ => None,
        });
        match (found.next(), found.next()) {
            (Some(v), None) => Some(v),
            _ => None,
        }
    };
    decl(&module.funcs.get(cx.func())?.body).or_else(|| decl(&module.funcs.first()?.body))
}

/// Java: the receiver of a method call is a variable, parameter or field the file
/// declares with one of `types` (`RestTemplate rest`, `private final RestOperations
/// client;`), by the declaration's text (locals keep no type in the IR).
pub fn java_receiver_declared(cx: &Cx<'_, '_>, site: &CallSite<'_>, types: &[&str]) -> bool {
    let crate::ir::ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    let Some(name) = recv.as_name() else {
        return false;
    };
    let text = cx.whole_text();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    types.iter().any(|t| {
        text.match_indices(t).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let rest = &text[i + t.len()..];
            let after_ws = rest.trim_start();
            before.is_none_or(|c| !ident(c))
                && rest.len() != after_ws.len()
                && after_ws.starts_with(name)
                && !after_ws[name.len()..].starts_with(ident)
        })
    })
}

/// Java: the types the file declares the receiver variable of this call with, by the
/// declaration's text (`MD5 md5 = ..`, a parameter `Signature sig`, a field `private
/// final JdbcTemplate jdbc;`; generics drop their arguments, `var x = new T()` gives `T`).
/// Only capitalised names count as types (so `return md5;` and prose in comments say
/// nothing); `None` when the receiver is not a plain variable or its type is never
/// written down (a `var` without a constructor, a name the file does not declare).
pub fn java_receiver_types<'t>(cx: &Cx<'_, 't>, site: &CallSite<'_>) -> Option<Vec<&'t str>> {
    let crate::ir::ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return None;
    };
    let name = match &recv.kind {
        crate::ir::ExprKind::Name(n) => n.as_str(),
        crate::ir::ExprKind::Attr(this, n) if this.as_name() == Some("this") => n.as_str(),
        _ => return None,
    };
    let text = cx.whole_text();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut types = Vec::new();
    for (i, _) in text.match_indices(name) {
        let after = &text[i + name.len()..];
        if text[..i].ends_with(ident) || after.starts_with(ident) {
            continue;
        }
        // A declaration: the name is followed by `=`, `;`, `,`, `)` or `:` (a for-each).
        let next = after.trim_start().chars().next();
        if !matches!(next, Some('=' | ';' | ',' | ')' | ':'))
            || after.trim_start().starts_with("==")
        {
            continue;
        }
        let mut head = text[..i].trim_end_matches([' ', '\t', '\n', '\r']);
        if head.len() == text[..i].len() {
            continue;
        }
        // `List<Row> rows`: the raw type; `byte[] b`: no methods worth a type.
        if head.ends_with('>') {
            let mut depth = 0usize;
            let mut cut = None;
            for (j, c) in head.char_indices().rev() {
                match c {
                    '>' => depth += 1,
                    '<' => {
                        depth -= 1;
                        if depth == 0 {
                            cut = Some(j);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            head = &head[..cut?];
        }
        let start = head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| ident(c) || c == '.')
            .last()
            .map_or(head.len(), |(j, _)| j);
        let ty = head[start..].rsplit('.').next().unwrap_or("");
        if ty == "var" {
            if let Some(t) = single_def(cx, name).and_then(|e| e.as_call())
                && t.is_new
                && let Some(c) = t.callee.last_name()
            {
                types.push(c);
                continue;
            }
            return None;
        }
        if ty.starts_with(|c: char| c.is_ascii_uppercase()) && !types.contains(&ty) {
            types.push(ty);
        }
    }
    (!types.is_empty()).then_some(types)
}

/// `e` itself, or for a bare name the expression it is assigned once (see
/// [`single_def`]); `None` for a name assigned elsewhere or more than once.
pub fn inline_or_single_def<'a, 'm: 'a>(
    cx: &crate::check::Cx<'_, 'm>,
    e: &'a crate::ir::Expr,
) -> Option<&'a crate::ir::Expr> {
    match e.as_name() {
        Some(n) => single_def(cx, n),
        None => Some(e),
    }
}

/// Whether a JWT algorithm value (one name or a list of them) allows `none`: a token
/// with no signature at all.
pub fn names_alg_none(v: &Val) -> bool {
    let none = |x: &Val| {
        x.const_str()
            .is_some_and(|s| s.eq_ignore_ascii_case("none"))
    };
    match &v.shape {
        Shape::Seq(items) => items.iter().any(none),
        _ => none(v),
    }
}

/// Whether `site` is an `==`/`!=` whose sides are both worth a timing question: neither
/// a constant, and not both values this program made itself.
pub fn compares_two_unknowns(site: &CompareSite<'_>) -> bool {
    matches!(site.op, CmpOp::Eq | CmpOp::NotEq)
        && !site.lval.is_const()
        && !site.rval.is_const()
        && (!site.lval.is_trusted() || !site.rval.is_trusted())
}

/// Is the call a method of a Tornado `RequestHandler` (`self.write(...)`,
/// `self.redirect(...)` in a handler class)?
pub fn on_tornado_handler(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    match site.recv.map(|r| &r.shape) {
        Some(Shape::Obj(crate::flow::value::ObjKind::Instance(cls))) => {
            cx.imports("tornado") && crate::flow::tornado_class(cx.module(), cls)
        }
        _ => false,
    }
}

/// Whether some value assigned to the local `name`, in the current function or one
/// enclosing it (a closure reads its parents' variables), satisfies `pred`.
pub fn assigned_in_scope(cx: &Cx<'_, '_>, name: &str, mut pred: impl FnMut(&Expr) -> bool) -> bool {
    let module = cx.module();
    let mut f = Some(cx.func());
    while let Some(id) = f {
        let func = &module.funcs[id];
        let mut found = false;
        crate::ir::find_assignments(&func.body, name, &mut |v| {
            found = found || pred(v);
        });
        if found {
            return true;
        }
        f = func.parent;
    }
    false
}

/// Whether an expression names a password, secret, API key or token (a name, an
/// attribute, a constant subscript or the key of a getter call), not a hash of one or a
/// setting about one.
pub fn credential_name(e: &crate::ir::Expr) -> bool {
    let n = match &e.kind {
        ExprKind::Name(n) => n.as_str(),
        ExprKind::Attr(_, a) => a.as_str(),
        ExprKind::Index(_, k) => k.as_str().unwrap_or(""),
        ExprKind::Call(c) => c.arg(0).and_then(|a| a.as_str()).unwrap_or(""),
        _ => "",
    };
    let n = n.to_ascii_lowercase();
    (n.contains("password")
        || n.contains("passwd")
        || n == "pwd"
        || n.contains("secret")
        || n.contains("api_key")
        || n.ends_with("token"))
        && !n.contains("hash")
        && !n.contains("confirm")
        && !names_a_setting(&n)
}

/// `<password>`, `{{ secret }}`, `${PASSWORD}`, `****`: a template, not a credential.
pub fn credential_placeholder(s: &str) -> bool {
    s.starts_with('<') && s.ends_with('>')
        || s.contains("{{")
        || s.starts_with("${")
        || s.chars().all(|c| c == '*' || c == 'x' || c == 'X')
}

/// A credential written into the code: a string constant of three or more characters
/// that is not a placeholder.
pub fn credential_literal(e: &Expr) -> bool {
    e.as_str().is_some_and(credential_text)
}

/// A value the code holds as a constant that reads as a credential (the same test as
/// `credential_literal`, on the evaluated value: `password == ADMIN_PASSWORD` through a
/// constant or a variable assigned once).
pub fn credential_constant(v: &Val) -> bool {
    v.is_const() && v.const_str().is_some_and(credential_text)
}

/// A word a credential variable is compared with that states a kind or a missing value,
/// not a secret (`token === "undefined"`, `digest === "hex"`, `scheme === "Bearer"`).
pub fn sentinel_word(s: &str) -> bool {
    [
        "null",
        "undefined",
        "true",
        "false",
        "none",
        "bearer",
        "basic",
        "hex",
        "base64",
        "base64url",
        "utf8",
        "utf-8",
        "invalid",
        "expired",
        "revoked",
        "missing",
    ]
    .iter()
    .any(|w| s.eq_ignore_ascii_case(w))
}

/// Text long enough to be a credential and not a placeholder.
fn credential_text(s: &str) -> bool {
    s.len() >= 3 && !credential_placeholder(s)
}

/// A name that says what it holds is about a credential, not the credential itself
/// (`secretFileName`, `passwordField`, `tokenType`): a getter, a constant key or the
/// name itself.
pub fn about_a_credential(e: &Expr) -> bool {
    let n = match &e.kind {
        ExprKind::Call(c) if c.args.is_empty() => c.callee.last_name(),
        ExprKind::Call(c) => c.arg(0).and_then(|a| a.as_str()),
        ExprKind::Index(_, k) => k.as_str(),
        _ => e.last_name(),
    };
    n.is_some_and(|n| {
        let n = n.to_ascii_lowercase();
        [
            "name", "file", "path", "url", "type", "field", "length", "policy",
        ]
        .iter()
        .any(|w| n.contains(w))
    })
}

/// An expression read from a constant or class of the program (`User.canonical_url`,
/// `Settings::HOST`, `Admin::User.active`): a value the application chose, or a
/// receiver chain that starts at a class (Ruby models).
pub fn from_constant(e: &Expr) -> bool {
    let mut cur = e;
    loop {
        match &cur.kind {
            ExprKind::Name(n) => return n.starts_with(|c: char| c.is_ascii_uppercase()),
            ExprKind::Attr(b, _) => cur = b,
            ExprKind::Call(c) => match &c.callee.kind {
                ExprKind::Attr(b, _) => cur = b,
                _ => return false,
            },
            _ => return false,
        }
    }
}
