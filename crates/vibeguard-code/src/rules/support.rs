//! Helpers several rules share: recognising SQL text, building the parameterised-query
//! fix, and reading names that say a value is a secret.

use crate::check::{CallSite, Cx, replace};
use crate::flow::value::Val;
use crate::ir::{BinOp, Expr, ExprKind, TemplatePart};
use vibeguard_core::Fix;

const SQL_WORDS: &[&str] = &[
    "select ", "insert ", "update ", "delete ", "drop ", "alter ", " where ", "create ",
    "replace ", "truncate ", " from ", "exec ", "merge ", " values", " set ", "order by",
    "union ",
];

/// Does a value's known text look like SQL?
pub fn looks_like_sql(v: &Val) -> bool {
    let text = v.const_str().or(v.prefix.as_deref()).unwrap_or("");
    is_sql_text(text)
}

pub fn is_sql_text(text: &str) -> bool {
    let lower = format!(" {} ", text.to_ascii_lowercase().replace(['\n', '\t', '('], " "));
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
    for m in ["psycopg2", "psycopg", "pymysql", "MySQLdb", "mysql.connector", "pgdb", "mysql"] {
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
    if before.contains(ph) || after.contains(ph) || (ph == "%s" && (before.contains('%') || after.contains('%'))) {
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

/// Names that say a value is a secret or a credential.
pub fn secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "private_key",
        "credential", "signature", "hmac", "session_key", "auth_key", "access_key",
    ]
    .iter()
    .any(|w| n.contains(w))
}
